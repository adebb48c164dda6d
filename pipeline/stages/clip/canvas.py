"""Frames from a cached base and a list of draws: only what changed is touched.

A scene says, for a time t, which patches are where (`Draw`s); the canvas keeps one frame
buffer per scene, restores from the base only the rectangles the previous frame drew,
and copies the new patches in. Equal draws mean an equal frame: the buffer is returned
untouched. No float maths and no full-frame work after the first frame of a scene.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .typeset import Patch, Rect


@dataclass(frozen=True)
class Draw:
    """`patch` with its top-left at (x, y); only its columns x0..x1 and rows 0..y1 (wipes,
    reveals, text rising from under an edge)."""
    patch: Patch
    x: int
    y: int
    x0: int = 0
    x1: int | None = None
    y1: int | None = None

    @staticmethod
    def at_rest(patch: Patch, dx: int = 0, dy: int = 0, x1: int | None = None,
                y1: int | None = None) -> Draw:
        return Draw(patch, patch.x + dx, patch.y + dy, 0, x1, y1)


def blit(frame: np.ndarray, draw: Draw) -> Rect | None:
    """Copy the draw's pixels into `frame`, clipped to it; the rectangle written."""
    h, w = frame.shape[:2]
    pixels = draw.patch.pixels
    x1 = pixels.shape[1] if draw.x1 is None else min(draw.x1, pixels.shape[1])
    y1 = pixels.shape[0] if draw.y1 is None else min(draw.y1, pixels.shape[0])
    left, top = draw.x + draw.x0, draw.y
    right, bottom = draw.x + x1, draw.y + y1
    cl, ct, cr, cb = max(left, 0), max(top, 0), min(right, w), min(bottom, h)
    if cl >= cr or ct >= cb:
        return None
    frame[ct:cb, cl:cr] = pixels[ct - top:cb - top, draw.x0 + cl - left:draw.x0 + cr - left]
    return (cl, ct, cr, cb)


class Canvas:
    """One frame buffer over a base image, redrawn from draws."""

    def __init__(self, base: np.ndarray):
        self.base = base
        self.buffer = np.empty_like(base)
        self._draws: tuple[Draw, ...] | None = None
        self._dirty: list[Rect] = []

    def render(self, draws: tuple[Draw, ...]) -> np.ndarray:
        """The base with `draws` on it; valid until the next call."""
        if draws == self._draws:
            return self.buffer
        if self._draws is None:
            np.copyto(self.buffer, self.base)
        else:
            for left, top, right, bottom in self._dirty:
                self.buffer[top:bottom, left:right] = self.base[top:bottom, left:right]
        dirty = []
        for draw in draws:
            rect = blit(self.buffer, draw)
            if rect is not None:
                dirty.append(rect)
        self._draws, self._dirty = draws, dirty
        return self.buffer


def paste_static(base: np.ndarray, patches) -> None:
    """Static layers: painted into the base once."""
    for patch in patches:
        blit(base, Draw.at_rest(patch))
