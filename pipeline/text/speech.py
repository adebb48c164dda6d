"""Script text -> what an announcer would say, ready for speech synthesis.

Abbreviations come from a lexicon (assets/lexicon/abbreviations.csv); numbers, dates,
percentages and hotlines are written out in words (pipeline/text/speech_numbers.py). A final
guard refuses text that a synthesizer would spell letter by letter or read digit by digit,
so no spot ever says "bê hát xê hát" on air.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.text.speech_numbers import (
    NumberFormatError,
    group_phone_digits,
    read_day,
    read_integer,
    read_month,
    read_numeral,
    read_ordinal,
    read_phone,
)

LEXICON_NAME = "assets/lexicon/abbreviations.csv"
DEFAULT_LEXICON_PATH = Path(__file__).resolve().parents[2] / LEXICON_NAME
_LEXICON_HEADER = ["abbr", "spoken", "note"]


class SpeechTextError(ValueError):
    """Text that cannot be said as written; names the token and the segment."""

    def __init__(self, message: str, *, token: str, segment: str = "") -> None:
        prefix = f"segment {segment}: " if segment else ""
        super().__init__(prefix + message)
        self.token = token
        self.segment = segment


class LexiconError(ValueError):
    """A lexicon file that cannot be used; names the file and line."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    spoken: str
    note: str = ""


def _abbreviation_pattern(abbr: str) -> str:
    # Token boundaries only where the abbreviation itself ends in a letter, so "TP." still
    # matches in "TP.Huế"; inner spaces match any run of spaces ("BHXH  VN").
    body = r"\s+".join(re.escape(part) for part in abbr.split())
    left = r"(?<!\w)" if re.match(r"\w", abbr) else ""
    right = r"(?!\w)" if re.search(r"\w$", abbr) else ""
    return left + body + right


@dataclass(frozen=True)
class Lexicon:
    """Abbreviations, longest first so "BHXH VN" wins over "BHXH"."""

    entries: tuple[Abbreviation, ...]
    _pattern: re.Pattern = field(init=False, repr=False, compare=False)
    _spoken: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nfc = [Abbreviation(_nfc(e.abbr), _nfc(e.spoken), e.note) for e in self.entries]
        ordered = tuple(sorted(nfc, key=lambda e: (-len(e.abbr), e.abbr)))
        # Regex alternation takes the first alternative that matches, hence longest first.
        alternatives = "|".join(_abbreviation_pattern(e.abbr) for e in ordered) or "(?!)"
        object.__setattr__(self, "entries", ordered)
        object.__setattr__(self, "_pattern", re.compile(alternatives))
        object.__setattr__(self, "_spoken", {_squash(e.abbr): e.spoken for e in ordered})

    def expand(self, text: str) -> str:
        """Replace every abbreviation (case-sensitive, on token boundaries) by its spoken form."""

        def spoken(match: re.Match) -> str:
            words = self._spoken[_squash(match.group())]
            # "TP.Huế" must not become "thành phốHuế".
            before = " " if match.start() and text[match.start() - 1].isalnum() else ""
            after = " " if match.end() < len(text) and text[match.end()].isalnum() else ""
            return before + words + after

        return self._pattern.sub(spoken, text)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _squash(abbr: str) -> str:
    return " ".join(abbr.split())


