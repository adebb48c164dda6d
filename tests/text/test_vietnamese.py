"""Vietnamese normalization, casing and number formats."""
import unicodedata
from decimal import Decimal

import pytest

from pipeline.text.vietnamese import (
    format_billions,
    format_millions,
    format_number,
    format_percent,
    nfc,
    upper_vi,
)


def test_nfc_composes():
    nfd = unicodedata.normalize("NFD", "Quảng Ninh")
    assert len(nfd) > len("Quảng Ninh") and nfc(nfd) == "Quảng Ninh"


@pytest.mark.parametrize("text", ["bảo hiểm xã hội tỉnh quảng ninh",
                                  unicodedata.normalize("NFD", "bảo hiểm xã hội tỉnh quảng ninh")])
def test_upper_vi(text):
    assert upper_vi(text) == "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH"
    assert unicodedata.is_normalized("NFC", upper_vi(text))


def test_upper_vi_keeps_d_stroke_and_every_tone():
    assert upper_vi("đường dây nóng ữ ỡ ự ỳ ỵ") == "ĐƯỜNG DÂY NÓNG Ữ Ỡ Ự Ỳ Ỵ"


@pytest.mark.parametrize("value, decimals, expected", [
    (1234567, 0, "1.234.567"),
    (18.26, 2, "18,26"),
    ("1234.5", 1, "1.234,5"),
    (Decimal("93.345"), 2, "93,35"),         # half up, as published statistics round
    (2.675, 2, "2,68"),                      # float 2.675 is 2.67499..., Decimal(str()) is not
    (0.125, 2, "0,13"),
    (999.5, 0, "1.000"),
    (-1234.5, 0, "-1.235"),
    (-0.004, 2, "0,00"),                     # no "-0,00"
    (18.2, 2, "18,20"),
    (0, 0, "0"),
    ("1e6", 0, "1.000.000"),
])
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_percent_and_scaled_units():
    assert format_percent(93.35) == "93,35 %"
    assert format_percent("7.5", 1) == "7,5 %"
    assert format_millions(18_260_000) == "18,26 triệu"
    assert format_millions(Decimal("1234567890"), 0) == "1.235 triệu"
    assert format_billions(1_250_000_000) == "1,25 tỷ"


@pytest.mark.parametrize("bad", ["abc", "", float("nan"), float("inf")])
def test_format_number_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        format_number(bad)


def test_format_number_rejects_booleans():
    with pytest.raises(TypeError):
        format_number(True)
