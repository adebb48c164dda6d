"""How a scene enters: cut, fade (through integer weights), and the moves that carry the
layout (array slices): slide (over the previous scene), push (the previous one out),
wipe (an edge sweeping across), zoom (growing from the centre).

Each transition writes `out` from the previous scene's last frame and the entering
scene's current frame at progress p (0..1, already eased). Fades weigh in 1/256ths with
uint16 arithmetic: no float frame ever exists, and the same p gives the same bytes.
"""
from __future__ import annotations

import numpy as np


class Fader:
    """Scratch buffers for fades, allocated once per clip."""

    def __init__(self, shape: tuple[int, ...]):
        self.acc = np.empty(shape, np.uint16)
        self.tmp = np.empty(shape, np.uint16)

    def __call__(self, prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
        a = max(0, min(256, round(p * 256)))
        np.multiply(cur, a, out=self.acc, dtype=np.uint16)
        np.multiply(prev, 256 - a, out=self.tmp, dtype=np.uint16)
        self.acc += self.tmp
        self.acc >>= 8
        np.copyto(out, self.acc, casting="unsafe")


def _offset(p: float, w: int) -> int:
    return max(0, min(w, round(p * w)))


def push(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    """The entering scene pushes the previous one out to the left."""
    w = out.shape[1]
    off = _offset(p, w)
    out[:, :w - off] = prev[:, off:]
    out[:, w - off:] = cur[:, :off]


def slide(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    """The entering scene slides in from the right over the previous one, which stays."""
    w = out.shape[1]
    off = _offset(p, w)
    out[:, :w - off] = prev[:, :w - off]
    out[:, w - off:] = cur[:, :off]


def wipe(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    """An edge sweeps left to right: the new scene in place behind it, nothing moves."""
    w = out.shape[1]
    off = _offset(p, w)
    out[:, :off] = cur[:, :off]
    out[:, off:] = prev[:, off:]


ZOOM_FROM = 0.6


def zoom(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    """The entering scene grows from 60 % of the frame at its centre to the full frame."""
    from PIL import Image

    h, w = out.shape[:2]
    scale = ZOOM_FROM + (1.0 - ZOOM_FROM) * min(1.0, max(0.0, p))
    zw, zh = max(2, round(w * scale)), max(2, round(h * scale))
    np.copyto(out, prev)
    if zw >= w or zh >= h:
        np.copyto(out, cur)
        return
    small = np.asarray(Image.fromarray(cur).resize((zw, zh), Image.BILINEAR))
    x, y = (w - zw) // 2, (h - zh) // 2
    out[y:y + zh, x:x + zw] = small


def cut(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    np.copyto(out, cur)


TRANSITIONS = ("cut", "fade", "slide", "push", "wipe", "zoom")
