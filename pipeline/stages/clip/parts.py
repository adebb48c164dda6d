"""Which frames of a clip are encoded, and how often each encoded part is played.

Much of a clip is a still: an endcard holds its lines for five seconds, a message stays
up after it has risen. The encoder costs the same for a still frame as for a moving one
(15-35 ms of CPU per 1080p frame here), so a long still is encoded once as a short
part of about `unit` frames, starting on a keyframe, and that part is played as many
times as the still lasts: the parts are joined without re-encoding (encode.join). The
frames that do not fill a whole unit stay with the part before the still. The file gains
a keyframe per unit (about a second), which players seek to.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """Frames `first`..`first + count - 1`, encoded once, played `repeats` times."""
    first: int
    count: int
    repeats: int = 1


def plan_parts(shown: Sequence, start: int, end: int, unit: int) -> list[Part]:
    """The parts of frames `start`..`end - 1`, given what each frame shows (`shown[i]`:
    equal values are equal frames; None is unlike anything). Stills shorter than two
    units are not worth their keyframes and stay in a moving part."""
    parts: list[Part] = []
    first = start
    for still, length in _stills(shown, start, end):
        if length < 2 * unit:
            continue
        played, repeats, rest = _unit_for(length, unit)
        if still + rest > first:
            parts.append(Part(first, still + rest - first))
        parts.append(Part(still + rest, played, repeats))
        first = still + length
    if end > first:
        parts.append(Part(first, end - first))
    return parts


def _unit_for(length: int, unit: int) -> tuple[int, int, int]:
    """(unit played, times, frames left over) for a still of `length` frames: a unit of
    up to a fifth shorter than `unit` when it leaves fewer frames over (each one left over
    is encoded with the moving part before the still)."""
    def cost(played: int) -> tuple[int, int]:
        return played + length % played, -played
    played = unit if length % unit == 0 else min(range(max(1, unit - unit // 5), unit + 1),
                                                 key=cost)
    return played, length // played, length % played


def _stills(shown: Sequence, start: int, end: int):
    """(first frame, length) of each run of equal frames in start..end - 1."""
    i = start
    while i < end:
        j = i + 1
        if shown[i] is not None:
            while j < end and shown[j] == shown[i]:
                j += 1
        yield i, j - i
        i = j

