"""How a scene enters: cut, fade (through integer weights), slide (array slices).

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


def slide(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    """The entering scene pushes the previous one out to the left."""
    w = out.shape[1]
    off = max(0, min(w, round(p * w)))
    out[:, :w - off] = prev[:, off:]
    out[:, w - off:] = cur[:, :off]


def cut(prev: np.ndarray, cur: np.ndarray, p: float, out: np.ndarray) -> None:
    np.copyto(out, cur)


TRANSITIONS = ("cut", "fade", "slide")
