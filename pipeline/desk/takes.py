"""Recorded takes a province uploads: named as the announcer's script lists them, decoded
and checked (sample rate, duration against the line, clipping, silence), kept where the
radio stage finds them: `<state>/takes/<spot>/<province>/<NN>-<voice>.<ext>`."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..build.plan import Job
from ..spec.model import Specs
from ..stages import STAGES

TAKES = "takes"
MAX_TAKE_BYTES = 50 * 1024 * 1024
MAX_TAKES_PER_UPLOAD = 40
MAX_UPLOAD_BYTES = 200 * 1024 * 1024      # the takes of one upload together
DECODE_RATE_HZ = 48_000    # the checks read a take at most at this rate (level, clipping)
SUFFIXES = (".wav", ".flac", ".mp3")
MIN_RATE_HZ = 22_050
SYLLABLES_PER_S = 4.0           # an announcer's steady pace in Vietnamese (one word, one syllable)
SILENT_DBFS = -45.0
CLIPPED_FRACTION = 0.001        # of samples at full scale: more is audible distortion


class TakeRefused(Exception):
    """A take that cannot be used, with the reason a radio team can act on."""


@dataclass(frozen=True)
class ExpectedTake:
    stem: str            # '01-announcer'
    text: str            # what the line says
    low_s: float
    high_s: float


def expected_takes(specs: Specs, spot: str, province: str) -> dict[str, ExpectedTake]:
    """The takes a spot's script asks of a province, by file stem, with the duration a
    reading of each line may have."""
    product = next(p for p in specs.products if p.kind == "radio" and p.id == spot)
    job = Job(specs.campaign, product, None, product.languages[0], specs.provinces[province])
    takes = {}
    for line in STAGES["radio"].request(job).lines:
        if line.kind != "say" or not line.take:
            continue
        seconds = max(len(line.spoken.split()), 1) / SYLLABLES_PER_S
        takes[line.take] = ExpectedTake(line.take, line.spoken, max(0.4, 0.4 * seconds),
                                        2.5 * seconds + 1.5)
    return takes


def take_stem(name: str, expected: dict[str, ExpectedTake]) -> tuple[str, str]:
    """(stem, suffix) of an uploaded file's name, or TakeRefused naming what is allowed."""
    base = os.path.basename(name.replace("\\", "/")).strip()
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in SUFFIXES:
        raise TakeRefused(f"{base}: chỉ nhận WAV, FLAC hoặc MP3 / only WAV, FLAC or MP3")
    if stem not in expected:
        names = ", ".join(sorted(expected)) or "none"
        raise TakeRefused(f"{base}: tên không khớp kịch bản / the script's takes are named "
                          f"{names}")
    return stem, suffix.lower()


def check_take(path: Path, expected: ExpectedTake) -> dict[str, float]:
    """The take's facts, or TakeRefused with the reason (read by the bundled ffmpeg).

    The duration ffmpeg reports is checked before anything is decoded, and the decode
    stops past the longest reading the line allows: 40 minutes of silence compressed into
    1.5 MB cost the desk a probe, not a gigabyte of samples."""
    from ..media.ffmpeg import FfmpegError, probe

    try:
        info = probe(path)
    except FfmpegError:
        info = {"duration_s": None, "streams": []}
    streams = [s for s in info["streams"] if s["type"] == "audio"]
    if not streams:
        raise TakeRefused("không đọc được âm thanh / not an audio file ffmpeg can read")
    rate = streams[0].get("sample_rate_hz") or 0
    if rate < MIN_RATE_HZ:
        raise TakeRefused(f"tần số lấy mẫu {rate} Hz quá thấp / sample rate {rate} Hz; "
                          "record at 44.1 or 48 kHz")
    if info["duration_s"] is not None:
        _check_duration(info["duration_s"], expected)
    decode_rate = min(rate, DECODE_RATE_HZ)
    samples = _decode(path, decode_rate, expected.high_s + 1.0)
    return {**_sound_facts(samples, decode_rate, expected), "sample_rate_hz": rate}


def _decode(path: Path, rate_hz: int, most_s: float) -> np.ndarray:
    """Mono float samples of at most `most_s` seconds (a header may lie about its length)."""
    from ..media.ffmpeg import FfmpegError, run_ffmpeg

    try:
        data = run_ffmpeg(["-i", str(path), "-t", f"{most_s:.3f}", "-f", "f32le", "-ac", "1",
                           "-ar", str(rate_hz), "pipe:1"], timeout_s=60)
    except FfmpegError:
        raise TakeRefused("không đọc được âm thanh / not an audio file ffmpeg can "
                          "read") from None
    return np.frombuffer(data, dtype="<f4")


def _check_duration(seconds: float, expected: ExpectedTake) -> None:
    if not expected.low_s <= seconds <= expected.high_s:
        raise TakeRefused(f"dài {seconds:.1f} s, câu này cần {expected.low_s:.1f}-"
                          f"{expected.high_s:.1f} s / {seconds:.1f} s long; the line "
                          f"\"{expected.text}\" takes {expected.low_s:.1f}-"
                          f"{expected.high_s:.1f} s")


def _sound_facts(samples: np.ndarray, rate: int, expected: ExpectedTake) -> dict[str, float]:
    seconds = samples.size / rate
    _check_duration(seconds, expected)
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if samples.size else 0
    level = 20 * math.log10(rms) if rms > 0 else -math.inf
    if level < SILENT_DBFS:
        raise TakeRefused(f"gần như im lặng ({level:.0f} dBFS) / silent or nearly "
                          f"({level:.0f} dBFS): check the microphone")
    clipped = float(np.mean(np.abs(samples) >= 0.999))
    if clipped > CLIPPED_FRACTION:
        raise TakeRefused(f"bị rè do thu quá to ({clipped:.1%} mẫu chạm trần) / clipped "
                          f"({clipped:.1%} of samples at full scale): record it quieter")
    return {"duration_s": round(seconds, 2), "rms_dbfs": round(level, 1)}


def takes_folder(state: Path, spot: str, province: str) -> Path:
    return Path(state) / TAKES / spot / province


def keep(received: Path, folder: Path, stem: str, suffix: str) -> Path:
    """Put an accepted take in place of any earlier one of the same line (another
    format included: the stage takes the first it finds)."""
    folder.mkdir(parents=True, exist_ok=True)
    for other in SUFFIXES:
        (folder / f"{stem}{other}").unlink(missing_ok=True)
    target = folder / f"{stem}{suffix}"
    os.replace(received, target)
    return target
