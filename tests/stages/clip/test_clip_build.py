"""Clips built through the spine and decoded with the bundled ffmpeg: the container, the
streams, the sound, the captions and the pixels, as the spec asks."""
from __future__ import annotations

import re

import numpy as np
import pyloudnorm
import pytest

from pipeline.build.plan import Selection, plan
from pipeline.build.run import build
from pipeline.media.ffmpeg import decode_audio, encode_mp3
from pipeline.media.video import frame_at, is_faststart, probe_video
from pipeline.spec.load import load_specs
from pipeline.stages import StageError
from pipeline.stages.clip import STAGE, request_for
from pipeline.stages.clip.render import build_timeline
from pipeline.store.manifest import Manifest

FPS = 25
SPOT = """\
soundtrack: {music: generated}
captions: burn
scenes:
  - {type: title, duration: 0.6}
  - type: stat
    duration: 1.2
    transition: fade
    data: assets/data/social-insurance-participants.csv
    column: participants
    year: 2023
    label: người tham gia BHXH
    count_s: 0.6
  - {type: message, duration: 0.8, transition: slide, text: "Đóng góp hôm nay",
     caption: "An tâm tương lai"}
  - {type: endcard, duration: 0.6, transition: fade}
"""
SCENE_STARTS_S = (0.0, 0.6, 1.8, 2.6)
DURATION_S = 3.2


def srt_cues(text: str) -> list[tuple[float, float, str]]:
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        start, end = (sum(float(x) * m for x, m in zip(re.split("[:,]", stamp),
                                                          (3600, 60, 1, 0.001)))
                      for stamp in lines[1].split(" --> "))
        cues.append((round(start, 3), round(end, 3), " ".join(lines[2:])))
    return cues


@pytest.fixture
def spot_clip(data_project, write_clip):
    write_clip("spot", SPOT, localize="[quang-ninh]")
    specs = load_specs(data_project.specs)
    report = build(specs, plan(specs), data_project.out)
    assert report.failed == [] and len(report.built) == 1
    return data_project, specs


