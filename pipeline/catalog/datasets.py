"""Statistics tables (`assets/data/*.csv`) and their provenance sidecars, validated on load.

A table has a `year` column, increasing row by row, and numeric columns: a column whose
name ends in `_percent` is a share from 0 to 100, any other column is a count (0 or
more). Every problem names the file, the row (the CSV line) and the column, one line each,
so `campaign check` can list them all before anything renders.
"""
from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Where
from ..files.paths import OutsideError, check_project_file
from ..spec.yamlfile import Node, YamlError, parse_file
from ..text.deceptive import first_in_file

YEAR = "year"
PERCENT_SUFFIX = "_percent"
YEAR_RANGE = (1900, 2100)
SIDECAR_REQUIRED = ("publisher", "title", "date", "units")
# A count above this is a typo or an attack, not a statistic (1e15 is a million billion:
# more than the social insurance fund's whole balance in đồng); 1e308 passes float() and
# then overflows the chart's arithmetic.
MAX_COUNT = 1e15
# A file with a million bad rows is reported by its first problems and a count.
MAX_PROBLEMS = 20
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class DataProblem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class DataError(Exception):
    """Every problem found in one data file (and its sidecar)."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Table:
    file: str                                # project-relative, as shown in messages
    columns: tuple[str, ...]                 # 'year' first
    rows: tuple[tuple[float, ...], ...]      # one tuple per year, in column order

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(int(row[0]) for row in self.rows)

    def values(self, column: str) -> tuple[float, ...]:
        index = self.columns.index(column)
        return tuple(row[index] for row in self.rows)

    def value(self, column: str, year: int) -> float:
        return self.values(column)[self.years.index(year)]


@dataclass(frozen=True)
class Source:
    """Provenance from `<name>.source.yaml`; `credit` is the line printed under a chart."""
    file: str
    publisher: str
    title: str
    date: str
    credit: dict[str, str]
    example: bool = False         # invented figures: the credit says "Số liệu minh họa"


def is_percent(column: str) -> bool:
    return column.endswith(PERCENT_SUFFIX)


def sidecar_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.stem + ".source.yaml")


# -- the table ------------------------------------------------------------------------

def read_table(path: Path, display: str, required: tuple[str, ...] = ()) -> Table:
    """The validated table at `path`; DataError listing every problem otherwise."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError([DataProblem(Where(display), f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([DataProblem(Where(display), f"not UTF-8 text (byte {exc.start})")]) \
            from None
    if deceptive := first_in_file(text):            # labels and units print on charts
        raise DataError([DataProblem(Where(display, *deceptive[:2]), deceptive[2])])
    reader = csv.reader(text.splitlines())
    header = [name.strip() for name in next(reader, [])]
    problems = _check_header(header, display, required)
    if problems:
        raise DataError(problems)
    rows: list[tuple[float, ...]] = []
    last_year: int | None = None
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            problems.append(DataProblem(Where(display, line, 1),
                                        f"row has {len(cells)} cells, the header has "
                                        f"{len(header)}"))
            continue
        row: list[float] = []
        for index, (name, cell) in enumerate(zip(header, cells)):
            value, message = _cell(name, cell.strip())
            if message is None and name == YEAR and last_year is not None \
                    and value <= last_year:
                message = (f"year {int(value)} comes after {last_year}: years must "
                           "increase from row to row")
            if message is not None:
                problems.append(DataProblem(Where(display, line, index + 1),
                                            f"column '{name}': {message}"))
            row.append(value)
        if not math.isnan(row[0]):
            last_year = int(row[0])
        rows.append(tuple(row))
    if not rows and not problems:
        problems.append(DataProblem(Where(display, 1, 1), "no data rows"))
    if problems:
        raise DataError(_capped(problems, display))
    return Table(display, tuple(header), tuple(rows))


def read_sourced(fields, key: str, path: Path, root: Path,
                 required: tuple[str, ...] = ()) -> tuple[Table, Source] | None:
    """A spec's data file and its source sidecar, for any stage's parser: every problem
    reported under `key` of `fields` (file, line, field); None when there was one."""
    display = os.path.relpath(path, root.resolve())
    try:
        return read_table(path, display, required), read_source(path, display)
    except DataError as exc:
        for problem in exc.problems:
            fields.problems.add(problem.where, fields.name(key), problem.message)
        fields.ok = False
        return None


