"""The infographic spec: its keys read, checked and typed once, data files included.

Data files are loaded and validated here, at spec time, so `campaign check` reports a bad
cell as `assets/data/x.csv:5:3: data: column 'y': ...` before anything renders, and the
job carries the figures to the renderer (which never opens a file).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.datasets import (
    Source,
    Table,
    is_percent,
    read_sourced,
    sidecar_path,
)
from ...spec import fields as f
from ...spec.texts import check_glyphs, check_text
from ...spec.yamlfile import Node
from .compare import CompareError, CompareInputs, check

CHARTS = ("bars", "line", "donut", "big-number", "pictogram", "compare")
DATA_CHARTS = tuple(c for c in CHARTS if c != "compare")
SHARE_CHARTS = ("line", "donut", "pictogram")          # need a *_percent column
LANGUAGES = ("vi", "en")

# Keys that belong to some charts only: using one elsewhere is a mistake worth a message.
ONLY_FOR = {
    "data": DATA_CHARTS, "column": DATA_CHARTS, "measure": DATA_CHARTS,
    "decimals": DATA_CHARTS, "year": ("donut", "big-number", "pictogram"),
    "targets": ("line",), "icons": ("pictogram",), "compare": ("compare",),
}


@dataclass(frozen=True)
class Dataset:
    path: Path              # absolute; the fingerprint stores it project-relative
    table: Table
    source: Source


@dataclass(frozen=True)
class InfographicSpec:
    chart: str
    headline: dict[str, str]
    subtitle: dict[str, str]
    measure: dict[str, str] | None = None      # what the figures count, in words
    data: Dataset | None = None
    column: str | None = None
    year: int | None = None                    # the year shown (default: the latest)
    targets: Dataset | None = None             # line: one dashed line per row
    icons: int = 10
    decimals: int = 2
    compare: CompareInputs | None = None
    source: dict[str, str] | None = None       # replaces the sidecar credit line

    @property
    def shown_year(self) -> int:
        assert self.data is not None
        return self.year if self.year is not None else self.data.table.years[-1]

    def files(self) -> tuple[Path, ...]:
        """The data files and sidecars this spec reads (for the fingerprint)."""
        paths: list[Path] = []
        for dataset in (self.data, self.targets):
            if dataset is not None:
                paths += [dataset.path, sidecar_path(dataset.path)]
        return tuple(paths)


def parse(fields, context) -> InfographicSpec | None:
    localized = f.localized_text(LANGUAGES)
    chart = fields.get("chart", f.one_of(CHARTS))
    headline = fields.get("headline", localized)
    subtitle = fields.get("subtitle", localized)
    source = fields.get("source", localized, None)
    values = {
        "data": fields.get("data", f.project_path(context.root), None),
        "column": fields.get("column", f.text, None),
        "measure": fields.get("measure", localized, None),
        "decimals": fields.get("decimals", f.integer(0, 4), None),
        "year": fields.get("year", f.integer(1900, 2100), None),
        "targets": fields.get("targets", f.project_path(context.root), None),
        "icons": fields.get("icons", f.integer(4, 20), None),
        "compare": fields.get("compare", lambda node: node, None),
    }
    if chart is None:
        return None
    _check_keys_fit_chart(fields, chart)
    _check_required(fields, chart, values)
    compare = (_compare(values["compare"], fields.problems)
               if chart == "compare" and values["compare"] is not None else None)
    data = targets = None
    column = values["column"]
    if chart in DATA_CHARTS and values["data"] is not None and column is not None:
        data = _dataset(fields, context, "data", values["data"], column)
        if data is not None:
            _check_column(fields, chart, column)
            _check_year(fields, data, values["year"])
    if chart == "line" and values["targets"] is not None and column is not None:
        targets = _dataset(fields, context, "targets", values["targets"], column)
    texts = {"headline": headline, "subtitle": subtitle, "measure": values["measure"],
             "source": source}
    if context.campaign:
        _check_texts(fields, context, {k: v for k, v in texts.items() if v})
    if not fields.ok:
        return None
    return InfographicSpec(
        chart=chart, headline=headline, subtitle=subtitle, measure=values["measure"],
        data=data, column=column, year=values["year"], targets=targets,
        icons=values["icons"] or 10,
        decimals=2 if values["decimals"] is None else values["decimals"],
        compare=compare, source=source)


def _check_required(fields, chart: str, values: dict) -> None:
    """The keys this chart cannot do without."""
    wanted = ("data", "column", "measure") if chart in DATA_CHARTS else ()
    wanted += ("compare",) if chart == "compare" else ()
    for key in wanted:
        if values[key] is None and key not in fields.node.value:
            fields.problems.add(fields.node.where, key,
                                f"missing (required for a {chart} chart)")
            fields.ok = False


def _check_keys_fit_chart(fields, chart: str) -> None:
    for key, charts in ONLY_FOR.items():
        if key in fields.node.value and chart not in charts:
            fields.problems.add(fields.node.key_where[key], key,
                                f"not used by a {chart} chart (only by: "
                                f"{', '.join(charts)})")
            fields.ok = False


def _dataset(fields, context, key: str, path: Path, column: str) -> Dataset | None:
    found = read_sourced(fields, key, path, context.root, required=(column,))
    return Dataset(path, *found) if found else None


def _check_column(fields, chart: str, column: str) -> None:
    if chart in SHARE_CHARTS and not is_percent(column):
        fields.problems.add(fields.node.value["column"].where, "column",
                            f"a {chart} chart shows a share: use a column whose name ends "
                            f"in _percent, not '{column}'")
        fields.ok = False


def _check_year(fields, data: Dataset, year: int | None) -> None:
    years = data.table.years
    if year is not None and year not in years:
        fields.problems.add(fields.node.value["year"].where, "year",
                            f"{year} is not in {data.table.file} (years "
                            f"{years[0]}-{years[-1]})")
        fields.ok = False


def _compare(node: Node, problems) -> CompareInputs | None:
    sub = f.fields_of(node, problems, "compare")
    if sub is None:
        return None
    inputs = dict(
        contribution_years=sub.get("contribution_years", f.integer(1, 60)),
        average_salary_vnd=sub.get("average_salary", f.integer(1, 10**10)),
        retirement_age=sub.get("retirement_age", f.integer(40, 80)),
        pension_years=sub.get("pension_years", f.integer(1, 50)),
        sex=sub.get("sex", f.one_of(("male", "female")), "male"),
        years_before_2014=sub.get("years_before_2014", f.integer(0, 60), 0),
        health_insurance_percent=sub.get("health_insurance_percent",
                                         f.number(0, 10, " %"), 4.5),
    )
    sub.done()
    if not sub.ok:
        return None
    result = CompareInputs(**inputs)
    try:
        check(result)
    except CompareError as exc:
        problems.add(node.where, "compare", str(exc))
        sub.ok = False
        return None
    return result


def _check_texts(fields, context, texts: dict[str, dict[str, str]]) -> None:
    """Every language the product lists needs every text (a source line may stay in
    Vietnamese); every glyph must be in the fonts."""
    for key, text in texts.items():
        node = fields.node.value[key]
        if key == "source":
            for lang, value in text.items():
                check_glyphs(fields, context, node, f"{key}.{lang}", value)
        elif not check_text(fields, context, node, key, text):
            fields.ok = False
