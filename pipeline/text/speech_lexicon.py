"""The tables spoken-text normalization reads, from `assets/lexicon/`:

- `abbreviations.csv` (abbr,spoken,note): abbreviations, case-sensitive whole tokens;
- `loanwords.csv` (abbr,spoken,note): loanwords with digits or mixed case ("COVID-19"),
  merged with the abbreviations (a word in both is an error);
- `documents.csv` (code,spoken,role,note): the parts of a legal document's issuing code,
  by role (`type` of document, `issuer`, drafting `unit`);
- `web.csv` (label,spoken,note): how the parts of web and e-mail addresses are said.

They are the project's (pipeline/project.py): a table the project lacks is empty, except
`abbreviations.csv`, which every project that speaks has (`campaign new` writes them all).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import project
from pipeline.text.deceptive import first_in_file
from pipeline.text.speech_errors import LexiconError

LEXICON_NAME = "assets/lexicon/abbreviations.csv"
LOANWORDS, DOCUMENTS, WEB = "loanwords.csv", "documents.csv", "web.csv"
DOCUMENT_ROLES = ("type", "issuer", "unit")
_HEADERS = {
    "abbreviations.csv": ["abbr", "spoken", "note"],
    LOANWORDS: ["abbr", "spoken", "note"],
    DOCUMENTS: ["code", "spoken", "role", "note"],
    WEB: ["label", "spoken", "note"],
}


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    spoken: str
    note: str = ""


@dataclass(frozen=True)
class DocumentCode:
    code: str                 # "QĐ", "BHXH", "QH" (a trailing number is read after it)
    spoken: str
    role: str                 # type | issuer | unit
    note: str = ""


def _abbreviation_pattern(abbr: str) -> str:
    # Token boundaries only where the abbreviation itself ends in a letter, so "TP." still
    # matches in "TP.Huế"; inner spaces match any run of spaces ("BHXH  VN").
    body = r"\s+".join(re.escape(part) for part in abbr.split())
    left = r"(?<!\w)" if re.match(r"\w", abbr) else ""
    right = r"(?!\w)" if re.search(r"\w$", abbr) else ""
    return left + body + right


# Tokens joined by hyphens, at least one of them in capitals: "BHXH-BHYT", "KT-XH".
_HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+(?![\w-])")


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations (longest first so "BHXH VN" wins over "BHXH") and the other tables."""

    entries: tuple[Abbreviation, ...]
    loanwords: tuple[Abbreviation, ...] = ()
    documents: tuple[DocumentCode, ...] = ()
    web: tuple[Abbreviation, ...] = ()
    _pattern: re.Pattern = field(init=False, repr=False, compare=False)
    _spoken: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", _ordered(self.entries))
        object.__setattr__(self, "loanwords", _ordered(self.loanwords))
        words = _ordered(self.entries + self.loanwords)
        # Regex alternation takes the first alternative that matches, hence longest first.
        alternatives = "|".join(_abbreviation_pattern(e.abbr) for e in words) or "(?!)"
        object.__setattr__(self, "_pattern", re.compile(alternatives))
        object.__setattr__(self, "_spoken", {_squash(e.abbr): e.spoken for e in words})

    def expand(self, text: str) -> str:
        """Replace every abbreviation (case-sensitive, on token boundaries) by its spoken form."""

        def spoken(match: re.Match) -> str:
            words = self._spoken[_squash(match.group())]
            # "TP.Huế" must not become "thành phốHuế".
            before = " " if match.start() and text[match.start() - 1].isalnum() else ""
            after = " " if match.end() < len(text) and text[match.end()].isalnum() else ""
            return before + words + after

        return self._pattern.sub(spoken, self.join_compounds(text))

    def join_compounds(self, text: str) -> str:
        """"BHXH-BHYT" -> "bảo hiểm xã hội, bảo hiểm y tế": abbreviations joined by hyphens
        are a list, said with a pause. A compound listed as a whole ("TNLĐ-BNN") wins."""

        def joined(match: re.Match) -> str:
            parts = match.group().split("-")
            if _squash(match.group()) in self._spoken or not all(
                    p in self._spoken for p in parts):
                return match.group()
            return ", ".join(self._spoken[p] for p in parts)

        return _HYPHENATED.sub(joined, text)

    def spoken(self, abbr: str) -> str | None:
        return self._spoken.get(_squash(abbr))

    def document_code(self, code: str, roles: tuple[str, ...]) -> str | None:
        """How `code` is said in one of `roles`, first role first; None if not listed."""
        for role in roles:
            for entry in self.documents:
                if entry.code == code and entry.role == role:
                    return entry.spoken
        return None

    def web_label(self, label: str) -> str | None:
        """How a part of a web address is said ("baohiemxahoi", "gov"); None if not listed."""
        for entry in self.web:
            if entry.abbr == label.lower():
                return entry.spoken
        return None


def _ordered(entries: tuple[Abbreviation, ...]) -> tuple[Abbreviation, ...]:
    nfc = [Abbreviation(_nfc(e.abbr), _nfc(e.spoken), e.note) for e in entries]
    return tuple(sorted(nfc, key=lambda e: (-len(e.abbr), e.abbr)))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _squash(abbr: str) -> str:
    return " ".join(abbr.split())


# --- the guard's test, shared with the loader (a spoken form must pass it) ---------------------

_CAPITALS = re.compile(r"[^\W\d_]{2,}")
_DIGITS = re.compile(r"\S*[\d%]\S*")
_EDGE_PUNCTUATION = ".,;:!?()[]\"'“”‘’…"


