"""Given damaged records (a torn journal, a manifest of the wrong shape, formula cells, a
tampered or rotted asset), the pipeline recovers, says so in one line, and rebuilds right."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.build.plan import plan
from pipeline.build.run import build
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.files.paths import Confinement
from pipeline.spec.load import load_specs
from pipeline.store import JOURNAL
from pipeline.store.entry import ManifestEntry
from pipeline.store.journal import Journal
from pipeline.store.manifest import Manifest
from pipeline.store.sheets import csv_bytes


def built(project, **kwargs):
    specs = load_specs(project.specs)
    return build(specs, plan(specs), project.out, prune=True, **kwargs)


def _entry(path: str, job: str) -> dict:
    return {"id": f"{job}/note", "job": job, "kind": "note", "product": "p", "role": "note",
            "variant": {"size": None, "lang": "vi", "province": "toan-quoc"}, "path": path,
            "bytes": 1, "sha256": "0" * 64, "mtime_ns": 1, "media": {}, "warnings": [],
            "inputs": {"fingerprint": "f"}, "spec": {}, "tool_versions": {},
            "built_at": "2024-05-06T00:00:00"}


def _line(job: str) -> bytes:
    record = {"job": job, "entries": [_entry(f"notes/{job}.txt", job)]}
    return (json.dumps(record) + "\n").encode()


def test_a_journal_torn_at_every_byte_of_its_last_record_recovers(tmp_path):
    first, last = _line("a"), _line("b")
    for cut in range(len(last)):
        folder = tmp_path / f"cut{cut}"
        folder.mkdir()
        (folder / JOURNAL).write_bytes(first + last[:cut])
        # replay skips the torn tail and keeps what came before (a record missing only
        # its newline is whole, and kept)
        whole = {"a", "b"} if cut == len(last) - 1 else {"a"}
        assert set(Manifest.load(folder).by_job) == whole
        # appending starts on a line of its own: the new record is read back
        journal = Journal(folder)
        journal.record("c", [ManifestEntry.from_json(_entry("notes/c.txt", "c"),
                                                     Confinement(folder))])
        journal.close()
        assert set(Manifest.load(folder).by_job) == whole | {"c"}, cut


def test_replay_skips_a_damaged_line_and_reads_on(tmp_path):
    (tmp_path / JOURNAL).write_bytes(_line("a") + b'{"job": "x", "entr\n' + b"\xff\xfe\n"
                                     + b'["not", "a record"]\n' + _line("b"))
    manifest = Manifest.load(tmp_path)
    assert set(manifest.by_job) == {"a", "b"}
    assert len(manifest.ignored) == 3 and all(JOURNAL in line for line in manifest.ignored)


@pytest.mark.parametrize("content, reason", [
    (b'{"schema": 1, "assets": {"a": 1}}', "not a manifest of this pipeline"),
    (b'[1, 2, 3]', "not a manifest of this pipeline"),
    (b'{"schema": 1, "assets": [\xff]}', "damaged (not UTF-8)"),
    (b'{"schema": 1, "assets": [', "damaged (not valid JSON)"),
])
def test_a_manifest_of_the_wrong_shape_is_one_line(tmp_path, content, reason):
    (tmp_path / "manifest.json").write_bytes(content)
    with pytest.raises(PipelineError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        Manifest.load(tmp_path)
    result = CliRunner().invoke(main, ["verify", "--out", str(tmp_path)])
    assert result.exit_code == 1 and reason in result.output
    assert "Traceback" not in result.output


def test_entries_of_the_wrong_shape_are_reported_and_ignored(tmp_path):
    good = _entry("notes/a.txt", "a")
    bad = [dict(good, bytes="12"), dict(good, path="/etc/passwd"), "text",
           dict(good, variant={"lang": 1}), dict(good, path="notes/../../x")]
    (tmp_path / "manifest.json").write_text(json.dumps({"schema": 1, "assets": [good, *bad]}))
    manifest = Manifest.load(tmp_path)
    assert list(manifest.entries) == ["notes/a.txt"]
    assert len(manifest.ignored) == 5


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x","y")', "+1+1", "@SUM(1)", "-2+3",
                                   "\tcmd", "\rcmd"])
def test_spreadsheet_cells_never_run_as_formulas(value):
    text = csv_bytes(["a", "b"], [[value, 7]]).decode("utf-8-sig")
    cell = text.split("\n")[1]
    assert cell.startswith(("'", "\"'")), cell
    assert "7" in cell and not cell.startswith(value[0])


def test_a_pulled_index_escapes_formula_cells():
    import csv
    import io

    from pipeline.handoff.pull import _index

    raw = {**_entry("notes/a.txt", "a"), "product": "=cmd|' /C calc'!A0"}
    entry = ManifestEntry.from_json(raw, Confinement(Path("out")))
    rows = list(csv.reader(io.StringIO(_index([entry]).decode("utf-8-sig"))))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"


def test_verify_reports_an_asset_replaced_by_a_link_to_identical_bytes(project, tmp_path):
    project.note("hello", localize="[quang-ninh]")
    built(project)
    asset = project.out / "notes/quang-ninh/hello_social-1080x1080_vi.txt"
    twin = tmp_path / "twin.txt"
    twin.write_bytes(asset.read_bytes())
    asset.unlink()
    asset.symlink_to(twin)
    result = CliRunner().invoke(main, ["verify", "--out", str(project.out)])
    assert result.exit_code == 1
    assert "changed: notes/quang-ninh/hello_social-1080x1080_vi.txt" in result.output
    pulled = CliRunner().invoke(main, ["pull", "note", "--province", "quang-ninh", "--to",
                                       str(tmp_path / "dest"), "--out", str(project.out)])
    assert pulled.exit_code == 1 and "refusing to hand over 1 file" in pulled.output


def test_bit_rot_is_found_by_verify_and_repaired_by_build_verify(project):
    project.note("hello", localize="[quang-ninh, da-nang]")
    built(project)
    asset = project.out / "notes/quang-ninh/hello_social-1080x1080_vi.txt"
    good = asset.read_bytes()
    stat = asset.stat()
    asset.write_bytes(good.replace(b"h", b"H", 1))            # same size
    os.utime(asset, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same date
    assert built(project).built == []                          # a plain build cannot tell
    result = CliRunner().invoke(main, ["verify", "--out", str(project.out)])
    assert result.exit_code == 1 and "campaign build --verify" in result.output
    report = built(project, verify=True)
    assert report.built == ["note/hello/social-1080x1080/vi/quang-ninh"]
    assert asset.read_bytes() == good
    assert CliRunner().invoke(main, ["verify", "--out", str(project.out)]).exit_code == 0
