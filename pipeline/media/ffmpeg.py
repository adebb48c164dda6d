"""The ffmpeg that the `imageio-ffmpeg` wheel ships: run it, encode MP3, decode, probe.

Small and generic on purpose: the radio stage encodes spots with it and a clip stage can
reuse the same calls. Output is bit-exact (no encoder version or date in the file), so the
same samples always give the same bytes.
"""
from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path
from typing import Any

import numpy as np

from ..files.scratch import scratch_dir

MP3_RATE_HZ = 44100
MP3_BITRATE_KBPS = 128
_BITEXACT = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"]


class FfmpegError(RuntimeError):
    """ffmpeg refused or failed; the message is its last line of complaint."""


@functools.cache
def ffmpeg_exe() -> str:
    """Path of the bundled ffmpeg binary."""
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def run_ffmpeg(args: list[str], input_bytes: bytes | None = None, *,
               timeout_s: float = 300.0) -> bytes:
    """Run ffmpeg with `args` (no binary name), feeding stdin; return stdout bytes."""
    # -nostdin unless stdin carries the input: ffmpeg must never wait on a terminal.
    stdin_flag = ["-nostdin"] if input_bytes is None else []
    cmd = [ffmpeg_exe(), "-hide_banner", *stdin_flag, "-loglevel", "error", *args]
    try:
        result = subprocess.run(cmd, input=input_bytes, capture_output=True,
                                timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        raise FfmpegError(f"ffmpeg did not finish within {timeout_s:.0f} s") from None
    if result.returncode != 0:
        raise FfmpegError(_last_line(result.stderr) or f"ffmpeg exited {result.returncode}")
    return result.stdout


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    return next((line for line in reversed(lines) if line), "")


def encode_mp3(samples: np.ndarray, rate_hz: int, *, bitrate_kbps: int = MP3_BITRATE_KBPS,
               out_rate_hz: int = MP3_RATE_HZ) -> bytes:
    """Mono float samples (-1..1) -> MP3 bytes: libmp3lame, CBR, mono, no tags at all.

    Written to a seekable temp file, not a pipe, so the muxer can fill in the LAME/Info
    frame: players then skip the encoder delay and padding and the spot keeps its length.
    """
    pcm = np.ascontiguousarray(samples, dtype="<f4").tobytes()
    with scratch_dir("ffmpeg") as folder:
        target = Path(folder) / "out.mp3"
        run_ffmpeg(["-f", "f32le", "-ar", str(rate_hz), "-ac", "1", "-i", "pipe:0",
                    "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k", "-abr", "0",
                    "-ar", str(out_rate_hz), "-ac", "1", *_BITEXACT,
                    "-id3v2_version", "0", "-write_id3v1", "0", "-f", "mp3", str(target)],
                   pcm)
        return target.read_bytes()


def decode_audio(source: Path | str | bytes, rate_hz: int, *, channels: int = 1) -> np.ndarray:
    """Any audio file (path or bytes) -> float32 samples at `rate_hz`; (n,) mono or
    (n, channels). Decode MP3 from a path when its exact length matters: from bytes
    (a pipe) ffmpeg cannot trim the encoder's end padding."""
    if isinstance(source, (bytes, bytearray)):
        data = run_ffmpeg(["-i", "pipe:0", "-f", "f32le", "-ac", str(channels),
                           "-ar", str(rate_hz), "pipe:1"], bytes(source))
    else:
        data = run_ffmpeg(["-i", str(source), "-f", "f32le", "-ac", str(channels),
                           "-ar", str(rate_hz), "pipe:1"])
    samples = np.frombuffer(data, dtype="<f4").astype(np.float32)
    return samples if channels == 1 else samples.reshape(-1, channels)


def decode_mp3_exactly(data: bytes, rate_hz: int) -> np.ndarray:
    """MP3 bytes -> mono samples of the length a player hears: decoded through a file, so
    ffmpeg trims the encoder's padding (a pipe cannot)."""
    with scratch_dir("mp3") as folder:
        path = Path(folder) / "decoded.mp3"
        path.write_bytes(data)
        return decode_audio(path, rate_hz)


_DURATION = re.compile(r"Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)")
_TOTAL_BITRATE = re.compile(r"Duration: .*?bitrate: (\d+) kb/s")
_STREAM = re.compile(r"Stream #\d+:(\d+)(?:\[\w+\])?(?:\(\w+\))?: (Audio|Video|Subtitle|Data): "
                     r"(.*)")


def probe(source: Path | str) -> dict[str, Any]:
    """Duration and streams of a media file, read from `ffmpeg -i` (no ffprobe is bundled).

    {"duration_s", "bitrate_kbps", "streams": [{"index", "type", "codec", ...}]}; audio
    streams add sample_rate_hz, channels, bitrate_kbps; video streams width, height, fps.
    """
    path = Path(source)
    if not path.is_file():
        raise FfmpegError(f"{path}: no such file")
    result = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
                            capture_output=True, timeout=60, check=False)
    text = result.stderr.decode("utf-8", "replace")
    if "Invalid data found" in text or "Stream #" not in text:
        raise FfmpegError(f"{path}: not a media file ffmpeg can read ({_last_line(result.stderr)})")
    info: dict[str, Any] = {"duration_s": None, "bitrate_kbps": None, "streams": []}
    if match := _DURATION.search(text):
        hours, minutes, seconds = match.groups()
        info["duration_s"] = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    if match := _TOTAL_BITRATE.search(text):
        info["bitrate_kbps"] = int(match.group(1))
    for match in _STREAM.finditer(text):
        info["streams"].append(_stream(int(match.group(1)), match.group(2).lower(),
                                       match.group(3)))
    return info


def _stream(index: int, kind: str, desc: str) -> dict[str, Any]:
    stream: dict[str, Any] = {"index": index, "type": kind,
                              "codec": desc.split(",")[0].split()[0]}
    if kind == "audio":
        if match := re.search(r"(\d+) Hz", desc):
            stream["sample_rate_hz"] = int(match.group(1))
        layout = re.search(r"Hz, ([^,]+)", desc)
        if layout:
            name = layout.group(1).strip()
            stream["channels"] = {"mono": 1, "stereo": 2}.get(
                name, int(m.group(1)) if (m := re.match(r"(\d+) channels", name)) else None)
        if match := re.search(r"(\d+) kb/s", desc):
            stream["bitrate_kbps"] = int(match.group(1))
    elif kind == "video":
        if match := re.search(r", (\d{2,5})x(\d{2,5})", desc):
            stream["width"], stream["height"] = int(match.group(1)), int(match.group(2))
        if match := re.search(r"([\d.]+) fps", desc):
            stream["fps"] = float(match.group(1))
    return stream
