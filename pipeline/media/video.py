"""Facts of written video files, read with the bundled ffmpeg (no ffprobe is bundled):
the video stream's codec, profile, pixel format, size and rate; a frame at a time; and
whether the MP4 index (moov) comes before the media data (faststart)."""
from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import numpy as np

from .ffmpeg import FfmpegError, probe, run_ffmpeg

_VIDEO = re.compile(r"Stream #\d+:\d+(?:\[\w+\])?(?:\(\w+\))?: Video: (\w+)(?: \(([^)]*)\))?"
                    r"[^,]*, (\w+)(?:\(([^)]*)\))?")


def probe_video(path: Path | str) -> dict[str, Any]:
    """probe() plus, for the first video stream: codec, profile, pix_fmt, width, height,
    fps and the frame count at that rate."""
    import subprocess

    from .ffmpeg import ffmpeg_exe

    info = probe(path)
    text = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
                          capture_output=True, timeout=60,
                          check=False).stderr.decode("utf-8", "replace")
    video = next((s for s in info["streams"] if s["type"] == "video"), None)
    if video is None:
        raise FfmpegError(f"{path}: no video stream")
    match = _VIDEO.search(text)
    if match:
        video["codec"], video["profile"], video["pix_fmt"] = (match.group(1), match.group(2),
                                                              match.group(3))
    info["video"] = video
    info["audio"] = next((s for s in info["streams"] if s["type"] == "audio"), None)
    return info


def frame_at(path: Path | str, t: float, size: tuple[int, int]) -> np.ndarray:
    """The decoded frame shown at `t` seconds, as (h, w, 3) uint8 RGB (full-range BT.709)."""
    w, h = size
    data = run_ffmpeg(["-ss", f"{t:.6f}", "-i", str(path), "-frames:v", "1",
                       "-vf", "scale=in_color_matrix=bt709:in_range=tv:out_range=pc",
                       "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"])
    if len(data) != w * h * 3:
        raise FfmpegError(f"{path}: no frame at {t:.3f} s")
    return np.frombuffer(data, np.uint8).reshape(h, w, 3)


def top_level_atoms(data: bytes) -> list[str]:
    """The box types at the top of an MP4, in file order."""
    atoms, pos = [], 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
        elif size == 0:
            size = len(data) - pos
        if size < 8:
            break
        atoms.append(kind.decode("latin-1"))
        pos += size
    return atoms


def is_faststart(data: bytes) -> bool:
    """True when 'moov' comes before 'mdat': players can start before the download ends."""
    atoms = top_level_atoms(data)
    return "moov" in atoms and "mdat" in atoms and atoms.index("moov") < atoms.index("mdat")
