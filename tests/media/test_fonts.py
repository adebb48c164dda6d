"""Brand font resolution, glyph coverage and measurement."""
import pytest

from pipeline.media.fonts import (
    FontMetrics,
    UnknownFont,
    clear_caches,
    missing_glyphs,
    resolve_font,
)

VIETNAMESE = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstu"
              "ùủũúụưừửữứựvxyỳỷỹýỵ")


def test_resolves_brand_names_to_package_files():
    font = resolve_font("Be Vietnam Pro ExtraBold")
    assert font.path.name == "BeVietnamPro-ExtraBold.ttf" and font.path.is_file()
    assert font.name == "Be Vietnam Pro ExtraBold" and font.version == "1.002"
    assert resolve_font("BeVietnamPro-Medium").name == "Be Vietnam Pro Medium"
    assert resolve_font("be vietnam pro  extra bold").path == font.path


def test_unknown_font_suggests_close_names():
    with pytest.raises(UnknownFont) as err:
        resolve_font("Be Vietnam Pro ExtraBlod")
    assert "Be Vietnam Pro ExtraBold" in err.value.close_matches
    assert "did you mean" in str(err.value)
    with pytest.raises(UnknownFont) as err:
        resolve_font("Comic Sans")
    assert err.value.close_matches == ()


def test_missing_glyphs_ignores_whitespace_and_lists_each_missing_once():
    path = resolve_font("Be Vietnam Pro Medium").path
    assert missing_glyphs(VIETNAMESE + VIETNAMESE.upper() + " \n\t–0123456789%,.", path) == []
    assert missing_glyphs("Bảo hiểm 保险 保 \u0e01", path) == ["保", "险", "\u0e01"]


def test_metrics_runs_carry_the_kerning():
    metrics = FontMetrics(resolve_font("Be Vietnam Pro ExtraBold").path)
    kerned = metrics.advance_em("AV")
    assert kerned < metrics.advance_em("A") + metrics.advance_em("V")   # AV kerns
    runs = metrics.runs("AVA")
    assert [text for _, text in runs] == ["A", "V", "A"]
    assert runs[1][0] == pytest.approx(kerned - metrics.advance_em("V"))
    top, bottom = metrics.ink_em("Ẫ")
    assert top > 1.1 > metrics.cap_height_em == pytest.approx(0.74)


def test_caches_can_be_cleared():
    resolve_font("Be Vietnam Pro Medium")
    clear_caches()
    assert resolve_font("Be Vietnam Pro Medium").version == "1.002"
