"""`campaign say`: a script writer checks a line before a build."""
from __future__ import annotations

import subprocess
import sys

import numpy as np

from pipeline.media.ffmpeg import decode_audio


def say(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "pipeline", "say", *args], input=stdin,
                          capture_output=True, text=True)


def test_say_prints_the_spoken_form_of_an_argument():
    result = say("Gọi 1900 9068 về BHXH")
    assert result.returncode == 0
    assert result.stdout == "Gọi một chín không không, chín không sáu tám về bảo hiểm xã hội\n"


def test_say_reads_stdin_one_line_per_line():
    result = say(stdin="Năm 2023\n\n18,26 triệu người\n")
    assert result.stdout.splitlines() == ["Năm hai nghìn không trăm hai mươi ba",
                                          "mười tám phẩy hai mươi sáu triệu người"]


def test_say_refuses_what_would_be_spelled_letter_by_letter():
    result = say("Liên hệ BHXHX")
    assert result.returncode == 2
    assert result.stderr.strip() == ('error: segment 1: "BHXHX" would be spelled letter by '
                                     'letter; add it to assets/lexicon/abbreviations.csv or '
                                     'write it out')


def test_say_to_an_mp3_speaks_and_masters_it(tmp_path):
    target = tmp_path / "thu.mp3"
    result = say("Tham gia bảo hiểm xã hội tự nguyện", "--to", str(target))
    assert result.returncode == 0, result.stderr
    samples = decode_audio(target, 44100)
    assert 1.5 < samples.size / 44100 < 6
    assert np.abs(samples).max() < 10 ** (-1 / 20)          # under -1 dBFS sample peak
    assert "LUFS" in result.stderr
