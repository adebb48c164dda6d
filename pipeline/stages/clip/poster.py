"""The poster frame: a moment where a scene is fully shown.

A poster taken at a fixed time can catch a message half revealed, a bar half grown or a
caption plate about to change. The poster is instead taken where a scene has settled
(its draws are those of its last frame: every reveal, count and growth done), no
transition runs, and a burned caption, if there is one, is in the middle of its cue:
the middle of the longest such span, in the first scene after the opening title that
has one (the title itself, or the spec's `poster_s`, otherwise).
"""
from __future__ import annotations

from .timeline import Timeline


def settled_spans(timeline: Timeline, k: int) -> list[tuple[int, int]]:
    """Frame ranges [start, end) of slot k where its scene is at rest under one caption."""
    slot = timeline.slots[k]
    scene, fps = slot.scene, timeline.fps
    final = scene.draws(max(0.0, (slot.frames - 1) / fps - scene.lead_s))
    spans: list[tuple[int, int]] = []
    start = None
    caption = None
    for j in range(slot.frames):
        i = slot.start_frame + j
        still = (j >= slot.transition_frames or slot.transition == "cut") and \
            scene.draws(max(0.0, j / fps - scene.lead_s)) == final
        now = timeline.caption_at(i)
        if still and start is not None and now != caption:
            spans.append((start, i))
            start = None
        if still and start is None:
            start, caption = i, now
        elif not still and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, slot.start_frame + slot.frames))
    return spans


def poster_frame(timeline: Timeline, poster_s: float | None = None) -> int:
    if poster_s is not None:
        return timeline.index_at(poster_s)
    order = list(range(1, len(timeline.slots))) + [0]
    for k in order:
        spans = settled_spans(timeline, k)
        if spans:
            start, end = max(spans, key=lambda span: span[1] - span[0])
            return (start + end - 1) // 2
    last = timeline.slots[-1]
    return last.start_frame + last.frames - 1
