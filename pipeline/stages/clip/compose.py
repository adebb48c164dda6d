"""Composition by aspect: where a scene's words go and where its picture goes.

A 16:9 layout centred in a tall frame leaves the lower half empty; each shape gets its
own split of the text area instead (`Look.area`: the safe box less the caption zone):
- 9:16: words on top, the picture (chart, icons) below them, so it fills the frame's
  lower half down to the bottom of the safe box, above the platforms' caption zone;
- 16:9: words in a column on the left, the picture on the right;
- 1:1: words on top, the picture in the lower three fifths.
"""
from __future__ import annotations

from dataclasses import dataclass

from .look import Look
from .typeset import Rect

VERTICAL_WORDS = 0.30         # of the area's height
SQUARE_WORDS = 0.38
LANDSCAPE_WORDS = 0.38        # of the area's width
LANDSCAPE_HEADING = 0.26      # of the area's height, when the words stand above


@dataclass(frozen=True)
class Panels:
    words: Rect
    picture: Rect
    shape: str                # vertical | landscape | square


def panels(look: Look, top: int, stacked: bool = False) -> Panels:
    """Split the area below `top` (the kicker's bottom) by the frame's shape; `stacked`:
    words above the picture whatever the shape (a row of labelled icons needs the width)."""
    left, _, right, bottom = look.area
    w, h = look.pixel_size
    gap = round(3 * look.unit_px)
    if h >= 1.3 * w or w < 1.3 * h or stacked:
        share = VERTICAL_WORDS if h >= 1.3 * w else SQUARE_WORDS
        if w >= 1.3 * h:
            share = LANDSCAPE_HEADING
        split = round(top + share * (bottom - top))
        shape = "vertical" if h >= 1.3 * w else "landscape" if w >= 1.3 * h else "square"
        return Panels((left, top, right, split), (left, split + gap, right, bottom), shape)
    split = round(left + LANDSCAPE_WORDS * (right - left))
    return Panels((left, top, split, bottom), (split + 2 * gap, top, right, bottom),
                  "landscape")
