"""Dates written with hyphens or dots ("1-7-2025", "1.7.2025") and phone numbers with the
area code in brackets ("(024) 3936 1888", "(+84) 24 3936 1888"): read right, or refused
with the readings to choose from, as an ambiguous "1/3" is (speech_dates.py).

Left alone they were misread on air: "1-7-2025" as "một đến bảy-hai nghìn...", "(024)" as
"(hai mươi tư)" followed by thousands.
"""
from __future__ import annotations

import re

from pipeline.text.speech_dates import DATE_HINTS_BEFORE, DATE_WORDS
from pipeline.text.speech_errors import SpeechTextError
from pipeline.text.speech_numbers import group_phone_digits, read_day, read_digits, read_integer
from pipeline.text.speech_numbers import read_month as month_words

_YEARS = range(1900, 2200)
# d-m-yyyy, d.m.yyyy, d–m–yyyy: one separator, used twice.
_FULL_DATE = re.compile(
    r"(?<![\w/.,\-–])(?P<day>\d{1,2})(?P<sep>[-.–])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4})(?![\w/\-–]|[.,]\d)")
# d-m after a word of time ("ngày 1-7", "từ 1-7"): 1 July, or the days 1 to 7?
_DAY_MONTH = re.compile(
    r"(?i)(?<!\w)(?P<word>\w+)\s+(?P<day>\d{1,2})\s*[-–]\s*(?P<month>\d{1,2})"
    r"(?![\w/%.,\-–])")
_BRACKETED = re.compile(
    r"\((?P<area>\+84|0\d{1,3})\)[\s.\-]*(?P<rest>\d{2,8}(?:[ .\-]\d{2,4})*)?(?![\w%/])")


def _date_words(day: int, month: int, year: int | None, said_ngay: bool) -> str:
    first = read_day(day) if said_ngay else f"ngày {read_day(day)}"
    year_words = f" năm {read_integer(year)}" if year is not None else ""
    return f"{first} tháng {month_words(month)}{year_words}"


def say_separated_dates(text: str, segment: str = "") -> str:
    """"1-7-2025" -> "ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm"; a
    hyphenated day and month after a word of time is refused with both readings."""
    def full(match: re.Match) -> str:
        day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
        if not (1 <= day <= 31 and 1 <= month <= 12 and year in _YEARS):
            raise SpeechTextError(
                f'"{match.group()}" is not a date (day 1-31, month 1-12, then a year '
                "1900-2199); check the figures",
                token=match.group(), segment=segment)
        said_ngay = text[:match.start()].rstrip().lower().endswith("ngày")
        return _date_words(day, month, year, said_ngay)

    def day_month(match: re.Match) -> str:
        word = match["word"].lower()
        day, month = int(match["day"]), int(match["month"])
        if word not in DATE_WORDS | DATE_HINTS_BEFORE or not (1 <= day <= 31
                                                             and 1 <= month <= 12):
            return match.group()
        written = f"{match['day']}-{match['month']}"
        date = _date_words(day, month, None, word == "ngày")
        raise SpeechTextError(
            f'"{written}" could be a date ("{date}") or a range ("{read_integer(day)} đến '
            f'{read_integer(month)}"); write "{match["day"]}/{match["month"]}" for the date or '
            f'"{match["day"]} đến {match["month"]}" for the range', token=written,
            segment=segment)

    return _DAY_MONTH.sub(day_month, _FULL_DATE.sub(full, text))


def say_bracketed_phones(text: str, segment: str = "") -> str:
    """"(024) 3936 1888" -> "không hai bốn, ba chín ba sáu, một tám tám tám"; an area code
    in brackets with no number after it is refused (it is not a quantity)."""
    def say(match: re.Match) -> str:
        area, rest = match["area"], match["rest"]
        if rest is None:
            raise SpeechTextError(
                f'"({area})" is an area code with no number after it; write the whole phone '
                "number after it, or the code in words", token=f"({area})", segment=segment)
        groups = tuple(g for g in re.split(r"[ .\-]", rest) if g)
        local = "".join(groups)
        digits = area.lstrip("+") + local
        if not 8 <= len(digits) <= 12:
            raise SpeechTextError(
                f'"{match.group().strip()}" has {len(digits)} digits: a phone number with its '
                "area code has 10 or 11; check it", token=match.group().strip(),
                segment=segment)
        spoken = groups if len(groups) > 1 else group_phone_digits(local)
        code = ("cộng " + read_digits(area[1:])) if area.startswith("+") else read_digits(area)
        return ", ".join([code, *(read_digits(g) for g in spoken)])

    return _BRACKETED.sub(say, text)



