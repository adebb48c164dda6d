"""Given careless or hostile input, every command answers in one line that names the file,
line or option and what to do, with the usual exit code; never a traceback."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT

from pipeline.build.plan import plan
from pipeline.build.run import build
from pipeline.cli import main
from pipeline.spec.load import load_specs

TESTS = Path(__file__).resolve().parent.parent


def cli(*args, cwd: Path, stdin: bytes | None = None):
    return subprocess.run([sys.executable, str(TESTS / "note_cli.py"), *args], cwd=cwd,
                          input=stdin, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(TESTS)})


def errors(result) -> str:
    text = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    return text


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\ufffe"])
def test_a_control_character_in_yaml_is_named_and_other_files_still_reported(project, char):
    project.write("specs/notes/a.yaml", f'kind: note\nid: a\ntext: "Xin{char}chào"\n'
                                       "sizes: [social-1080x1080]\n")
    project.write("specs/notes/b.yaml", "kind: note\nid: b\ntext: x\nsizes: [nope]\n")
    result = cli("check", "specs", cwd=project.root)
    text = errors(result)
    assert result.returncode == 2
    assert f"specs/notes/a.yaml:3:11: control character U+{ord(char):04X} is not allowed" in text
    assert "specs/notes/b.yaml:4:" in text and "unknown size 'nope'" in text


def test_tabs_a_folder_and_huge_numbers_get_their_own_messages(project):
    project.write("specs/notes/tab.yaml", "kind: note\nid: tab\ntext:\n\tvi: x\n")
    (project.specs / "notes/folder.yaml").mkdir(parents=True)
    project.write("specs/notes/big.yaml", "kind: note\nid: big\ntext: x\nsizes: ["
                                          + "9" * 5000 + "]\n")
    text = errors(cli("check", "specs", cwd=project.root))
    assert "specs/notes/tab.yaml:4:1: tabs are not allowed for indentation; use spaces" in text
    assert "specs/notes/folder.yaml: is a folder, not a spec file" in text
    assert "specs/notes/big.yaml:4:9: a number of 5,000 digits is not a plausible value" in text
    assert "set_int_max_str_digits" not in text


def test_a_bom_in_the_provinces_and_localization_csvs_is_accepted(project):
    for name in ("data/provinces.csv", "data/offices.csv"):
        path = project.root / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    project.note("hello", localize="[quang-ninh]")
    result = cli("check", "specs", cwd=project.root)
    assert result.returncode == 0, errors(result)


def test_a_control_character_in_an_office_name_is_refused_at_check(project):
    project.write("data/offices.csv", "slug,office,phone,address\n"
                                      "quang-ninh,BHXH\x1b[31m Quảng Ninh,0203,\n")
    project.note("hello")
    result = cli("check", "specs", cwd=project.root)
    assert result.returncode == 2
    assert "data/offices.csv:2:2: office: control character U+001B" in errors(result)


def test_a_csv_with_many_bad_rows_prints_twenty_problems_and_a_count(project):
    rows = "".join(f"{2000 + i},x\n" for i in range(50_000))
    project.write("data/stats.csv", "year,people\n" + rows)
    project.write("data/stats.source.yaml", "publisher: P\ntitle: T\ndate: 2024\n"
                                            "units: people\nurl: https://example.org\n")
    project.note("hello", extra="data: data/stats.csv\n")
    from pipeline.catalog.datasets import DataError, read_table

    with pytest.raises(DataError) as caught:
        read_table(project.root / "data/stats.csv", "data/stats.csv")
    lines = str(caught.value).splitlines()
    assert len(lines) == 21 and lines[-1].endswith("more problems in this file")
    assert lines[0] == "data/stats.csv:2:2: column 'people': 'x' is not a number"


@pytest.mark.parametrize("cell", ["1e308", "1e16"])
def test_an_absurd_count_in_a_data_csv_is_caught_at_load(tmp_path, cell):
    from pipeline.catalog.datasets import DataError, read_table

    path = tmp_path / "t.csv"
    path.write_text(f"year,people\n2023,{cell}\n")
    with pytest.raises(DataError, match=r"t.csv:2:2: column 'people': .* too large"):
        read_table(path, "t.csv")


def test_a_headline_that_fits_no_size_fails_at_check(project, builtin_stages):
    long = " ".join(["Bảo hiểm xã hội"] * 40)
    project.write("specs/banners/long.yaml", f'kind: banner\nid: long\ntext: "{long}"\n'
                                             "sizes: [street-5000x800]\n")
    result = CliRunner().invoke(main, ["check", str(project.specs)])
    assert result.exit_code == 2
    assert "specs/banners/long.yaml:3:7: text: street-5000x800" in result.output
    assert "legibility minimum" in result.output


def test_pull_to_a_path_below_a_file_or_unwritable_is_one_line(project, tmp_path_factory):
    project.note("hello", localize="[quang-ninh]")
    specs = load_specs(project.specs)
    build(specs, plan(specs), project.out)
    place = tmp_path_factory.mktemp("dest")
    (place / "a-file").write_text("x")
    locked = place / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    args = ["pull", "note", "--province", "quang-ninh", "--out", str(project.out), "--to"]
    below = CliRunner().invoke(main, args + [str(place / "a-file" / "sub")])
    assert below.exit_code == 1 and "a file is in the way" in below.output
    if os.geteuid() != 0:           # root writes anywhere; the check is for people
        shut = CliRunner().invoke(main, args + [str(locked)])
        assert shut.exit_code == 1 and "not writable" in shut.output


def test_pull_onto_a_full_disk_leaves_no_truncated_file(project, tmp_path_factory,
                                                        monkeypatch):
    project.note("hello", localize="[quang-ninh]")
    specs = load_specs(project.specs)
    build(specs, plan(specs), project.out)
    dest = tmp_path_factory.mktemp("full")
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:3])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("pipeline.files.fsio.os.fdopen",
                        lambda fd, mode: Full(real_fdopen(fd, mode)))
    result = CliRunner().invoke(main, ["pull", "note", "--province", "quang-ninh", "--to",
                                       str(dest), "--out", str(project.out)])
    assert result.exit_code == 1
    assert "No space left on device" in result.output and "nothing half-written" in result.output
    assert list(dest.iterdir()) == []


def test_say_refuses_binary_and_overlong_input_and_an_unwritable_target(tmp_path):
    say = ("say", "--project", str(ROOT))        # the checkout's lexicon, run from elsewhere
    binary = cli(*say, cwd=tmp_path, stdin=b"\x89PNG\r\n\x1a\n\x00\x00\xff")
    assert binary.returncode == 2 and "not UTF-8" in errors(binary)
    long = cli(*say, cwd=tmp_path, stdin=("Xin chào. " * 3000).encode())
    assert long.returncode == 2 and "at most 20,000" in errors(long)
    target = tmp_path / "no-such-folder" / "sub"
    target.parent.write_text("a file")
    unwritable = cli(*say, "Xin chào", "--to", str(target / "x.wav"), cwd=tmp_path)
    assert unwritable.returncode == 1 and "cannot write" in errors(unwritable)


def test_the_default_worker_count_is_never_refused_on_a_big_machine(project, monkeypatch):
    project.note("hello")
    monkeypatch.setattr(os, "cpu_count", lambda: 192)
    result = CliRunner().invoke(main, ["build", str(project.specs), "--out",
                                       str(project.out), "--dry-run"])
    assert result.exit_code == 0, result.output


def test_pythons_advice_on_long_numbers_never_reaches_the_user(tmp_path):
    result = cli("say", "--project", str(ROOT), "Có " + "1" * 5000 + " người", cwd=tmp_path)
    text = errors(result)
    assert result.returncode == 2
    assert "set_int_max_str_digits" not in text and "thousands of digits" in text


def test_a_control_character_made_by_a_yaml_escape_is_refused_too(project):
    project.write("specs/notes/esc.yaml", 'kind: note\nid: esc\ntext: "Xin\\x1bchào"\n'
                                          "sizes: [social-1080x1080]\n")
    result = cli("check", "specs", cwd=project.root)
    assert result.returncode == 2
    assert "specs/notes/esc.yaml:3:7: text: control character U+001B is not allowed" \
        in errors(result)