def test_the_mp4_is_h264_high_yuv420p_faststart_with_aac_at_the_loudness_target(spot_clip):
    project, _ = spot_clip
    entries = {e.role: e for e in Manifest.load(project.out)}
    assert sorted(entries) == ["captions-srt", "captions-vtt", "poster", "video"]
    path = project.out / entries["video"].path
    assert entries["video"].path == "clips/quang-ninh/spot_clip-320x568_vi.mp4"
    info = probe_video(path)
    video, audio = info["video"], info["audio"]
    assert abs(info["duration_s"] - DURATION_S) <= 1 / FPS
    assert (video["codec"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert (video["width"], video["height"], video["fps"]) == (320, 568, FPS)
    assert is_faststart(path.read_bytes())
    assert audio["codec"] == "aac"
    samples = decode_audio(path, 48000, channels=2)
    loudness = pyloudnorm.Meter(48000).integrated_loudness(samples.astype(np.float64))
    assert loudness == pytest.approx(-14.0, abs=1.0)
    assert np.max(np.abs(samples)) < 10 ** (-1 / 20)          # never clipping: under -1 dBFS
    media = entries["video"].media
    assert media["frame_count"] == 80 and media["fps"] == FPS
    assert media["loudness_lufs"] == pytest.approx(-14.0, abs=1.0)
    assert media["true_peak_dbtp"] <= -1.0
    assert media["captions"]["contrast_ratio"] >= 7.0
    assert media["captions"]["cap_height_mm"] >= media["captions"]["legibility_min_cap_mm"]


def test_caption_cues_follow_the_scenes(spot_clip):
    project, _ = spot_clip
    srt = (project.out / "clips/quang-ninh/spot_clip-320x568_vi.srt").read_text("utf-8")
    cues = srt_cues(srt)
    starts = {start for start, _, _ in cues}
    assert set(SCENE_STARTS_S) <= starts
    assert cues[-1][1] == DURATION_S
    assert all(a[1] == b[0] for a, b in zip(cues, cues[1:]))            # back to back
    texts = " ".join(text for _, _, text in cues)
    assert "18,26 triệu (2023)" in texts and "An tâm tương lai" in texts
    assert "Bảo hiểm xã hội tỉnh Quảng Ninh" in texts and "0203 000 0001" in texts
    vtt = (project.out / "clips/quang-ninh/spot_clip-320x568_vi.vtt").read_text("utf-8")
    assert vtt.startswith("WEBVTT\n") and "00:00:01.800 --> 00:00:02.600" in vtt


def test_decoded_frames_show_the_scene_colours_and_ink_where_the_layout_puts_it(spot_clip):
    project, specs = spot_clip
    path = project.out / "clips/quang-ninh/spot_clip-320x568_vi.mp4"
    timeline, _, look = build_timeline(request_for(plan(specs)[0]))
    stat = timeline.slots[1].scene
    last = timeline.slots[1].start_frame + timeline.slots[1].frames - 1
    decoded = frame_at(path, last / FPS, (320, 568)).astype(np.int16)
    ours = timeline.frame(last).astype(np.int16)
    # Flat background: the brand red, through yuv420p and back, within a few levels.
    assert np.abs(decoded[200:220, 4:20] - [0xC8, 0x10, 0x2E]).max() <= 8
    # The counter's final figure: where the scene put its patch, the decoded frame has
    # the same ink (white strokes), and the counter is no longer background.
    x0, y0, x1, y1 = stat.blocks["number"].lines[0].patch.rect
    assert np.abs(decoded[y0:y1, x0:x1] - ours[y0:y1, x0:x1]).mean() < 8
    assert (decoded[y0:y1, x0:x1].min(axis=2) > 200).sum() > 0.1 * (x1 - x0) * (y1 - y0)
    # Ink only inside the safe box: outside it the decoded frame is background.
    left, top, right, bottom = look.safe
    outside = np.ones(decoded.shape[:2], bool)
    outside[top:bottom, left:right] = False
    outside[:4] = False                                  # the accent rule along the top
    assert np.abs(decoded[outside] - [0xC8, 0x10, 0x2E]).max() <= 12


def test_the_same_spec_gives_the_same_bytes_and_silence_has_no_audio_stream(
        data_project, write_clip, tmp_path):
    write_clip("quiet", "scenes:\n  - {type: title, duration: 0.8}\n"
                        "  - {type: endcard, duration: 0.8, transition: fade}\n")
    job = plan(load_specs(data_project.specs))[0]
    first, second = STAGE.render_job(job), STAGE.render_job(job)
    assert [f.data for f in first.files] == [f.data for f in second.files]
    video = next(f for f in first.files if f.role == "video")
    path = tmp_path / "quiet.mp4"
    path.write_bytes(video.data)
    info = probe_video(path)
    assert info["audio"] is None and first.media["audio_codec"] is None
    assert abs(info["duration_s"] - 1.6) <= 1 / FPS


def test_a_radio_spot_file_is_the_soundtrack_and_a_missing_one_fails_the_job(
        data_project, write_clip):
    t = np.arange(44100 * 3) / 44100
    tone = (0.3 * np.sin(2 * np.pi * 440 * t) * (1 + np.sin(2 * np.pi * 3 * t)) / 2)
    (data_project.root / "spots").mkdir()
    (data_project.root / "spots/quang-ninh_vi.mp3").write_bytes(encode_mp3(tone, 44100))
    write_clip("voiced", "soundtrack: {file: 'spots/{province}_{lang}.mp3'}\n"
                         "loudness_lufs: -16\nscenes:\n  - {type: endcard, duration: 1.2}\n",
               localize="[quang-ninh, ha-noi]")
    jobs = plan(load_specs(data_project.specs), Selection(provinces=("quang-ninh",)))
    rendered = STAGE.render_job(jobs[0])
    assert rendered.media["audio_codec"] == "aac"
    assert rendered.media["loudness_lufs"] == pytest.approx(-16.0, abs=1.0)
    assert rendered.media["true_peak_dbtp"] <= -1.0
    jobs = plan(load_specs(data_project.specs), Selection(provinces=("ha-noi",)))
    with pytest.raises(StageError, match=r"voiced: soundtrack file .*spots/ha-noi_vi.mp3 does "
                                         r"not exist \(a radio spot is made by the radio stage"):
        STAGE.render_job(jobs[0])


def test_the_manifest_records_every_text_block_and_caption_line_as_set(spot_clip):
    from pipeline.text.segment import Gap, gaps

    project, _ = spot_clip
    media = {e.role: e for e in Manifest.load(project.out)}["video"].media
    scenes = media["scenes"]
    assert scenes[2]["message_lines"] == ["Đóng góp", "hôm nay"]
    assert " ".join(scenes[0]["title_lines"]) and scenes[3]["theme_lines"]
    srt = (project.out / "clips/quang-ninh/spot_clip-320x568_vi.srt").read_text("utf-8")
    cue_lines = [line for block in srt.strip().split("\n\n") for line in block.splitlines()[2:]]
    assert media["caption_lines"] == cue_lines
    every = [lines for scene in scenes for key, lines in scene.items() if key.endswith("_lines")]
    for lines in every + [cue_lines]:
        for upper, lower in zip(lines, lines[1:]):
            before, after = upper.split(), lower.split()
            assert gaps(tuple(before + after))[len(before) - 1] != Gap.INSIDE, (upper, lower)
