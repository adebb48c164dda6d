"""Raw RGB frames piped straight into the bundled ffmpeg: H.264 High, yuv420p, faststart.

The pipe carries each frame buffer as it is (a memoryview, no copy, no float); ffmpeg
converts to BT.709 limited-range yuv420p and encodes with a fixed thread count, and the
bit-exact flags keep encoder strings and dates out of the file: the same frames and
samples always give the same bytes. MP4 needs a seekable output to move the index to the
front (+faststart), so the file is written to a temporary folder and read back.

A clip can also be encoded in parts (each starts on a keyframe) and the parts joined
without re-encoding: clip.shared reuses an opening that many clips have in common, and a
long still is one short part played several times (clip.parts).
"""
from __future__ import annotations

import fcntl
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...files.scratch import scratch_dir
from ...media.ffmpeg import FfmpegError, ffmpeg_exe, run_ffmpeg

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


def _audio_input(folder: Path, audio: np.ndarray | None, index: int,
                 settings: EncodeSettings) -> tuple[list[str], list[str]]:
    """(input args, map and codec args) for the (n, 2) float samples as input `index`."""
    if audio is None:
        return [], []
    pcm = Path(folder) / "audio.f32"
    pcm.write_bytes(np.ascontiguousarray(audio, dtype="<f4").tobytes())
    return (["-f", "f32le", "-ar", str(settings.audio_rate_hz), "-ac", "2", "-i", str(pcm)],
            ["-map", f"{index}:a", "-c:a", "aac", "-b:a", f"{settings.audio_bitrate_kbps}k"])


def raw_input_args(size: tuple[int, int], fps: int) -> list[str]:
    return ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{size[0]}x{size[1]}",
            "-framerate", str(fps), "-i", "pipe:0"]


def encode(frame: Callable[[int], np.ndarray], frame_count: int, size: tuple[int, int],
           fps: int, audio: np.ndarray | None, dest: Path,
           settings: EncodeSettings = EncodeSettings()) -> None:
    """Write `frame(0..frame_count-1)` (uint8 RGB, C-contiguous) and the (n, 2) float
    samples to `dest` as MP4."""
    with scratch_dir("clip") as folder:
        sound_in, sound_out = _audio_input(Path(folder), audio, 1, settings)
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
               *raw_input_args(size, fps), *sound_in, "-map", "0:v", *sound_out,
               *video_args(settings), *container_args(), str(dest)]
        pipe_frames(cmd, frame, frame_count)


def encode_part(frame: Callable[[int], np.ndarray], first: int, count: int,
                size: tuple[int, int], fps: int,
                settings: EncodeSettings = EncodeSettings()) -> bytes:
    """Frames `first`..`first + count - 1` alone, video only: MP4 bytes to `join`."""
    with scratch_dir("clip") as folder:
        dest = Path(folder) / "part.mp4"
        cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
               *raw_input_args(size, fps), "-map", "0:v", *video_args(settings),
               "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
               "-f", "mp4", str(dest)]
        pipe_frames(cmd, lambda i: frame(first + i), count)
        return dest.read_bytes()


def join(parts: list[tuple[bytes, int]], audio: np.ndarray | None, dest: Path,
         settings: EncodeSettings = EncodeSettings()) -> None:
    """The parts' video one after the other, each played its number of times, copied (same
    encoder settings, each from a keyframe), with the sound encoded under it, as `encode`
    writes a whole clip."""
    with scratch_dir("clip") as folder:
        listing = []
        for n, (data, repeats) in enumerate(parts):
            path = Path(folder) / f"part{n}.mp4"
            path.write_bytes(data)
            listing += [f"file '{path.name}'\n"] * repeats
        playlist = Path(folder) / "parts.txt"
        playlist.write_text("".join(listing), encoding="utf-8")
        sound_in, sound_out = _audio_input(Path(folder), audio, 1, settings)
        run_ffmpeg(["-y", "-f", "concat", "-safe", "0", "-i", str(playlist), *sound_in,
                    "-map", "0:v", "-c:v", "copy", *sound_out, *container_args(), str(dest)])


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
