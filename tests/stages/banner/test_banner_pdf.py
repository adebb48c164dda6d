"""The print PDF: boxes, fonts, UserUnit, determinism, and what it looks like rasterized."""
import re
import unicodedata

import numpy as np
import pytest

from pipeline.catalog.sizes import SIZES
from pipeline.stages.banner.layout import layout_slogan
from pipeline.stages.banner.pdf import render_pdf
from pipeline.stages.banner.render import normalized, render_banner

BASE14 = [b"Helvetica", b"Times-", b"Courier", b"Symbol", b"ZapfDingbats"]


def pdf_of(make_request, size="street-4000x800", **changes) -> bytes:
    return render_banner(make_request(size, raster=False, **changes)).file("print").data


def test_page_is_trim_plus_bleed_with_trim_and_bleed_boxes(make_request, px):
    import pypdfium2 as pdfium
    page = pdfium.PdfDocument(pdf_of(make_request, "poster-a3"))[0]
    k = px.PT_PER_MM
    w, h = (297 + 6) * k, (420 + 6) * k
    assert page.get_mediabox() == pytest.approx((0, 0, w, h), abs=0.01)
    assert page.get_bleedbox() == pytest.approx((0, 0, w, h), abs=0.01)
    assert page.get_trimbox() == pytest.approx((3 * k, 3 * k, 300 * k, 423 * k), abs=0.01)


def test_fonts_are_embedded_subsets_and_no_base14_font_is_referenced(make_request):
    data = pdf_of(make_request)
    assert data.count(b"/FontFile2") == 2          # display and text font
    base_fonts = re.findall(rb"/BaseFont /(\S+)", data)
    assert base_fonts and all(b"+BeVietnamPro-" in name for name in base_fonts)
    assert not any(name in data for name in BASE14)


def test_large_pages_use_user_unit(make_request, px):
    import pypdfium2 as pdfium
    result = render_banner(make_request("street-10000x2000", raster=False))
    data = result.file("print").data
    assert data.startswith(b"%PDF-1.6")
    assert px.pdf_user_unit(data) == 2
    page = pdfium.PdfDocument(data)[0]
    width_units, height_units = page.get_size()
    assert max(width_units, height_units) <= 14400
    # Physical size survives: user units x UserUnit = trim + bleed in points.
    assert width_units * 2 == pytest.approx((10000 + 60) * px.PT_PER_MM, abs=0.05)
    assert result.media["user_unit"] == 2
    assert result.media["page_pt"] == pytest.approx([width_units, height_units], abs=0.01)
    assert len(data) < 100_000                      # a few tens of kB for a 10 m banner


def test_small_pages_have_no_user_unit(make_request, px):
    data = pdf_of(make_request, "street-5000x800")   # 5040 mm: just under the limit
    assert px.pdf_user_unit(data) == 1 and b"/UserUnit" not in data


def test_two_renders_give_identical_bytes(make_request):
    assert pdf_of(make_request) == pdf_of(make_request)


def test_decomposed_input_gives_the_same_pdf_as_composed(make_request, px):
    nfd = dict(headline=unicodedata.normalize("NFD", px.HEADLINE),
               kicker=unicodedata.normalize("NFD", px.KICKER),
               footer=tuple(unicodedata.normalize("NFD", l) for l in px.FOOTER))
    assert nfd["headline"] != px.HEADLINE
    assert pdf_of(make_request, **nfd) == pdf_of(make_request)


