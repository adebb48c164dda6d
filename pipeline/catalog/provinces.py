"""Province catalogues: the 63 units of 2024 (a CSV we ship) or the current 34 units
(from the `vietnam-provinces` package), plus per-province localization data."""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Where
from ..files.paths import IDENTIFIER_RULE, is_identifier
from ..text.deceptive import first_in_file

CURRENT = "current"
_CSV_COLUMNS = ("slug", "code", "name", "full_name", "type", "phone_code")
_LOCALIZATION_COLUMNS = ("slug", "office", "phone", "address")
_TYPES = {"tinh": "tỉnh", "thanh-pho": "thành phố"}


@dataclass(frozen=True)
class Province:
    slug: str            # ASCII, e.g. 'quang-ninh'
    code: int            # GSO code
    name: str            # 'Quảng Ninh'
    full_name: str       # 'Tỉnh Quảng Ninh'
    type: str            # 'tinh' | 'thanh-pho'
    phone_code: str = ""
    office: str = ""     # 'Bảo hiểm xã hội tỉnh Quảng Ninh'
    phone: str = ""      # the office's own line; empty: the national hotline
    address: str = ""

    @property
    def office_name(self) -> str:
        """The provincial office's name, derived from the unit when no CSV gives it."""
        return self.office or f"Bảo hiểm xã hội {_TYPES[self.type]} {self.name}"


class CatalogError(Exception):
    def __init__(self, where: Where, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


# Control characters never belong in an office name or a phone number: they would reach
# file metadata, transcripts, announcer scripts and terminals.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def _rows(path: Path, display: str, columns: tuple[str, ...]):
    # utf-8-sig: spreadsheets save a BOM; the data CSVs accept it too.
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CatalogError(Where(display), f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CatalogError(Where(display), f"not UTF-8 text (byte {exc.start})") from None
    if deceptive := first_in_file(text):            # office names print, phones are spoken
        raise CatalogError(Where(display, *deceptive[:2]), deceptive[2])
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or ())]
    if missing:
        raise CatalogError(Where(display, 1, 1),
                           f"missing column(s): {', '.join(missing)} "
                           f"(expected {','.join(columns)})")
    for row in reader:
        line = reader.line_num
        for name in columns:
            bad = _CONTROL.search(row[name] or "")
            if bad:
                raise CatalogError(Where(display, line, reader.fieldnames.index(name) + 1),
                                   f"{name}: control character U+{ord(bad.group()):04X} "
                                   "is not allowed")
        slug = row["slug"] or ""
        if not is_identifier(slug.strip()):
            raise CatalogError(Where(display, line, reader.fieldnames.index("slug") + 1),
                               f"slug: {slug.strip()!r} is not a valid slug ({IDENTIFIER_RULE})")
        yield Where(display, line, 1), {k: _nfc(row[k] or "") for k in columns}


def load_csv(path: Path, display: str) -> list[Province]:
    provinces: list[Province] = []
    seen: set[str] = set()
    for where, row in _rows(path, display, _CSV_COLUMNS):
        if row["slug"] in seen:
            raise CatalogError(where, f"slug: '{row['slug']}' is listed twice")
        if row["type"] not in _TYPES:
            raise CatalogError(where, f"type: '{row['type']}' is not one of "
                                      f"{', '.join(_TYPES)}")
        try:
            code = int(row["code"])
        except ValueError:
            raise CatalogError(where, f"code: '{row['code']}' is not a number") from None
        seen.add(row["slug"])
        provinces.append(Province(row["slug"], code, row["name"], row["full_name"],
                                  row["type"], row["phone_code"]))
    if not provinces:
        raise CatalogError(Where(display), "no provinces listed")
    return provinces


def office_rows(path: Path, display: str) -> list[tuple[int, dict[str, str]]]:
    """(line, row) of each row of a localization (office) file."""
    return [(where.line, row) for where, row in _rows(path, display, _LOCALIZATION_COLUMNS)]


def load_current() -> list[Province]:
    """The 34 provincial-level units in force since 1 July 2025."""
    from vietnam_provinces import Province as Unit

    provinces = []
    for unit in Unit.iter_all():
        city = unit.division_type.value.startswith("thành phố")
        name = unit.name.removeprefix("Thành phố ").strip()
        provinces.append(Province(
            slug=unit.codename.replace("_", "-"), code=int(unit.code.value),
            name=_nfc(name), full_name=_nfc(("Thành phố " if city else "Tỉnh ") + name),
            type="thanh-pho" if city else "tinh", phone_code=str(unit.phone_code or "")))
    return provinces


def localize(provinces: list[Province], path: Path, display: str) -> list[Province]:
    """Merge office name, phone and address from the localization CSV; blanks fall back.

    Rows for slugs of the other catalogue (2024 vs current) are left out; `strays` says
    which of them would lose what an office entered."""
    extra: dict[str, dict[str, str]] = {}
    for where, row in _rows(path, display, _LOCALIZATION_COLUMNS):
        if row["slug"] in extra:
            raise CatalogError(where, f"slug: '{row['slug']}' is listed twice")
        extra[row["slug"]] = row
    out = []
    for province in provinces:
        row = extra.get(province.slug)
        if row is None:
            out.append(province)
            continue
        out.append(replace(province, office=row["office"], phone=row["phone"],
                           address=row["address"]))
    return out


def strays(provinces: list[Province], path: Path, display: str) -> list[CatalogError]:
    """The localization rows that match no province of the catalogue and would be lost:
    a phone or an address for a unit of the other catalogue (binh-duong, merged into
    ho-chi-minh), or any row for a slug of neither. A row that names only the office of
    a unit of the other catalogue loses nothing."""
    from .mergers import mergers, unknown_province

    slugs = {p.slug for p in provinces}
    history = mergers()
    other = set(history) | {m.current for m in history.values()}
    found = []
    for where, row in _rows(path, display, _LOCALIZATION_COLUMNS):
        slug = row["slug"]
        if slug in slugs:
            continue
        entered = [f"{name} '{row[name]}'" for name in ("phone", "address") if row[name]]
        if slug in other and not entered:
            continue
        what = " and ".join(entered) or "this row"
        reason = unknown_province(slug, slugs)
        fix = ("; `campaign provinces carry` carries a 2024 office file onto the 34 units"
               if slug in history else "")
        found.append(CatalogError(where, f"slug: {what} for '{slug}' reaches no banner: "
                                         f"{reason}{fix}"))
    return found
