"""Given a statistics CSV, when loaded, then every problem names file, row and column."""
from __future__ import annotations

import pytest

from pipeline.catalog.datasets import DataError, read_source, read_table
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs


def problems(path, required=()):
    with pytest.raises(DataError) as caught:
        read_table(path, "data/t.csv", required)
    return [str(p) for p in caught.value.problems]


def test_a_good_table_loads_with_years_and_values(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("year,participants,share_percent\n2022,17500000,38.08\n"
                    "2023,18260000,39.25\n", encoding="utf-8")
    table = read_table(path, "data/t.csv", ("participants",))
    assert table.years == (2022, 2023)
    assert table.values("share_percent") == (38.08, 39.25)
    assert table.value("participants", 2023) == 18260000


@pytest.mark.parametrize("csv_text, expected", [
    ("year,a\n2023,1\n", ["data/t.csv:1:1: missing column 'participants' (the file has: "
                          "year, a)"]),
    ("rok,participants\n2023,1\n", ["data/t.csv:1:1: the first column must be 'year' "
                                    "(got 'rok')"]),
    ("year,participants\n2023,abc\n", ["data/t.csv:2:2: column 'participants': 'abc' is "
                                       "not a number"]),
    ("year,participants\n2023,\"18,26\"\n",
     ["data/t.csv:2:2: column 'participants': '18,26' is not a number (write plain "
      "numbers: '.' for decimals, no thousands separators or % sign, e.g. 18260000 or "
      "39.25)"]),
    ("year,participants\n2023,\n", ["data/t.csv:2:2: column 'participants': empty cell: "
                                    "every year needs a value"]),
    ("year,participants\n2023,-5\n", ["data/t.csv:2:2: column 'participants': -5 is "
                                      "negative: a count cannot be below 0"]),
    ("year,participants,cover_percent\n2023,5,104.2\n",
     ["data/t.csv:2:3: column 'cover_percent': 104.2 % is over 100 %: a share cannot "
      "exceed the whole"]),
    ("year,participants,cover_percent\n2023,5,-1\n",
     ["data/t.csv:2:3: column 'cover_percent': -1 % is below 0 %"]),
    ("year,participants\n2022,1\n2021,2\n",
     ["data/t.csv:3:1: column 'year': year 2021 comes after 2022: years must increase "
      "from row to row"]),
    ("year,participants\n2022,1\n2022,2\n",
     ["data/t.csv:3:1: column 'year': year 2022 comes after 2022: years must increase "
      "from row to row"]),
    ("year,participants\n20.5,1\n", ["data/t.csv:2:1: column 'year': '20.5' is not a "
                                     "year (1900-2100)"]),
    ("year,participants\n2023,1,2\n", ["data/t.csv:2:1: row has 3 cells, the header has 2"]),
    ("year,participants\n", ["data/t.csv:1:1: no data rows"]),
    ("year,participants,participants\n2023,1,1\n",
     ["data/t.csv:1:3: column 'participants' is listed twice"]),
])
def test_each_data_error_names_file_row_and_column(tmp_path, csv_text, expected):
    path = tmp_path / "t.csv"
    path.write_text(csv_text, encoding="utf-8")
    assert problems(path, ("participants",)) == expected


def test_every_problem_of_a_file_is_reported_one_line_each(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("year,n,s_percent\n2021,-1,50\n2020,x,101\n", encoding="utf-8")
    assert problems(path) == [
        "data/t.csv:2:2: column 'n': -1 is negative: a count cannot be below 0",
        "data/t.csv:3:1: column 'year': year 2020 comes after 2021: years must increase "
        "from row to row",
        "data/t.csv:3:2: column 'n': 'x' is not a number",
        "data/t.csv:3:3: column 's_percent': 101 % is over 100 %: a share cannot exceed "
        "the whole",
    ]


def test_a_data_file_needs_a_sidecar_with_its_provenance(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("year,n\n2023,1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_source(path, "data/t.csv")
    assert str(caught.value) == ("data/t.source.yaml: missing: every data file needs a "
                                 "sidecar giving publisher, title, document or url, date "
                                 "and units")
    (tmp_path / "t.source.yaml").write_text("publisher: VSS\ndate: '2024-01-01'\n",
                                            encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_source(path, "data/t.csv")
    assert [str(p) for p in caught.value.problems] == [
        "data/t.source.yaml:1:1: missing key 'title'",
        "data/t.source.yaml:1:1: missing key 'units'",
        "data/t.source.yaml:1:1: missing key 'document' or 'url': say where the figures "
        "were published"]


def test_campaign_check_reports_data_problems_at_the_csv_line(ig_project):
    ig_project.data("bad", "year,coverage_percent\n2022,92.04\n2023,193.35\n")
    ig_project.spec("hi", """\
        chart: donut
        headline: {vi: "BHYT"}
        subtitle: {vi: "Tỷ lệ"}
        data: data/bad.csv
        column: coverage_percent
        measure: {vi: "dân số có thẻ BHYT"}
        """)
    with pytest.raises(SpecErrors) as caught:
        load_specs(ig_project.specs)
    assert [str(p) for p in caught.value.problems] == [
        "data/bad.csv:3:2: data: column 'coverage_percent': 193.35 % is over 100 %: a "
        "share cannot exceed the whole"]


def test_the_shipped_data_files_load_and_have_sidecars():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    names = ("social-insurance-participants", "social-insurance-coverage",
             "resolution-28-targets", "health-insurance-coverage")
    for name in names:
        path = root / "assets/data" / f"{name}.csv"
        table = read_table(path, f"assets/data/{name}.csv")
        source = read_source(path, f"assets/data/{name}.csv")
        assert table.rows and source.credit["vi"]


def test_an_invented_data_set_prints_so_on_the_infographic(ig_project):
    from pipeline.stages.infographic import STAGE

    ig_project.data("made-up", "year,coverage_percent\n2022,92.04\n2023,93.35\n",
                    (ig_project.root / "data/coverage.source.yaml").read_text()
                    + "example: true\n")
    ig_project.spec("hi", """\
        chart: donut
        headline: {vi: "BHYT"}
        subtitle: {vi: "Tỷ lệ"}
        data: data/made-up.csv
        column: coverage_percent
        measure: {vi: "dân số có thẻ BHYT"}
        """)
    _, jobs = ig_project.jobs()
    files = {f.role: f.data for f in STAGE.render_job(jobs[0]).files}
    assert "Số liệu minh họa" in files["vector"].decode("utf-8")
