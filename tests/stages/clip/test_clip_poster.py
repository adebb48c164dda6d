"""The poster: a frame where a scene is fully shown: its reveal done, no transition, a
burned caption in the middle of its cue (not half a caption, not half a message)."""
from __future__ import annotations

import io

import numpy as np
from PIL import Image

from pipeline.build.plan import plan
from pipeline.build.run import build
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for
from pipeline.stages.clip.poster import poster_frame
from pipeline.stages.clip.render import build_timeline

CLIP = """\
captions: burn
scenes:
  - {type: title, duration: 1.0}
  - type: message
    duration: 3.0
    transition: fade
    text: "Đóng góp hôm nay, an tâm tương lai"
    caption: "Tham gia bảo hiểm xã hội là dành dụm cho tuổi già lương hưu và thẻ BHYT."
  - {type: endcard, duration: 1.0, transition: wipe}
"""


def test_the_poster_shows_the_whole_message_under_a_whole_caption(data_project, write_clip):
    write_clip("p", CLIP)
    specs = load_specs(data_project.specs)
    report = build(specs, plan(specs), data_project.out)
    assert report.failed == []
    timeline, cues, _ = build_timeline(request_for(plan(specs)[0]))
    i = poster_frame(timeline)
    slot = timeline.slots[1]
    scene = slot.scene
    assert slot.start_frame + slot.transition_frames <= i < slot.start_frame + slot.frames
    # Every word revealed: the draws are those of the scene's last frame.
    last = scene.draws((slot.frames - 1) / timeline.fps - scene.lead_s)
    assert scene.draws((i - slot.start_frame) / timeline.fps - scene.lead_s) == last
    # Inside a burned cue, not on its first or last frame.
    burned = [c for c in cues if c.burn and c.start_frame <= i < c.end_frame]
    assert len(burned) == 1 and len([c for c in cues if c.burn]) >= 2
    cue = burned[0]
    assert cue.start_frame < i < cue.end_frame - 1
    # The shipped poster is that frame, pixel for pixel.
    png = (data_project.out / "clips/toan-quoc/p_clip-320x568_vi.poster.png").read_bytes()
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png)).convert("RGB")),
                          timeline.frame(i))


def test_a_poster_time_in_the_spec_wins(data_project, write_clip):
    write_clip("p", CLIP + "poster_s: 0.5\n")
    timeline, _, _ = build_timeline(request_for(plan(load_specs(data_project.specs))[0]))
    assert poster_frame(timeline, 0.5) == timeline.index_at(0.5)
