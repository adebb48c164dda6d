"""The province catalogues: 63 units of 2024 as shipped, 34 current ones from the package."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pipeline.catalog.provinces import CatalogError, load_csv, load_current, localize

ROOT = Path(__file__).resolve().parents[2]


def test_the_2024_list_has_63_units_with_five_centrally_run_cities():
    provinces = load_csv(ROOT / "assets/data/provinces-2024.csv", "provinces-2024.csv")
    assert len(provinces) == 63
    assert sorted(p.slug for p in provinces if p.type == "thanh-pho") == [
        "can-tho", "da-nang", "ha-noi", "hai-phong", "ho-chi-minh"]
    by_slug = {p.slug: p for p in provinces}
    assert by_slug["quang-ninh"].office_name == "Bảo hiểm xã hội tỉnh Quảng Ninh"
    assert by_slug["thua-thien-hue"].full_name == "Tỉnh Thừa Thiên Huế"
    for p in provinces:
        assert p.slug.isascii() and p.name == unicodedata.normalize("NFC", p.name)


def test_the_current_list_has_34_units():
    provinces = load_current()
    assert len(provinces) == 34
    slugs = {p.slug for p in provinces}
    assert {"ha-noi", "ho-chi-minh", "hue", "quang-ninh"} <= slugs
    hcm = next(p for p in provinces if p.slug == "ho-chi-minh")
    assert (hcm.name, hcm.type) == ("Hồ Chí Minh", "thanh-pho")
    assert hcm.office_name == "Bảo hiểm xã hội thành phố Hồ Chí Minh"


def test_the_shipped_localization_covers_both_catalogues():
    offices = ROOT / "assets/data/province-offices.csv"
    for provinces in (load_csv(ROOT / "assets/data/provinces-2024.csv", "x"), load_current()):
        localized = localize(provinces, offices, "province-offices.csv")
        assert all(p.office for p in localized)


def test_a_duplicate_slug_names_its_line(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("slug,code,name,full_name,type,phone_code\n"
                    "a,1,A,Tỉnh A,tinh,1\na,2,B,Tỉnh B,tinh,2\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^p.csv:3:1: slug: 'a' is listed twice$"):
        load_csv(path, "p.csv")


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("slug,office\nha-noi,X\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"missing column\(s\): phone, address"):
        localize([], path, "o.csv")
