"""The quick no-op: a build asked the same question again, with nothing it read or wrote
changed since, answers from file stats without reading a spec; any change takes the
ordinary path, which then builds exactly what changed."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

import pipeline.cli.campaign
from pipeline.cli import main


@pytest.fixture
def project(project, monkeypatch):
    monkeypatch.chdir(project.root)
    project.note("a", localize="provinces")
    return project


def build(*args):
    return CliRunner().invoke(main, ["build", "-j", "1", *args])


def specs_never_read(monkeypatch):
    def refuse(specs_dir):
        raise AssertionError("the specs were read for a quick no-op")
    monkeypatch.setattr(pipeline.cli.campaign, "_load", refuse)


def test_the_same_build_again_reads_no_spec(project, monkeypatch):
    assert build().exit_code == 0
    specs_never_read(monkeypatch)
    again = build()
    assert again.exit_code == 0, again.output
    assert again.output.startswith("Built 0, up to date 3, failed 0 in ")


def test_an_edit_that_keeps_the_size_is_seen(project):
    assert build().exit_code == 0
    spec = project.specs / "notes/a.yaml"
    spec.write_text(spec.read_text().replace("Xin chào", "Xin chàu"), encoding="utf-8")
    result = build()
    assert "Built 3, up to date 0" in result.output


def test_a_province_file_outside_specs_is_watched_too(project):
    assert build().exit_code == 0
    offices = project.root / "data/offices.csv"
    offices.write_text(offices.read_text().replace("0203 000 0001", "0203 000 0002"),
                       encoding="utf-8")
    result = build()
    assert "Built 1, up to date 2" in result.output      # quang-ninh's note only


def test_a_new_file_in_a_watched_folder_is_seen(project):
    assert build().exit_code == 0
    project.note("b")
    assert "Built 1, up to date 3" in build().output


def test_an_output_changed_on_disk_is_rebuilt(project):
    assert build().exit_code == 0
    note = project.out / "notes/ha-noi/a_social-1080x1080_vi.txt"
    note.write_text("edited")
    assert "Built 1, up to date 2" in build().output
    assert note.read_text().startswith("a|social-1080x1080|vi|")


def test_another_selection_or_force_takes_the_ordinary_path(project, monkeypatch):
    assert build().exit_code == 0
    assert "Built 0, up to date 1" in build("--province", "ha-noi").output
    assert "Built 3, up to date 0" in build("--force").output
    specs_never_read(monkeypatch)
    assert build().output.startswith("Built 0, up to date 3")


def test_a_build_with_a_failure_is_never_answered_quickly(project):
    project.note("bad", text="FAIL")
    assert build().exit_code == 1
    second = build()
    assert second.exit_code == 1 and "FAILED  note/bad" in second.output


def test_a_state_from_another_manifest_is_not_trusted(project):
    assert build().exit_code == 0
    manifest = project.out / "manifest.json"
    os.utime(manifest, ns=(1, 1))
    note = project.out / "notes/ha-noi/a_social-1080x1080_vi.txt"
    note.write_text("edited")
    assert "Built 1, up to date 2" in build().output
