"""One radio job -> a mastered spot: speak every line, lay out the timeline (jingles,
pauses, gaps, music bed), check the length, master, encode and measure what was written."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...media import audio
from ...media.ffmpeg import decode_audio, decode_mp3_exactly, encode_mp3
from ...media.jingle import jingle
from .. import StageError
from .gtts_backend import TtsUnavailable
from .request import RadioRequest
from .script import Line, gap_before, targets
from .spec import RadioSpec
from .takes import listed_takes
from .voices import Speech, Voices, load_take, voices_for

RATE_HZ = audio.RATE_HZ
LEAD_IN_S, TAIL_S = 0.15, 0.35
JINGLE_BELOW_VOICE_LU = 3.0      # the chime sits a little under the voice
BED_BELOW_VOICE_LU = 8.0         # music between lines; ducked a further 12 dB under speech
# libmp3lame comes out 0.95x (-0.45 dB) quieter than its input; the MP3 is fed that much
# louder so the written file measures on target (verified on the decoded file below).
LAME_GAIN_DB = -20 * np.log10(0.95)


@dataclass(frozen=True)
class Placed:
    line: Line
    start_s: float
    end_s: float


@dataclass(frozen=True)
class Spot:
    """A mastered spot and how it was made."""
    lines: tuple[Line, ...]
    placed: tuple[Placed, ...]
    samples: np.ndarray                   # mastered, mono, RATE_HZ
    targets: dict[str, float]             # spoken line label -> seconds it may take
    backends: dict[str, str]              # voice name -> what actually spoke it
    warnings: tuple[str, ...]

    @property
    def seconds(self) -> float:
        return self.samples.size / RATE_HZ


def build_spot(request: RadioRequest, voices: Voices | None = None) -> Spot:
    """Speak, lay out and master one spot; StageError for anything the user can fix.

    `voices`: the synthesizers to speak with; by default this process's for the request's
    voice settings (what they say depends on the request alone)."""
    spec, lines = request.spec, request.lines
    voices = voices or voices_for(request.voice_settings)
    speeches, backends, warnings = _speak_all(request, voices)
    jingles = _jingles(spec)
    track, placed = _lay_out(lines, speeches, jingles)
    _check_length(request, track.size / RATE_HZ)
    voice_lufs = audio.integrated_lufs(np.concatenate([s.samples for s in speeches.values()]),
                                       RATE_HZ)
    track = _mix_jingles(track, placed, jingles, voice_lufs)
    if spec.music_bed is not None:
        track = track + _bed(spec.music_bed, placed, track.size, voice_lufs)
    mastered = audio.master(track, RATE_HZ, audio.Mastering(target_lufs=spec.loudness_lufs))
    jingle_seconds = {kind: sound.size / RATE_HZ for kind, sound in jingles.items()}
    return Spot(lines, tuple(placed), mastered,
                targets(lines, spec.max_seconds, jingle_seconds), backends, tuple(warnings))


def _speak_all(request: RadioRequest, voices: Voices):
    spec = request.spec
    warnings: list[str] = []
    if request.missing_takes:
        warnings.append(f"missing recorded take(s): {listed_takes(request.missing_takes)}; "
                        "spoken with espeak (fallback: espeak)")
    found = dict(request.takes)
    speeches: dict[str, Speech] = {}
    backends: dict[str, str] = {}
    for line in (line for line in request.lines if line.kind == "say"):
        voice = spec.voices[line.voice]
        if line.label in found:
            speech = load_take(found[line.label], RATE_HZ)
        else:
            if voice.backend == "recorded":
                voice = dataclasses.replace(voice, backend="espeak")
            try:
                speech, warning = voices.speak(line.spoken, voice, spec.fallback)
            except TtsUnavailable as exc:
                raise StageError(f"{request.who}: {exc}") from None
            if warning and warning not in warnings:
                warnings.append(warning)
        speeches[line.label] = speech
        used = backends.get(line.voice)
        backends[line.voice] = speech.backend if used in (None, speech.backend) \
            else "+".join(sorted({*used.split("+"), speech.backend}))
    return speeches, backends, warnings


def _jingles(spec: RadioSpec) -> dict[str, np.ndarray]:
    if spec.jingle == "none":
        return {}
    if spec.jingle == "generated":
        return {kind: jingle(kind, RATE_HZ) for kind in ("intro", "outro")}
    sound = audio.trim_silence(decode_audio(spec.jingle, RATE_HZ), RATE_HZ, -60.0, 0.01)
    return {"intro": sound, "outro": sound}


def _lay_out(lines, speeches: dict[str, Speech], jingles) -> tuple[np.ndarray, list[Placed]]:
    """Concatenate the timeline: lead-in, lines with their gaps, tail."""
    parts = [audio.silence(LEAD_IN_S, RATE_HZ)]
    position = parts[0].size
    placed: list[Placed] = []
    previous = None
    for line in lines:
        gap = audio.silence(gap_before(previous, line), RATE_HZ)
        if line.kind == "say":
            speech = speeches[line.label]
            sound = audio.resample(speech.samples, speech.rate_hz, RATE_HZ)
        elif line.kind == "pause":
            sound = audio.silence(line.seconds, RATE_HZ)
        else:
            sound = np.zeros_like(jingles[line.jingle])   # mixed in at its level later
        parts += [gap, sound]
        position += gap.size
        placed.append(Placed(line, position / RATE_HZ, (position + sound.size) / RATE_HZ))
        position += sound.size
        previous = line
    parts.append(audio.silence(TAIL_S, RATE_HZ))
    return np.concatenate(parts).astype(np.float32), placed


def _check_length(request: RadioRequest, seconds: float) -> None:
    spec = request.spec
    over = seconds - spec.max_seconds
    if over > 0:
        raise StageError(f"{request.who}: the spot lasts {seconds:.1f} s, {over:.1f} s over "
                         f"its {spec.max_seconds:g} s limit (max_seconds); shorten the "
                         "script or raise the rate")


def _mix_jingles(track, placed, jingles, voice_lufs: float) -> np.ndarray:
    out = track.copy()
    for item in placed:
        if item.line.kind != "jingle":
            continue
        sound = audio.match_loudness(jingles[item.line.jingle], RATE_HZ,
                                     voice_lufs - JINGLE_BELOW_VOICE_LU)
        start = int(round(item.start_s * RATE_HZ))
        out[start:start + sound.size] += sound
    return out


def _bed(path: Path, placed, length: int, voice_lufs: float) -> np.ndarray:
    bed = audio.match_loudness(decode_audio(path, RATE_HZ), RATE_HZ,
                               voice_lufs - BED_BELOW_VOICE_LU)
    mask = np.zeros(length, dtype=bool)
    for item in placed:
        if item.line.kind == "say":
            mask[int(item.start_s * RATE_HZ):int(item.end_s * RATE_HZ)] = True
    return audio.duck_bed(bed, mask, RATE_HZ)


# ---- the written files ----------------------------------------------------------------

def mp3_for(samples: np.ndarray, target_lufs: float,
            ceiling_dbtp: float = audio.Mastering.ceiling_dbtp) -> tuple[bytes, audio.Loudness]:
    """Encode, decode what was written, measure; correct the gain until the file itself
    is on target and under the ceiling."""
    gain_db = LAME_GAIN_DB
    for _ in range(3):
        mp3 = encode_mp3(samples * np.float32(10 ** (gain_db / 20)), RATE_HZ)
        measured = audio.measure(decode_mp3_exactly(mp3, RATE_HZ), RATE_HZ)
        error = target_lufs - measured.integrated_lufs
        over = measured.true_peak_dbtp - ceiling_dbtp
        if over <= 0 and abs(error) <= 0.15:
            break
        gain_db += min(error, -(over + 0.05)) if over > 0 else error
    return mp3, measured
