"""Clip specs: problems reported at the line that causes them, shipped specs valid."""
from __future__ import annotations

import pytest

from pipeline.build.plan import plan
from pipeline.errors import SpecErrors
from pipeline.spec.load import load_specs

STAT = ("  - type: stat\n    duration: 2\n"
        "    data: assets/data/social-insurance-participants.csv\n"
        "    label: người tham gia BHXH\n")


def problems(project) -> list[str]:
    with pytest.raises(SpecErrors) as info:
        load_specs(project.specs)
    return [str(p) for p in info.value.problems]


def test_an_unknown_scene_type_names_the_close_match(data_project, write_clip):
    write_clip("c", "scenes:\n  - {type: titel, duration: 2}\n")
    assert problems(data_project) == [
        "specs/clips/c.yaml:8:12: scenes[0].type: unknown scene type 'titel'; did you mean "
        "'title'? (scene types: title, stat, message, lower-third, endcard, chart, icons, "
        "image)"]


def test_a_stat_on_a_missing_column_lists_the_columns(data_project, write_clip):
    write_clip("c", "scenes:\n" + STAT + "    column: participant\n")
    assert problems(data_project) == [
        "specs/clips/c.yaml:12:13: scenes[0].column: no column 'participant' in "
        "assets/data/social-insurance-participants.csv (columns: participants, voluntary); "
        "did you mean 'participants'?"]


def test_a_stat_on_a_missing_year_gives_the_years_there_are(data_project, write_clip):
    write_clip("c", "scenes:\n" + STAT + "    column: participants\n"
                                 "    year: 2024\n")
    assert problems(data_project) == [
        "specs/clips/c.yaml:13:11: scenes[0].year: 2024 is not in "
        "assets/data/social-insurance-participants.csv (years 2019-2023)"]


def test_keys_of_another_scene_type_and_bad_values_are_all_reported(data_project, write_clip):
    write_clip("c", "soundtrack: {music: generated, file: a.mp3}\n"
                                 "scenes:\n"
                                 "  - {type: title, duration: 2, reveal: word}\n"
                                 "  - {type: message, duration: 1, transition: spin, text: Xin}\n"
                                 "  - {type: endcard, duration: 1, transition_s: 1.5}\n"
                                 "  - {type: endcard, duration: 2, count_s: 1}\n")
    assert problems(data_project) == EXPECTED


EXPECTED = [
    "specs/clips/c.yaml:7:13: soundtrack: give one of music (a generated bed) or file "
    "(e.g. a radio spot)",
    "specs/clips/c.yaml:9:32: scenes[0].reveal: not used by a title scene (only by: message)",
    "specs/clips/c.yaml:10:46: scenes[1].transition: 'spin' is not one of: cut, fade, slide, "
    "push, wipe, zoom",
    "specs/clips/c.yaml:11:48: scenes[2].transition_s: 1.5 s is not shorter than the scene "
    "(1 s)",
    "specs/clips/c.yaml:12:34: scenes[3].count_s: not used by an endcard scene (only by: "
    "stat)"]


def test_a_message_missing_a_listed_language(data_project, write_clip):
    write_clip("c", "scenes:\n  - {type: message, duration: 2, text: {vi: Xin}}\n",
              languages="[vi, en]")
    assert problems(data_project) == [
        "specs/clips/c.yaml:8:40: scenes[0].text: no 'en' text, but languages lists en"]


def test_the_shipped_clips(shipped_specs):
    specs = load_specs(shipped_specs)
    clips = {p.id: p for p in specs.products}
    message = clips["contribute-today-15s"]
    assert (message.body.duration_s, message.body.fps) == (15, 30)
    assert "clip-1080x1920" in message.sizes and message.body.soundtrack.music == "generated"
    stats = clips["coverage-stats-20s"]
    assert (stats.body.duration_s, stats.sizes) == (20, ("clip-1920x1080",))
    figures = [s.figure for s in stats.body.scenes if s.type == "stat"]
    assert [(f.column, f.year, f.value) for f in figures] == [
        ("participants", 2023, 18_260_000), ("labour_force_percent", 2023, 39.25),
        ("population_percent", 2023, 93.35)]
    endcard = clips["office-endcard-10s"]
    assert endcard.body.duration_s == 10 and endcard.localize.mode == "provinces"
    assert len([j for j in plan(specs) if j.product.id == "office-endcard-10s"]) == 63
    sketch = clips["savings-for-old-age-tv-60s"]
    assert sketch.sizes == ("clip-1920x1080",) and sketch.body.voice.id == \
        "savings-for-old-age-60s"
    kinds = [s.type for s in sketch.body.scenes]
    assert {"chart", "icons", "endcard"} <= set(kinds)
    chart = next(s.chart for s in sketch.body.scenes if s.type == "chart")
    assert chart.columns == ("one_time", "pension_total") and chart.format == "money"
    explainer = clips["voluntary-savings-explainer-30s"]
    assert explainer.sizes == ("clip-1080x1920",) and explainer.body.voice is not None
    assert any(s.type == "chart" for s in explainer.body.scenes)
