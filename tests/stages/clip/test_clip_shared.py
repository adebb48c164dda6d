"""Province clips share their opening: encoded once per worker and kept between builds,
joined to each province's own part. Checked on the written MP4, decoded with the bundled
ffmpeg."""
from __future__ import annotations

import dataclasses
import os

import numpy as np
import pytest

from pipeline.build.plan import plan
from pipeline.media.ffmpeg import run_ffmpeg
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for, shared
from pipeline.stages.clip.encode import EncodeSettings, encode
from pipeline.stages.clip.render import build_timeline, render_clip

FPS = 25
ENDCARD = """\
soundtrack: {music: generated}
captions: sidecar
scenes:
  - {type: title, duration: 1.2}
  - {type: endcard, duration: 1.6, transition: fade, transition_s: 0.4}
"""


def decoded_frames(data: bytes, tmp_path, size: tuple[int, int]) -> np.ndarray:
    path = tmp_path / "clip.mp4"
    path.write_bytes(data)
    raw = run_ffmpeg(["-i", str(path), "-vf",
                      "scale=in_color_matrix=bt709:in_range=tv:out_range=pc",
                      "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"])
    w, h = size
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = np.mean((a.astype(float) - b.astype(float)) ** 2)
    return 99.0 if mse == 0 else 10 * np.log10(255 ** 2 / mse)


@pytest.fixture
def two_provinces(data_project, write_clip):
    write_clip("endcard", ENDCARD, sizes="[clip-384x216]", localize="[quang-ninh, ha-noi]")
    return [request_for(job) for job in plan(load_specs(data_project.specs))]


def test_the_opening_is_encoded_once_and_every_frame_decodes_in_place(two_provinces,
                                                                      monkeypatch, tmp_path):
    parts = []
    real = shared.encode_part
    monkeypatch.setattr(shared, "encode_part", lambda frame, first, count, *a, **kw:
                        parts.append((first, count)) or real(frame, first, count, *a, **kw))
    shared.clear_caches()
    first, second = (render_clip(req) for req in two_provinces)
    # The title, the fade into the endcard and its first frame (before any office line
    # rises): 41 frames, encoded for the first province only; each encodes its own 29.
    assert parts == [(0, 41), (41, 29), (41, 29)]
    for req, result in zip(two_provinces, (first, second)):
        timeline, _, _ = build_timeline(req)
        data = result.file("video").data
        frames = decoded_frames(data, tmp_path, timeline.size)
        assert len(frames) == timeline.frame_count == 70
        assert result.media["duration_s"] == pytest.approx(2.8, abs=0.03)
        assert result.media["audio_codec"] == "aac"
        # Frame for frame what one encode of the whole clip decodes to, both sides of the
        # join (no frame lost, doubled or shifted; the same quality).
        whole = tmp_path / "whole.mp4"
        encode(timeline.frame, timeline.frame_count, timeline.size, FPS, None, whole)
        reference = decoded_frames(whole.read_bytes(), tmp_path, timeline.size)
        assert min(psnr(a, b) for a, b in zip(frames, reference)) > 40
    # The office is each province's own, at the end.
    assert psnr(decoded_frames(first.file("video").data, tmp_path, (384, 216))[-1],
                decoded_frames(second.file("video").data, tmp_path, (384, 216))[-1]) < 30


def test_a_province_clip_is_the_same_bytes_whatever_the_worker_made_before(two_provinces):
    _, ha_noi = two_provinces
    shared.clear_caches()
    cold = render_clip(ha_noi)
    for req in two_provinces:
        warm = render_clip(req)
    assert warm.files == cold.files
    assert (cold.media["video_codec"], cold.media["profile"]) == ("h264", "High")
    assert cold.media["faststart"]


def test_a_stored_opening_serves_the_next_build_with_the_same_bytes(two_provinces,
                                                                    monkeypatch):
    quang_ninh, ha_noi = two_provinces
    folder = quang_ninh.opening_cache
    shared.clear_caches()
    cold = render_clip(quang_ninh)
    assert len(list(folder.glob("*.parts"))) == 1
    encoded = []
    real = shared.encode_part
    monkeypatch.setattr(shared, "encode_part", lambda frame, first, count, *a, **kw:
                        encoded.append(first) or real(frame, first, count, *a, **kw))
    shared.clear_caches()                       # a new build: nothing in memory
    assert render_clip(quang_ninh).files == cold.files
    render_clip(ha_noi)
    assert 0 not in encoded                     # the opening came from the folder


def test_a_damaged_or_foreign_stored_opening_is_not_used(two_provinces):
    quang_ninh, _ = two_provinces
    shared.clear_caches()
    cold = render_clip(quang_ninh)
    (stored,) = quang_ninh.opening_cache.glob("*.parts")
    stored.write_bytes(stored.read_bytes()[:-100])          # cut short
    shared.clear_caches()
    assert render_clip(quang_ninh).files == cold.files
    # Another look (a new accent colour) draws another opening: a name of its own.
    other = dataclasses.replace(quang_ninh, accent="#00a0e0")
    shared.clear_caches()
    render_clip(other)
    assert len(list(quang_ninh.opening_cache.glob("*.parts"))) == 2


def test_only_the_newest_stored_openings_are_kept(tmp_path, monkeypatch):
    from pipeline.stages.clip import stored

    monkeypatch.setattr(stored, "KEEP", 3)
    for n in range(5):
        stored.save(tmp_path, f"name{n}", [(b"part %d" % n, 2)])
        os.utime(tmp_path / f"name{n}.parts", ns=(n * 10**9, n * 10**9))
    assert sorted(p.name for p in tmp_path.glob("*.parts")) == [
        "name2.parts", "name3.parts", "name4.parts"]
    assert stored.load(tmp_path, "name4") == [(b"part 4", 2)]


def test_the_files_a_province_names_do_not_part_the_openings(two_provinces, tmp_path):
    """A province's own soundtrack is one of its inputs; the opening it shares is not."""
    quang_ninh, ha_noi = (dataclasses.replace(req, opening_cache=None) for req in two_provinces)
    quang_ninh = dataclasses.replace(quang_ninh, inputs=(*quang_ninh.inputs, tmp_path / "a.mp3"))
    ha_noi = dataclasses.replace(ha_noi, inputs=(*ha_noi.inputs, tmp_path / "b.mp3"))
    openings, made = shared.SharedOpenings(), []
    for req in (quang_ninh, ha_noi):
        openings.opening(req, (), EncodeSettings(), lambda office=req.office:
                         made.append(office) or [])
    assert made == [quang_ninh.office]
