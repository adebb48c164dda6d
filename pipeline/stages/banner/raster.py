"""Rasters of a banner layout, painted with Pillow (RAQM shaping) at the size asked for.

Every raster is painted directly at its own resolution from the mm layout (a preview is
never a downscaled full raster: a 10 m banner at print dpi is ~30 megapixels), and each
resolution once per banner: a screen banner's preview is its full raster. Each line
is drawn at the layout's origin with the same unhinted font and shaping the layout was
measured with, so advances scale linearly and glyphs land where the PDF puts them.
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw

from pipeline.media.fonts import line_image, line_mask

from .layout import BannerLayout, PlacedLine

PREVIEW_LONG_SIDE_PX = 2000
THUMB_LONG_SIDE_PX = 320
# Painted lines up to about this many pixels are kept: previews of one message in 63
# provinces share headline, kicker and organization lines; print-raster lines are too big.
PATCH_CACHE_MAX_PX = 400_000


@dataclass(frozen=True)
class Raster:
    data: bytes
    extension: str                    # ".png" | ".jpg"
    pixel_size: tuple[int, int]
    dpi: float | None
    bleed_included: bool


_kept_mask = functools.lru_cache(maxsize=256)(line_mask)


def clear_caches() -> None:
    line_image.cache_clear()
    _kept_mask.cache_clear()


def _ground(layout: BannerLayout, line: PlacedLine) -> str:
    """The colour behind a line: the last fill under its whole box, else the background."""
    x0, y0, x1, y1 = line.box_mm
    for fill in reversed(layout.fills):
        if fill.x0_mm <= x0 and x1 <= fill.x1_mm and fill.y0_mm <= y0 and y1 <= fill.y1_mm:
            return fill.color
    return layout.background


def paint(layout: BannerLayout, pixel_size: tuple[int, int], with_bleed: bool,
          inks: dict | None = None) -> Image.Image:
    """The layout painted onto an image of exactly `pixel_size` (trim, or trim + bleed);
    `inks` only matter to a template's art (its colours as the PDF paints them)."""
    size = layout.size
    off = size.bleed_mm if with_bleed else 0.0
    out_w_mm = size.width_mm + 2 * off
    scale = pixel_size[0] / out_w_mm              # px per mm
    frame_px = pixel_size[::-1] if layout.rotated else pixel_size
    if layout.art is not None:
        from .template_paint import base_raster

        image = base_raster(layout.art, size, inks, pixel_size, with_bleed)
    else:
        image = Image.new("RGB", frame_px, layout.background)
    draw = ImageDraw.Draw(image)

    def x_px(x_mm: float) -> float:
        return (x_mm + off) * scale

    def y_px(y_mm: float) -> float:             # raster rows grow downwards
        return (layout.frame_h_mm + off - y_mm) * scale

    for fill in layout.fills:
        box = (round(x_px(fill.x0_mm)), round(y_px(fill.y1_mm)),
               round(x_px(fill.x1_mm)) - 1, round(y_px(fill.y0_mm)) - 1)
        if box[2] >= box[0] and box[3] >= box[1]:
            draw.rectangle(box, fill=fill.color)
    for line in layout.lines:
        size_px = round(line.em_mm * scale, 2)
        # Whole pixels: a line is reused wherever it recurs (63 provinces share a headline),
        # and half a pixel is well inside what a reader or the PDF comparison can see.
        x, y = round(x_px(line.x_mm)), round(y_px(line.baseline_mm))
        small = line.width_mm * scale * line.em_mm * scale * 1.6 <= PATCH_CACHE_MAX_PX
        if small and layout.art is None:
            patch, left, top = line_image(str(line.font), size_px, line.text, line.color,
                                           _ground(layout, line))
            image.paste(patch, (x + left, y + top))
        else:
            # On a template's art there is no flat ground to composite on: the mask is
            # blended, and kept when small (provinces share the headline's).
            mask, left, top = (_kept_mask if small else line_mask)(str(line.font), size_px,
                                                                   line.text)
            draw.bitmap((x + left, y + top), mask, fill=line.color)
    if layout.rotated:
        image = image.transpose(Image.Transpose.ROTATE_90)   # counter-clockwise
    return image


class Paintings:
    """The layout painted at each (pixel size, bleed) asked for, once: the same painting
    serves the full raster and the preview when they coincide (screen sizes)."""

    def __init__(self, layout: BannerLayout, inks: dict | None = None):
        self.layout, self.inks = layout, inks
        self._painted: dict[tuple[tuple[int, int], bool], Image.Image] = {}

    def at(self, pixel_size: tuple[int, int], with_bleed: bool) -> Image.Image:
        key = (tuple(pixel_size), with_bleed)
        if key not in self._painted:
            self._painted[key] = paint(self.layout, pixel_size, with_bleed=with_bleed,
                                       inks=self.inks)
        return self._painted[key]


def _png(image: Image.Image, dpi: float | None, compress_level: int) -> bytes:
    out = io.BytesIO()
    # Pillow writes no time chunk unless asked, so equal pixels give equal bytes.
    options = {"dpi": (dpi, dpi)} if dpi else {}
    image.save(out, "PNG", compress_level=compress_level, **options)
    return out.getvalue()


def render_full(layout: BannerLayout, paintings: Paintings | None = None) -> Raster:
    """Screens: their exact pixels. Print: trim + bleed at the size's dpi."""
    paintings = paintings or Paintings(layout)
    size = layout.size
    pixel_size = size.raster_px
    dpi = None if size.is_screen else size.dpi
    # Flat colour compresses nearly as well at level 1, and a 30 MP raster saves 5x faster.
    data = _png(paintings.at(pixel_size, with_bleed=not size.is_screen), dpi,
                compress_level=6 if size.is_screen else 1)
    return Raster(data, ".png", pixel_size, dpi, not size.is_screen)


def _reduced_size(layout: BannerLayout, long_side_px: int) -> tuple[int, int]:
    size = layout.size
    # Never more pixels than the full raster has (a social square stays 1080 px).
    full_scale = (size.raster_px[0] / (size.width_mm + 2 * size.bleed_mm))
    scale = min(long_side_px / max(size.width_mm, size.height_mm), full_scale)
    return max(1, round(size.width_mm * scale)), max(1, round(size.height_mm * scale))


def render_preview_and_thumb(layout: BannerLayout,
                             paintings: Paintings | None = None) -> tuple[Raster, Raster]:
    """Preview (JPEG, <= 2000 px) and thumbnail (PNG, ~320 px), each painted at its size.

    Painting the thumbnail again from the cached line masks is cheaper than reducing the
    preview. JPEG 4:2:0 at quality 88 encodes a third faster than 4:4:4 and is a preview,
    not artwork: the PDF is the reference.
    """
    paintings = paintings or Paintings(layout)
    pixel_size = _reduced_size(layout, PREVIEW_LONG_SIDE_PX)
    out = io.BytesIO()
    paintings.at(pixel_size, with_bleed=False).save(out, "JPEG", quality=88, subsampling=2)
    preview = Raster(out.getvalue(), ".jpg", pixel_size, None, False)
    thumb_size = _reduced_size(layout, THUMB_LONG_SIDE_PX)
    thumb = Raster(_png(paintings.at(thumb_size, with_bleed=False), None, 3), ".png",
                   thumb_size, None, False)
    return preview, thumb
