"""The desk in a real browser (Debian's chromium, driven by Playwright): sign in by link,
thumbnails, playing and seeking, a zip, the request form with live progress, and the
screenshot docs/desk.md shows."""
from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from deskkit import Server, free_port
from test_desk_http import QUANG_YEN, pdf_text

DOCS_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "desk.png"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("the browser tests need Debian's chromium: `make test` installs it "
                    "(apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": chromium, "headless": True,
            "args": ["--autoplay-policy=no-user-gesture-required", "--mute-audio"]}


@pytest.fixture(scope="module")
def desk(built):
    """A desk of its own, so the page shows only what these tests did."""
    port = free_port()
    running = Server(built, built / f"browser-state-{port}", port).start()
    yield running
    running.stop()


@pytest.fixture
def signed_in(desk, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{desk.url}/login?token={desk.token('quang-ninh')}")
    page.wait_for_url(f"{desk.url}/")
    return page


def test_a_link_signs_in_and_every_thumbnail_loads(signed_in):
    page = signed_in
    assert "Tỉnh Quảng Ninh" in page.locator("header").inner_text()
    thumbs = page.locator("img.thumb")
    assert thumbs.count() >= 3
    page.wait_for_function("() => [...document.querySelectorAll('img.thumb')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")
    assert page.locator("text=da-nang").count() == 0


@pytest.mark.parametrize("tag", ["audio", "video"])
def test_an_mp3_and_an_mp4_play_and_seek(signed_in, tag):
    page = signed_in
    player = page.locator(tag).first
    player.scroll_into_view_if_needed()
    player.evaluate("el => { el.muted = true; return el.play(); }")
    page.wait_for_function(f"() => document.querySelector('{tag}').currentTime > 0.3",
                           timeout=15000)
    duration = player.evaluate("el => el.duration")
    target = round(duration * 0.6, 2)
    player.evaluate(f"""el => new Promise(done => {{
        el.pause(); el.addEventListener('seeked', done, {{once: true}});
        el.currentTime = {target}; }})""")
    assert abs(player.evaluate("el => el.currentTime") - target) < 0.2


def test_a_zip_of_a_kind_downloads_and_its_members_verify(signed_in):
    page = signed_in
    with page.expect_download() as download:
        page.locator("#kind-banner a.zip").click()
    listed = page.request.get(page.url.rstrip("/") + "/api/assets?kind=banner")
    expected = {a["path"]: a["sha256"] for a in listed.json()["assets"]}
    with zipfile.ZipFile(download.value.path()) as archive:
        members = {n: hashlib.sha256(archive.read(n)).hexdigest() for n in archive.namelist()}
    assert members == expected


def test_an_unknown_size_shows_did_you_mean_beside_the_field(signed_in):
    page = signed_in
    errors = []            # the page's own scripts stay within its Content-Security-Policy
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.reload()
    page.fill("#office", QUANG_YEN)
    page.check("input[name=products][value=contribute-today]")
    page.fill("#sizes", "poster-a4")
    page.click("#submit-request")
    message = page.locator("#error-sizes")
    message.wait_for()
    assert "did you mean 'poster-a3'" in message.inner_text()
    # beside the field: the message follows the size field's label directly
    assert page.locator("label:has(#sizes) + datalist + #error-sizes").count() == 1
    assert errors == []


def test_the_form_submits_shows_progress_and_the_banner_carries_the_new_office(desk,
                                                                              signed_in):
    page = signed_in
    page.fill("#office", QUANG_YEN)
    page.check("input[name=products][value=contribute-today]")
    page.fill("#sizes", "poster-a3")
    page.locator("input[name=custom_width_mm]").first.fill("2500")
    page.locator("input[name=custom_height_mm]").first.fill("700")
    page.locator("input[name=custom_view_m]").first.fill("10")
    page.click("#submit-request")
    row = page.locator("li.request").first
    row.locator("progress").wait_for()
    page.locator("li.request.done").first.wait_for(timeout=60000)
    done = page.locator("li.request.done").first
    assert done.locator(".count").inner_text() == "2/2"
    link = done.locator("a.download", has_text=re.compile("PDF")).first
    pdf = page.request.get(desk.url + link.get_attribute("href"))
    assert QUANG_YEN.upper() in pdf_text(pdf.body())
    assert done.locator("img.thumb").count() == 2
    page.wait_for_function("() => [...document.querySelectorAll('li.request.done img.thumb')]"
                           ".every(img => img.complete && img.naturalWidth > 0)")
    page.screenshot(path=str(DOCS_SCREENSHOT), full_page=True)


def test_a_take_uploads_and_the_remastered_spot_appears(signed_in, spoken_take):
    page = signed_in
    form = page.locator("#takes-short-spot")
    assert form.locator("a", has_text="Kịch bản").count() == 1       # the script to read
    form.locator("input[type=file]").set_input_files(str(spoken_take))
    form.locator("button").click()
    page.locator("#take-message", has_text="01-announcer.wav: đã nhận").wait_for()
    done = page.locator("li.request.done", has=page.locator("audio")).first
    done.wait_for(timeout=60000)
    player = done.locator("audio")
    player.evaluate("el => { el.muted = true; return el.play(); }")
    page.wait_for_function("() => [...document.querySelectorAll('li.request.done audio')]"
                           ".some(el => el.currentTime > 0.3)", timeout=15000)
