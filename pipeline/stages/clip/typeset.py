"""Text for clips: the shared typesetter's lines, painted once into pixel patches.

Layouts are measured with pipeline.text.typeset (`fit_text`: breaks only between words,
real ink bounds, so stacked Vietnamese marks are never clipped) in pixels; each line is
painted once with the same unhinted RAQM font, already composited on the flat colour
behind it, so drawing it in a frame is a plain array copy.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...media.fonts import font_metrics, line_image
from ...media.legibility import rgb
from ...text.typeset import LINE_PAD_EM, Block, fit_text

Rect = tuple[int, int, int, int]        # left, top, right, bottom (exclusive), pixels


@dataclass(frozen=True, eq=False)
class Patch:
    """Pixels to copy into a frame; (x, y) is where the patch's top-left goes at rest."""
    pixels: np.ndarray                   # (h, w, 3) uint8, read-only
    x: int
    y: int

    @property
    def w(self) -> int:
        return self.pixels.shape[1]

    @property
    def h(self) -> int:
        return self.pixels.shape[0]

    @property
    def rect(self) -> Rect:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


@dataclass(frozen=True)
class SetLine:
    """One line of set text: its advance box and baseline in frame pixels, and its patch."""
    text: str
    font: Path
    em_px: float
    x: int                               # left end of the advance
    baseline: int
    width_px: float
    patch: Patch

    def prefix_px(self, chars: int) -> int:
        """Patch column where the advance of the first `chars` characters ends."""
        metrics = font_metrics(self.font)
        advance = metrics.advance_em(self.text[:chars]) * self.em_px
        return max(0, min(self.patch.w, round(self.x + advance) - self.patch.x))


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[SetLine, ...]
    em_px: float
    cap_px: float

    @property
    def rect(self) -> Rect:
        rects = [line.patch.rect for line in self.lines]
        return (min(r[0] for r in rects), min(r[1] for r in rects),
                max(r[2] for r in rects), max(r[3] for r in rects))


@functools.lru_cache(maxsize=512)
def _painted(font: str, size_px: float, text: str, ink: str,
             ground: str) -> tuple[np.ndarray, int, int]:
    """The banners' composited line as pixels; memoized: 63 localized endcards share every
    line but the office."""
    image, left, top = line_image(font, size_px, text, ink, ground)
    return np.asarray(image), left, top      # read-only view: shared between scenes


def paint_line(text: str, font: Path, em_px: float, x: int, baseline: int, ink: str,
               ground: str) -> SetLine:
    size = round(em_px, 2)
    pixels, left, top = _painted(str(font), size, text, ink, ground)
    width = font_metrics(font).advance_em(text) * em_px
    return SetLine(text, font, em_px, x, baseline, width, Patch(pixels, x + left, baseline + top))


def solid(w: int, h: int, color: str, x: int = 0, y: int = 0) -> Patch:
    pixels = np.empty((max(1, h), max(1, w), 3), np.uint8)
    pixels[:] = rgb(color)
    pixels.flags.writeable = False
    return Patch(pixels, x, y)


@dataclass(frozen=True)
class Fitted:
    """Text measured and broken into lines at a size, not painted yet."""
    font: Path
    block: Block                           # in pixels

    @property
    def height_px(self) -> float:
        return self.block.height

    @property
    def em_px(self) -> float:
        return self.block.em

    @property
    def cap_px(self) -> float:
        return font_metrics(self.font).cap_height_em * self.block.em


def fit(text: str, font: Path, width_px: float, height_px: float | None, max_em_px: float,
        max_lines: int) -> Fitted | None:
    """`text` as large as fits (up to max_em_px), in balanced lines; None when empty."""
    block = fit_text(text, font_metrics(font), width_px, height_px, max_em_px, max_lines)
    return None if block is None else Fitted(Path(font), block)


def paint(fitted: Fitted, box: Rect, ink: str, ground: str, *, align: str = "center",
          valign: str = "top") -> TextBlock:
    """The fitted lines painted, placed in `box` (valign: top, center or bottom)."""
    block, metrics = fitted.block, font_metrics(fitted.font)
    left, top, right, bottom = box
    em = block.em                         # pixels
    height = block.height
    y0 = {"top": top, "center": top + (bottom - top - height) / 2,
          "bottom": bottom - height}[valign]
    baseline = y0 + (LINE_PAD_EM + block.tops_em[0]) * em
    lines = []
    for i, line in enumerate(block.lines):
        width = block.widths_em[i] * em
        x = {"left": left, "right": right - width,
             "center": (left + right - width) / 2}[align]
        lines.append(paint_line(line, metrics.path, em, round(x), round(baseline), ink, ground))
        baseline += block.pitch_em * em
    return TextBlock(tuple(lines), em, metrics.cap_height_em * em)


def clear_caches() -> None:
    _painted.cache_clear()
