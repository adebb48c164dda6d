"""The intelligibility bench's scoring (bench/intelligibility.py): words compared without
case, punctuation or the sketch's speaker names; word error rate is edit distance over the
reference's words. The recognizer itself is not run here (it is a bench-only extra)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[3] / "bench" / "intelligibility.py"
_SPEC = importlib.util.spec_from_file_location("intelligibility", _PATH)
intelligibility = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("intelligibility", intelligibility)   # dataclasses look it up
_SPEC.loader.exec_module(intelligibility)


def test_words_drop_case_punctuation_and_speaker_names():
    transcript = "worker: Chào anh. Em định rút BHXH!\nofficer: Đúng vậy, chị."
    assert intelligibility.words_of(transcript) == [
        "chào", "anh", "em", "định", "rút", "bhxh", "đúng", "vậy", "chị"]


def test_words_are_nfc():
    assert intelligibility.words_of("Ho\u0300a") == ["hòa"]


@pytest.mark.parametrize("reference, heard, errors", [
    ("bảo hiểm xã hội", "bảo hiểm xã hội", 0),
    ("bảo hiểm xã hội", "bà hiểm sá hội", 2),            # two substitutions
    ("bảo hiểm xã hội", "bảo hiểm", 2),                  # two deletions
    ("bảo hiểm", "ừ bảo hiểm nhé", 2),                    # two insertions
    ("một hai ba", "", 3),
])
def test_edit_distance_counts_substitutions_deletions_insertions(reference, heard, errors):
    assert intelligibility.edit_distance(reference.split(), heard.split()) == errors


def test_a_score_is_errors_over_reference_words():
    score = intelligibility.Score("ha-noi/x", words=8, errors=2, heard="")
    assert score.wer == 0.25
