"""render_banner: the contract the stage relies on (files, facts, warnings, errors)."""
import json
import unicodedata

import pytest

from pipeline.stages import StageError
from pipeline.stages.banner.render import Colors, render_banner


def roles(rendered) -> list[str]:
    return [made.role for made in rendered.files]


def test_files_and_facts_for_a_street_banner(make_request):
    result = render_banner(make_request("street-4000x800", raster=False))
    assert [(f.role, f.suffix) for f in result.files] == [
        ("preview", ".preview.jpg"), ("print", ".pdf"), ("thumb", ".thumb.png")]
    assert result.file("print").data.startswith(b"%PDF-")
    media = result.media
    json.dumps(media)                                   # JSON-able as promised
    assert (media["width_mm"], media["height_mm"], media["bleed_mm"]) == (4000, 800, 20)
    assert media["page_pt"] == pytest.approx([4040 * 72 / 25.4, 840 * 72 / 25.4], abs=0.01)
    assert media["user_unit"] == 1 and media["color_space"] == "RGB"
    assert media["cap_height_mm"] == pytest.approx(101.8, abs=0.5)
    assert media["hotline_cap_height_mm"] == pytest.approx(60.0, abs=0.01)
    assert media["contrast_ratio"]["headline"] == pytest.approx(5.88, abs=0.01)
    assert media["contrast_ratio"]["footer"] >= 4.5
    assert media["headline_lines"] == ["Tham gia bảo hiểm xã hội tự nguyện để hưởng lương hưu"]
    assert media["font"] == {"name": "Be Vietnam Pro ExtraBold", "version": "1.002"}
    assert "warnings" not in media and result.warnings == ()
    assert "5 mm per m at 12 m" in media["legibility"]["min_cap_height"]
    assert "WCAG" in media["legibility"]["contrast_rule"]


def test_missing_glyph_names_character_code_point_and_text(make_request):
    with pytest.raises(StageError) as err:
        render_banner(make_request(headline="Tham gia bảo hiểm 保险", product="b"))
    message = str(err.value)
    assert message.startswith("b: street-4000x800: font Be Vietnam Pro ExtraBold has no glyph")
    assert "'保'" in message and "U+4FDD" in message and "headline" in message

    with pytest.raises(StageError, match=r"U\+0E01.*footer line 2"):
        render_banner(make_request(footer=("BẢO HIỂM XÃ HỘI VIỆT NAM", "Hotline \u0e01 1900 9068")))


def test_decomposed_input_renders_identically(make_request, px):
    nfd = unicodedata.normalize("NFD", px.HEADLINE)
    a = render_banner(make_request("poster-a3", headline=nfd))
    b = render_banner(make_request("poster-a3"))
    assert a.files == b.files and a.media == b.media


def test_upper_uses_vietnamese_casing_even_from_nfd(make_request):
    text = unicodedata.normalize("NFD", "bảo hiểm xã hội tỉnh quảng ninh")
    media = render_banner(make_request("street-10000x2000", headline=text, upper=True)).media
    assert " ".join(media["headline_lines"]) == "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH"
    assert all(unicodedata.is_normalized("NFC", l) for l in media["headline_lines"])


def test_brand_yellow_on_red_fails_contrast(make_request):
    brand = Colors(background="#C8102E", text="#FFD400", accent="#FFFFFF")
    with pytest.raises(StageError, match=r"headline on street-4000x800: contrast 4\.1\d:1 "
                                         r"\(#FFD400 on #C8102E\) is below 4\.5:1"):
        render_banner(make_request(colors=brand))
    small = render_banner(make_request(colors=brand, allow_small=True))
    assert small.media["contrast_ratio"]["headline"] == pytest.approx(4.11, abs=0.01)
    assert any("contrast 4.1" in w for w in small.warnings)
    assert "warnings" not in small.media


def test_cannot_fit_error_is_one_line_with_size_and_minimum(make_request):
    with pytest.raises(StageError) as err:
        render_banner(make_request(headline=" ".join(["Đóng bảo hiểm xã hội"] * 15),
                                   product="b"))
    assert str(err.value).startswith("b: headline does not fit street-4000x800 at the "
                                     "legibility minimum of 60.0 mm cap height (5 mm per m "
                                     "at 12 m)")
    assert "\n" not in str(err.value)


def test_screen_sizes_get_no_pdf_and_a_raster_by_default(make_request):
    result = render_banner(make_request("led-1920x1080"))
    assert roles(result) == ["preview", "raster", "thumb"]
    assert result.media["raster_px"] == [1920, 1080]


def test_bad_colour_is_rejected_early():
    with pytest.raises(ValueError, match="#RRGGBB"):
        Colors(background="red", text="#FFFFFF", accent="#FFD400")
