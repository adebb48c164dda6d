"""Scenes as pure functions of time, checked on our own frames (no encoding): the count-up,
the reveal, the endcard's office, the safe zones of the shipped 9:16 clip."""
from __future__ import annotations

import numpy as np
import pytest

from pipeline.build.plan import Selection, plan
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for
from pipeline.stages.clip.easing import EASINGS
from pipeline.stages.clip.render import build_timeline
from pipeline.stages.clip.scenes import backdrop
from pipeline.stages.clip.typeset import paint_line

STAT = """\
scenes:
  - type: stat
    duration: 1.2
    data: assets/data/social-insurance-participants.csv
    column: participants
    year: 2023
    label: người tham gia BHXH
  - {type: message, duration: 1.6, transition: fade, text: "Đóng góp hôm nay, an tâm tương lai"}
  - {type: endcard, duration: 0.8, transition: slide}
"""


@pytest.fixture
def timeline(data_project, write_clip):
    write_clip("t", STAT, localize="[quang-ninh, ha-noi]")
    jobs = plan(load_specs(data_project.specs), Selection(provinces=("quang-ninh",)))
    return build_timeline(request_for(jobs[0]))


def test_the_count_up_ends_on_the_figure_written_the_vietnamese_way(timeline):
    tl, _, look = timeline
    scene = tl.slots[0].scene
    assert (scene.final_text, scene.counted.suffix) == ("18,26", " triệu")
    last = tl.slots[0].frames - 1
    frame = tl.frame(last)
    line = scene.blocks["number"].lines[0]
    # The frame holds, pixel for pixel, "18,26" and " triệu" painted where the layout says.
    expected = paint_line("18,26", look.display_font, line.em_px, line.x, line.baseline,
                          look.text, look.background).patch
    x0, y0, x1, y1 = expected.rect
    assert np.array_equal(frame[y0:y1, x0:x1], expected.pixels)
    suffix = scene.suffix_line
    assert suffix.text == " triệu" and suffix.x == round(line.x + line.width_px)
    sx0, sy0, sx1, sy1 = suffix.patch.rect
    assert np.array_equal(frame[sy0:sy1, sx0:sx1], suffix.patch.pixels)
    # It counted: zero first, then something between, growing.
    assert scene.counted.text(scene.value_at(0.0)) == "0,00"
    values = [scene.value_at(i / tl.fps) for i in range(tl.slots[0].frames)]
    assert values == sorted(values) and values[-1] == pytest.approx(18.26)
    assert 0 < values[len(values) // 3] < 18.26


def test_frames_are_pure_functions_of_time(timeline):
    tl, _, _ = timeline
    order = list(range(tl.frame_count))
    forward = [tl.frame(i).copy() for i in order]
    rng = np.random.default_rng(7)
    for i in rng.permutation(order)[:40]:
        assert np.array_equal(tl.frame(int(i)), forward[int(i)]), f"frame {i}"


def test_the_message_is_revealed_word_by_word(timeline):
    tl, _, look = timeline
    slot = tl.slots[1]
    base = backdrop(look)
    ink = [int((tl.frame(slot.start_frame + j) != base).any(axis=2).sum())
           for j in range(slot.transition_frames, slot.frames)]
    assert ink == sorted(ink) and len(set(ink)) >= 5          # more words, frame by frame
    lines = slot.scene.blocks["message"].lines
    final = tl.frame(slot.start_frame + slot.frames - 1)
    for line in lines:
        x0, y0, x1, y1 = line.patch.rect
        assert np.array_equal(final[y0:y1, x0:x1], line.patch.pixels)
    assert " ".join(line.text for line in lines) == "Đóng góp hôm nay, an tâm tương lai"


def test_the_endcard_names_the_province_office_and_its_phone(data_project, write_clip):
    write_clip("t", STAT, localize="[quang-ninh, ha-noi]")
    specs = load_specs(data_project.specs)
    texts = {}
    for job in plan(specs):
        tl, cues, _ = build_timeline(request_for(job))
        blocks = tl.slots[-1].scene.blocks
        texts[job.province.slug] = {role: " ".join(l.text for l in b.lines)
                                    for role, b in blocks.items()}
    assert texts["quang-ninh"]["office"] == "Bảo hiểm xã hội tỉnh Quảng Ninh"
    assert texts["quang-ninh"]["phone"] == "Điện thoại 0203 000 0001"
    assert texts["quang-ninh"]["hotline"] == "Đường dây nóng 1900 9068"
    assert texts["ha-noi"]["office"] == "Bảo hiểm xã hội thành phố Hà Nội"
    assert "phone" not in texts["ha-noi"]


ENDCARD = """\
captions: {captions}
scenes:
  - {{type: title, duration: 1, caption: "Chung tay vì an sinh"}}
  - {{type: endcard, duration: 1.2, transition: fade, transition_s: 0.4,
      caption: "Liên hệ bảo hiểm xã hội nơi bạn sống"}}
"""


@pytest.mark.parametrize("captions", ["sidecar", "burn"])
def test_the_opening_before_the_office_shows_is_the_same_in_every_province(
        data_project, write_clip, captions):
    write_clip("t", ENDCARD.format(captions=captions), localize="[quang-ninh, ha-noi]")
    timelines = [build_timeline(request_for(job))[0]
                 for job in plan(load_specs(data_project.specs))]
    prefixes = {tl.shared_prefix() for tl in timelines}
    # The title (25 frames) and the fade into the endcard (10), and the endcard's first
    # frame, before anything rises; burned, the endcard's caption shows from its start.
    assert prefixes == ({36} if captions == "sidecar" else {25})
    shared = prefixes.pop()
    first, second = timelines
    assert all(np.array_equal(first.frame(i).copy(), second.frame(i)) for i in range(shared))
    last = first.frame_count - 1
    assert not np.array_equal(first.frame(last).copy(), second.frame(last))


@pytest.mark.parametrize("name", sorted(EASINGS))
def test_easings_start_at_zero_and_land_on_one(name):
    ease = EASINGS[name]
    assert ease(0.0) == pytest.approx(0.0, abs=1e-9) and ease(1.0) == pytest.approx(1.0)


def test_the_shipped_vertical_clip_keeps_text_out_of_the_platform_overlays(shipped_specs):
    specs = load_specs(shipped_specs)
    job = plan(specs, Selection(products=("contribute-today-15s",),
                                sizes=("clip-1080x1920",)))[0]
    tl, cues, look = build_timeline(request_for(job))
    w, h = look.pixel_size
    left, top, right, bottom = look.safe
    assert (left, top, right, bottom) == (170, 269, 910, 1248)       # 14 % / 35 % / rail
    base = backdrop(look)
    band = np.array([int(look.band[i:i + 2], 16) for i in (1, 3, 5)], np.uint8)
    for slot in tl.slots:
        for role, block in slot.scene.blocks.items():
            x0, y0, x1, y1 = block.rect
            assert left <= x0 and x1 <= right and top <= y0 and y1 <= bottom, (slot.scene.kind,
                                                                              role)
        frame = tl.frame(slot.start_frame + slot.frames - 1)
        outside = np.ones((h, w), bool)
        outside[top:bottom, left:right] = False
        changed = (frame != base).any(axis=2) & outside
        # Outside the safe box only the lower-third's band may reach (to the frame edge):
        # its colour, no text.
        assert (frame[changed] == band).all(), slot.scene.kind
    assert any(c.burn for c in cues) and look.caption_zone[3] == bottom
