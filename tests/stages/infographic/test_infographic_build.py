"""Given a project with infographic specs, when built through the spine, then every file
is written and listed with its alt text, and only what changed is rebuilt."""
from __future__ import annotations

import textwrap

from pipeline.build.executor import LocalExecutor
from pipeline.build.plan import plan
from pipeline.build.run import build, plan_steps
from pipeline.spec.load import load_specs
from pipeline.store.manifest import Manifest

DONUT = textwrap.dedent("""\
    chart: donut
    headline: {vi: "Bao phủ BHYT"}
    subtitle: {vi: "Tỷ lệ dân số có thẻ BHYT"}
    data: data/coverage.csv
    column: coverage_percent
    measure: {vi: "dân số có thẻ BHYT"}
    """)
COMPARE = textwrap.dedent("""\
    chart: compare
    headline: {vi: "Giữ lương hưu"}
    subtitle: {vi: "Nhận một lần hay lương hưu"}
    compare: {contribution_years: 20, average_salary: 8000000, retirement_age: 61,
              pension_years: 20}
    """)


def run(project, **kwargs):
    specs = load_specs(project.specs)
    return build(specs, plan(specs), project.out, **kwargs)


def test_a_build_writes_png_svg_pdf_and_alt_text_into_the_manifest(ig_project):
    ig_project.spec("coverage", DONUT, sizes="[ig-square-1080, ig-story-1080x1920]")
    ig_project.spec("pension", COMPARE)
    report = run(ig_project, executor=LocalExecutor(2))
    assert report.failed == []
    assert sorted(report.built) == [
        "infographic/coverage/ig-square-1080/vi/toan-quoc",
        "infographic/coverage/ig-story-1080x1920/vi/toan-quoc",
        "infographic/pension/ig-portrait-1080x1350/vi/toan-quoc"]
    entries = {e.path: e for e in Manifest.load(ig_project.out)}
    stem = "infographics/toan-quoc/coverage_ig-story-1080x1920_vi"
    assert {stem + s for s in (".png", ".svg", ".pdf", ".txt")} <= set(entries)
    png = entries[stem + ".png"]
    assert png.role == "raster" and png.media["width_px"] == 1080
    assert png.media["height_px"] == 1920
    assert "93,35 %" in png.media["alt_text"]
    alt = (ig_project.out / (stem + ".txt")).read_text(encoding="utf-8")
    assert alt.strip() == entries[stem + ".svg"].media["alt_text"]
    assert entries[stem + ".pdf"].inputs["renderer"] == "infographic@2"
    assert set(entries[stem + ".pdf"].inputs["files"]) >= {
        "data/coverage.csv", "data/coverage.source.yaml"}


def test_changing_a_data_file_rebuilds_only_what_uses_it(ig_project):
    ig_project.spec("coverage", DONUT)
    ig_project.spec("pension", COMPARE)
    run(ig_project)
    assert run(ig_project).built == []
    ig_project.data("coverage", "year,coverage_percent\n2022,92.04\n2023,93.5\n")
    specs = load_specs(ig_project.specs)
    steps = plan_steps(specs, plan(specs), ig_project.out)
    assert {s.job.product.id: s.reason for s in steps} == {
        "coverage": "product spec changed", "pension": None}
    assert run(ig_project).built == ["infographic/coverage/ig-portrait-1080x1350/vi/toan-quoc"]
