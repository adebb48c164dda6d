"""Raw RGB frames piped straight into the bundled ffmpeg: H.264 High, yuv420p, faststart.

The pipe carries each frame buffer as it is (a memoryview, no copy, no float); ffmpeg
converts to BT.709 limited-range yuv420p and encodes with a fixed thread count, and the
bit-exact flags keep encoder strings and dates out of the file: the same frames and
samples always give the same bytes. MP4 needs a seekable output to move the index to the
front (+faststart), so the file is written to a temporary folder and read back.
"""
from __future__ import annotations

import fcntl
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...media.ffmpeg import FfmpegError, ffmpeg_exe
from ...scratch import scratch_dir

F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)


@dataclass(frozen=True)
class EncodeSettings:
    preset: str = "veryfast"        # measured in bench/clip_bench.py: flat graphics, fast
    crf: int = 20
    threads: int = 2                # fixed: x264's output depends on its thread count
    audio_bitrate_kbps: int = 160
    audio_rate_hz: int = 48000


def video_args(settings: EncodeSettings) -> list[str]:
    """Everything after the inputs that shapes the video stream (the bench's floor uses
    exactly these)."""
    return ["-vf", "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p",
            "-c:v", "libx264", "-preset", settings.preset, "-crf", str(settings.crf),
            "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
            "-color_range", "tv", "-threads", str(settings.threads)]


def container_args() -> list[str]:
    return ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-map_metadata", "-1", "-movflags", "+faststart", "-f", "mp4"]


def raw_input_args(size: tuple[int, int], fps: int) -> list[str]:
    return ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{size[0]}x{size[1]}",
            "-framerate", str(fps), "-i", "pipe:0"]


def encode(frame: Callable[[int], np.ndarray], frame_count: int, size: tuple[int, int],
           fps: int, audio: np.ndarray | None, dest: Path,
           settings: EncodeSettings = EncodeSettings()) -> None:
    """Write `frame(0..frame_count-1)` (uint8 RGB, C-contiguous) and the (n, 2) float
    samples to `dest` as MP4."""
    with scratch_dir("clip") as folder:
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
               *raw_input_args(size, fps)]
        maps = ["-map", "0:v"]
        if audio is not None:
            pcm = Path(folder) / "audio.f32"
            pcm.write_bytes(np.ascontiguousarray(audio, dtype="<f4").tobytes())
            cmd += ["-f", "f32le", "-ar", str(settings.audio_rate_hz), "-ac", "2",
                    "-i", str(pcm)]
            maps += ["-map", "1:a", "-c:a", "aac", "-b:a", f"{settings.audio_bitrate_kbps}k"]
        cmd += maps + video_args(settings) + container_args() + [str(dest)]
        pipe_frames(cmd, frame, frame_count)


def pipe_frames(cmd: list[str], frame: Callable[[int], np.ndarray], frame_count: int) -> None:
    """Run ffmpeg `cmd` reading raw frames from stdin, writing each as it comes."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    assert proc.stdin is not None and proc.stderr is not None
    try:
        fcntl.fcntl(proc.stdin.fileno(), F_SETPIPE_SZ, 1 << 20)
    except OSError:
        pass                                  # a smaller pipe only costs a few more wakeups
    try:
        for i in range(frame_count):
            data = frame(i)
            if data.dtype != np.uint8 or not data.flags.c_contiguous:
                raise ValueError("frames must be C-contiguous uint8 RGB")
            proc.stdin.write(data.data)
        proc.stdin.close()
    except BrokenPipeError:
        pass                                  # ffmpeg stopped: its stderr says why
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    err = proc.stderr.read()
    if proc.wait() != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        raise FfmpegError(lines[-1] if lines else f"ffmpeg exited {proc.returncode}")
