"""Numbers, money and dates as each language prints them on a chart.

Vietnamese follows pipeline.text.vietnamese ("18,26 triệu", "93,35 %", "1.234.567",
"tháng 5/2024"); English uses English conventions ("18.26 million", "93.35%") so an
English reader is never misled by a decimal comma. Labels drop trailing zeros
("17,5 triệu", "90 %"), the way the press prints such figures.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...text.vietnamese import format_number

MILLION = 1_000_000
BILLION = 1_000_000_000
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


@dataclass(frozen=True)
class Formats:
    lang: str

    # -- plain numbers ----------------------------------------------------------------
    def number(self, value: float, decimals: int = 2) -> str:
        """Up to `decimals` decimals, trailing zeros dropped; thousands grouped."""
        text = format_number(value, decimals)           # "1.234,50" (Vietnamese)
        if "," in text:
            text = text.rstrip("0").rstrip(",")
        if self.lang == "vi":
            return text
        return text.translate(str.maketrans({".": ",", ",": "."}))

    def signed(self, value: float, decimals: int = 2) -> str:
        return ("+" if value > 0 else "−" if value < 0 else "") + \
            self.number(abs(value), decimals)

    def percent(self, value: float, decimals: int = 2) -> str:
        return f"{self.number(value, decimals)} %" if self.lang == "vi" \
            else f"{self.number(value, decimals)}%"

    def signed_percent(self, value: float, decimals: int = 1) -> str:
        return f"{self.signed(value, decimals)} %" if self.lang == "vi" \
            else f"{self.signed(value, decimals)}%"

    # -- counts -----------------------------------------------------------------------
    def count_unit(self, largest: float) -> tuple[float, str]:
        """(divisor, word) for a series whose largest value is `largest`."""
        if largest >= MILLION:
            return MILLION, "triệu" if self.lang == "vi" else "million"
        return 1, ""

    def count(self, value: float, largest: float | None = None, decimals: int = 2) -> str:
        """A count in the series' unit: "18,26 triệu" or "551.000"."""
        divisor, word = self.count_unit(value if largest is None else largest)
        if not word:
            return self.number(value, 0)
        return f"{self.number(value / divisor, decimals)} {word}"

    # -- money ------------------------------------------------------------------------
    def money(self, vnd: float, decimals: int = 2) -> str:
        if self.lang == "vi":
            if abs(vnd) >= BILLION:
                return f"{self.number(vnd / BILLION, decimals)} tỷ đồng"
            if abs(vnd) >= MILLION:
                return f"{self.number(vnd / MILLION, decimals)} triệu đồng"
            return f"{self.number(vnd, 0)} đồng"
        if abs(vnd) >= BILLION:
            return f"VND {self.number(vnd / BILLION, decimals)} billion"
        if abs(vnd) >= MILLION:
            return f"VND {self.number(vnd / MILLION, decimals)} million"
        return f"VND {self.number(vnd, 0)}"

    # -- dates ------------------------------------------------------------------------
    def month(self, when: dt.date) -> str:
        if self.lang == "vi":
            return f"tháng {when.month}/{when.year}"
        return f"{_EN_MONTHS[when.month - 1]} {when.year}"

    def years_months(self, months: int) -> str:
        years, rest = divmod(months, 12)
        if self.lang == "vi":
            parts = [f"{years} năm" if years else "", f"{rest} tháng" if rest else ""]
        else:
            parts = [f"{years} year{'s' if years != 1 else ''}" if years else "",
                     f"{rest} month{'s' if rest != 1 else ''}" if rest else ""]
        return " ".join(p for p in parts if p) or ("0 tháng" if self.lang == "vi"
                                                   else "0 months")

    # -- axis ticks -------------------------------------------------------------------
    def tick(self, value: float, divisor: float = 1, word: str = "",
             percent: bool = False) -> str:
        if abs(value) < 1e-9:
            return "0"
        if percent:
            return self.percent(value, 1)
        text = self.number(value / divisor, 2)
        return f"{text} {word}" if word else text


def parse_date(text: str) -> dt.date | None:
    """'2024-01-17' or '2024-01' -> a date (day 1 when missing); None when not a date."""
    parts = str(text).strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 2:
            numbers.append(1)
        return dt.date(*numbers[:3]) if len(numbers) == 3 else None
    except (ValueError, TypeError):
        return None
