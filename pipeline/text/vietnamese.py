"""Vietnamese text: normalization, casing and number formats as printed on campaign assets.

Numbers follow Vietnamese usage (TCVN / government documents): "." groups thousands and
"," marks decimals, so 1234567.5 prints as "1.234.567,5". Rounding is half-up, as in
published statistics, and always done on Decimal(str(x)) so 18.255 does not become 18.25.
"""
from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Number = int | float | str | Decimal


def nfc(s: str) -> str:
    """Composed form: one code point per Vietnamese letter, as fonts' cmaps expect."""
    return unicodedata.normalize("NFC", s)


def upper_vi(s: str) -> str:
    """Upper case with every tone and vowel mark kept ("quảng ninh" -> "QUẢNG NINH").

    Works from NFD input too: combining marks are case-less and recompose afterwards.
    """
    return nfc(nfc(s).upper())


def _decimal(value: Number) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number to format")
    if isinstance(value, Decimal):
        result = value
    else:
        # str(float) is the shortest repr, so 0.1 stays 0.1 and not 0.1000000000000000055.
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return result


def format_number(value: Number, decimals: int = 0) -> str:
    """Vietnamese grouping: format_number(1234567) == "1.234.567", (18.26, 2) -> "18,26"."""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    english = f"{rounded:,.{decimals}f}"
    return english.translate(str.maketrans({",": ".", ".": ","}))


def format_percent(value: Number, decimals: int = 2) -> str:
    """A percentage already in percent units: format_percent(93.35) == "93,35 %"."""
    return f"{format_number(value, decimals)} %"


def format_millions(value: Number, decimals: int = 2) -> str:
    """A raw count in millions: format_millions(18_260_000) == "18,26 triệu"."""
    return f"{format_number(_decimal(value).scaleb(-6), decimals)} triệu"


def format_billions(value: Number, decimals: int = 2) -> str:
    """A raw amount in billions (tỷ): format_billions(1_250_000_000) == "1,25 tỷ"."""
    return f"{format_number(_decimal(value).scaleb(-9), decimals)} tỷ"
