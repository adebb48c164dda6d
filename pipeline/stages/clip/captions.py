"""Captions: cues timed to the scenes, `.srt`/`.vtt` sidecars, and burned-in plates.

Rules (docs/clips.md): at most two lines a cue and 42 characters a line (the common
broadcast limit), lines no wider than the caption zone at the caption size, which is
never below the legibility minimum; light text on an opaque dark plate (contrast is
measured and recorded); cue boundaries fall on frame boundaries, so the sidecars and the
burned captions change on the same frame.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...media import legibility as rules
from ...media.fonts import font_metrics
from ...text.typeset import balanced_breaks, greedy_lines, units
from .canvas import Draw
from .look import CAPTION_PAD_EM, Look
from .typeset import Patch, fit, paint, solid

MAX_CHARS = 42
MAX_LINES = 2


@dataclass(frozen=True)
class Cue:
    start_frame: int
    end_frame: int                 # exclusive
    lines: tuple[str, ...]
    burn: bool

    def start_s(self, fps: int) -> float:
        return self.start_frame / fps

    def end_s(self, fps: int) -> float:
        return self.end_frame / fps


def caption_chunks(text: str, look: Look) -> list[tuple[str, ...]]:
    """The caption as cues of one or two lines, each line no longer than MAX_CHARS and no
    wider than the caption zone: as many cues as a greedy fill needs, the words spread
    evenly over them (the shared typesetter's breaker, never inside a word), so no cue is
    an orphan word."""
    metrics = font_metrics(look.text_font)
    em = look.em_for_cap(look.caption_cap_px, look.text_font)
    left, _, right, _ = look.caption_zone or look.safe
    width = right - left - 2 * CAPTION_PAD_EM * em

    def fits(line: str) -> bool:
        return len(line) <= MAX_CHARS and metrics.advance_em(line) * em <= width

    para = units(" ".join(text.split()))
    if not para.texts:
        return []
    greedy = greedy_lines(para, fits)
    fallback = [tuple(greedy[i:i + MAX_LINES]) for i in range(0, len(greedy), MAX_LINES)]
    if len(greedy) <= 1:
        return fallback
    space = metrics.advance_em(" ")
    chunks = []
    for chunk in balanced_breaks(para, [metrics.advance_em(w) for w in para.texts], space,
                                 len(fallback)):
        if fits(chunk):
            chunks.append((chunk,))
            continue
        part = units(chunk)
        lines = balanced_breaks(part, [metrics.advance_em(w) for w in part.texts], space, 2)
        if not all(fits(line) for line in lines):
            return fallback
        chunks.append(lines)
    return chunks


def scene_cues(text: str, start_frame: int, end_frame: int, look: Look,
               burn: bool) -> list[Cue]:
    """The scene's caption in cues of up to two lines, sharing the scene's frames in
    proportion to their length (reading time follows characters)."""
    chunks = caption_chunks(text, look)
    if not chunks:
        return []
    weights = [sum(len(line) for line in chunk) for chunk in chunks]
    total, frames = sum(weights), end_frame - start_frame
    cues, done, start = [], 0, start_frame
    for chunk, weight in zip(chunks, weights):
        done += weight
        end = start_frame + round(frames * done / total)
        if end > start:
            cues.append(Cue(start, end, chunk, burn))
        start = end
    return cues


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def srt(cues: list[Cue], fps: int) -> str:
    blocks = []
    for i, cue in enumerate(cues, 1):
        blocks.append(f"{i}\n{_stamp(cue.start_s(fps), ',')} --> "
                      f"{_stamp(cue.end_s(fps), ',')}\n" + "\n".join(cue.lines) + "\n")
    return "\n".join(blocks)


def vtt(cues: list[Cue], fps: int) -> str:
    blocks = ["WEBVTT\n"]
    for cue in cues:
        blocks.append(f"{_stamp(cue.start_s(fps), '.')} --> {_stamp(cue.end_s(fps), '.')}\n"
                      + "\n".join(cue.lines) + "\n")
    return "\n".join(blocks)


def caption_plate(lines: tuple[str, ...], look: Look) -> Patch:
    """The burned caption: light lines on an opaque plate, centred at the zone's bottom."""
    assert look.caption_zone is not None
    left, top, right, bottom = look.caption_zone
    em = look.em_for_cap(look.caption_cap_px, look.text_font)
    pad = round(CAPTION_PAD_EM * em)
    fitted = fit("\n".join(lines), look.text_font, right - left - 2 * pad, bottom - top - 2 * pad,
                 em, MAX_LINES)
    metrics = font_metrics(look.text_font)
    text_w = max(metrics.advance_em(line) for line in fitted.block.lines) * fitted.em_px
    w = min(right - left, round(text_w + 2 * pad))
    h = round(fitted.height_px + 2 * pad)
    x, y = round((left + right - w) / 2), bottom - h
    block = paint(fitted, (x + pad, y + pad, x + w - pad, bottom - pad), caption_ink(look),
                  look.band)
    pixels = solid(w, h, look.band).pixels.copy()
    for line in block.lines:
        p = line.patch
        x0, y0 = max(p.x - x, 0), max(p.y - y, 0)
        x1, y1 = min(p.x - x + p.w, w), min(p.y - y + p.h, h)
        pixels[y0:y1, x0:x1] = p.pixels[y0 - (p.y - y):y1 - (p.y - y),
                                         x0 - (p.x - x):x1 - (p.x - x)]
    pixels.flags.writeable = False
    return Patch(pixels, x, y)


def caption_ink(look: Look) -> str:
    return look.text if rules.contrast_ratio(look.text, look.band) >= 7.0 else "#FFFFFF"


def caption_facts(look: Look) -> dict:
    ink = caption_ink(look)
    return {
        "cap_height_px": round(look.caption_cap_px, 1),
        "cap_height_mm": round(look.caption_cap_px / look.px_per_mm, 2),
        "legibility_min_cap_mm": round(look.min_cap_px / look.px_per_mm, 2),
        "ink": ink, "plate": look.band,
        "contrast_ratio": round(rules.contrast_ratio(ink, look.band), 2),
        "zone_px": list(look.caption_zone) if look.caption_zone else None,
    }


class Burner:
    """Caption draws for a frame index: each burned cue's plate, painted once."""

    def __init__(self, cues: list[Cue], look: Look):
        self.cues = [c for c in cues if c.burn]
        self.plates = {c: caption_plate(c.lines, look) for c in self.cues}

    def draws(self, frame: int) -> tuple[Draw, ...]:
        for cue in self.cues:
            if cue.start_frame <= frame < cue.end_frame:
                return (Draw.at_rest(self.plates[cue]),)
        return ()
