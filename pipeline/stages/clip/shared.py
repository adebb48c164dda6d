"""What a province's clip has in common with the next province's, encoded once a worker,
and its stills encoded once a clip.

The 63 endcards differ only in the office's lines, and those first show after the title
and the fade: the opening before them is the same in every province's clip
(`Timeline.shared_prefix`). A worker keeps the opening of the last request it saw,
encoded, under that request without the office's lines and the sound, and the project
keeps it between builds (clip.stored); each province's clip is that opening joined
(without re-encoding) to its own part, encoded from a keyframe.
Within the opening and the own part, a long still is one short part played again
(clip.parts).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import stored
from .encode import EncodeSettings, encode, encode_part, join
from .parts import Part, plan_parts
from .stored import Encoded
from .timeline import Timeline

MIN_OPENING_S = 1.0      # a shorter shared opening is not worth its keyframe
STILL_UNIT_S = 1.0       # a still is played as parts of this length: a keyframe a second


class SharedOpenings:
    """The encoded openings of one request (all its provinces) at a time."""

    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self._key: str | None = None
        self._openings: dict[tuple[tuple[Part, ...], EncodeSettings], Encoded] = {}

    def opening(self, req, parts: tuple[Part, ...], settings: EncodeSettings,
                make: Callable[[], Encoded]) -> Encoded:
        """The opening `parts` of clips like `req`, encoded by `make` once, or read from
        the request's folder of stored openings (clip.stored)."""
        # Everything that draws a frame, less the office's own lines and the sound.
        key = repr(dataclasses.replace(req, office=None, phone_line=None,
                                       soundtrack_file=None, opening_cache=None, inputs=()))
        if key != self._key:
            self.clear()
            self._key = key
        if (parts, settings) not in self._openings:
            self._openings[(parts, settings)] = _stored_or_made(
                req, f"{key} {parts!r} {settings!r}", make)
        return self._openings[(parts, settings)]


def _stored_or_made(req, what: str, make: Callable[[], Encoded]) -> Encoded:
    if req.opening_cache is None:
        return make()
    name = stored.name_for(what, (req.display_font, req.text_font))
    encoded = stored.load(req.opening_cache, name)
    if encoded is None:
        encoded = make()
        stored.save(req.opening_cache, name, encoded)
    return encoded


SHARED = SharedOpenings()


def clear_caches() -> None:
    SHARED.clear()


def encode_video(req, timeline: Timeline, frame: Callable[[int], np.ndarray],
                 audio: np.ndarray | None, dest: Path, settings: EncodeSettings) -> None:
    """The clip's MP4. A province's clip is always the shared opening joined to its own
    part, so its bytes never depend on what the worker made before; a clip with neither
    an opening to share nor a long still is encoded whole."""
    # A voice speaks the province's own opening line from the start: nothing to share.
    local = (req.office is not None or req.phone_line is not None) and req.speak is None
    opening = timeline.shared_prefix() if local else 0
    count, size, fps = timeline.frame_count, timeline.size, timeline.fps
    if opening < MIN_OPENING_S * fps or opening >= count:
        opening = 0
    shown = [timeline.shown(i) for i in range(count)]
    unit = round(STILL_UNIT_S * fps)
    head = tuple(plan_parts(shown, 0, opening, unit))
    own = plan_parts(shown, opening, count, unit)
    if not head and len(own) == 1:
        encode(frame, count, size, fps, audio, dest, settings)
        return

    def encoded(parts) -> Encoded:
        return [(encode_part(frame, part.first, part.count, size, fps, settings),
                 part.repeats) for part in parts]

    opening_parts = SHARED.opening(req, head, settings, lambda: encoded(head)) if head else []
    join(opening_parts + encoded(own), audio, dest, settings)
