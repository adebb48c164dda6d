"""Batch `say`: given a pasted script, then every line's reading or its refusal, in order,
for the terminal and for tools (issue 16)."""
from __future__ import annotations

import json

import pytest
from helpers import SHIPPED_LEXICON

from pipeline.stages.radio.say import (
    SaidLine,
    json_report,
    refused_count,
    say_lines,
    say_script,
    terminal_report,
)
from pipeline.text.speech import load_lexicon

SCRIPT = "Gọi 1900 9068\n\nLiên hệ BHXHX\nchiếm 2/5 số lao động\nđến 1/3 số người\nBHYT\n"


@pytest.fixture(scope="module")
def said():
    return say_lines(SCRIPT, load_lexicon(SHIPPED_LEXICON))


def test_every_non_blank_line_is_read_or_refused_in_order(said):
    assert [s.line for s in said] == [1, 3, 4, 5, 6]            # line 2 is blank
    assert said[0] == SaidLine(1, "Gọi 1900 9068",
                               spoken="Gọi một chín không không, chín không sáu tám")
    assert said[1].spoken is None
    assert said[1].refused == ('"BHXHX" would be spelled letter by letter; add it to '
                               "assets/lexicon/abbreviations.csv or write it out")
    assert said[2].spoken == "chiếm hai phần năm số lao động"
    assert said[3].refused.startswith('"1/3" could be a date ("ngày mùng một tháng ba") or '
                                      'a fraction ("một phần ba")')
    assert said[4].spoken == "bảo hiểm y tế"                  # read after two refusals
    assert refused_count(said) == 2


def test_the_terminal_report_marks_each_refused_line_with_its_number(said):
    lines = terminal_report(said).splitlines()
    assert lines == [
        "Gọi một chín không không, chín không sáu tám",
        '✗ dòng 3: "BHXHX" would be spelled letter by letter; add it to '
        "assets/lexicon/abbreviations.csv or write it out",
        "chiếm hai phần năm số lao động",
        lines[3],
        "bảo hiểm y tế",
    ]
    assert lines[3].startswith('✗ dòng 5: "1/3" could be a date')


def test_the_json_report_has_every_line_and_the_refusal_count(said):
    report = json.loads(json_report(said))
    assert report["refused"] == 2
    assert [(r["line"], r["spoken"] is None, r["refused"] is None) for r in report["lines"]] \
        == [(1, False, True), (3, True, False), (4, False, True), (5, True, False),
            (6, False, True)]
    assert report["lines"][0] == {"line": 1, "text": "Gọi 1900 9068",
                                  "spoken": "Gọi một chín không không, chín không sáu tám",
                                  "refused": None}
    assert "ngày mùng một tháng ba" in json_report(said)        # UTF-8, not \u escapes


def test_a_clean_script_has_no_refusals_and_reads_like_before():
    said = say_script("Năm 2023\n\n18,26 triệu người\n")
    assert refused_count(said) == 0
    assert terminal_report(said) == ("Năm hai nghìn không trăm hai mươi ba\n"
                                     "mười tám phẩy hai mươi sáu triệu người")