def _capped(problems: list[DataProblem], display: str) -> list[DataProblem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return problems[:MAX_PROBLEMS] + [DataProblem(Where(display), f"... and {more:,} more "
                                                                  "problems in this file")]


def _check_header(header: list[str], display: str,
                  required: tuple[str, ...]) -> list[DataProblem]:
    problems = []
    if not header or header[0] != YEAR:
        problems.append(DataProblem(Where(display, 1, 1),
                                    f"the first column must be '{YEAR}' (got "
                                    f"'{header[0] if header else ''}')"))
    seen: set[str] = set()
    for index, name in enumerate(header):
        if not name:
            problems.append(DataProblem(Where(display, 1, index + 1),
                                        f"column {index + 1} has no name"))
        elif name in seen:
            problems.append(DataProblem(Where(display, 1, index + 1),
                                        f"column '{name}' is listed twice"))
        seen.add(name)
    for name in required:
        if name not in header:
            problems.append(DataProblem(Where(display, 1, 1),
                                        f"missing column '{name}' (the file has: "
                                        f"{', '.join(header)})"))
    return problems


def _cell(column: str, cell: str) -> tuple[float, str | None]:
    """The cell's value and what is wrong with it (None: nothing)."""
    if not cell:
        return math.nan, "empty cell: every year needs a value"
    if not _PLAIN_NUMBER.match(cell):
        hint = ""
        if re.fullmatch(r"[\d.,\s%]+", cell):
            hint = (" (write plain numbers: '.' for decimals, no thousands separators "
                    "or % sign, e.g. 18260000 or 39.25)")
        return math.nan, f"'{cell}' is not a number{hint}"
    value = float(cell)
    if not math.isfinite(value):
        return math.nan, f"'{cell}' is not a finite number"
    if column == YEAR:
        low, high = YEAR_RANGE
        if value != int(value) or not low <= value <= high:
            return value, f"'{cell}' is not a year ({low}-{high})"
        return value, None
    if is_percent(column):
        if value < 0:
            return value, f"{cell} % is below 0 %"
        if value > 100:
            return value, f"{cell} % is over 100 %: a share cannot exceed the whole"
        return value, None
    if value < 0:
        return value, f"{cell} is negative: a count cannot be below 0"
    if value > MAX_COUNT:
        return value, f"{cell} is over {MAX_COUNT:.0e}: too large to be a count"
    return value, None


# -- the sidecar ----------------------------------------------------------------------

def read_source(csv_path: Path, display: str) -> Source:
    """Provenance of the table at `csv_path`; DataError when the sidecar is missing or thin."""
    path = sidecar_path(csv_path)
    side_display = str(Path(display).with_name(path.name))
    try:
        check_project_file(_project_root(csv_path, display), path, side_display)
    except OutsideError as exc:
        raise DataError([DataProblem(Where(side_display), str(exc).split(": ", 1)[1])]) \
            from None
    if not path.is_file():
        raise DataError([DataProblem(Where(side_display),
                                     "missing: every data file needs a sidecar giving "
                                     "publisher, title, document or url, date and units")])
    try:
        node = parse_file(path, side_display)
    except YamlError as exc:
        raise DataError([DataProblem(exc.where, exc.message)]) from None
    if not node.is_map:
        raise DataError([DataProblem(node.where, "expected a mapping of keys")])
    keys: dict[str, Node] = node.value
    problems = [DataProblem(node.where, f"missing key '{key}'")
                for key in SIDECAR_REQUIRED if key not in keys]
    if "document" not in keys and "url" not in keys:
        problems.append(DataProblem(node.where, "missing key 'document' or 'url': say "
                                                "where the figures were published"))
    credit = _credit(keys.get("credit"), problems)
    date = _date(keys["date"], problems) if "date" in keys else ""
    example = _example(keys.get("example"), problems)
    if problems:
        raise DataError(problems)
    publisher = _text(keys["publisher"])
    credit = credit or {"vi": f"Nguồn: {publisher}", "en": f"Source: {publisher}"}
    if example:
        # Invented figures say so on every asset drawn from them, beside the credit.
        credit = {lang: f"{EXAMPLE_MARK.get(lang, EXAMPLE_MARK['vi'])}. {line}"
                  for lang, line in credit.items()}
    return Source(side_display, publisher, _text(keys["title"]), date, credit, example)


EXAMPLE_MARK = {"vi": "Số liệu minh họa", "en": "Illustrative figures"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _date(node: Node, problems: list[DataProblem]) -> str:
    """The sidecar's `date`: YYYY-MM-DD, or YYYY-MM or YYYY for a month or a year of
    figures, and a real day of the calendar."""
    import datetime as dt

    value = node.value.isoformat() if isinstance(node.value, dt.date) else _text(node)
    match = _DATE.match(value)
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else 1 for g in match.groups())
        dt.date(year, month, day)
    except ValueError:
        problems.append(DataProblem(node.where, f"date: expected a date like 2024-05-06 "
                                                f"(or 2024-05, 2024), got '{value}'"))
        return ""
    return value


def _example(node: Node | None, problems: list[DataProblem]) -> bool:
    if node is None:
        return False
    if not isinstance(node.value, bool):
        problems.append(DataProblem(node.where, "example: expected true (invented figures, "
                                                f"marked \"{EXAMPLE_MARK['vi']}\" on every "
                                                f"asset) or false, got '{node.value}'"))
        return False
    return node.value


def _project_root(csv_path: Path, display: str) -> Path:
    """The project folder: `display` is the CSV's path relative to it."""
    root = Path(csv_path)
    for _ in Path(display).parts:
        root = root.parent
    return root


def _text(node: Node) -> str:
    return " ".join(str(node.value).split())


def _credit(node: Node | None, problems: list[DataProblem]) -> dict[str, str] | None:
    if node is None:
        return None
    if not node.is_map or "vi" not in node.value:
        problems.append(DataProblem(node.where, "credit: expected {vi: \"...\", en: \"...\"}"))
        return None
    return {lang: _text(item) for lang, item in sorted(node.value.items())}
