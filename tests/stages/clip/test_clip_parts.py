"""A long still is encoded once and played again: the plan of parts, and the written MP4
decoded frame for frame against one encode of the whole clip."""
from __future__ import annotations

import pytest
from test_clip_shared import decoded_frames, psnr

from pipeline.build.plan import plan
from pipeline.media.ffmpeg import run_ffmpeg
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for, shared
from pipeline.stages.clip.encode import encode
from pipeline.stages.clip.parts import Part, plan_parts
from pipeline.stages.clip.render import build_timeline, render_clip


def test_a_long_still_is_one_unit_played_again_the_rest_with_the_part_before():
    shown = [None] * 5 + ["a"] * 60 + ["b"] * 10
    parts = plan_parts(shown, 0, len(shown), unit=25)
    # 60 still frames: 3 x 20 (a unit a fifth shorter than 25 leaves none over).
    assert parts == [Part(0, 5), Part(5, 20, 3), Part(65, 10)]
    # 139 = 6 x 23 + 1: one frame over instead of 14 with 25.
    assert plan_parts(["a"] * 139, 0, 139, unit=25) == [Part(0, 1), Part(1, 23, 6)]
    assert sum(p.count * p.repeats for p in parts) == len(shown)


def test_stills_under_two_units_and_transitions_stay_moving():
    assert plan_parts(["a"] * 49 + [None] * 30, 0, 79, unit=25) == [Part(0, 79)]
    assert plan_parts([None] * 80, 0, 80, unit=25) == [Part(0, 80)]


def test_a_still_is_cut_where_the_range_ends():
    shown = ["a"] * 100
    assert plan_parts(shown, 0, 40, unit=10) == [Part(0, 10, 4)]
    assert plan_parts(shown, 40, 100, unit=25) == [Part(40, 20, 3)]
    assert plan_parts(shown, 40, 99, unit=25) == [Part(40, 9), Part(49, 25, 2)]


MESSAGE = """\
captions: sidecar
scenes:
  - {type: message, duration: 3.2, text: "Đóng góp hôm nay, an tâm tương lai"}
  - {type: message, duration: 1.2, transition: fade, transition_s: 0.4, text: "Bảo hiểm xã hội"}
"""


def keyframes(path) -> int:
    """How many frames of the MP4 decode on their own (keyframes)."""
    raw = run_ffmpeg(["-skip_frame", "nokey", "-i", str(path), "-vf", "scale=8:8",
                      "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"])
    return len(raw) // 64


def test_the_still_is_encoded_once_and_every_frame_decodes_in_place(data_project, write_clip,
                                                                    monkeypatch, tmp_path):
    write_clip("still", MESSAGE, sizes="[clip-384x216]")
    req = request_for(plan(load_specs(data_project.specs))[0])
    encoded = []
    real = shared.encode_part
    monkeypatch.setattr(shared, "encode_part", lambda frame, first, count, *a, **kw:
                        encoded.append(count) or real(frame, first, count, *a, **kw))
    result = render_clip(req)
    assert not list(req.opening_cache.glob("*.parts"))   # a national clip stores no opening
    timeline, _, _ = build_timeline(req)
    assert timeline.frame_count == 110
    # The first message rises, then holds: its still is a unit of 20 to 25 frames played
    # twice or more, so fewer frames are encoded than the clip shows.
    assert any(20 <= n <= 25 for n in encoded) and sum(encoded) <= timeline.frame_count - 20
    data = result.file("video").data
    frames = decoded_frames(data, tmp_path, timeline.size)
    assert len(frames) == 110
    assert result.media["duration_s"] == pytest.approx(4.4, abs=0.03)
    whole = tmp_path / "whole.mp4"
    encode(timeline.frame, timeline.frame_count, timeline.size, 25, None, whole)
    reference = decoded_frames(whole.read_bytes(), tmp_path, timeline.size)
    # Against the frames drawn: every frame in its place, as good as one whole encode.
    drawn = [timeline.frame(i).copy() for i in range(110)]
    ours = [psnr(a, b) for a, b in zip(frames, drawn)]
    theirs = [psnr(a, b) for a, b in zip(reference, drawn)]
    assert min(ours) > 30 and min(ours) >= min(theirs) - 1.0
    assert sum(ours) / 110 >= sum(theirs) / 110 - 1.0
    # Each played unit starts on a keyframe: a player can seek into the still.
    (tmp_path / "clip.mp4").write_bytes(data)
    assert keyframes(tmp_path / "clip.mp4") >= 3
    assert keyframes(whole) == 1
