"""The chart scene: built through the spine, decoded with the bundled ffmpeg (bars grow to
their value's share of the axis, the 9:16 frame's lower half is drawn), the line, the
figures and the ring animated on our own frames, the spec's problems at their lines, and
one chart model behind both the infographic and the clip."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.build.plan import plan
from pipeline.build.run import build
from pipeline.media import chart_model
from pipeline.media.legibility import rgb
from pipeline.media.video import frame_at
from pipeline.spec.load import load_specs
from pipeline.stages.clip import request_for
from pipeline.stages.clip.render import build_timeline

BARS = """\
captions: sidecar
scenes:
  - type: chart
    duration: 2.0
    chart: bars
    data: assets/data/social-insurance-participants.csv
    column: participants
    label: người tham gia BHXH
  - {type: endcard, duration: 0.8, transition: push}
"""
W, H = 320, 568


def accent_rows(frame: np.ndarray, x: int, top: int, bottom: int, accent) -> int:
    """Rows of column x between top and bottom that show the accent colour."""
    column = frame[top:bottom, x].astype(int)
    return int((np.abs(column - np.array(accent)).max(axis=1) < 40).sum())


@pytest.fixture
def bars_clip(data_project, write_clip):
    write_clip("bars", BARS)
    specs = load_specs(data_project.specs)
    report = build(specs, plan(specs), data_project.out)
    assert report.failed == [], report.failed
    job = plan(specs)[0]
    timeline, _, look = build_timeline(request_for(job))
    video = data_project.out / "clips/toan-quoc/bars_clip-320x568_vi.mp4"
    return timeline, look, video


def test_a_bar_grows_and_ends_at_its_share_of_the_axis_in_the_decoded_video(bars_clip):
    timeline, look, video = bars_clip
    scene = timeline.slots[0].scene
    left, top, right, base_y = scene.plot
    patch, full = scene.bars[scene.shown_values.highlight]
    x = patch.x + patch.w // 2
    accent = rgb(look.accent)
    heights = [accent_rows(frame_at(video, t, (W, H)), x, top, base_y, accent)
               for t in (0.4, 0.8, 1.9)]
    assert heights[0] < heights[1] < heights[2], heights
    # 18.26 million on an axis to 1.2 x the tallest bar: 1/1.2 of the plot's height.
    values = scene.shown_values.values
    model = chart_model.bars(scene.shown_values.names, values, 4)
    expected = values[4] / model.ylim[1] * (base_y - top)
    assert heights[2] == pytest.approx(expected, abs=2.5)
    # The shorter bars too, each at its own value.
    final = frame_at(video, 1.9, (W, H))
    soft = scene.soft
    for i, value in enumerate(values[:4]):
        p, _ = scene.bars[i]
        column = final[top:base_y, p.x + p.w // 2].astype(int)
        rows = int((np.abs(column - np.array(soft)).max(axis=1) < 30).sum())
        assert rows == pytest.approx(value / model.ylim[1] * (base_y - top), abs=2.5)


def test_the_lower_half_of_the_vertical_frame_is_drawn_during_the_chart(bars_clip):
    timeline, look, video = bars_clip
    ground = np.array(rgb(look.background))
    frame = frame_at(video, 1.9, (W, H)).astype(int)
    lower = frame[H // 2:round(0.65 * H)]
    drawn = (np.abs(lower - ground).max(axis=2) > 40).mean()
    assert drawn > 0.12, drawn
    # ... and nothing but the ground under the platforms' bottom 35 %.
    assert (np.abs(frame[round(0.66 * H):] - ground).max(axis=2) > 40).mean() < 0.01
    # The labels count up in the Vietnamese format and end on the figures.
    scene = timeline.slots[0].scene
    assert scene.blocks["number"].lines[0].text == "18,26"
    for i in range(timeline.slots[0].frames):
        timeline.frame(i)
    texts = [line.text for key, line in scene._lines.items() if key[0] == "bar" and key[1] == 4]
    assert "18,26" in texts and any(t != "18,26" and "," in t for t in texts)


def draw_chart(write_clip, data_project, body: str, sizes="[clip-320x568]"):
    write_clip("c", "captions: sidecar\nscenes:\n" + body, sizes=sizes)
    job = plan(load_specs(data_project.specs))[0]
    return build_timeline(request_for(job))


LINE = """\
  - type: chart
    duration: 2.0
    chart: line
    data: assets/data/social-insurance-coverage.csv
    column: labour_force_percent
