"""The bundled ffmpeg: MP3 encoding as promised, decoding back, probing streams."""
from __future__ import annotations

import re

import numpy as np
import pytest

from pipeline.media.ffmpeg import (
    FfmpegError,
    decode_audio,
    encode_mp3,
    ffmpeg_exe,
    probe,
    run_ffmpeg,
)

RATE = 44100


def chirp(seconds: float = 2.0, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.4 * np.sin(2 * np.pi * (200 + 400 * t) * t)).astype(np.float32)


@pytest.fixture(scope="module")
def mp3_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("mp3") / "chirp.mp3"
    path.write_bytes(encode_mp3(chirp(), RATE))
    return path


def test_ffmpeg_is_the_bundled_binary():
    assert "imageio_ffmpeg" in ffmpeg_exe()


def test_mp3_is_mono_44k1_cbr_128k_without_any_tags(mp3_file):
    info = probe(mp3_file)
    assert info["streams"] == [{"index": 0, "type": "audio", "codec": "mp3",
                                "sample_rate_hz": 44100, "channels": 1, "bitrate_kbps": 128}]
    assert info["duration_s"] == pytest.approx(2.0, abs=0.03)
    data = mp3_file.read_bytes()
    assert data[:2] == b"\xff\xfb"                   # an MPEG-1 layer III frame, no ID3
    assert not re.search(rb"Lav[fc]\d", data)       # bit-exact: no encoder version


def test_mp3_encoding_is_deterministic(mp3_file):
    assert encode_mp3(chirp(), RATE) == mp3_file.read_bytes()


def test_decoding_a_written_mp3_keeps_length_and_timing(mp3_file):
    decoded = decode_audio(mp3_file, RATE)
    original = chirp()
    assert decoded.dtype == np.float32 and decoded.size == original.size
    # the encoder delay is removed: the waveform lines up sample for sample
    correlation = np.corrcoef(decoded[1000:-1000], original[1000:-1000])[0, 1]
    assert correlation > 0.99


def test_decode_resamples_and_downmixes(mp3_file):
    assert decode_audio(mp3_file, 22050).size == pytest.approx(22050 * 2, abs=2)
    stereo = decode_audio(mp3_file, RATE, channels=2)
    assert stereo.shape[1] == 2
    from_bytes = decode_audio(mp3_file.read_bytes(), RATE)
    assert abs(from_bytes.size - RATE * 2) < 2000     # through a pipe the tail padding stays


def test_probe_reads_a_video_stream(tmp_path):
    path = tmp_path / "clip.mp4"
    run_ffmpeg(["-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "0.5",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", str(path)])
    (stream,) = probe(path)["streams"]
    assert stream["type"] == "video" and stream["codec"] == "h264"
    assert (stream["width"], stream["height"], stream["fps"]) == (64, 48, 10.0)


def test_errors_are_one_line(tmp_path):
    bad = tmp_path / "not-audio.mp3"
    bad.write_text("hello")
    with pytest.raises(FfmpegError) as error:
        decode_audio(bad, RATE)
    assert "\n" not in str(error.value) and str(error.value)
    with pytest.raises(FfmpegError, match="not a media file"):
        probe(bad)
    with pytest.raises(FfmpegError, match="no such file"):
        probe(tmp_path / "missing.wav")
