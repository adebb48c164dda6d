"""The size catalogue: the named formats the banners issue asks for, with sane figures."""
from __future__ import annotations

from pipeline.catalog.sizes import SIZES

REQUIRED = ["street-4000x800", "street-5000x800", "street-5000x1500", "street-6000x1500",
            "street-10000x2000", "flag-600x2000", "flag-800x2500", "flag-1000x3000",
            "pano-4000x2000", "pano-6000x3000", "poster-a3", "poster-a2", "led-1920x1080",
            "social-1080x1080", "social-1080x1350"]


def test_every_required_size_is_listed():
    assert set(REQUIRED) <= set(SIZES)


def test_print_sizes_match_their_names_and_keep_text_off_the_hems():
    for name in REQUIRED:
        size = SIZES[name]
        if name.startswith(("street", "flag", "pano")):
            w, h = name.split("-")[1].split("x")
            assert (size.width_mm, size.height_mm) == (float(w), float(h))
            assert 25 <= size.hem_mm <= 50      # hems and grommets along the edges
        left, bottom, right, top = size.text_box_mm
        assert 0 < left < right < size.width_mm and 0 < bottom < top < size.height_mm


def test_posters_are_portrait_iso_sizes():
    assert (SIZES["poster-a3"].width_mm, SIZES["poster-a3"].height_mm) == (297, 420)
    assert (SIZES["poster-a2"].width_mm, SIZES["poster-a2"].height_mm) == (420, 594)


def test_screen_sizes_have_exact_pixels_and_rasters_by_default():
    assert SIZES["led-1920x1080"].raster_px == (1920, 1080)
    assert SIZES["social-1080x1350"].raster_px == (1080, 1350)
    assert SIZES["social-1080x1080"].raster_by_default
    assert not SIZES["street-5000x800"].raster_by_default


def test_print_raster_pixels_follow_dpi_and_the_60_mpx_limit():
    size = SIZES["street-5000x800"]
    assert size.raster_px == (round(5040 / 25.4 * 72), round(840 / 25.4 * 72))
    assert size.raster_allowed
    assert all(s.raster_px[0] * s.raster_px[1] <= 60_000_000 or not s.raster_allowed
               for s in SIZES.values())


def test_flags_keep_text_off_the_pole_pockets():
    flag = SIZES["flag-600x2000"]
    left, bottom, right, top = flag.text_box_mm
    assert bottom >= 75 and flag.height_mm - top >= 75
