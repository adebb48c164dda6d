"""The image scene: a still picture with a slow push-in and pan (Ken Burns), and an
optional band of text over its foot.

The picture is scaled once to cover the frame at the end of the push-in; each frame
crops a window that shrinks (the picture grows from 1x to `zoom`) and drifts left to
right along the eased progress, and resizes it to the frame (bilinear, on integer
pixels: the same bytes every time). The band is painted once and laid over each frame.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .canvas import Draw
from .easing import progress
from .look import Look
from .scenes import Scene
from .typeset import Patch, fit, paint, solid

PAN_SHARE = 0.5             # of the margin the push-in leaves: how far the window drifts


class ImageError(Exception):
    """A picture that cannot be read; one line naming it."""


def cover(path: Path, size: tuple[int, int]):
    """The picture scaled (and centre-cropped) to exactly cover `size`."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as opened:
            image = opened.convert("RGB")
    except (OSError, UnidentifiedImageError) as exc:
        raise ImageError(f"{path.name}: cannot read the picture ({exc})") from None
    w, h = size
    scale = max(w / image.width, h / image.height)
    scaled = image.resize((max(w, round(image.width * scale)),
                           max(h, round(image.height * scale))), Image.LANCZOS)
    left, top = (scaled.width - w) // 2, (scaled.height - h) // 2
    return scaled.crop((left, top, left + w, top + h))


class ImageScene(Scene):
    kind = "image"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 path: Path, zoom: float, band_text: str | None):
        super().__init__(look, duration_s, easing, lead_s)
        w, h = look.pixel_size
        self.zoom = zoom
        self.picture = cover(path, (round(w * zoom), round(h * zoom)))
        self.frames: dict[tuple[int, int, int, int], Patch] = {}
        self.band: list[Patch] = []
        if band_text:
            u = look.unit_px
            left, top, right, bottom = look.area
            pad = round(2.5 * u)
            fitted = fit(band_text, look.display_font, right - left - 2 * pad, None,
                         look.em_for_cap(max(look.small_cap_px, 5 * u), look.display_font),
                         2)
            band_h = round(fitted.height_px + 2 * pad)
            self.band.append(solid(w, band_h, look.band, 0, bottom - band_h))
            block = paint(fitted, (left + pad, bottom - band_h + pad, right - pad,
                                   bottom - pad), look.text, look.band)
            self.blocks["band"] = block
            self.band += [line.patch for line in block.lines]

    def window(self, t: float) -> tuple[int, int, int, int]:
        """The crop of the scaled picture shown at `t` (left, top, right, bottom)."""
        w, h = self.look.pixel_size
        pw, ph = self.picture.size
        p = progress(t, 0.0, self.duration_s, self.ease)
        scale = self.zoom / (1.0 + (self.zoom - 1.0) * p)      # zoom .. 1 of the frame
        cw, ch = round(w * scale), round(h * scale)
        cw, ch = min(cw, pw), min(ch, ph)
        spare_x, spare_y = pw - cw, ph - ch
        left = round(spare_x * (0.5 - PAN_SHARE / 2 + PAN_SHARE * p))
        top = round(spare_y / 2)
        return (left, top, left + cw, top + ch)

    def draws(self, t: float) -> tuple[Draw, ...]:
        return (Draw.at_rest(self._frame(self.window(t))),) + \
            tuple(Draw.at_rest(p) for p in self.band)

    def shown(self, t: float, extra: tuple[Draw, ...] = ()) -> tuple[Draw, ...]:
        # The picture moves for the whole scene, transitions included.
        return self.draws(t) + extra

    def _frame(self, box: tuple[int, int, int, int]) -> Patch:
        from PIL import Image

        patch = self.frames.get(box)
        if patch is None:
            pixels = np.asarray(self.picture.crop(box).resize(self.look.pixel_size,
                                                              Image.BILINEAR))
            patch = Patch(pixels, 0, 0)
            self.frames = {box: patch}          # one kept: a frame is megabytes
        return patch
