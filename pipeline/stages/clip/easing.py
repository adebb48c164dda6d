"""Easing: progress 0..1 in, eased progress out; pure functions of time, as in Manim.

`ease-out-back` overshoots a little (to ~1.1) before settling: callers that index or
cut with it clamp where they must.
"""
from __future__ import annotations

from collections.abc import Callable

Easing = Callable[[float], float]


def linear(p: float) -> float:
    return p


def ease_in(p: float) -> float:
    return p * p * p


def ease_out(p: float) -> float:
    q = 1.0 - p
    return 1.0 - q * q * q


def ease_in_out(p: float) -> float:
    if p < 0.5:
        return 4.0 * p * p * p
    q = -2.0 * p + 2.0
    return 1.0 - q * q * q / 2.0


def ease_out_back(p: float) -> float:
    c1 = 1.70158
    c3 = c1 + 1.0
    q = p - 1.0
    return 1.0 + c3 * q * q * q + c1 * q * q


EASINGS: dict[str, Easing] = {
    "linear": linear,
    "ease-in": ease_in,
    "ease-out": ease_out,
    "ease-in-out": ease_in_out,
    "ease-out-back": ease_out_back,
}


def progress(t_s: float, start_s: float, length_s: float, easing: Easing = linear) -> float:
    """Eased progress of an animation running from `start_s` for `length_s`: 0 before,
    1 after (exactly, so the last frame of a move lands where the layout says)."""
    if t_s <= start_s:
        return 0.0
    if length_s <= 0 or t_s >= start_s + length_s:
        return 1.0
    return easing((t_s - start_s) / length_s)
