"""Vietnamese numerals as an announcer says them.

num2words (lang="vi") is the word engine for 0-99; the structure around it is ours because
the engine's structure is wrong for broadcast Vietnamese (num2words 0.5.14):

- zero hundreds inside a large number: it says "lẻ" (2023 -> "hai nghìn lẻ hai mươi ba") or
  drops them (1005000 -> "một triệu năm nghìn"); announcers say "không trăm"
  ("hai nghìn không trăm hai mươi ba", "một triệu không trăm linh năm nghìn");
- a hundred followed by a lone unit: it says "lẻ" (105 -> "một trăm lẻ năm"); we say "linh";
- a 4 after twenty: it says "bốn" (24 -> "hai mươi bốn"); we say "tư";
- decimals: strings crash it, and floats lose leading zeros (1.05 -> "một phẩy năm") or
  invent tens (0.5 -> "không phẩy năm mươi"), so decimals never reach it;
- negatives: -5 -> "mười lăm"; we say "âm năm".
"""

from __future__ import annotations

import re

from num2words import num2words

_BILLION = 10**9
# Scale word of each 3-digit group below a billion, most significant first.
_GROUP_SCALES = ((10**6, "triệu"), (10**3, "nghìn"), (1, ""))
# Substitutions applied to num2words' reading of 10-99 (see the module docstring).
_ENGINE_FIXES = ((re.compile(r"mươi bốn$"), "mươi tư"),)
_MONTH_WORDS = {4: "tư"}  # "tháng tư", never "tháng bốn"; tháng 1 stays "tháng một"
_ORDINAL_WORDS = {1: "nhất", 4: "tư"}  # "thứ nhất", "lần thứ tư"
# A decimal part this long or shorter is read as a number ("phẩy hai mươi sáu").
_MAX_DECIMALS_AS_NUMBER = 2


class NumberFormatError(ValueError):
    """A numeral whose written form is ambiguous or unsupported."""


def read_digit(digit: int) -> str:
    """One digit in words: 0 -> "không", 5 -> "năm"."""
    if not 0 <= digit <= 9:
        raise ValueError(f"not a digit: {digit}")
    return num2words(digit, lang="vi")


def _read_tens(n: int) -> str:
    """10-99 from the engine, with its slips fixed."""
    words = num2words(n, lang="vi")
    for pattern, replacement in _ENGINE_FIXES:
        words = pattern.sub(replacement, words)
    return words


def _read_group(group: int, leading: bool) -> str:
    """A 3-digit group (1-999); inside a larger number the hundreds are always said."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or not leading:
        words += [read_digit(hundreds), "trăm"]
    if tens:
        words.append(_read_tens(rest))
    elif units:
        # A lone unit after a hundred is joined with "linh": "một trăm linh năm".
        words += (["linh"] if words else []) + [read_digit(units)]
    return " ".join(words)


def _read_natural(n: int, leading: bool) -> str:
    words = []
    billions, below = divmod(n, _BILLION)
    if billions:
        # Recursing keeps "một nghìn không trăm linh năm tỷ" in one piece.
        words.append(f"{_read_natural(billions, leading)} tỷ")
        leading = False
    for scale, name in _GROUP_SCALES:
        group = below // scale % 1000
        if group:
            words.append(f"{_read_group(group, leading)} {name}".strip())
            leading = False
    return " ".join(words)


def read_integer(n: int) -> str:
    """An integer in words: 2024 -> "hai nghìn không trăm hai mươi tư"."""
    if n < 0:
        return f"âm {read_integer(-n)}"
    if n == 0:
        return read_digit(0)
    return _read_natural(n, leading=True)


def read_digits(digits: str) -> str:
    """Digit by digit: "1900" -> "một chín không không"."""
    return " ".join(read_digit(int(d)) for d in digits)


def _read_decimals(decimals: str) -> str:
    if len(decimals) > _MAX_DECIMALS_AS_NUMBER:
        return read_digits(decimals)
    if decimals.startswith("0"):
        # "1,05" is "một phẩy không năm": the zero is said, then the digit.
        return read_digits(decimals)
    return read_integer(int(decimals))


# Vietnamese numerals: dots group thousands, a comma starts the decimals.
_INTEGER = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL = re.compile(r"(?P<whole>\d+|\d{1,3}(?:\.\d{3})+),(?P<decimals>\d+)")


def read_numeral(text: str) -> str:
    """A written numeral in words: "1.234.567", "18,26", "1,05", "2024".

    Raises NumberFormatError for forms that are not Vietnamese numerals ("1.5", "1,234,567").
    """
    if _INTEGER.fullmatch(text):
        return read_integer(int(text))
    if _GROUPED.fullmatch(text):
        return read_integer(int(text.replace(".", "")))
    match = _DECIMAL.fullmatch(text)
    if match:
        whole = read_integer(int(match["whole"].replace(".", "")))
        return f"{whole} phẩy {_read_decimals(match['decimals'])}"
    raise NumberFormatError(
        f'"{text}" is not a Vietnamese numeral: group thousands with dots (1.234.567) '
        "and write decimals with one comma (18,26)"
    )


def read_day(day: int) -> str:
    """Day of the month: days 1-10 take "mùng" ("mùng sáu"), later days do not."""
    return f"mùng {read_integer(day)}" if day <= 10 else read_integer(day)


def read_month(month: int) -> str:
    """Month number as said after "tháng": 4 -> "tư", 5 -> "năm"."""
    return _MONTH_WORDS.get(month) or read_integer(month)


def read_ordinal(n: int) -> str:
    """Number as said after "thứ": 1 -> "nhất", 4 -> "tư", 2 -> "hai"."""
    return _ORDINAL_WORDS.get(n) or read_integer(n)


def group_phone_digits(digits: str) -> tuple[str, ...]:
    """Split an unseparated phone number into the groups people say it in."""
    if len(digits) == 8:  # 1900 9068
        sizes = (4, 4)
    elif len(digits) == 9:
        sizes = (3, 3, 3)
    elif len(digits) == 10:  # 0912 345 678, 1900 123 456
        sizes = (4, 3, 3)
    else:  # 11 digits: landline with area code, 024 3825 1234
        sizes = (3, 4, 4)
    groups, start = [], 0
    for size in sizes:
        groups.append(digits[start : start + size])
        start += size
    return tuple(groups)


def read_phone(groups: tuple[str, ...]) -> str:
    """Phone digit groups, digit by digit, a pause between groups."""
    return ", ".join(read_digits(group) for group in groups)
