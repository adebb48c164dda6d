"""The generated chimes before and after a spot's voice (`jingle: generated`)."""
from __future__ import annotations

import functools

import numpy as np

from .audio import RATE_HZ, fade

_NOTES_HZ = {"C5": 523.25, "D5": 587.33, "E5": 659.25, "G4": 392.00, "G5": 783.99,
             "A4": 440.00, "C6": 1046.50}
_JINGLES = {
    # (note, start in seconds): a rising call before the voice, a settling close after it.
    "intro": (("G4", 0.0), ("C5", 0.16), ("E5", 0.32), ("G5", 0.48), ("C6", 0.48)),
    "outro": (("G5", 0.0), ("E5", 0.18), ("D5", 0.36), ("C5", 0.54), ("G4", 0.54)),
}


def jingle(kind: str, rate_hz: int = RATE_HZ, seconds: float = 1.6) -> np.ndarray:
    """A short bell-like chime, synthesized (no file needed, same samples every time)."""
    return _jingle(kind, rate_hz, seconds).copy()


@functools.lru_cache(maxsize=8)
def _jingle(kind: str, rate_hz: int, seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * rate_hz)) / rate_hz
    out = np.zeros(t.size)
    for note, start in _JINGLES[kind]:
        local = t - start
        on = local >= 0
        freq = _NOTES_HZ[note]
        tone = np.zeros(t.size)
        for partial, amp in ((1, 1.0), (2, 0.35), (3, 0.12), (4.2, 0.05)):
            tone += amp * np.sin(2 * np.pi * freq * partial * local)
        envelope = np.where(on, np.exp(-np.clip(local, 0, None) / 0.35), 0.0)
        envelope *= np.clip(local / 0.006, 0, 1)          # 6 ms attack: no click
        out += tone * envelope
    out = fade(out / np.max(np.abs(out)) * 0.5, rate_hz, out_s=0.25)
    return out.astype(np.float32)
