"""A spot's spoken lines as the radio stage masters them, for another product's timeline
(a clip's `voice`): the mastered samples and where each spoken line lies in them."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .render import RATE_HZ, build_spot
from .request import RadioRequest


@dataclass(frozen=True)
class SpokenLine:
    take: str                 # '01-worker': the announcer's script numbers the takes
    voice: str                # the script's voice name: worker, officer, announcer
    text: str                 # what is said (normalized, as in the transcript)
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Spoken:
    samples: np.ndarray       # the mastered spot, mono
    rate_hz: int
    lines: tuple[SpokenLine, ...]


def spoken(request: RadioRequest) -> Spoken:
    """Speak and master the spot exactly as its own job does; its spoken lines' spans."""
    spot = build_spot(request)
    return Spoken(spot.samples, RATE_HZ, tuple(
        SpokenLine(p.line.take, p.line.voice, p.line.spoken, p.start_s, p.end_s)
        for p in spot.placed if p.line.kind == "say"))
