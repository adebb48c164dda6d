"""What a province's clip has in common with the next province's, encoded once a worker.

The 63 endcards differ only in the office's lines, and those first show after the title
and the fade: the opening before them is the same in every province's clip
(`Timeline.shared_prefix`). A worker keeps the opening of the last request it saw,
encoded, under that request without the office's lines and the sound; each province's
clip is that opening joined (without re-encoding) to its own part, encoded from a keyframe.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .encode import EncodeSettings, encode, encode_part, join
from .timeline import Timeline

MIN_OPENING_S = 1.0      # a shorter shared opening is not worth its keyframe


class SharedOpenings:
    """The encoded openings of one request (all its provinces) at a time."""

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self._key: str | None = None
        self._openings: dict[tuple[int, EncodeSettings], bytes] = {}

    def opening(self, req, frames: int, settings: EncodeSettings,
                make: Callable[[], bytes]) -> bytes:
        """The first `frames` frames of clips like `req`, encoded by `make` once."""
        # Everything that draws a frame, less the office's own lines and the sound.
        key = repr(dataclasses.replace(req, office=None, phone_line=None,
                                       soundtrack_file=None))
        if key != self._key:
            self.clear()
            self._key = key
        if (frames, settings) not in self._openings:
            self._openings[(frames, settings)] = make()
        return self._openings[(frames, settings)]


SHARED = SharedOpenings()


def clear_caches() -> None:
    SHARED.clear()


def encode_video(req, timeline: Timeline, frame: Callable[[int], np.ndarray],
                 audio: np.ndarray | None, dest: Path, settings: EncodeSettings) -> None:
    """The clip's MP4. A province's clip is always the shared opening joined to its own
    part, so its bytes never depend on what the worker made before; others are whole."""
    local = req.office is not None or req.phone_line is not None
    opening = timeline.shared_prefix() if local else 0
    count, size, fps = timeline.frame_count, timeline.size, timeline.fps
    if opening < MIN_OPENING_S * fps or opening >= count:
        encode(frame, count, size, fps, audio, dest, settings)
        return
    head = SHARED.opening(req, opening, settings,
                          lambda: encode_part(frame, 0, opening, size, fps, settings))
    own = encode_part(frame, opening, count - opening, size, fps, settings)
    join([head, own], audio, dest, settings)
