"""The keys of the `chart`, `icons` and `image` scenes, read and checked at spec time.

A chart reads the same CSV + `.source.yaml` as the infographics (`catalog.datasets`), so
`campaign check` names a missing column or year at the scene's line; the job carries the
series to the renderer, which never opens a data file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ...catalog.datasets import Source, Table, is_percent, read_sourced
from ...errors import did_you_mean
from ...spec import fields as f
from ...spec.yamlfile import Node

CHARTS = ("bars", "line", "pictogram", "donut")
SHARE_CHARTS = ("pictogram", "donut")          # a share of a whole: a *_percent column
CHART_FORMATS = ("millions", "number", "percent", "money")
ICONS_FOLDER = "assets/icons"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
MAX_ICONS = 4


@dataclass(frozen=True)
class ChartData:
    """What a chart scene draws: a series (years of one column, or columns of one year)."""
    path: Path
    table: Table
    source: Source
    chart: str
    columns: tuple[str, ...]
    years: tuple[int, ...]
    highlight: int                   # the year shown in the brand colour and counted up
    format: str
    decimals: int
    names: tuple[dict[str, str], ...] = ()     # one per column, under its bar
    icons: int = 10                            # pictogram

    @property
    def by_column(self) -> bool:
        return len(self.columns) > 1

    def values(self) -> tuple[float, ...]:
        if self.by_column:
            return tuple(self.table.value(c, self.highlight) for c in self.columns)
        return tuple(self.table.value(self.columns[0], y) for y in self.years)

    @property
    def value(self) -> float:
        """The highlighted figure."""
        if self.by_column:
            return max(self.values())
        return self.table.value(self.columns[0], self.highlight)

    @property
    def highlight_index(self) -> int:
        values = self.values()
        return values.index(self.value) if self.by_column else self.years.index(self.highlight)


@dataclass(frozen=True)
class Icon:
    name: str                        # file stem in assets/icons
    path: Path
    label: dict[str, str]


def chart_data(sub, context) -> ChartData | None:
    """The chart keys of one scene; problems reported at their lines, None if any."""
    localized = f.localized_text(("vi", "en"))
    chart = sub.get("chart", f.one_of(CHARTS))
    path = sub.get("data", f.project_path(context.root))
    node = sub.node.value
    if "column" in node and "columns" in node:
        sub.read.update(node)                 # one problem for this scene is enough
        return _bad(sub, "columns", "give column (one series over the years) or columns "
                                    "(one year, a bar per column), not both")
    keys = dict(
        column=sub.get("column", f.text, None),
        columns=sub.get("columns", f.list_of(f.text), None),
        years=sub.get("years", f.list_of(f.integer(1900, 2100)), None),
        highlight=sub.get("highlight", f.integer(1900, 2100), None),
        fmt=sub.get("format", f.one_of(CHART_FORMATS), None),
        decimals=sub.get("decimals", f.integer(0, 4), None),
        names=sub.get("names", f.list_of(localized, unique=False), None),
        icons=sub.get("icons", f.integer(4, 20), 10))
    if chart is None or path is None:
        return None
    if keys["column"] is None and keys["columns"] is None:
        return _bad(sub, "column", "missing (required: column, or columns for one bar per "
                                   "column)")
    found = read_sourced(sub, "data", path, context.root)
    if found is None:
        return None
    display = os.path.relpath(path, context.root.resolve())
    return _series(sub, chart, path, found, display, **keys)


def _series(sub, chart, path, found, display, *, column, columns, years, highlight, fmt,
            decimals, names, icons) -> ChartData | None:
    """The scene's columns and years checked against the table."""
    table, source = found
    wanted = columns or (column,)
    key = "columns" if columns else "column"
    have = [c for c in table.columns if c != "year"]
    for name in wanted:
        if name not in have:
            return _bad(sub, key, f"no column '{name}' in {display} (columns: "
                                  f"{', '.join(have)})" + did_you_mean(name, have))
    if columns and chart != "bars":
        return _bad(sub, "columns", f"a {chart} chart shows one column over the years; "
                                    "columns (a bar per column) is for bars")
    if chart in SHARE_CHARTS and not is_percent(wanted[0]):
        return _bad(sub, "column", f"a {chart} shows a share: give a *_percent column "
                                   f"(columns: {', '.join(c for c in have if is_percent(c))})")
    if names is not None and len(names) != len(wanted):
        return _bad(sub, "names", f"{len(names)} names for {len(wanted)} columns: give one "
                                  "per column")
    for year in (years or ()) + ((highlight,) if highlight else ()):
        if year not in table.years:
            where = "highlight" if year == highlight else "years"
            return _bad(sub, where, f"{year} is not in {display} (years {table.years[0]}-"
                                    f"{table.years[-1]})")
    years = tuple(sorted(years)) if years else table.years
    if highlight is None:
        highlight = years[-1]
    elif not columns and highlight not in years:
        return _bad(sub, "highlight", f"{highlight} is not among the scene's years "
                                      f"({', '.join(map(str, years))})")
    top = max(table.value(c, y) for c in wanted for y in years)
    if fmt is None:
        fmt = "percent" if is_percent(wanted[0]) else "millions" if top >= 1e6 else "number"
    if decimals is None:
        decimals = 0 if fmt in ("number", "money") else 2
    return ChartData(path, table, source, chart, tuple(wanted), years, highlight, fmt,
                     decimals, tuple(names or ()), icons)


def _bad(sub, key: str, message: str) -> None:
    node = sub.node.value
    sub.problems.add(node[key].where if key in node else sub.node.where, sub.name(key),
                     message)
    sub.ok = False
    return None


def icon_list(sub, context) -> tuple[Icon, ...] | None:
    """`icons: [{icon: family, label: "..."}, ...]`: two to four, each a file in
    assets/icons."""
    node = sub.node.value.get("icons")
    sub.read.add("icons")
    if node is None:
        return _bad(sub, "icons", "missing (required: two to four {icon, label})")
    if not node.is_seq or not 2 <= len(node.value) <= MAX_ICONS:
        return _bad(sub, "icons", f"expected a list of two to {MAX_ICONS} {{icon, label}}")
    folder = context.root / ICONS_FOLDER
    known = sorted(p.stem for p in folder.glob("*.svg"))
    out = []
    for i, item in enumerate(node.value):
        item_fields = f.fields_of(item, sub.problems, sub.name(f"icons[{i}]"))
        if item_fields is None:
            sub.ok = False
            return None
        name = item_fields.get("icon", f.text)
        label = item_fields.get("label", f.localized_text(("vi", "en")))
        item_fields.done()
        if not item_fields.ok:
            sub.ok = False
            return None
        if name not in known:
            sub.problems.add(item.value["icon"].where, sub.name(f"icons[{i}].icon"),
                             f"no icon '{name}' in {ICONS_FOLDER} (icons: "
                             f"{', '.join(known)})" + did_you_mean(name, known))
            sub.ok = False
            return None
        out.append(Icon(name, folder / f"{name}.svg", label))
    return tuple(out)


def image_path(node: Node, root: Path) -> Path:
    path = f.project_path(root)(node)
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        raise f.Invalid(f"'{node.value}' is not a JPEG or PNG picture")
    return path
