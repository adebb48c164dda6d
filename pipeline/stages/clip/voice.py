"""A radio product's spoken lines on the clip's timeline (`voice:`).

The radio stage speaks and masters the spot (eSpeak, or the province's recorded takes,
exactly as its own job does) and says where each spoken line lies in the master. Each
scene carries the lines its `lines` names: they start once the scene has entered, keep
the spot's own gaps between them (at most MAX_GAP_S), and the scene lasts at least as
long as its lines plus a breath. Each line's samples are cut from the master as they
are (no re-mastering), so the words sound exactly as on the radio; the music bed ducks
12 dB under them. Captions are the spoken words, timed inside each line's span.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...media import audio

LEAD_S = 0.3              # after a scene has entered, before its first line
TAIL_S = 0.5              # after a scene's last line, before the next scene
MAX_GAP_S = 0.6           # between two lines of one scene
BED_BELOW_VOICE_LU = 10.0  # the music between lines sits this far under the voice


@dataclass(frozen=True)
class VoicedLine:
    take: int
    voice: str
    text: str
    start_s: float            # on the clip's timeline
    end_s: float
    source_s: tuple[float, float]    # its span in the radio master

    def frames(self, fps: int) -> tuple[int, int]:
        """The frames wholly inside the spoken span: captions change on frame bounds."""
        return math.ceil(self.start_s * fps - 1e-9), math.floor(self.end_s * fps + 1e-9)


def take_number(take: str) -> int:
    return int(take.split("-", 1)[0])


def place(scenes, spoken, fps: int) -> tuple[list[float], list[list[VoicedLine]]]:
    """Each scene's duration (at least its lines' length) and its placed lines, in
    whole frames from the clip's start."""
    by_take = {take_number(line.take): line for line in spoken.lines}
    durations, placed = [], []
    elapsed = 0.0
    for scene in scenes:
        lead = scene.transition_s if scene.transition != "cut" else 0.0
        cursor = elapsed + lead + LEAD_S
        mine: list[VoicedLine] = []
        previous = None
        for number in scene.lines:
            line = by_take[number]
            if previous is not None:
                cursor += min(MAX_GAP_S, max(0.0, line.start_s - previous.end_s))
            length = line.end_s - line.start_s
            mine.append(VoicedLine(number, line.voice, line.text, cursor, cursor + length,
                                   (line.start_s, line.end_s)))
            cursor += length
            previous = line
        need = (cursor + TAIL_S - elapsed) if mine else 0.0
        # Whole frames, so the lines placed in later scenes do not drift.
        duration = math.ceil(max(scene.duration_s, need) * fps - 1e-9) / fps
        durations.append(duration)
        placed.append(mine)
        elapsed += duration
    return durations, placed


def voice_track(spoken, placed: list[list[VoicedLine]], seconds: float,
                rate_hz: int) -> tuple[np.ndarray, np.ndarray]:
    """The voice alone (mono) and where it speaks (a mask), `seconds` long."""
    n = int(round(seconds * rate_hz))
    track = np.zeros(n, np.float32)
    mask = np.zeros(n, bool)
    source = audio.resample(spoken.samples, spoken.rate_hz, rate_hz)
    for line in (line for lines in placed for line in lines):
        a, b = (int(round(s * rate_hz)) for s in line.source_s)
        start = int(round(line.start_s * rate_hz))
        piece = source[a:b][:max(0, n - start)]
        track[start:start + piece.size] += piece
        mask[start:start + piece.size] = True
    return track, mask


def with_bed(voice: np.ndarray, mask: np.ndarray, bed: np.ndarray,
             rate_hz: int) -> np.ndarray:
    """The voice over the bed, the bed placed under the voice's loudness and ducked."""
    level = audio.integrated_lufs(voice[mask], rate_hz) if mask.any() else -70.0
    bed = audio.match_loudness(bed, rate_hz, level - BED_BELOW_VOICE_LU)
    return (voice + audio.duck_bed(bed, mask, rate_hz)).astype(np.float32)
