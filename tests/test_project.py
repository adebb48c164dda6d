"""The folder you work in is the project (issue 26): a campaign started with `campaign new`
in a folder outside the checkout builds with the installed command, and reads its own
lexicons, not the checkout's."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CAMPAIGN = Path(sys.executable).with_name("campaign")       # the installed command
TEXT = "Mỗi người dân một thẻ bảo hiểm y tế"
SIZE = "street-5000x1500"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CAMPAIGN_PROJECT"}
    return subprocess.run([str(CAMPAIGN), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory) -> Path:
    """A new campaign, built for one province, in a folder far from the checkout."""
    folder = tmp_path_factory.mktemp("elsewhere") / "bhyt-2025"
    made = run("new", str(folder), cwd=folder.parent)
    assert made.returncode == 0, made.stderr
    built = run("build", "-j", "1", "--province", "ha-noi", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "Built 3, up to date 0, failed 0" in built.stdout
    return folder


def test_a_new_campaign_builds_its_34_units_from_its_own_folder(campaign):
    checked = run("check", cwd=campaign / "specs" / "banners")      # found from below
    assert checked.returncode == 0, checked.stderr
    assert "34 provinces" in checked.stdout
    manifest = json.loads((campaign / "output" / "manifest.json").read_text())
    inputs = {name for entry in manifest["assets"] for name in entry["inputs"]["files"]}
    assert {"assets/lexicon/words.csv", "assets/lexicon/vi-words.txt"} <= inputs
    pdf = campaign / "output/banners/ha-noi"
    assert any(p.read_bytes().startswith(b"%PDF") for p in pdf.glob("*.pdf"))


def test_the_other_entry_point_agrees_that_nothing_changed(campaign):
    dry = subprocess.run([sys.executable, "-m", "pipeline", "build", "--province", "ha-noi",
                          "--dry-run"], cwd=campaign, capture_output=True, text=True,
                         env={k: v for k, v in os.environ.items() if k != "CAMPAIGN_PROJECT"})
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[-1] == "Plan: 0 to build, 3 up to date."


def test_a_word_added_to_the_folders_lexicon_changes_a_break_and_the_fingerprint(campaign):
    before = run("breaks", TEXT, "--size", SIZE, cwd=campaign)
    assert before.returncode == 0, before.stderr
    assert before.stdout == "MỖI NGƯỜI DÂN MỘT\nTHẺ BẢO HIỂM Y TẾ\n"   # "một thẻ": two words
    words = campaign / "assets/lexicon/words.csv"
    original = words.read_text(encoding="utf-8")
    try:
        words.write_text(original + "một thẻ,one card\n", encoding="utf-8")
        after = run("breaks", TEXT, "--size", SIZE, cwd=campaign)
        assert after.returncode == 0, after.stderr
        assert after.stdout == "MỖI NGƯỜI DÂN\nMỘT THẺ BẢO HIỂM Y TẾ\n"
        dry = run("build", "--province", "ha-noi", "--dry-run", cwd=campaign)
        assert "(input file changed: assets/lexicon/words.csv)" in dry.stdout
    finally:
        words.write_text(original, encoding="utf-8")


def test_outside_any_campaign_the_command_says_how_to_start_one(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "no campaign here" in result.stderr and "campaign new FOLDER" in result.stderr
    said = run("say", "Gọi BHYT", cwd=tmp_path)
    assert said.returncode == 2 and "--project" in said.stderr


def test_new_refuses_a_folder_that_holds_files(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    result = run("new", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "not empty" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_request_for_a_merged_province_names_the_unit_it_became(campaign, tmp_path):
    request = tmp_path / "yeu-cau.yaml"
    request.write_text('province: ha-giang\noffice: "BHXH tỉnh Hà Giang"\n'
                       "products: [join-health-insurance]\n", encoding="utf-8")
    done = run("build", "specs", "--request", str(request), "--out", str(tmp_path / "out"),
               cwd=campaign)
    assert done.returncode == 2
    assert (f"{request}:1:11: province: 'ha-giang' merged into 'tuyen-quang' on 1 July 2025 "
            "(Resolution 202/2025/QH15)") in done.stderr
    assert "did you mean" not in done.stderr and not (tmp_path / "out").exists()
