"""The desk over HTTP, against the real server: who sees what, files and ranges, zips,
requests built through the same path as `campaign build --request`."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile

import httpx
import pypdfium2
import pytest
from deskkit import campaign, wait_for

QUANG_YEN = "Bảo hiểm xã hội thị xã Quảng Yên"
OPENED = {"sec-fetch-site": "none"}       # a link opened from a mail program, as browsers say


def pdf_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    return " ".join(page.get_textpage().get_text_range() for page in document)


def test_healthz_answers_and_nothing_else_does_without_a_sign_in(server):
    health = httpx.get(server.url + "/healthz")
    assert health.status_code == 200
    assert "script-src 'self'" in health.headers["content-security-policy"]
    assert health.headers["referrer-policy"] == "no-referrer"     # tokens stay in the link
    assert httpx.get(server.url + "/api/assets").status_code == 401
    assert httpx.get(server.url + "/api/assets",
                     headers={"authorization": "Bearer not-a-token"}).status_code == 401


def test_a_province_lists_its_own_and_the_nationwide_assets_only(server):
    with server.client("quang-ninh") as client:
        assets = client.get("/api/assets").json()["assets"]
        banners = client.get("/api/assets", params={"kind": "banner"}).json()["assets"]
    assert {a["province"] for a in assets} == {"quang-ninh", "toan-quoc"}
    assert {a["kind"] for a in assets} == {"banner", "radio", "clip"}
    assert {a["kind"] for a in banners} == {"banner"}
    manifest = json.loads((server.root / "output/manifest.json").read_text())
    recorded = {e["path"]: e["sha256"] for e in manifest["assets"]}
    assert all(recorded[a["path"]] == a["sha256"] for a in assets)


def test_a_file_downloads_whole_and_by_range(server):
    with server.client("quang-ninh") as client:
        mp3 = next(a for a in client.get("/api/assets").json()["assets"]
                   if a["path"].endswith(".mp3"))
        whole = client.get(mp3["url"])
        part = client.get(mp3["url"], headers={"range": "bytes=100-199"})
    assert hashlib.sha256(whole.content).hexdigest() == mp3["sha256"]
    assert part.status_code == 206
    assert part.content == whole.content[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{mp3['bytes']}"


def test_another_provinces_file_is_404_as_if_it_did_not_exist(server):
    other = "banners/da-nang/contribute-today_poster-a3_vi.pdf"
    assert (server.root / "output" / other).is_file()
    with server.client("quang-ninh") as client:
        assert client.get("/files/" + other).status_code == 404
        assert client.get("/files/banners/da-nang/no-such-file.pdf").status_code == 404
    with server.client("da-nang") as client:
        assert client.get("/files/" + other).status_code == 200


@pytest.mark.parametrize("path", [
    "/files/../manifest.json", "/files/..%2fmanifest.json", "/files/%2e%2e/manifest.json",
    "/files/banners/quang-ninh/../da-nang/contribute-today_poster-a3_vi.pdf",
    "/files/banners/quang-ninh/..%2f..%2fmanifest.json", "/files//etc/passwd",
    "/files/%2fetc%2fpasswd", "/files/manifest.json", "/files/..%5c..%5cmanifest.json",
    "/files/banners%2fda-nang%2fcontribute-today_poster-a3_vi.pdf",
    "/requests/1/files/../../desk.sqlite3", "/files/.manifest.state.json",
])
def test_path_traversal_variants_are_404(server, path):
    with server.client("quang-ninh") as client:
        response = client.get(httpx.URL(server.url + path, ))
    assert response.status_code == 404, path


def test_a_zip_of_a_kind_streams_and_its_members_verify(server):
    with server.client("quang-ninh") as client:
        listed = {a["path"]: a["sha256"]
                  for a in client.get("/api/assets", params={"kind": "banner"}).json()["assets"]}
        response = client.get("/api/zip", params={"kind": "banner"})
    assert response.status_code == 200
    assert "content-length" not in response.headers          # streamed, not staged
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        members = {name: hashlib.sha256(archive.read(name)).hexdigest()
                   for name in archive.namelist()}
    assert members == listed


def test_a_request_is_built_with_the_new_office_and_only_its_province_sees_it(server):
    with server.client("quang-ninh") as client:
        answer = client.post("/api/requests", json={
            "office": QUANG_YEN, "phone": " ", "products": ["contribute-today"],
            "sizes": ["social-1080x1080"],
            "custom_sizes": [{"width_mm": 3000, "height_mm": 700, "view_m": 12}]})
        assert answer.status_code == 202, answer.text
        request_id = answer.json()["id"]
        info = wait_for(client, request_id)
        assert info["status"] == "done", info
        assert info["progress"] == {"done": 2, "total": 2}
        pdf = next(f for f in info["files"] if f["path"].endswith("custom-3000x700-v12m_vi.pdf"))
        text = pdf_text(client.get(pdf["url"]).content)
        listed = {a["path"] for a in client.get("/api/assets").json()["assets"]}
        zipped = client.get(f"/api/requests/{request_id}/zip")
    assert QUANG_YEN.upper() in text
    assert "1900 9068" in text and "0203 000 0001" not in text     # blank phone: national
    assert pdf["path"] in listed
    assert zipped.status_code == 200
    with server.client("da-nang") as other:
        for path in (f"/api/requests/{request_id}", f"/api/requests/{request_id}/zip",
                     f"/api/requests/{request_id}/events", pdf["url"]):
            assert other.get(path).status_code == 404, path
        assert other.post(f"/api/requests/{request_id}/cancel").status_code == 404
        assert pdf["path"] not in {a["path"] for a in other.get("/api/assets").json()["assets"]}


def test_the_command_line_builds_a_request_file_to_the_same_bytes(server, tmp_path):
    with server.client("da-nang") as client:
        answer = client.post("/api/requests", json={
            "office": "Bảo hiểm xã hội quận Hải Châu", "phone": "0236 111 222",
            "address": "12 Lê Duẩn", "products": ["contribute-today"],
            "sizes": ["poster-a3"]})
        info = wait_for(client, answer.json()["id"])
    request_file = tmp_path / "request.yaml"
    request_file.write_text(info["request"], encoding="utf-8")
    campaign("build", "specs", "--request", str(request_file), "--out", str(tmp_path / "out"),
             "-j", "1", cwd=server.root)
    manifest = json.loads((tmp_path / "out/manifest.json").read_text())
    assert {e["path"]: e["sha256"] for e in manifest["assets"]} == \
        {f["path"]: f["sha256"] for f in info["files"]}


def test_an_invalid_request_is_422_with_one_message_per_field(server):
    with server.client("quang-ninh") as client:
        answer = client.post("/api/requests", json={
            "office": "Văn phòng\u0007", "phone": "gọi tôi", "products": ["contribute-todya"],
            "sizes": ["poster-a4"],
            "custom_sizes": [{"width_mm": 50000, "height_mm": 700, "view_m": 12}]})
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert errors["sizes"] == ("sizes[0]: unknown size 'poster-a4'; did you mean 'poster-a3' "
                               "or 'poster-a2'? (campaign sizes lists them)")
    assert errors["office"] == "office: control character U+0007 is not allowed"
    assert "is not a phone number" in errors["phone"]
    assert "did you mean 'contribute-today'" in errors["products"]
    assert "width 50000 mm is out of range" in errors["custom_sizes"]


def test_text_that_cannot_fit_at_the_legibility_minimum_is_refused(server):
    with server.client("quang-ninh") as client:
        answer = client.post("/api/requests", json={
            "office": "Bảo hiểm xã hội " + "rất dài " * 12, "products": ["contribute-today"],
            "custom_sizes": [{"width_mm": 600, "height_mm": 250, "view_m": 30}]})
    assert answer.status_code == 422
    assert "custom-600x250-v30m" in answer.json()["errors"]["custom_sizes"]


def test_a_cross_origin_form_post_is_403_and_a_same_origin_one_is_not(server):
    token = server.token("quang-ninh")
    with httpx.Client(base_url=server.url) as browser:
        signed_in = browser.get("/login", params={"token": token}, headers=OPENED)
        assert "httponly" in signed_in.headers["set-cookie"].lower()
        assert "samesite=strict" in signed_in.headers["set-cookie"].lower()
        form = {"office": QUANG_YEN, "products": "contribute-today", "sizes": "poster-a4"}
        for headers in ({"sec-fetch-site": "cross-site"}, {"origin": "http://evil.example"},
                        {}):
            assert browser.post("/requests", data=form, headers=headers).status_code == 403
        same = browser.post("/requests", data=form, headers={"sec-fetch-site": "same-origin",
                                                              "hx-request": "true"})
        assert same.status_code == 200
        assert "did you mean &#39;poster-a3&#39;" in same.text
        without_script = browser.post("/requests", data=form,
                                      headers={"sec-fetch-site": "same-origin"})
        assert without_script.status_code == 422
        assert 'id="error-sizes">sizes[0]: unknown size &#39;poster-a4&#39;' in \
            without_script.text


def test_a_revoked_link_signs_nobody_in(server):
    token = server.token("hanoi-test-revoke")
    with httpx.Client(base_url=server.url) as browser:
        browser.get("/login", params={"token": token}, headers=OPENED)
        assert browser.get("/").status_code == 200
        campaign("link", "--revoke", "hanoi-test-revoke", "--state", str(server.state),
                 cwd=server.root)
        assert browser.get("/").status_code == 401
        assert browser.get("/login", params={"token": token}).status_code == 401


def test_progress_streams_as_server_sent_events(server):
    with server.client("quang-ninh") as client:
        request_id = client.post("/api/requests", json={
            "office": QUANG_YEN, "products": ["contribute-today"],
            "sizes": ["poster-a3"]}).json()["id"]
        with client.stream("GET", f"/api/requests/{request_id}/events") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = [line for line in stream.iter_lines() if line.startswith(("event", "data"))]
    events = [(lines[i][7:], json.loads(lines[i + 1][6:])) for i in range(0, len(lines), 2)]
    assert events[-1] == ("end", {"status": "done"})
    assert events[-2][1]["done"] == events[-2][1]["total"] == 1


def test_a_kill_9_of_the_server_mid_build_loses_no_request(built, tmp_path):
    import signal
    import time

    from deskkit import Server, free_port

    desk = Server(built, tmp_path / "state", free_port()).start()
    many = [{"width_mm": 2000 + 100 * i, "height_mm": 600, "view_m": 10} for i in range(3)]
    with desk.client("quang-ninh") as client:
        first = client.post("/api/requests", json={
            "office": QUANG_YEN, "products": ["contribute-today"], "custom_sizes": many})
        second = client.post("/api/requests", json={
            "office": QUANG_YEN, "products": ["contribute-today"], "sizes": ["poster-a3"]})
        ids = [first.json()["id"], second.json()["id"]]
        deadline = time.monotonic() + 30
        while client.get(f"/api/requests/{ids[0]}").json()["status"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.05)
    desk.stop(signal.SIGKILL)
    desk.start()
    try:
        with desk.client("quang-ninh") as client:
            finished = [wait_for(client, request_id, 120) for request_id in ids]
    finally:
        desk.stop()
    assert [info["status"] for info in finished] == ["done", "done"]
    assert len(finished[0]["files"]) == 3 * 3        # pdf, preview, thumb a size