def first_unsayable(text: str) -> tuple[int, str, str] | None:
    """(position, token, kind) of the first digit/% or all-capitals token, if any."""
    found = [
        (m.start(), m.group(), "capitals")
        for m in _CAPITALS.finditer(text)
        if m.group().isupper()
    ]
    found += [
        (m.start(), m.group().strip(_EDGE_PUNCTUATION) or m.group(), "digits")
        for m in _DIGITS.finditer(text)
    ]
    return min(found) if found else None


# --- loading -------------------------------------------------------------------------------------


def default_lexicon_path() -> Path:
    """The project's abbreviations table (pipeline/project.py)."""
    return project.root() / LEXICON_NAME


def lexicon_files(path: Path | str) -> tuple[Path, ...]:
    """The files `load_lexicon(path)` reads: `path`, then each other table beside it."""
    folder = Path(path).parent
    others = [folder / name for name in (LOANWORDS, DOCUMENTS, WEB)]
    return (Path(path), *(p for p in others if p.is_file()))


def load_lexicon(path: Path | str) -> Lexicon:
    """Read the tables (UTF-8); any bad row raises LexiconError naming its file and line."""
    tables: dict[str, list] = {"abbreviations.csv": [], LOANWORDS: [], DOCUMENTS: [], WEB: []}
    first_line: dict[object, str] = {}
    for index, file in enumerate(lexicon_files(path)):
        kind = "abbreviations.csv" if index == 0 else file.name
        where = "" if index == 0 else f" of {file.name}"
        for line, row in _rows(file, _HEADERS[kind]):
            entry, key = _entry(kind, row, file, line)
            if key in first_line:
                raise LexiconError(file, line, f"{_shown(key)} already defined on "
                                   f"{first_line[key]}")
            first_line[key] = f"line {line}{where}"
            tables[kind].append(entry)
    return Lexicon(*(tuple(tables[kind]) for kind in tables))


def _entry(kind: str, row: list[str], file: Path, line: int) -> tuple[object, tuple]:
    """A table's row and the key that must be unique: abbreviations and loanwords share
    theirs (one spelling, one reading), documents are unique by code and role."""
    if kind == DOCUMENTS:
        code = _document_row(row, file, line)
        return code, (DOCUMENTS, code.code, code.role)
    entry = _abbreviation_row(row, file, line)
    if kind == WEB:
        entry = Abbreviation(entry.abbr.lower(), entry.spoken, entry.note)
        return entry, (WEB, entry.abbr)
    return entry, ("words", _squash(entry.abbr))


def _shown(key: tuple) -> str:
    return f'"{key[1]}" ({key[2]})' if key[0] == DOCUMENTS else f'"{key[1]}"'


def _rows(path: Path, header: list[str]):
    """(line number, cells) of each non-blank row after a header that must be `header`."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(path, 1, "missing: the project's speech tables live in "
                           "assets/lexicon/ (`campaign new` writes them)") from None
    except UnicodeDecodeError as error:
        raise LexiconError(path, 1, f"not UTF-8 ({error.reason})") from None
    if deceptive := first_in_file(raw):             # every reading here is spoken
        line, column, message = deceptive
        raise LexiconError(path, line, f"column {column}: {message}")
    reader = csv.reader(io.StringIO(_nfc(raw)))
    found = next(reader, None)
    if found != header:
        raise LexiconError(path, 1, f"header must be {','.join(header)}, got {found}")
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise LexiconError(path, reader.line_num, f"expected {len(header)} columns "
                               f"({','.join(header)}), got {len(row)}: {row}")
        if not row[0].strip() or not row[1].strip():
            raise LexiconError(path, reader.line_num,
                               f"{header[0]} and spoken must both be filled in")
        if any(cell != cell.strip() for cell in row[:-1]):
            raise LexiconError(path, reader.line_num, f'"{row[0]}": remove spaces around the cells')
        yield reader.line_num, row


def _checked_spoken(code: str, spoken: str, path: Path, line: int) -> None:
    unsayable = first_unsayable(spoken)
    if unsayable:
        # A spoken form the guard would reject would fail every script that uses it.
        raise LexiconError(path, line, f'spoken form of "{code}" contains "{unsayable[1]}"')


def _abbreviation_row(row: list[str], path: Path, line: int) -> Abbreviation:
    abbr, spoken, note = row
    _checked_spoken(abbr, spoken, path, line)
    return Abbreviation(abbr, spoken, note.strip())


def _document_row(row: list[str], path: Path, line: int) -> DocumentCode:
    code, spoken, role, note = row
    if role not in DOCUMENT_ROLES:
        raise LexiconError(path, line, f'role of "{code}" must be one of '
                           f"{', '.join(DOCUMENT_ROLES)}, got \"{role}\"")
    if not re.fullmatch(r"[^\W\d_]+", code):
        raise LexiconError(path, line, f'code "{code}" must be letters only (a number after '
                           "it, as in QH15, is read on its own)")
    _checked_spoken(code, spoken, path, line)
    return DocumentCode(code, spoken, role, note.strip())


@functools.lru_cache(maxsize=8)
def _cached(path: str, stamps: tuple) -> Lexicon:
    return load_lexicon(path)


def lexicon_for(path: Path) -> Lexicon:
    """The lexicon at `path` (and the tables beside it), loaded once per process until one
    of its files changes."""
    stamps = tuple((str(file), file.stat().st_mtime_ns, file.stat().st_size)
                   for file in lexicon_files(path))
    return _cached(str(path), stamps)
