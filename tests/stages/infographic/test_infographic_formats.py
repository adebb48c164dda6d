"""Numbers, money and dates as printed on the charts, in Vietnamese and English."""
from __future__ import annotations

import datetime as dt

from pipeline.stages.infographic.formats import Formats, parse_date

VI, EN = Formats("vi"), Formats("en")


def test_vietnamese_numbers_group_with_dots_and_mark_decimals_with_commas():
    assert VI.number(1_234_567) == "1.234.567"
    assert VI.number(18.26) == "18,26"
    assert VI.number(17.50) == "17,5"
    assert VI.percent(93.35) == "93,35 %"
    assert VI.percent(90) == "90 %"
    assert VI.count(18_260_000) == "18,26 triệu"
    assert VI.count(551_000) == "551.000"
    assert VI.count(551_000, largest=18_260_000) == "0,55 triệu"
    assert VI.money(320_000_000) == "320 triệu đồng"
    assert VI.money(1_250_000_000) == "1,25 tỷ đồng"
    assert VI.money(141_750) == "141.750 đồng"
    assert VI.signed_percent(4.3) == "+4,3 %"
    assert VI.month(dt.date(2024, 5, 6)) == "tháng 5/2024"
    assert VI.years_months(89) == "7 năm 5 tháng"


def test_axis_ticks_are_vietnamese_too():
    assert VI.tick(0) == "0"
    assert VI.tick(10_000_000, 1_000_000, "triệu") == "10 triệu"
    assert VI.tick(17_500_000, 1_000_000, "triệu") == "17,5 triệu"
    assert VI.tick(40, percent=True) == "40 %"
    assert VI.tick(12.5, percent=True) == "12,5 %"


def test_english_keeps_english_conventions():
    assert EN.number(1_234_567.5) == "1,234,567.5"
    assert EN.percent(93.35) == "93.35%"
    assert EN.count(18_260_000) == "18.26 million"
    assert EN.money(320_000_000) == "VND 320 million"
    assert EN.month(dt.date(2024, 1, 17)) == "January 2024"


def test_sidecar_dates_parse_with_or_without_a_day():
    assert parse_date("2024-01-17") == dt.date(2024, 1, 17)
    assert parse_date("2018-05") == dt.date(2018, 5, 1)
    assert parse_date("soon") is None