"""


def test_the_line_draws_itself_left_to_right_and_its_points_appear(write_clip, data_project):
    timeline, _, look = draw_chart(write_clip, data_project, LINE)
    scene = timeline.slots[0].scene
    left, top, right, base_y = scene.plot
    ground = np.array(rgb(look.background))

    def rightmost(frame):
        region = np.abs(frame[top - 20:base_y - 2, left:right].astype(int) - ground).max(axis=2)
        columns = np.nonzero((region > 60).any(axis=0))[0]
        return int(columns.max()) if columns.size else -1

    reach = [rightmost(timeline.frame(i)) for i in (2, 6, 12, 49)]
    assert reach[0] < reach[1] < reach[2] <= reach[3], reach
    dots = [sum(1 for d in scene.draws(t) if any(d.patch is dot for dot, _, _ in scene.dots))
            for t in (0.0, 0.5, scene.grow_s)]
    assert dots[0] <= 1 and dots[0] < dots[2] == 4


def test_figures_fill_one_by_one_and_the_ring_sweeps_to_its_share(write_clip, data_project):
    body = LINE.replace("line", "pictogram") + """\
  - type: chart
    duration: 2.0
    chart: donut
    data: assets/data/health-insurance-coverage.csv
    column: population_percent
    year: 2023
""".replace("    year: 2023\n", "")
    timeline, _, look = draw_chart(write_clip, data_project, body)
    figures = timeline.slots[0].scene
    filled = [figures.figures_filled(t) for t in np.linspace(0, figures.grow_s, 9)]
    assert filled == sorted(filled) and filled[0] == 0 and filled[-1] == 4   # 39,25 % of 10
    ring = timeline.slots[1].scene
    accent = np.array(rgb(look.accent))
    x0, y0, x1, y1 = ring.plot
    start = timeline.slots[1].start_frame

    core = ring._ring[..., 0] >= 0.999          # the ring's pixels, not its soft edges

    def lit(j):
        region = timeline.frame(start + j)[y0:y1, x0:x1].astype(int)
        return int(((np.abs(region - accent).max(axis=2) < 40) & core).sum())

    counts = [lit(j) for j in (3, 15, 49)]
    assert counts[0] < counts[1] < counts[2]
    assert counts[2] / core.sum() == pytest.approx(0.9335, abs=0.02)


def test_the_landscape_chart_stands_right_of_its_words(write_clip, data_project):
    timeline, _, look = draw_chart(write_clip, data_project, BARS.split("scenes:\n")[1]
                                   .split("  - {type: endcard")[0], sizes="[clip-384x216]")
    scene = timeline.slots[0].scene
    assert scene.panels.shape == "landscape"
    assert scene.plot[0] > scene.blocks["label"].rect[2]


@pytest.mark.parametrize("keys, message", [
    ("chart: bars\n    column: nobody", "scenes[0].column: no column 'nobody' in "
                                         "assets/data/social-insurance-participants.csv"),
    ("chart: donut\n    column: participants", "scenes[0].column: a donut shows a share"),
    ("chart: bars\n    column: participants\n    columns: [participants, voluntary]",
     "scenes[0].columns: give column (one series over the years) or columns"),
    ("chart: bars\n    column: participants\n    highlight: 2031",
     "scenes[0].highlight: 2031 is not in"),
    ("chart: pie\n    column: participants", "scenes[0].chart: 'pie' is not one of"),
])
def test_chart_problems_name_the_scene_key(write_clip, data_project, keys, message):
    from pipeline.errors import SpecErrors

    write_clip("bad", "scenes:\n  - type: chart\n    duration: 2\n"
                      "    data: assets/data/social-insurance-participants.csv\n    "
               + keys + "\n")
    with pytest.raises(SpecErrors) as caught:
        load_specs(data_project.specs)
    assert message in str(caught.value)


def test_the_shipped_pension_chart_data_is_the_infographics_arithmetic():
    """assets/data/pension-vs-one-time.csv holds what the pension-vs-one-time infographic
    computes from its own assumptions: the clip's chart and the infographic agree."""
    import yaml

    from pipeline.catalog.datasets import read_table
    from pipeline.stages.infographic.compare import CompareInputs, compare

    root = Path(__file__).resolve().parents[3]
    inputs = yaml.safe_load((root / "specs/infographics/pension-vs-one-time.yaml")
                            .read_text("utf-8"))["compare"]
    result = compare(CompareInputs(inputs["contribution_years"], inputs["average_salary"],
                                   inputs["retirement_age"], inputs["pension_years"],
                                   inputs["sex"]))
    table = read_table(root / "assets/data/pension-vs-one-time.csv", "t.csv")
    assert table.value("one_time", 2024) == result.one_time_vnd
    assert table.value("pension_total", 2024) == result.pension_total_vnd
    assert table.value("health_insurance_total", 2024) == result.health_insurance_total_vnd
