"""The icons scene (vector pictograms recoloured to the brand, entering in sequence), the
image scene (a slow push-in and pan under a band of text), the moving transitions, and
their spec problems at the scene's line."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.build.plan import plan
from pipeline.errors import SpecErrors
from pipeline.media.legibility import rgb
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for
from pipeline.stages.clip.icons import coloured, coverage
from pipeline.stages.clip.render import build_timeline
from pipeline.stages.clip.transitions import push, slide, wipe, zoom

ROOT = Path(__file__).resolve().parents[3]
ICONS = """\
captions: sidecar
scenes:
  - type: icons
    duration: 2.5
    text: "Cả nhà an tâm"
    icons:
      - {icon: family, label: "Gia đình"}
      - {icon: pension-book, label: "Lương hưu"}
      - {icon: health-card, label: "Thẻ BHYT"}
  - type: image
    duration: 2.0
    transition: wipe
    image: assets/images/gia-dinh.jpg
    zoom: 1.2
    text: "An tâm tương lai"
"""


@pytest.fixture
def media_project(data_project):
    shutil.copytree(ROOT / "assets/icons", data_project.root / "assets/icons")
    shutil.copytree(ROOT / "assets/images", data_project.root / "assets/images")
    return data_project


def timeline_of(project, write_clip, body, sizes="[clip-320x568]"):
    write_clip("c", body, sizes=sizes)
    return build_timeline(request_for(plan(load_specs(project.specs))[0]))


def test_icons_enter_one_after_another_in_the_brand_colour(media_project, write_clip):
    timeline, _, look = timeline_of(media_project, write_clip, ICONS)
    scene = timeline.slots[0].scene
    accent = np.array(rgb(look.accent))

    def icons_shown(j):
        frame = timeline.frame(j).astype(int)
        count = 0
        for icon, _ in scene.items:
            region = frame[icon.y:icon.y + icon.h, icon.x:icon.x + icon.w]
            count += int((np.abs(region - accent).max(axis=2) < 30).mean() > 0.1)
        return count

    seen = [icons_shown(j) for j in range(0, timeline.slots[0].frames, 4)]
    assert seen == sorted(seen) and seen[0] < 3 and seen[-1] == 3
    assert len(set(seen)) >= 3                       # in sequence, not all at once
    # At rest, each icon is its SVG's shapes laid in the accent on the ground.
    last = timeline.frame(timeline.slots[0].frames - 1)
    icon, _ = scene.items[0]
    expected = coloured(ROOT / "assets/icons/family.svg", icon.w, look.accent,
                        look.background)
    assert np.array_equal(last[icon.y:icon.y + icon.h, icon.x:icon.x + icon.w], expected)
    # Recoloured, not re-drawn: another ink gives the same shapes.
    other = coloured(ROOT / "assets/icons/family.svg", icon.w, "#0000FF", "#FFFFFF")
    ink = coverage(str(ROOT / "assets/icons/family.svg"), icon.w) > 128
    assert ink.mean() > 0.15
    assert (other[ink][:, 2] > 200).all() and (other[~ink & (coverage(
        str(ROOT / "assets/icons/family.svg"), icon.w) == 0)] == 255).all()


def test_the_picture_pushes_in_and_pans_under_its_band(media_project, write_clip):
    timeline, _, look = timeline_of(media_project, write_clip, ICONS)
    slot = timeline.slots[1]
    scene = slot.scene
    windows = [scene.window(t) for t in (0.0, 1.0, 1.99)]
    widths = [w[2] - w[0] for w in windows]
    assert widths[0] > widths[1] > widths[2]                 # zooming in
    assert windows[0][0] < windows[2][0]                     # drifting to the right
    assert widths[0] == pytest.approx(scene.picture.size[0], abs=1)
    a = timeline.frame(slot.start_frame + slot.transition_frames + 1).copy()
    b = timeline.frame(slot.start_frame + slot.frames - 1)
    assert not np.array_equal(a, b)
    band = scene.blocks["band"].lines[0].patch
    x0, y0, x1, y1 = band.rect
    assert np.array_equal(b[y0:y1, x0:x1], band.pixels)
    assert y1 <= look.area[3]                                 # the band's text is safe


def test_moving_transitions_carry_the_layout():
    prev = np.zeros((4, 10, 3), np.uint8)
    cur = np.full((4, 10, 3), 200, np.uint8)
    cur[:, 0] = 100                                           # the new scene's left edge
    out = np.empty_like(prev)
    push(prev, cur, 0.3, out)
    assert (out[:, :7] == 0).all() and (out[:, 7] == 100).all()
    slide(prev, cur, 0.3, out)
    assert (out[:, :7] == 0).all() and (out[:, 7] == 100).all() and (out[:, 8:] == 200).all()
    wipe(prev, cur, 0.3, out)
    assert (out[:, 0] == 100).all() and (out[:, 1:3] == 200).all() and (out[:, 3:] == 0).all()
    big = np.zeros((100, 100, 3), np.uint8)
    new = np.full((100, 100, 3), 200, np.uint8)
    out = np.empty_like(big)
    zoom(big, new, 0.5, out)
    drawn = (out[..., 0] == 200)
    rows, cols = np.nonzero(drawn)
    assert (rows.min(), cols.min(), rows.max(), cols.max()) == (10, 10, 89, 89)   # 80 %
    zoom(big, new, 1.0, out)
    assert (out == 200).all()


@pytest.mark.parametrize("scene, message", [
    ("{type: icons, duration: 2, icons: [{icon: famly, label: A}, {icon: phone, label: B}]}",
     "scenes[0].icons[0].icon: no icon 'famly' in assets/icons (icons: calendar, coins, "
     "family, health-card, hospital, pension-book, phone); did you mean 'family'?"),
    ("{type: icons, duration: 2, icons: [{icon: phone, label: A}]}",
     "scenes[0].icons: expected a list of two to 4 {icon, label}"),
    ("{type: image, duration: 2, image: assets/icons/LICENSE.md}",
     "scenes[0].image: 'assets/icons/LICENSE.md' is not a JPEG or PNG picture"),
    ("{type: image, duration: 2, image: assets/images/gia-dinh.jpg, zoom: 3}",
     "scenes[0].zoom:"),
])
def test_icon_and_image_problems_name_the_scene_key(media_project, write_clip, scene,
                                                     message):
    write_clip("bad", f"scenes:\n  - {scene}\n")
    with pytest.raises(SpecErrors) as caught:
        load_specs(media_project.specs)
    assert message in str(caught.value)
