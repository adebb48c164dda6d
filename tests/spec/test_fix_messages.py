"""Errors that say the fix, all at once (issue 26): one `check` shows every problem of
every part that parsed, and each message says what would work."""
from __future__ import annotations

import colorsys

import pytest
from click.testing import CliRunner

from pipeline.catalog.datasets import DataError, read_source
from pipeline.cli.campaign import main
from pipeline.errors import SpecErrors
from pipeline.media.legibility import contrast_ratio, nearest_passing, rgb
from pipeline.spec.load import load_specs

LONG = ("Khám chữa bệnh bảo hiểm y tế đúng tuyến được hưởng đủ quyền lợi cho cả gia đình, "
        "an tâm mỗi ngày")


def check(project):
    return CliRunner(mix_stderr=False).invoke(main, ["check", str(project.specs)])


def banner(project, text: str, extra: str = "", quote: str = '"'):
    project.write("specs/banners/b.yaml",
                  f"kind: banner\nid: b\ntext: {{vi: {quote}{text}{quote}}}\nupper: true\n"
                  f"sizes: [flag-600x2000, poster-a3]\nlocalize: none\nlanguages: [vi]\n"
                  + extra)


def test_a_key_error_and_a_legibility_error_come_in_one_run(project, builtin_stages):
    banner(project, LONG, "colour: red\n")
    result = check(project)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == ("specs/banners/b.yaml:8:1: colour: unknown key (see docs/specs.md)")
    flag = next(line for line in lines if "flag-600x2000 (vi, toàn quốc)" in line)
    assert "headline does not fit flag-600x2000 at the legibility minimum" in flag
    assert "what would work: a headline of at most " in flag
    assert f"(this one has {len(LONG)};" in flag
    assert "this headline fits poster-a3" in flag and "`allow_small: true`" in flag
    assert lines[-1].startswith("2 problems in the specs; nothing was built.")


def test_the_longest_text_said_to_fit_does_fit(project, builtin_stages):
    banner(project, LONG)
    flag = next(line for line in check(project).stderr.splitlines() if "at most" in line)
    limit = int(flag.split("at most ")[1].split()[0])
    words, kept = LONG.split(), ""
    for word in words:
        if len(f"{kept} {word}".strip()) > limit:
            break
        kept = f"{kept} {word}".strip()
    banner(project, kept)
    assert check(project).exit_code == 0


def test_a_brand_colour_failing_contrast_is_said_once_with_a_colour_that_passes(
        project, builtin_stages):
    text = (project.specs / "campaign.yaml").read_text()
    project.write("specs/campaign.yaml", text.replace('text: "#FFFFFF"', 'text: "#E05060"'))
    for name in ("a", "b", "c"):
        project.write(f"specs/banners/{name}.yaml",
                      f'kind: banner\nid: {name}\ntext: {{vi: "Chung tay"}}\n'
                      "sizes: [poster-a3, social-1080x1080]\nlocalize: provinces\n")
    result = check(project)
    assert result.exit_code == 2
    contrast = [line for line in result.stderr.splitlines() if "contrast" in line]
    assert len(contrast) == 1
    assert contrast[0].startswith("specs/campaign.yaml:11:41: brand.colors.text: #E05060 on")
    fix = contrast[0].rsplit(" ", 1)[1]
    assert contrast_ratio(fix, "#C8102E") >= 4.5
    hue = colorsys.rgb_to_hls(*(c / 255 for c in rgb("#E05060")))[0]
    assert abs(colorsys.rgb_to_hls(*(c / 255 for c in rgb(fix)))[0] - hue) < 0.02


def test_the_nearest_passing_colour_changes_as_little_as_it_can():
    fix = nearest_passing("#E05060", "#C8102E")
    lighter = nearest_passing("#E05060", "#C8102E", minimum=4.6)
    assert contrast_ratio(fix, "#C8102E") < contrast_ratio(lighter, "#C8102E")


def test_a_backslash_n_in_single_quotes_is_warned_at_check(project, builtin_stages):
    banner(project, "Chung tay\\nvì an sinh", quote="'")
    result = check(project)
    assert result.exit_code == 0
    assert ("warning: specs/banners/b.yaml:3:12: a backslash-n in single quotes is printed "
            "as the two characters \\n, not a new line") in result.stderr
    banner(project, "Chung tay\\nvì an sinh")                  # double quotes: a new line
    assert "backslash-n" not in check(project).stderr


def test_a_date_is_said_as_written_with_the_order_to_write_it(project):
    text = (project.specs / "campaign.yaml").read_text()
    project.write("specs/campaign.yaml", text.replace("start: 2024-05-06", "start: 01/07/2025"))
    with pytest.raises(SpecErrors) as caught:
        load_specs(project.specs)
    assert str(caught.value.problems[0]).endswith(
        "window.start: expected a date like 2024-05-06, got '01/07/2025' (write it year "
        "first: 2025-07-01)")


SIDECAR = ("publisher: VSS\ntitle: t\nurl: https://vss.gov.vn/\nunits: {{year: năm}}\n"
           "date: {date}\n{extra}")


@pytest.mark.parametrize("date", ["2025-13-45", "'2025-02-30'", "'01/07/2025'", "soon"])
def test_a_sidecar_date_that_is_no_day_is_refused(tmp_path, date):
    (tmp_path / "t.csv").write_text("year,n\n2023,1\n")
    (tmp_path / "t.source.yaml").write_text(SIDECAR.format(date=date, extra=""))
    with pytest.raises(DataError) as caught:
        read_source(tmp_path / "t.csv", "data/t.csv")
    shown = date.strip("'")
    if date == "2025-13-45":         # unquoted, YAML itself reads it as a date
        assert str(caught.value) == ("data/t.source.yaml:5:7: '2025-13-45' is not a day of "
                                     "the calendar (month must be in 1..12); write a date "
                                     "like 2024-05-06")
        return
    assert str(caught.value) == (f"data/t.source.yaml:5:7: date: expected a date like "
                                 f"2024-05-06 (or 2024-05, 2024), got '{shown}'")


def test_invented_figures_say_so_on_what_is_drawn_from_them(tmp_path):
    (tmp_path / "t.csv").write_text("year,n\n2023,1\n")
    (tmp_path / "t.source.yaml").write_text(SIDECAR.format(date="2024-05", extra="example: true\n"))
    source = read_source(tmp_path / "t.csv", "data/t.csv")
    assert source.example and source.date == "2024-05"
    assert source.credit == {"vi": "Số liệu minh họa. Nguồn: VSS",
                             "en": "Illustrative figures. Source: VSS"}
