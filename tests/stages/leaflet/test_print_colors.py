"""brand.print_colors in the banner PDF writer (the small shared edit of issue 14): the
brand colours are painted in their CMYK inks, and a canvas without inks stays RGB."""
from __future__ import annotations

from leaflet_helpers import content_streams

from pipeline.catalog.sizes import SIZES
from pipeline.media.fonts import resolve_font
from pipeline.spec.model import Colors, PrintColors
from pipeline.stages.banner.layout import BannerRequest, layout_slogan
from pipeline.stages.banner.pdf import render_pdf

COLORS = Colors("#C8102E", "#FFFFFF", "#FFD400")
INKS = PrintColors((0, 92, 77, 22), (0, 0, 0, 0), (0, 17, 100, 0))


def _layout():
    return layout_slogan(BannerRequest(
        headline="THAM GIA BẢO HIỂM XÃ HỘI", kicker="Bảo hiểm xã hội - An sinh cho mọi nhà",
        footer=("BẢO HIỂM XÃ HỘI VIỆT NAM", "Đường dây nóng 1900 9068"),
        size=SIZES["poster-a3"], colors=COLORS,
        display_font=resolve_font("Be Vietnam Pro ExtraBold").path,
        text_font=resolve_font("Be Vietnam Pro Medium").path))


def _page(pdf: bytes) -> bytes:
    return b"".join(s for s in content_streams(pdf) if b"BT" in s)


def test_banner_pdf_paints_brand_colours_with_the_given_inks():
    page = _page(render_pdf(_layout(), inks=INKS.by_hex(COLORS)).data)
    assert b"0 .92 .77 .22 k" in page                  # the red background, from the table
    assert b"0 0 0 0 k" in page                        # white text: no ink
    assert b"1 1 1 1 K" in page                        # crop marks in registration colour
    assert b" rg" not in page and b" RG" not in page   # nothing left in RGB


def test_banner_pdf_without_inks_is_rgb():
    page = _page(render_pdf(_layout()).data)
    assert b" rg" in page and b" k\n" not in page


def test_device_conversion_of_derived_shades_and_the_shipped_brand():
    from pipeline.media.print_color import device_cmyk

    assert device_cmyk("#C8102E") == (0, 92, 77, 22)
    assert device_cmyk("#FFD400") == (0, 17, 100, 0)
    assert device_cmyk("#000000") == (0, 0, 0, 100)
