"""Slashed numbers: dates ("06/5/2024", "6-21/5", "5/2024") and fractions ("2/5").

"2/5" is a date or a fraction by its context, decided in this order:
1. it has a year or a day range ("2/5/2024", "6-21/5"), or is month/year ("5/2024"): a date;
2. it cannot be a date (day over 31, month over 12): a fraction ("1/20" -> "một phần hai
   mươi");
3. the word before says date ("ngày", "mùng", "hôm", "sáng"...): a date;
4. a quantity word before it ("chiếm", "khoảng", "hơn", "gần"...) or a quantity after it
   ("số", "tổng", "dân số"...): a fraction, unless a word of time stands on the other side
   ("đến 1/3 số người": until 1 March, or up to a third?): then both readings are possible
   and the line is refused, naming both;
5. otherwise a date, as official copy writes "6/5" for the sixth of May.

"5/2024" is a month and year; "1/1000" is a fraction after a quantity word, or when its
four digits cannot be a year (before 1900, after 2199); "115/2015" is a document's number
and year ("một trăm mười lăm trên hai nghìn không trăm mười lăm").
"""

from __future__ import annotations

import re

from pipeline.text.speech_errors import SpeechTextError
from pipeline.text.speech_numbers import read_day, read_integer, read_month

_DATE = re.compile(
    r"""(?<![\w/.,])(?:
        (?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})/(?P<range_month>\d{1,2})
            (?:/(?P<range_year>\d{4}))?
      | (?P<day>\d{1,3})/(?P<month>\d{1,4})(?:/(?P<year>\d{4}))?
    )(?![\w/]|[.,]\d)""",
    re.VERBOSE,
)
_SAID_BEFORE = re.compile(r"(?i)(?<!\w)(?P<word>ngày|tháng|mùng|mồng)\s*$")
_WORD_BEFORE = re.compile(r"(?i)(?:(?<!\w)(?P<two>\w+\s+\w+)|(?<!\w)(?P<one>\w+))\s*$")
_WORDS_AFTER = re.compile(r"\s*(?P<one>\w+)(?:\s+(?P<two>\w+))?")

DATE_WORDS = frozenset({"ngày", "mùng", "mồng", "hôm", "sáng", "trưa", "chiều", "tối",
                        "đêm", "hạn", "tháng"})
# Words before a slash that say "from/until": a date, unless a quantity follows.
DATE_HINTS_BEFORE = frozenset({"từ", "đến", "tới", "trước", "sau", "hết", "vào"})
DATE_HINTS_AFTER = frozenset({"này", "tới", "vừa", "âm lịch", "dương lịch", "hằng năm",
                              "hàng năm"})
QUANTITY_BEFORE = frozenset({"chiếm", "khoảng", "gần", "hơn", "dưới", "trên", "bằng",
                             "còn", "tăng", "giảm", "đạt", "xấp xỉ", "ít nhất", "tối thiểu",
                             "tối đa", "khoảng chừng"})
QUANTITY_AFTER = frozenset({"số", "tổng", "dân số", "diện tích", "lực lượng", "mức",
                            "quỹ", "thời gian", "giá trị", "chi phí", "các", "những"})
_YEARS = range(1900, 2200)


def _valid_date(day: int | None, month: int) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def read_fraction(numerator: int, denominator: int) -> str:
    """2/5 -> "hai phần năm"; a quarter is "tư": 3/4 -> "ba phần tư"."""
    below = "tư" if denominator == 4 else read_integer(denominator)
    return f"{read_integer(numerator)} phần {below}"


def _context(text: str, start: int, end: int) -> tuple[set[str], set[str]]:
    """The word (and two words) before and after a match, lowercased."""
    before = _WORD_BEFORE.search(text, 0, start)
    after = _WORDS_AFTER.match(text, end)
    said_before = set()
    if before:
        words = (before["two"] or before["one"]).lower().split()
        said_before = {words[-1], " ".join(words)}
    said_after = set()
    if after:
        said_after = {after["one"].lower()}
        if after["two"]:
            said_after.add(f"{after['one']} {after['two']}".lower())
    return said_before, said_after


def _kind(text: str, match: re.Match) -> str:
    """date | fraction | ambiguous, for a d/m that is a valid date (steps 3-5 above)."""
    before, after = _context(text, match.start(), match.end())
    if before & DATE_WORDS:
        return "date"
    quantity = bool(before & QUANTITY_BEFORE or after & QUANTITY_AFTER)
    dated = bool(before & DATE_HINTS_BEFORE or after & DATE_HINTS_AFTER)
    if quantity and dated:
        return "ambiguous"
    return "fraction" if quantity else "date"


def say_dates(text: str, segment: str = "") -> str:
    def say(match: re.Match) -> str:
        before = _SAID_BEFORE.search(text, 0, match.start())
        said = before["word"].lower() if before else ""
        if match["first"]:
            return _say_range(match, said)
        day, month = int(match["day"]), int(match["month"])
        if match["year"] is None and len(match["month"]) == 4:
            return _say_month_year(match, text, said, day, month)
        if len(match["month"]) > 2 or len(match["day"]) > 2 or not _valid_date(day, month):
            if match["year"] or not (day and month > 1):
                return match.group()
            return read_fraction(day, month)
        date = _say_date(day, month, match["year"], said)
        if match["year"]:
            return date
        kind = _kind(text, match)
        if kind == "ambiguous":
            fraction = read_fraction(day, month)
            raise SpeechTextError(
                f'"{match.group()}" could be a date ("{date}") or a fraction ("{fraction}"); '
                f'write "ngày {match.group()}" for the date or "{day} phần {month}" for the '
                "fraction", token=match.group(), segment=segment)
        return read_fraction(day, month) if kind == "fraction" else date

    return _DATE.sub(say, text)


def _say_range(match: re.Match, said: str) -> str:
    first, last = int(match["first"]), int(match["last"])
    month, year = int(match["range_month"]), match["range_year"]
    if not (_valid_date(first, month) and _valid_date(last, month) and first < last):
        return match.group()
    days = f"{_say_day(first, said)} đến ngày {read_day(last)}"
    year_words = f" năm {read_integer(int(year))}" if year else ""
    return f"{days} tháng {read_month(month)}{year_words}"


def _say_month_year(match: re.Match, text: str, said: str, month: int, year: int) -> str:
    """"5/2024" is May 2024; "1/1000" after "chiếm" is a thousandth."""
    before, _ = _context(text, match.start(), match.end())
    if said != "tháng" and (before & QUANTITY_BEFORE or year not in _YEARS):
        return read_fraction(month, year) if month else match.group()
    if not _valid_date(None, month):
        # "Nghị định 115/2015" without its code: a number of that year, read as documents are.
        return f"{read_integer(month)} trên {read_integer(year)}" if month > 12 else match.group()
    prefix = "" if said == "tháng" else "tháng "
    return f"{prefix}{read_month(month)} năm {read_integer(year)}"


def _say_date(day: int, month: int, year: str | None, said: str) -> str:
    year_words = f" năm {read_integer(int(year))}" if year else ""
    return f"{_say_day(day, said)} tháng {read_month(month)}{year_words}"


def _say_day(day: int, said: str) -> str:
    """The first day of a date, without repeating a "ngày" or "mùng" already in the text."""
    if said in ("mùng", "mồng"):
        return read_integer(day)
    return read_day(day) if said == "ngày" else f"ngày {read_day(day)}"