def load_lexicon(path: Path | str) -> Lexicon:
    """Read abbr,spoken,note rows (UTF-8); any bad row raises LexiconError naming its line."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconError(path, 1, f"not UTF-8 ({error.reason})") from None
    reader = csv.reader(io.StringIO(_nfc(raw)))
    header = next(reader, None)
    if header != _LEXICON_HEADER:
        raise LexiconError(path, 1, f"header must be {','.join(_LEXICON_HEADER)}, got {header}")
    entries: list[Abbreviation] = []
    first_line: dict[str, int] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        entry = _parse_row(row, path, reader.line_num)
        key = _squash(entry.abbr)
        if key in first_line:
            raise LexiconError(
                path, reader.line_num, f'"{entry.abbr}" already defined on line {first_line[key]}'
            )
        first_line[key] = reader.line_num
        entries.append(entry)
    return Lexicon(tuple(entries))


def _parse_row(row: list[str], path: Path | str, line: int) -> Abbreviation:
    if len(row) != len(_LEXICON_HEADER):
        raise LexiconError(
            path, line, f"expected 3 columns (abbr,spoken,note), got {len(row)}: {row}"
        )
    abbr, spoken, note = row
    if not abbr.strip() or not spoken.strip():
        raise LexiconError(path, line, "abbr and spoken must both be filled in")
    if abbr != abbr.strip() or spoken != spoken.strip():
        raise LexiconError(path, line, f'"{abbr}": remove spaces around the cells')
    unsayable = _first_unsayable(spoken)
    if unsayable:
        # A spoken form the guard would reject would fail every script that uses it.
        raise LexiconError(path, line, f'spoken form of "{abbr}" contains "{unsayable[1]}"')
    return Abbreviation(abbr, spoken, note.strip())


# --- passes: each turns one kind of written form into words ---------------------------------

_PHONE = re.compile(
    r"(?<![\w.,/])(?:1[89]00|0)\d*(?:[ .\-]\d{2,4})*(?![\w%/]|[.,]\d)"
)
_PHONE_DIGITS = (8, 11)


def _say_phones(text: str) -> str:
    def say(match: re.Match) -> str:
        groups = tuple(re.split(r"[ .\-]", match.group()))
        digits = "".join(groups)
        if not _PHONE_DIGITS[0] <= len(digits) <= _PHONE_DIGITS[1]:
            return match.group()
        return read_phone(groups if len(groups) > 1 else group_phone_digits(digits))

    return _PHONE.sub(say, text)


# "1064/BHXH-TT", "115/2015/NĐ-CP": number, optional year, issuing code.
_DOCUMENT = re.compile(
    r"(?<![\w/.,])(?P<number>\d+)(?:/(?P<year>\d{4}))?/(?P<code>[^\W\d_]\w*(?:-\w+)*)"
)


def _say_document_numbers(text: str, lexicon: Lexicon) -> str:
    def say(match: re.Match) -> str:
        if not match["code"][0].isupper():
            return match.group()
        code = re.sub(r"\s*-\s*", " - ", lexicon.expand(match["code"]))
        year = f" trên {read_integer(int(match['year']))}" if match["year"] else ""
        return f"{read_integer(int(match['number']))}{year} trên {code}"

    return _DOCUMENT.sub(say, text)


_DATE = re.compile(
    r"""(?<![\w/.,])(?:
        (?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})/(?P<range_month>\d{1,2})
            (?:/(?P<range_year>\d{4}))?
      | (?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>\d{4}))?
      | (?P<only_month>\d{1,2})/(?P<month_year>\d{4})
    )(?![\w/]|[.,]\d)""",
    re.VERBOSE,
)
_SAID_BEFORE = re.compile(r"(?i)(?<!\w)(?P<word>ngày|tháng|mùng|mồng)\s*$")


def _valid_date(day: int | None, month: int) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def _say_dates(text: str) -> str:
    def say(match: re.Match) -> str:
        before = _SAID_BEFORE.search(text, 0, match.start())
        said = before["word"].lower() if before else ""
        if match["only_month"]:
            month = int(match["only_month"])
            if not _valid_date(None, month):
                return match.group()
            prefix = "" if said == "tháng" else "tháng "
            return f"{prefix}{read_month(month)} năm {read_integer(int(match['month_year']))}"
        if match["first"]:
            first, last = int(match["first"]), int(match["last"])
            month, year = int(match["range_month"]), match["range_year"]
            if not (_valid_date(first, month) and _valid_date(last, month) and first < last):
                return match.group()
            days = f"{_say_day(first, said)} đến ngày {read_day(last)}"
        else:
            day, month, year = int(match["day"]), int(match["month"]), match["year"]
            if not _valid_date(day, month):
                return match.group()
            days = _say_day(day, said)
        year_words = f" năm {read_integer(int(year))}" if year else ""
        return f"{days} tháng {read_month(month)}{year_words}"

    return _DATE.sub(say, text)


def _say_day(day: int, said: str) -> str:
    """The first day of a date, without repeating a "ngày" or "mùng" already in the text."""
    if said in ("mùng", "mồng"):
        return read_integer(day)
    return read_day(day) if said == "ngày" else f"ngày {read_day(day)}"


# Numbers whose reading depends on the word before them.
_AFTER_WORD = re.compile(
    r"(?<!\w)(?:(?P<word>tháng|thứ)\s+(?P<n>\d{1,2})|(?P<ngay>ngày)\s+(?P<day>\d{1,2})(?=\s+tháng))"
    r"(?![\w/%]|[.,]\d)",
    re.IGNORECASE,
)


def _say_numbers_after_words(text: str) -> str:
    def say(match: re.Match) -> str:
        if match["ngay"]:
            day = int(match["day"])
            return f"{match['ngay']} {read_day(day)}" if 1 <= day <= 31 else match.group()
        word, n = match["word"], int(match["n"])
        if word.lower() == "thứ":
            return f"{word} {read_ordinal(n)}"
        return f"{word} {read_month(n)}" if 1 <= n <= 12 else match.group()

    return _AFTER_WORD.sub(say, text)


_NUMERAL = r"\d+(?:[.,]\d+)*"
# A number, optionally a percentage, optionally a range ("2019-2023", "10-20%"), optionally
# money in "đ". Nothing may stick to it: "5x" is left for the guard to report.
_NUMBER = re.compile(
    rf"(?<!\w)(?P<first>{_NUMERAL})(?P<first_pct>\s*%)?"
    rf"(?:\s*[-–]\s*(?P<last>{_NUMERAL})(?P<last_pct>\s*%)?)?"
    r"(?P<dong>\s?đ(?!\w))?(?!\w)"
)


def _say_numbers(text: str, segment: str) -> str:
    def numeral(written: str) -> str:
        try:
            return read_numeral(written)
        except NumberFormatError as error:
            raise SpeechTextError(str(error), token=written, segment=segment) from None

    def say(match: re.Match) -> str:
        words = numeral(match["first"]) + (" phần trăm" if match["first_pct"] else "")
        if match["last"]:
            words += f" đến {numeral(match['last'])}"
            words += " phần trăm" if match["last_pct"] else ""
        return words + (" đồng" if match["dong"] else "")

    return _NUMBER.sub(say, text)


# --- guard -------------------------------------------------------------------------------------

_CAPITALS = re.compile(r"[^\W\d_]{2,}")
_DIGITS = re.compile(r"\S*[\d%]\S*")
_EDGE_PUNCTUATION = ".,;:!?()[]\"'“”‘’…"


def _first_unsayable(text: str) -> tuple[int, str, str] | None:
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


def _guard(text: str, segment: str) -> None:
    unsayable = _first_unsayable(text)
    if unsayable is None:
        return
    _, token, kind = unsayable
    if kind == "capitals":
        message = (
            f'"{token}" would be spelled letter by letter; '
            f"add it to {LEXICON_NAME} or write it out"
        )
    else:
        message = f'"{token}" has a digit or "%" that could not be read; write it out in words'
    raise SpeechTextError(message, token=token, segment=segment)


# --- public API --------------------------------------------------------------------------------


def normalize(text: str, lexicon: Lexicon, *, segment: str = "") -> str:
    """Text as an announcer would say it; raises SpeechTextError if any of it cannot be said."""
    text = _nfc(text)
    # Order matters: phones and document numbers are claimed before their digits could be
    # read as dates or plain numbers, and abbreviations are expanded before anything looks
    # at the words around a number.
    text = _say_phones(text)
    text = _say_document_numbers(text, lexicon)
    text = lexicon.expand(text)
    text = _say_dates(text)
    text = _say_numbers_after_words(text)
    text = _say_numbers(text, segment)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.;:!?])", r"\1", text)
    _guard(text, segment)
    return text


def spoken_lines(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Each non-blank line of a script, normalized; the segment is its 1-based line number."""
    return tuple(
        normalize(line, lexicon, segment=str(number))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    )
