"""Given a project, when built, then files, manifest and skip decisions are right."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.build.executor import LocalExecutor
from pipeline.build.plan import Selection, plan
from pipeline.build.run import build, plan_steps
from pipeline.build.worker import perform
from pipeline.errors import PipelineError
from pipeline.files.fsio import OutputLock
from pipeline.spec.load import load_specs
from pipeline.store.manifest import Manifest

TESTS = Path(__file__).parent


EVERYTHING = Selection()


def run(project, selection=EVERYTHING, **kwargs):
    specs = load_specs(project.specs)
    return build(specs, plan(specs, selection), project.out,
                 prune=selection.is_everything, **kwargs)


def reasons(project, force=False):
    specs = load_specs(project.specs)
    steps = plan_steps(specs, plan(specs), project.out, force)
    return {s.job.id: s.reason for s in steps}


def test_build_writes_assets_and_a_sorted_manifest(project):
    project.note("hello", text="Xin chào", localize="[quang-ninh]")
    report = run(project)
    assert report.built == ["note/hello/social-1080x1080/vi/quang-ninh"]
    note = project.out / "notes/quang-ninh/hello_social-1080x1080_vi.txt"
    assert note.read_text() == ("hello|social-1080x1080|vi|Bảo hiểm xã hội tỉnh Quảng Ninh|"
                                "Xin chào\n")
    data = json.loads((project.out / "manifest.json").read_text())
    assert data["schema"] == 1 and data["campaign"] == "test-month"
    paths = [a["path"] for a in data["assets"]]
    assert paths == sorted(paths) == [
        "notes/quang-ninh/hello_social-1080x1080_vi.stamp.txt",
        "notes/quang-ninh/hello_social-1080x1080_vi.txt"]
    entry = data["assets"][1]
    assert entry["id"] == "note/hello/social-1080x1080/vi/quang-ninh/note"
    assert entry["variant"] == {"size": "social-1080x1080", "lang": "vi",
                                "province": "quang-ninh"}
    assert entry["bytes"] == note.stat().st_size
    import hashlib
    assert entry["sha256"] == hashlib.sha256(note.read_bytes()).hexdigest()
    assert entry["media"] == {"chars": 8}
    assert entry["spec"] == {"file": "specs/notes/hello.yaml", "line": 1}
    assert entry["inputs"]["renderer"] == "note@1"
    assert set(entry["tool_versions"]) == {"python", "campaign-media-pipeline", "pyyaml"}
    assert data["assets"][0]["media"] == {"chars": 8, "pid": True}
    csv_lines = (project.out / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_lines[0].startswith("path,kind,product,role,size,lang,province,bytes,sha256")
    assert csv_lines[2].startswith("notes/quang-ninh/hello_social-1080x1080_vi.txt,note,"
                                   "hello,note,social-1080x1080,vi,quang-ninh,")
    assert not (project.out / ".manifest.journal").exists()


def test_unchanged_rebuild_does_nothing_and_keeps_the_manifest_bytes(project):
    project.note("a", localize="provinces")
    run(project)
    before = (project.out / "manifest.json").read_bytes()
    report = run(project)
    assert report.built == [] and report.up_to_date == 3
    assert (project.out / "manifest.json").read_bytes() == before


def test_changing_one_product_rebuilds_only_that_product(project):
    project.note("a", localize="provinces")
    project.note("b", localize="provinces")
    run(project)
    project.note("b", text="Đổi lời", localize="provinces")
    assert {k: v for k, v in reasons(project).items() if v} == {
        f"note/b/social-1080x1080/vi/{p}": "product spec changed"
        for p in ("da-nang", "ha-noi", "quang-ninh")}
    report = run(project)
    assert sorted(report.built) == [f"note/b/social-1080x1080/vi/{p}"
                                    for p in ("da-nang", "ha-noi", "quang-ninh")]
    assert report.up_to_date == 3


def test_moving_keys_around_is_not_a_change(project):
    project.note("a")
    run(project)
    project.write("specs/notes/a.yaml", "# comment\nid: a\nkind: note\nlanguages: [vi]\n"
                  'localize: none\nsizes: [social-1080x1080]\n'
                  'text: {en: "Hello", vi: "Xin chào"}\n')
    assert run(project).built == []


def test_changing_an_input_file_rebuilds_what_used_it(project):
    data = project.write("data/extra.txt", "one\n")
    project.note("a", extra="data: data/extra.txt\n")
    project.note("b")
    run(project)
    data.write_text("two\n")
    assert reasons(project) == {
        "note/a/social-1080x1080/vi/toan-quoc": "input file changed: data/extra.txt",
        "note/b/social-1080x1080/vi/toan-quoc": None}


def test_changing_one_province_rebuilds_only_its_assets(project):
    project.note("a", localize="provinces")
    run(project)
    project.write("data/offices.csv", "slug,office,phone,address\n"
                  "quang-ninh,Bảo hiểm xã hội tỉnh Quảng Ninh,0203 9999 999,\n")
    report = run(project)
    assert report.built == ["note/a/social-1080x1080/vi/quang-ninh"]


def test_renderer_version_bump_rebuilds_its_assets(project, note_stage):
    import dataclasses

    from pipeline.stages import register

    project.note("a")
    run(project)
    register(dataclasses.replace(note_stage, version="2"))
    assert reasons(project) == {"note/a/social-1080x1080/vi/toan-quoc":
                                "renderer changed (note@1 -> note@2)"}


def test_force_rebuilds_everything(project):
    project.note("a", localize="provinces")
    run(project)
    assert run(project, force=True).built == sorted(reasons(project))


def test_output_changed_or_missing_on_disk_is_rebuilt(project):
    project.note("a", localize="provinces")
    run(project)
    (project.out / "notes/ha-noi/a_social-1080x1080_vi.txt").write_text("edited")
    (project.out / "notes/da-nang/a_social-1080x1080_vi.stamp.txt").unlink()
    got = {k: v for k, v in reasons(project).items() if v}
    assert got == {
        "note/a/social-1080x1080/vi/ha-noi":
            "output changed on disk: notes/ha-noi/a_social-1080x1080_vi.txt",
        "note/a/social-1080x1080/vi/da-nang":
            "output missing: notes/da-nang/a_social-1080x1080_vi.stamp.txt"}


def test_a_failed_asset_does_not_stop_the_others_and_is_not_listed(project):
    project.note("a", text="FAIL please")
    project.note("b")
    report = run(project)
    assert report.failed == [("note/a/social-1080x1080/vi/toan-quoc", "a: asked to fail")]
    assert report.built == ["note/b/social-1080x1080/vi/toan-quoc"]
    assert {e.product for e in Manifest.load(project.out)} == {"b"}
    assert not (project.out / "notes/toan-quoc/a_social-1080x1080_vi.txt").exists()


def test_fail_fast_stops_at_the_first_failure(project):
    project.note("a", text="FAIL please")
    project.note("b")
    report = run(project, fail_fast=True)
    assert len(report.failed) == 1 and report.built == []


def test_a_failed_rebuild_keeps_the_earlier_good_asset(project):
    project.note("a")
    run(project)
    good = (project.out / "notes/toan-quoc/a_social-1080x1080_vi.txt").read_bytes()
    project.note("a", text="FAIL now")
    assert len(run(project).failed) == 1
    assert (project.out / "notes/toan-quoc/a_social-1080x1080_vi.txt").read_bytes() == good
    assert len(list(Manifest.load(project.out))) == 2


def test_parallel_build_gives_the_same_files_as_serial(project, tmp_path):
    project.note("a", localize="provinces", languages="[vi, en]")
    project.note("b", localize="provinces", sizes="[social-1080x1080, poster-a3]")
    run(project, executor=LocalExecutor(1))
    serial = {e.path: e.sha256 for e in Manifest.load(project.out)
              if e.role == "note"}
    project.out = tmp_path / "parallel"
    report = run(project, executor=LocalExecutor(2))
    assert len(report.built) == 12
    parallel = {e.path: e.sha256 for e in Manifest.load(project.out)
                if e.role == "note"}
    assert parallel == serial
    pids = {(project.out / e.path).read_text() for e in Manifest.load(project.out)
            if e.role == "stamp"}
    assert len(pids) == 2 and str(os.getpid()) not in pids   # really two worker processes


def test_removed_products_are_pruned_on_a_full_build(project):
    project.note("a")
    project.note("b")
    run(project)
    (project.specs / "notes/b.yaml").unlink()
    report = run(project)
    assert report.removed == ["notes/toan-quoc/b_social-1080x1080_vi.stamp.txt",
                              "notes/toan-quoc/b_social-1080x1080_vi.txt"]
    assert not (project.out / "notes/toan-quoc/b_social-1080x1080_vi.txt").exists()
    assert {e.product for e in Manifest.load(project.out)} == {"a"}


def test_a_selected_build_prunes_nothing(project):
    project.note("a")
    project.note("b")
    run(project)
    report = run(project, Selection(products=("a",)), force=True)
    assert report.removed == [] and len(list(Manifest.load(project.out))) == 4


def test_a_second_build_on_the_same_output_refuses_clearly(project):
    project.note("a")
    project.out.mkdir()
    with OutputLock(project.out):
        with pytest.raises(PipelineError, match=r"another build is writing here \(pid "
                                                r"\d+, started .*\); wait for it to "
                                                r"finish, or build into another folder"):
            run(project)
    assert run(project).built   # released: the next build goes ahead


def cli(project, *args, **kwargs):
    return subprocess.run([sys.executable, str(TESTS / "note_cli.py"), *args],
                          cwd=project.root, capture_output=True, text=True, **kwargs)


def slow_project(project, count=12):
    for i in range(count):
        project.note(f"n{i:02d}", text="SLOW")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_build_keeps_every_finished_asset_and_nothing_half_done(project, sig):
    slow_project(project)
    proc = subprocess.Popen([sys.executable, str(TESTS / "note_cli.py"), "build", "-j", "2"],
                            cwd=project.root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    journal = project.out / ".manifest.journal"
    while time.monotonic() < deadline:
        if journal.exists() and journal.read_text().count("\n") >= 3:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert "Stopped. Every finished asset is kept" in err
        assert not journal.exists()     # folded into manifest.json on the way out
    manifest = Manifest.load(project.out)
    listed = {e.path for e in manifest}
    on_disk = {str(p.relative_to(project.out)) for p in project.out.rglob("*")
               if p.is_file() and p.parent != project.out}
    assert 6 <= len(listed) < 24
    finished = on_disk - {p for p in on_disk if Path(p).name.startswith(".")}
    if sig == signal.SIGINT:
        assert listed == finished
    else:
        # kill -9 cannot be deferred: the job being recorded at that instant may have its
        # files in place and no journal line yet; the rebuild renders it again.
        assert listed <= finished and len(finished - listed) <= 2
    # A rebuild finishes the rest and builds nothing twice.
    done = cli(project, "build", "-j", "2")
    assert done.returncode == 0, done.stderr
    assert f"Built {12 - len(listed) // 2}, up to date {len(listed) // 2}," in done.stdout


def test_cli_build_summary_and_exit_code_on_failure(project):
    project.note("a", text="FAIL")
    project.note("b")
    result = cli(project, "build", "-j", "1")
    assert result.returncode == 1
    assert "FAILED  note/a/social-1080x1080/vi/toan-quoc: a: asked to fail" in result.stderr
    assert result.stdout.startswith("Built 1, up to date 0, failed 1 in ")


def test_cli_dry_run_prints_the_plan_and_builds_nothing(project):
    project.note("a", localize="[ha-noi, da-nang]")
    cli(project, "build", "--province", "ha-noi")
    result = cli(project, "build", "--dry-run")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "build       note/a/social-1080x1080/vi/da-nang  (new)",
        "up to date  note/a/social-1080x1080/vi/ha-noi",
        "Plan: 1 to build, 1 up to date."]
    assert not (project.out / "notes/da-nang").exists()


def test_cli_reports_spec_problems_with_exit_code_2(project):
    project.note("a", sizes="[street-5000x80]")
    result = cli(project, "check")
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "specs/notes/a.yaml:4:9: sizes[0]: unknown size 'street-5000x80' (campaign sizes "
        "lists them)")
    project.note("a", localize="provinces")
    result = cli(project, "build", "--province", "quang-nin")
    assert result.returncode == 2
    assert "error: --province quang-nin: no spec uses it" in result.stderr


def test_verify_catches_changed_and_missing_files(project):
    project.note("a", localize="provinces")
    cli(project, "build")
    assert cli(project, "verify").stdout == "All 6 files match the manifest.\n"
    (project.out / "notes/ha-noi/a_social-1080x1080_vi.txt").write_text("tampered")
    (project.out / "notes/da-nang/a_social-1080x1080_vi.txt").unlink()
    result = cli(project, "verify")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "missing: notes/da-nang/a_social-1080x1080_vi.txt",
        "changed: notes/ha-noi/a_social-1080x1080_vi.txt",
        "2 of 6 files do not match the manifest; rebuild exactly those with `campaign build "
        "--verify --out output`."]


def test_pull_copies_a_provinces_assets_with_an_index(project, tmp_path):
    project.note("a", localize="provinces")
    project.note("b", localize="provinces")
    cli(project, "build")
    result = cli(project, "pull", "note", "--province", "quang-ninh", "--to",
                 str(tmp_path / "qn"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "qn").iterdir())
    assert names == ["a_social-1080x1080_vi.stamp.txt", "a_social-1080x1080_vi.txt",
                     "b_social-1080x1080_vi.stamp.txt", "b_social-1080x1080_vi.txt",
                     "index.csv"]
    index = (tmp_path / "qn/index.csv").read_text(encoding="utf-8-sig").splitlines()
    assert index[0] == "file,product,role,size,lang,province,bytes,sha256,media_summary"
    assert all(",quang-ninh," in row for row in index[1:]) and len(index) == 5


def test_pull_zip_is_deterministic(project, tmp_path):
    import zipfile

    project.note("a", localize="provinces")
    cli(project, "build")
    cli(project, "pull", "note", "--province", "ha-noi", "--to", str(tmp_path / "z1"), "--zip")
    cli(project, "pull", "note", "--province", "ha-noi", "--to", str(tmp_path / "z2"), "--zip")
    first = (tmp_path / "z1/note-ha-noi.zip").read_bytes()
    assert first == (tmp_path / "z2/note-ha-noi.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "z1/note-ha-noi.zip") as archive:
        assert sorted(archive.namelist()) == ["a_social-1080x1080_vi.stamp.txt",
                                              "a_social-1080x1080_vi.txt", "index.csv"]


def test_pull_refuses_a_corrupted_file(project, tmp_path):
    project.note("a", localize="provinces")
    cli(project, "build")
    (project.out / "notes/ha-noi/a_social-1080x1080_vi.txt").write_text("tampered")
    result = cli(project, "pull", "note", "--province", "ha-noi", "--to", str(tmp_path / "x"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: refusing to hand over 1 file(s) that do not match the manifest (first: "
        "notes/ha-noi/a_social-1080x1080_vi.txt); rebuild them with "
        "`campaign build --verify --province ha-noi`")
    assert not (tmp_path / "x").exists()


def test_pull_unknown_province_names_the_close_match(project, tmp_path):
    project.note("a", localize="provinces")
    cli(project, "build")
    result = cli(project, "pull", "note", "--province", "ha-noj", "--to", str(tmp_path))
    assert result.stderr.strip() == ("error: no note assets for province 'ha-noj'; did you "
                                     "mean 'ha-noi'? (campaign provinces lists the slugs)")


def test_ls_lists_and_filters_the_manifest(project):
    project.note("a", localize="provinces")
    cli(project, "build")
    result = cli(project, "ls", "--province", "da-nang", "--json")
    entries = json.loads(result.stdout)
    assert [e["path"] for e in entries] == ["notes/da-nang/a_social-1080x1080_vi.stamp.txt",
                                            "notes/da-nang/a_social-1080x1080_vi.txt"]


def test_a_no_op_build_decides_from_the_small_state_file_alone(project, monkeypatch):
    project.note("a", localize="provinces")
    run(project)
    assert (project.out / ".manifest.state.json").exists()

    def refuse(folder):
        raise AssertionError("the full manifest was read for a no-op build")

    monkeypatch.setattr(Manifest, "load", classmethod(lambda cls, folder: refuse(folder)))
    report = run(project)
    assert report.built == [] and report.up_to_date == 3


def test_a_state_that_does_not_match_the_manifest_is_not_trusted(project):
    project.note("a", localize="provinces")
    run(project)
    (project.out / "notes/ha-noi/a_social-1080x1080_vi.txt").write_text("edited")
    manifest = project.out / "manifest.json"
    manifest.write_bytes(manifest.read_bytes() + b" ")     # a newer manifest
    report = run(project)
    assert report.built == ["note/a/social-1080x1080/vi/ha-noi"]
    project.note("a", text="Đổi", localize="provinces")
    assert len(run(project).built) == 3                    # and a changed spec is seen


def test_an_output_folder_that_cannot_be_written_is_one_line(project):
    project.note("a")
    (project.root / "taken").write_text("a file, not a folder")
    result = cli(project, "build", "--out", "taken/output")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: cannot write taken/output")
    assert "Traceback" not in result.stderr


def test_the_longest_kinds_are_handed_to_the_workers_first(note_stage):
    import dataclasses
    import types

    from pipeline.build.writer import longest_first
    from pipeline.stages import register

    register(dataclasses.replace(note_stage, kind="memo", seconds=6.0))
    steps = [types.SimpleNamespace(job=types.SimpleNamespace(kind=k, id=i)) for i, k in
             enumerate(["note", "memo", "note", "memo"])]
    assert [(s.job.kind, s.job.id) for s in longest_first(steps)] == [
        ("memo", 1), ("memo", 3), ("note", 0), ("note", 2)]


def test_saving_the_manifest_takes_a_small_share_of_a_long_build(project, monkeypatch):
    import pipeline.build.writer as writer_module

    saves = []
    real = Manifest.save

    def slow_save(self, *args, **kwargs):
        saves.append(time.monotonic())
        time.sleep(0.05)                 # a big manifest: 50 ms to write
        real(self, *args, **kwargs)

    for i in range(40):
        project.note(f"n{i:02d}", text="Xin chào")
    monkeypatch.setattr(Manifest, "save", slow_save)
    monkeypatch.setattr(writer_module, "SAVE_EVERY_S", 0.0)
    monkeypatch.setattr(writer_module, "SAVE_SHARE", 20)
    slow = LocalExecutor(1, render=lambda task: (time.sleep(0.01), perform(task))[1])
    report = run(project, executor=slow)
    assert len(report.built) == 40 and not report.failed
    # Every finished job could save (SAVE_EVERY_S is 0: 41 saves), but a save that took
    # 50 ms waits 20 x 50 ms for the next; the last one comes when the build ends.
    during = saves[:-1]
    assert 1 <= len(during) < 10
    assert all(b - a >= 20 * 0.05 for a, b in zip(during, during[1:]))
    assert set(Manifest.load(project.out).by_job) == set(report.built)


@pytest.mark.parametrize("executor", ["pool", "dask"])
def test_each_request_is_made_once_in_the_build_process(project, monkeypatch, tmp_path,
                                                        executor):
    from pipeline.build.distributed import DaskExecutor

    log = tmp_path / "requests.log"
    monkeypatch.setenv("NOTE_REQUESTS", str(log))
    project.note("a", localize="provinces")
    project.note("b", sizes="[social-1080x1080, poster-a3]")
    chosen = LocalExecutor(2) if executor == "pool" else DaskExecutor(2)
    report = run(project, executor=chosen)
    assert len(report.built) == 5 and not report.failed
    made = [line.split() for line in log.read_text().splitlines()]
    assert sorted(job for _, job in made) == sorted(report.built)     # once each
    assert {pid for pid, _ in made} == {str(os.getpid())}             # here, not in a worker
