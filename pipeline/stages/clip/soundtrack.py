"""The clip's sound: a radio spot of the campaign or a generated music bed, made exactly
as long as the picture and mixed to the social-video loudness target, never clipping.

Target: the spec's `loudness_lufs` (-14 by default, the reference the big platforms
normalize to; -16 allowed) integrated over the programme (ITU-R BS.1770-4, both channels),
true peak at most -1 dBTP on the written AAC (limited to -1.5 dBTP before encoding, the
codec's own overshoot being under 0.5 dB).
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ...media import audio

RATE_HZ = 48000
CEILING_DBTP = -1.0
CODEC_MARGIN_DB = 0.5
STEREO_GAIN_LU = 10 * math.log10(2)   # a mono signal on both channels measures 3.01 LU louder
FADE_IN_S = 0.2
FADE_OUT_S = 1.0


class SoundtrackError(Exception):
    """A soundtrack that cannot be made (a missing spot file); the message is one line."""


def music_bed(seconds: float, rate_hz: int = RATE_HZ) -> np.ndarray:
    """A calm, bright bed synthesized from the spec alone (the same samples every time):
    a I-V-vi-IV pad in C major, a soft bass and a plucked arpeggio at 96 bpm."""
    n = int(round(seconds * rate_hz))
    t = np.arange(n) / rate_hz
    beat_s = 60 / 96
    bar_s = 4 * beat_s
    chords = ((261.63, 329.63, 392.00), (196.00, 246.94, 293.66),
              (220.00, 261.63, 329.63), (174.61, 220.00, 261.63))
    out = np.zeros(n)
    bar = (t // bar_s).astype(int)
    local = t - bar * bar_s
    swell = np.clip(local / 0.25, 0, 1) * np.clip((bar_s - local) / 0.2, 0, 1)
    for k, chord in enumerate(chords):
        on = (bar % len(chords)) == k
        if not on.any():
            continue
        for freq in chord:
            out += on * swell * 0.18 * (np.sin(2 * np.pi * freq * t)
                                        + 0.3 * np.sin(2 * np.pi * 2 * freq * t))
        out += on * swell * 0.25 * np.sin(2 * np.pi * chord[0] / 2 * t)
        eighth = beat_s / 2
        step = (local // eighth).astype(int)
        since = local - step * eighth
        note = np.array(chord + (chord[0] * 2,))[step % 4]
        pluck = np.exp(-since / 0.18) * np.clip(since / 0.004, 0, 1)
        out += on * 0.22 * pluck * np.sin(2 * np.pi * note * 2 * since)
    return audio.fade(out.astype(np.float32), rate_hz, in_s=FADE_IN_S, out_s=FADE_OUT_S)


def spot(path: Path, seconds: float, rate_hz: int = RATE_HZ) -> np.ndarray:
    """A recorded spot cut or padded to the clip's length (cut ends fade out)."""
    from ...media.ffmpeg import FfmpegError, decode_audio

    if not path.is_file():
        raise SoundtrackError(f"soundtrack file {path} does not exist (a radio spot is made "
                              "by the radio stage: build it first)")
    try:
        samples = decode_audio(path, rate_hz)
    except FfmpegError as exc:
        raise SoundtrackError(f"soundtrack file {path}: {exc}") from None
    n = int(round(seconds * rate_hz))
    if samples.size >= n:
        return audio.fade(samples[:n], rate_hz, out_s=FADE_OUT_S)
    return np.concatenate([samples, np.zeros(n - samples.size, np.float32)])


def mix(mono: np.ndarray, target_lufs: float, rate_hz: int = RATE_HZ) -> np.ndarray:
    """(n, 2) float32 at `target_lufs` over both channels, true peak under the ceiling."""
    level = audio.normalize_loudness(mono, rate_hz, target_lufs - STEREO_GAIN_LU,
                                     CEILING_DBTP - CODEC_MARGIN_DB)
    return np.repeat(level[:, None], 2, axis=1).astype(np.float32)


def measure_stereo(samples: np.ndarray, rate_hz: int = RATE_HZ) -> dict:
    """Loudness facts of a decoded (n, 2) soundtrack."""
    import pyloudnorm

    lufs = pyloudnorm.Meter(rate_hz).integrated_loudness(np.asarray(samples, np.float64))
    peak = max(audio.true_peak_dbtp(samples[:, c], rate_hz) for c in range(samples.shape[1]))
    return {"loudness_lufs": round(float(lufs), 2), "true_peak_dbtp": round(float(peak), 2),
            "sample_peak": round(float(np.max(np.abs(samples))), 4)}
