"""Given hostile names, manifests and folders, the pipeline writes and deletes only its own
files, inside the folder they belong to."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.build.plan import plan
from pipeline.build.run import build
from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.files.fsio import TEMP_MARK, sweep_temp_files
from pipeline.spec.load import load_specs
from pipeline.store.manifest import Manifest

TESTS = Path(__file__).resolve().parent.parent


def cli(*args, cwd: Path):
    """`campaign` in a real process, with the tests' note stage registered."""
    return subprocess.run([sys.executable, str(TESTS / "note_cli.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(TESTS)})


def built(project, **kwargs):
    specs = load_specs(project.specs)
    return build(specs, plan(specs), project.out, prune=True, **kwargs)


def test_a_province_slug_that_climbs_out_is_a_spec_error_at_its_line(project):
    project.write("data/provinces.csv", "slug,code,name,full_name,type,phone_code\n"
                                        "ha-noi,1,Hà Nội,Thành phố Hà Nội,thanh-pho,24\n"
                                        "../../../x,2,X,Tỉnh X,tinh,1\n")
    project.note("hello", localize="provinces")
    result = cli("build", "specs", "--out", "output", cwd=project.root)
    assert result.returncode == 2
    assert "data/provinces.csv:3:1: slug: '../../../x' is not a valid slug" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project.root.parent / "x").exists() and not project.out.exists()


def test_a_localization_slug_is_checked_the_same_way(project):
    project.write("data/offices.csv", "slug,office,phone,address\n../evil,X,1,\n")
    project.note("hello")
    result = cli("check", "specs", cwd=project.root)
    assert result.returncode == 2
    assert "data/offices.csv:2:1: slug: '../evil' is not a valid slug" in result.stderr


def test_a_manifest_path_out_of_the_folder_is_never_deleted_or_hashed(project):
    tmp_path = project.root
    project.note("hello")
    built(project)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    manifest_path = project.out / "manifest.json"
    data = json.loads(manifest_path.read_text())
    forged = dict(data["assets"][0], path="../victim.txt", job="note/gone/x/vi",
                  id="note/gone/x/vi/note")
    data["assets"].append(forged)
    manifest_path.write_text(json.dumps(data))
    report = built(project)                       # a full build prunes unplanned jobs
    assert victim.read_text() == "keep me"
    assert report.removed == []
    assert any("../victim.txt" in line and "ignored" in line for line in report.ignored)
    result = CliRunner().invoke(main, ["verify", "--out", str(project.out)])
    assert result.exit_code == 0, result.output
    assert "../victim.txt" in result.output and "ignored" in result.output


def test_the_sweep_removes_only_our_temp_names_in_our_folders(project):
    project.note("hello")
    built(project)
    notes = project.out / "notes/toan-quoc"
    dead = notes / f".hello.txt{TEMP_MARK}999999"         # a killed build's, pid gone
    other_tool = notes / ".draft.part-of-something"
    nested = project.out / "nested/notes"
    nested.mkdir(parents=True)
    in_flight = nested / f".x.txt{TEMP_MARK}{os.getppid()}"   # a live process's
    for path in (dead, other_tool, in_flight):
        path.write_text("x")
    assert sweep_temp_files(project.out, {"notes/toan-quoc", "nested/notes"}) == 1
    assert not dead.exists() and other_tool.exists() and in_flight.exists()
    never_listed = project.out / "elsewhere"
    never_listed.mkdir()
    (never_listed / f".y.txt{TEMP_MARK}999999").write_text("x")
    built(project)
    assert (never_listed / f".y.txt{TEMP_MARK}999999").exists()


@pytest.mark.parametrize("folder", ["/", "/proc", "/sys", "/dev", "~"])
def test_out_may_not_be_the_root_a_system_or_a_home_folder(project, folder):
    project.note("hello")
    specs = load_specs(project.specs)
    with pytest.raises(PipelineError, match="refusing to use"):
        build(specs, plan(specs), Path(os.path.expanduser(folder)))


def test_out_may_not_be_a_folder_of_other_files(project):
    project.note("hello")
    other = project.root / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"x")
    result = cli("build", "specs", "--out", "photos", cwd=project.root)
    assert result.returncode == 2
    assert "holds other files and no manifest of this pipeline" in result.stderr
    assert sorted(p.name for p in other.iterdir()) == ["holiday.jpg"]
    empty = project.root / "empty"
    empty.mkdir()
    assert cli("build", "specs", "--out", "empty", cwd=project.root).returncode == 0
    assert cli("build", "specs", "--out", "empty", cwd=project.root).returncode == 0


def test_pull_replaces_a_planted_link_and_never_writes_through_it(project, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("province")
    project.note("hello", localize="[quang-ninh]")
    built(project)
    dest = tmp_path / "gui-tinh"
    dest.mkdir()
    target = tmp_path / "precious.txt"
    target.write_text("precious")
    (dest / "hello_social-1080x1080_vi.txt").symlink_to(target)
    result = CliRunner().invoke(main, ["pull", "note", "--province", "quang-ninh",
                                       "--to", str(dest), "--out", str(project.out)])
    assert result.exit_code == 0, result.output
    assert target.read_text() == "precious"
    pulled = dest / "hello_social-1080x1080_vi.txt"
    assert not pulled.is_symlink() and pulled.read_text().startswith("hello|")
    assert "Replaced 1 file(s) already in" in result.output
    assert "hello_social-1080x1080_vi.txt" in result.output


def test_pull_into_the_output_folder_is_refused(project):
    project.note("hello", localize="[quang-ninh]")
    built(project)
    result = CliRunner().invoke(main, ["pull", "note", "--province", "quang-ninh", "--to",
                                       str(project.out / "x"), "--out", str(project.out)])
    assert result.exit_code == 1
    assert "is inside the output folder" in result.output
    assert not (project.out / "x").exists()


def test_a_data_sidecar_linked_out_of_the_project_is_refused(tmp_path):
    from pipeline.catalog.datasets import DataError, read_source

    project = tmp_path / "p"
    (project / "data").mkdir(parents=True)
    (project / "data/t.csv").write_text("year,n\n2020,1\n")
    secret = tmp_path / "secret.yaml"
    secret.write_text("publisher: SECRET\ntitle: t\ndate: 2020\nunits: n\nurl: x\n")
    (project / "data/t.source.yaml").symlink_to(secret)
    with pytest.raises(DataError) as caught:
        read_source(project / "data/t.csv", "data/t.csv")
    assert "data/t.source.yaml: points outside the project" in str(caught.value)
    assert "SECRET" not in str(caught.value)


def test_an_input_file_linked_out_of_the_project_stops_the_build(project, tmp_path_factory):
    """The one rule, applied where every input file is read (a recorded take, a data file,
    a lexicon: whatever a spec or a convention names)."""
    outside = tmp_path_factory.mktemp("elsewhere") / "outside.txt"
    outside.write_text("not ours")
    (project.root / "data").mkdir(exist_ok=True)
    (project.root / "data/take.txt").symlink_to(outside)
    project.note("hello", extra="data: data/plain.txt\n")
    project.write("data/plain.txt", "ok")
    specs = load_specs(project.specs)
    # the spec's own converter already refuses the link; a convention-found file (a take)
    # reaches the fingerprint, which refuses it too
    from pipeline.build.fingerprint import Fingerprinter
    from pipeline.stages import STAGES

    job = plan(specs)[0]
    linked = (project.root / "data/take.txt",)
    with pytest.raises(PipelineError, match="data/take.txt: points outside the project"):
        Fingerprinter(specs.root).inputs(job, STAGES["note"], linked)
    assert Manifest.load(project.out).entries == {}
