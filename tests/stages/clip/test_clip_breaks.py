"""Clip text through the shared typesetter: captions and reveals keep words whole."""
from __future__ import annotations

import pytest

from pipeline.build.plan import Selection, plan
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for
from pipeline.stages.clip.captions import MAX_CHARS, caption_chunks
from pipeline.stages.clip.render import build_timeline
from pipeline.text.segment import Gap, gaps
from pipeline.text.typeset import units

MESSAGE = "Tham gia bảo hiểm xã hội - Đóng góp hôm nay, an tâm tương lai"
SPEC = f"""\
captions: burn
scenes:
  - {{type: message, duration: 1.6, text: "{MESSAGE}", caption: "{MESSAGE}"}}
"""


def boundaries_inside_words(lines) -> list[str]:
    bad = []
    for upper, lower in zip(lines, lines[1:]):
        before, after = upper.split(), lower.split()
        if gaps(tuple(before + after))[len(before) - 1] == Gap.INSIDE:
            bad.append(f"{before[-1]} / {after[0]}")
    return bad


@pytest.fixture
def timeline(data_project, write_clip):
    write_clip("m", SPEC)
    jobs = plan(load_specs(data_project.specs), Selection())
    return build_timeline(request_for(jobs[0]))


def test_message_lines_and_caption_cues_keep_words_whole(timeline):
    tl, cues, _ = timeline
    lines = [line.text for line in tl.slots[0].scene.blocks["message"].lines]
    assert " ".join(lines) == MESSAGE and boundaries_inside_words(lines) == []
    cue_lines = [line for cue in cues for line in cue.lines]
    assert " ".join(cue_lines) == MESSAGE
    # the 9:16 example was "hôm nay, an / tâm tương lai"
    assert boundaries_inside_words(cue_lines) == []
    assert all(len(line) <= MAX_CHARS for line in cue_lines)


def test_the_reveal_stops_once_per_word_not_per_syllable(timeline):
    tl, _, _ = timeline
    scene = tl.slots[0].scene
    lines = scene.blocks["message"].lines
    assert len(scene.stops) == sum(len(units(line.text).texts) for line in lines)
    assert len(scene.stops) < len(MESSAGE.split())


@pytest.mark.parametrize("text", [
    "Đóng góp hôm nay, an tâm tương lai cho người lao động và gia đình",
    "BHXH, BHYT toàn dân - trách nhiệm của cấp ủy, chính quyền và toàn xã hội",
])
def test_caption_chunks_break_between_words(timeline, text):
    _, _, look = timeline
    chunks = caption_chunks(text, look)
    flat = [line for chunk in chunks for line in chunk]
    assert " ".join(flat) == text and boundaries_inside_words(flat) == []
