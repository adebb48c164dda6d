"""Rasters: exact sizes, dpi, previews painted small, and room for stacked diacritics."""
import dataclasses
import io

import numpy as np
import pytest
from PIL import Image

from pipeline.catalog.sizes import SIZES
from pipeline.stages.banner.layout import layout_slogan
from pipeline.stages.banner.raster import paint, render_full, render_preview_and_thumb
from pipeline.stages.banner.render import normalized, render_banner

STACKED = "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NINH – ỆỘỮỞẪ"


def test_preview_and_thumb_sizes(make_request):
    result = render_banner(make_request("street-5000x800"))
    assert "raster" not in [f.role for f in result.files]     # print rasters are opt-in
    preview, thumb = result.file("preview"), result.file("thumb")
    assert preview.suffix == ".preview.jpg"
    assert Image.open(io.BytesIO(preview.data)).format == "JPEG"
    assert Image.open(io.BytesIO(preview.data)).size == (2000, 320)
    assert thumb.suffix == ".thumb.png" and max(Image.open(io.BytesIO(thumb.data)).size) == 320


def test_screen_raster_has_the_exact_pixels(make_request):
    result = render_banner(make_request("social-1080x1350"))
    raster = result.file("raster")
    image = Image.open(io.BytesIO(raster.data))
    assert raster.suffix == ".png" and image.size == (1080, 1350)
    assert result.media["raster_px"] == [1080, 1350]
    assert "print" not in [f.role for f in result.files]
    assert Image.open(io.BytesIO(result.file("preview").data)).size == (1080, 1350)


def test_print_raster_carries_dpi_and_covers_the_bleed(make_request):
    result = render_banner(make_request("poster-a3", raster=True))
    image = Image.open(io.BytesIO(result.file("raster").data))
    assert image.size == SIZES["poster-a3"].raster_px
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.05)   # PNG stores px/m
    assert result.media["dpi"] == 150


def test_png_bytes_are_deterministic(make_request):
    a = render_banner(make_request("led-1920x1080"))
    b = render_banner(make_request("led-1920x1080"))
    assert a.files == b.files
    raster = a.file("raster").data
    assert b"tIME" not in raster and b"tEXt" not in raster


def test_raster_over_the_limit_is_refused(make_request):
    from pipeline.stages import StageError
    huge = dataclasses.replace(SIZES["street-10000x2000"], dpi=300)
    with pytest.raises(StageError, match="street-10000x2000: a raster of .* px limit"):
        render_banner(make_request(huge, raster=True))


def test_preview_is_painted_at_preview_size_not_downscaled(make_request, monkeypatch):
    """Painting a 30 MP raster to make a 2000 px preview would cost seconds per asset."""
    import pipeline.stages.banner.raster as raster
    sizes = []
    real = raster.paint
    monkeypatch.setattr(raster, "paint", lambda layout, pixel_size, **kw:
                        sizes.append(pixel_size) or real(layout, pixel_size, **kw))
    render_banner(make_request("street-10000x2000"))
    assert sizes and max(w * h for w, h in sizes) <= 2000 * 2000


# px per mm: the line pad (0.04 em) must be a few pixels for the test to see it.
@pytest.mark.parametrize("size, scale", [("street-10000x2000", 0.4), ("flag-1000x3000", 1.0)])
def test_stacked_diacritics_never_clip(make_request, px, size, scale):
    req = normalized(make_request(size, headline=STACKED.lower(), upper=True))
    assert req.headline == STACKED
    layout = layout_slogan(req)
    s = layout.size
    pixels = np.asarray(paint(layout, (round(s.width_mm * scale), round(s.height_mm * scale)),
                              with_bleed=False))
    ink = px.ink_mask(pixels, px.WHITE, 100)
    left, bottom, right, top = s.text_box_mm
    y = lambda y_mm: round((s.height_mm - y_mm) * scale)
    x = lambda x_mm: round(x_mm * scale)
    # Everything inside the safe area ...
    box = px.bbox(ink)
    assert box[0] >= x(left) - 1 and box[2] <= x(right) + 1
    assert box[1] >= y(top) - 1 and box[3] <= y(bottom) + 1
    # ... and no ink row touches the top of any headline line box: the marks of
    # Ệ Ộ Ữ Ở Ẫ are inside the box, not cut by it.
    lines = layout.role_lines("headline")
    assert any(ch in "".join(l.text for l in lines) for ch in "ỆẪ")
    for line in lines:
        x0, y0_mm, x1, y1_mm = line.box_mm
        strip = ink[y(y1_mm) - 2:y(y1_mm) + 1, x(x0):x(x1)]
        assert not strip.any(), line.text
        inside = ink[y(y1_mm) + 1:y(y0_mm), x(x0):x(x1)]
        assert inside.any()
        ink_rows = np.nonzero(inside.any(axis=1))[0]
        assert ink_rows[0] >= 1                     # the first ink row is below the box top


def test_raster_matches_layout_positions(make_request, px):
    layout = layout_slogan(normalized(make_request("poster-a3")))
    full = render_full(layout)
    pixels = px.decode(full.data)
    scale = 150 / 25.4
    bleed = layout.size.bleed_mm
    head = layout.role_lines("headline")
    ink = px.ink_mask(pixels, px.WHITE, 100)
    top_px = round((bleed + layout.size.height_mm - head[0].ink_top_mm) * scale)
    left = round((bleed + head[0].x_mm) * scale)
    right = round((bleed + head[0].x_mm + head[0].width_mm) * scale)
    assert ink[top_px - 3:top_px + 3].any() and not ink[top_px - 8:top_px - 3, left:right].any()


def test_preview_and_thumb_long_sides(make_request):
    layout = layout_slogan(normalized(make_request("poster-a2")))
    preview, thumb = render_preview_and_thumb(layout)
    assert max(preview.pixel_size) == 2000 and max(thumb.pixel_size) == 320


def test_screen_preview_is_the_full_raster_painted_once(make_request, px, monkeypatch):
    """A screen banner's preview has the raster's pixels: one painting serves both."""
    import pipeline.stages.banner.raster as raster
    sizes = []
    real = raster.paint
    monkeypatch.setattr(raster, "paint", lambda layout, pixel_size, **kw:
                        sizes.append(pixel_size) or real(layout, pixel_size, **kw))
    result = render_banner(make_request("social-1080x1350"))
    assert sorted(sizes) == [(256, 320), (1080, 1350)]
    full = px.decode(result.file("raster").data).astype(int)
    preview = px.decode(result.file("preview").data).astype(int)
    assert full.shape == preview.shape
    assert np.abs(full - preview).mean() < 2.0           # JPEG of the same pixels
