"""Given an infographic spec, when checked, then every mistake is a located problem."""
from __future__ import annotations

import textwrap

import pytest

from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs

BARS = textwrap.dedent("""\
    chart: bars
    headline: {vi: "Tham gia BHXH"}
    subtitle: {vi: "Người tham gia"}
    data: data/participants.csv
    column: participants
    measure: {vi: "người tham gia BHXH"}
    """)


def problems(project) -> list[str]:
    with pytest.raises(SpecErrors) as caught:
        load_specs(project.specs)
    return [str(p) for p in caught.value.problems]


def test_a_good_spec_loads_into_typed_values_with_its_data(ig_project):
    ig_project.spec("growth", BARS)
    specs = load_specs(ig_project.specs)
    body = specs.products[0].body
    assert body.chart == "bars" and body.column == "participants"
    assert body.data.table.years == (2021, 2022, 2023)
    assert body.data.source.credit["vi"] == "Nguồn: BHXH Việt Nam"
    assert body.shown_year == 2023


def test_unknown_chart_and_unknown_keys_are_named(ig_project):
    ig_project.spec("a", BARS.replace("chart: bars", "chart: pie") + "colour: red\n")
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:5:8: chart: 'pie' is not one of: bars, line, donut, "
        "big-number, pictogram, compare",
        "specs/infographics/a.yaml:11:1: colour: unknown key; did you mean 'column'? "
        "(see docs/specs.md)"]


def test_data_charts_need_data_column_and_measure(ig_project):
    ig_project.spec("a", "chart: bars\nheadline: {vi: H}\nsubtitle: {vi: S}\n")
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:1:1: column: missing (required for a bars chart)",
        "specs/infographics/a.yaml:1:1: data: missing (required for a bars chart)",
        "specs/infographics/a.yaml:1:1: measure: missing (required for a bars chart)"]


def test_keys_of_other_charts_are_refused(ig_project):
    ig_project.spec("a", BARS + "targets: data/targets.csv\nicons: 12\n")
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:11:1: targets: not used by a bars chart (only by: "
        "line)",
        "specs/infographics/a.yaml:12:1: icons: not used by a bars chart (only by: "
        "pictogram)"]


def test_share_charts_need_a_percent_column_and_a_known_year(ig_project):
    ig_project.spec("a", BARS.replace("chart: bars", "chart: donut") + "year: 2019\n")
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:9:9: column: a donut chart shows a share: use a column "
        "whose name ends in _percent, not 'participants'",
        "specs/infographics/a.yaml:11:7: year: 2019 is not in data/participants.csv "
        "(years 2021-2023)"]


def test_a_missing_column_names_the_file(ig_project):
    ig_project.spec("a", BARS.replace("column: participants", "column: voluntary"))
    assert problems(ig_project) == [
        "data/participants.csv:1:1: data: missing column 'voluntary' (the file has: "
        "year, participants)"]


def test_every_listed_language_needs_its_text(ig_project):
    ig_project.spec("a", BARS + "languages: [vi, en]\n")
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:6:11: headline: no 'en' text, but languages lists en",
        "specs/infographics/a.yaml:7:11: subtitle: no 'en' text, but languages lists en",
        "specs/infographics/a.yaml:10:10: measure: no 'en' text, but languages lists en"]


def test_compare_inputs_are_checked_against_the_law(ig_project):
    ig_project.spec("a", """\
        chart: compare
        headline: {vi: "Giữ lương hưu"}
        subtitle: {vi: "So sánh"}
        compare: {contribution_years: 15, average_salary: 8000000, retirement_age: 61,
                  pension_years: 20, sex: nam}
        """)
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:9:35: compare.sex: 'nam' is not one of: male, female"]
    ig_project.spec("a", """\
        chart: compare
        headline: {vi: "Giữ lương hưu"}
        subtitle: {vi: "So sánh"}
        compare: {contribution_years: 15, average_salary: 8000000, retirement_age: 61,
                  pension_years: 20}
        """)
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:8:10: compare: 15 contribution years: a pension needs "
        "at least 20 (Law on Social Insurance 2014, art. 54)"]


def test_sizes_are_the_infographic_formats(ig_project):
    ig_project.spec("a", BARS, sizes="[ig-square-1080, social-1080x1080]")
    assert problems(ig_project) == [
        "specs/infographics/a.yaml:3:25: sizes[1]: size 'social-1080x1080' is not made "
        "for a infographic"]


def test_the_shipped_infographic_specs_load(tmp_path):
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    (tmp_path / "specs").mkdir()
    shutil.copy(root / "specs/campaign.yaml", tmp_path / "specs")
    shutil.copytree(root / "specs/infographics", tmp_path / "specs/infographics")
    shutil.copytree(root / "assets", tmp_path / "assets")
    specs = load_specs(tmp_path / "specs")
    charts = {p.body.chart for p in specs.products}
    assert charts == {"bars", "line", "donut", "big-number", "pictogram", "compare"}
