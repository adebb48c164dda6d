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


def test_say_marks_every_refused_line_and_reads_the_rest():
    result = say(stdin="Liên hệ BHXHX\nGọi 1900 9068\n")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        '✗ dòng 1: "BHXHX" would be spelled letter by letter; add it to '
        'assets/lexicon/abbreviations.csv or write it out',
        "Gọi một chín không không, chín không sáu tám"]
    assert result.stderr.strip() == "error: 1 of 2 lines cannot be said (marked ✗ above)"


def test_say_json_gives_every_line_for_tools():
    import json

    result = say("--json", stdin="Chiếm 2/5 số lao động\nLiên hệ BHXHX\n")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["refused"] == 1
    assert report["lines"][0]["spoken"] == "Chiếm hai phần năm số lao động"
    assert report["lines"][1]["line"] == 2 and "BHXHX" in report["lines"][1]["refused"]


def test_say_to_an_mp3_speaks_and_masters_it(tmp_path):
    target = tmp_path / "thu.mp3"
    result = say("Tham gia bảo hiểm xã hội tự nguyện", "--to", str(target))
    assert result.returncode == 0, result.stderr
    samples = decode_audio(target, 44100)
    assert 1.5 < samples.size / 44100 < 6
    assert np.abs(samples).max() < 10 ** (-1 / 20)          # under -1 dBFS sample peak
    assert "LUFS" in result.stderr