def test_rasterized_pdf_has_background_band_and_text_in_the_safe_area(make_request, px):
    size = SIZES["street-4000x800"]
    scale = 0.5                                            # px per mm
    pixels, _ = px.rasterize_pdf(pdf_of(make_request), scale)
    assert pixels.shape[:2] == pytest.approx((840 * scale, 4040 * scale), abs=1)
    b = size.bleed_mm
    # Background red in the middle of the upper hem; the band colour at the bottom hem.
    assert tuple(pixels[round((b + 20) * scale), pixels.shape[1] // 2]) == (0xC8, 0x10, 0x2E)
    band = pixels[round((b + 800 - 20) * scale), pixels.shape[1] // 2]
    assert tuple(band) != (0xC8, 0x10, 0x2E)
    ink = px.ink_mask(pixels, px.WHITE, tolerance=80)
    left, top, right, bottom = px.bbox(ink)
    l, bt, r, t = size.text_box_mm                           # y up, trim coordinates
    assert left >= (b + l) * scale - 1 and right <= (b + r) * scale + 1
    assert top >= (b + 800 - t) * scale - 1 and bottom <= (b + 800 - bt) * scale + 1
    hem_px = round((b + size.hem_mm) * scale)
    assert not ink[:hem_px].any() and not ink[-hem_px:].any()
    assert not ink[:, :hem_px].any() and not ink[:, -hem_px:].any()


def test_crop_marks_sit_in_the_bleed_only_when_asked(make_request, px):
    scale = 8.0
    with_marks, _ = px.rasterize_pdf(pdf_of(make_request, "poster-a3"), scale)
    without, _ = px.rasterize_pdf(pdf_of(make_request, "poster-a3", crop_marks=False), scale)
    bleed_px = round(3 * scale)
    # Top-left corner of the page: the two marks extend the trim lines through the bleed.
    corner = (slice(0, bleed_px), slice(0, bleed_px))
    assert (without[corner] == (0xC8, 0x10, 0x2E)).all()
    marks = np.abs(with_marks[corner].astype(int) - (0xC8, 0x10, 0x2E)).max(axis=2) > 40
    rows, cols = np.nonzero(marks)
    assert set(np.unique(cols)) & {bleed_px - 1, bleed_px - 2}     # vertical mark on x = trim
    assert set(np.unique(rows)) & {bleed_px - 1, bleed_px - 2}     # horizontal mark on y = trim
    assert not marks[bleed_px - 4:, bleed_px - 4:].any()           # stops short of the corner
    inner = (slice(round(3 * scale), -round(3 * scale)), slice(round(3 * scale), -round(3 * scale)))
    assert np.array_equal(with_marks[inner], without[inner])


def test_province_office_line_changes_the_render(make_request, px):
    plain = pdf_of(make_request)
    office = ("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH",
              "Đường dây nóng 1900 9068")
    with_office = pdf_of(make_request, footer=office)
    a, _ = px.rasterize_pdf(plain, 0.5)
    b, _ = px.rasterize_pdf(with_office, 0.5)
    assert a.shape == b.shape and not np.array_equal(a, b)
    # The band grows to hold the extra line.
    def band_rows(p):
        return int((np.abs(p[:, 40].astype(int) - [0xC8, 0x10, 0x2E]).max(axis=1) > 30).sum())
    assert band_rows(b) > band_rows(a)


def test_pdf_and_raster_agree_on_where_the_ink_is(make_request, px):
    """Same layout, two painters: ink boxes within 2 px and ink masks overlapping."""
    result = render_banner(make_request("poster-a3", raster=True))
    raster = px.decode(result.file("raster").data)
    scale = 150 / 25.4
    pdf_pixels, _ = px.rasterize_pdf(result.file("print").data, scale)
    pdf_pixels = pdf_pixels[:raster.shape[0], :raster.shape[1]]
    assert abs(pdf_pixels.shape[0] - raster.shape[0]) <= 1
    a = px.ink_mask(raster, px.WHITE, 100)
    b = px.ink_mask(pdf_pixels, px.WHITE, 100)
    for got, want in zip(px.bbox(a), px.bbox(b)):
        assert abs(got - want) <= 2
    overlap = (a & b).sum() / (a | b).sum()
    assert overlap > 0.9


def test_rotated_layout_draws_in_the_pdf(make_request, px):
    req = normalized(make_request("flag-800x2500", vertical=True))
    layout = layout_slogan(req)
    pixels, _ = px.rasterize_pdf(render_pdf(layout).data, 0.5)
    assert pixels.shape[:2] == pytest.approx((2520 * 0.5, 820 * 0.5), abs=1)
    left, top, right, bottom = px.bbox(px.ink_mask(pixels, px.WHITE, 80))
    # Bottom-to-top text: the ink block is tall and narrow like the flag.
    assert bottom - top > 2 * (right - left)
