"""Radio through the spine: a tiny spec built into files and manifest, rebuilt only where
a province changed; `campaign check` catches unsayable text; `campaign say` helpers."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pipeline.build.executor import LocalExecutor
from pipeline.build.plan import Selection, plan
from pipeline.build.run import build
from pipeline.cli import main
from pipeline.media import audio
from pipeline.media.ffmpeg import decode_audio
from pipeline.spec.load import load_specs
from pipeline.stages.radio.say import say_text, speak_to_file
from pipeline.text.speech import SpeechTextError

SPOT = '  - say: "Tham gia BHXH, an tâm tương lai."\n'
SUFFIXES = (".mp3", ".wav", ".txt", ".announcer.txt", ".announcer.pdf")


def run(project, workers=1, force=False):
    specs = load_specs(project.specs)
    return build(specs, plan(specs, Selection()), project.out, prune=True, force=force,
                 executor=LocalExecutor(workers))


def digests(project) -> dict[str, str]:
    manifest = json.loads((project.out / "manifest.json").read_text())
    return {a["path"]: a["sha256"] for a in manifest["assets"]}


def test_a_tiny_radio_spec_builds_through_the_spine(project, radio):
    radio.write_spot(project, "hello", SPOT, localize="[quang-ninh, ha-noi]",
                     header="jingle: none\n")
    report = run(project, workers=2)                  # a worker pool: eSpeak per process
    assert report.failed == []
    assert sorted(report.built) == ["radio/hello/vi/ha-noi", "radio/hello/vi/quang-ninh"]
    for province in ("ha-noi", "quang-ninh"):
        for suffix in SUFFIXES:
            assert (project.out / f"radios/{province}/hello_vi{suffix}").is_file()
    manifest = json.loads((project.out / "manifest.json").read_text())
    entries = {a["id"]: a for a in manifest["assets"]}
    audio_entry = entries["radio/hello/vi/quang-ninh/audio"]
    assert audio_entry["path"] == "radios/quang-ninh/hello_vi.mp3"
    assert audio_entry["variant"] == {"size": None, "lang": "vi", "province": "quang-ninh"}
    media = audio_entry["media"]
    assert {"duration_s", "sample_rate_hz", "channels", "integrated_lufs", "true_peak_dbtp",
            "loudness_range_lu", "backend", "voice"} <= set(media)
    # Wall-clock timings differ run to run: they go to the bench, never into the record.
    assert not {"synthesis_s", "mastering_s"} & set(media)
    assert media["backend"] == "espeak" and media["sample_rate_hz"] == 44100
    assert abs(media["integrated_lufs"] + 16) <= 0.5 and media["true_peak_dbtp"] <= -1
    # The normalizer's four tables: a changed document code or web label rebuilds the spot.
    tables = {"abbreviations.csv", "loanwords.csv", "documents.csv", "web.csv"}
    assert set(audio_entry["inputs"]["files"]) in (
        tables, {f"assets/lexicon/{name}" for name in tables})
    assert {"espeakng-loader", "pyloudnorm", "mutagen"} <= set(audio_entry["tool_versions"])
    roles = sorted(a["role"] for a in manifest["assets"] if a["job"] == "radio/hello/vi/ha-noi")
    assert roles == ["audio", "broadcast", "script-pdf", "script-txt", "transcript"]
    heard = audio.measure(decode_audio(project.out / "radios/ha-noi/hello_vi.mp3", 44100),
                          44100)
    assert abs(heard.integrated_lufs + 16) <= 0.5 and heard.true_peak_dbtp <= -1

    assert run(project).built == []                   # nothing changed: nothing rebuilt
    pooled = digests(project)
    assert len(run(project, workers=1, force=True).built) == 2
    assert digests(project) == pooled                 # same bytes, in a pool or not
    project.write("data/offices.csv", "slug,office,phone,address\n"
                  "quang-ninh,Bảo hiểm xã hội tỉnh Quảng Ninh,0203 9999 999,\n")
    assert run(project).built == ["radio/hello/vi/quang-ninh"]
    transcript = (project.out / "radios/quang-ninh/hello_vi.txt").read_text(encoding="utf-8")
    assert "chín chín chín chín, chín chín chín" in transcript


def test_requests_are_made_without_the_audio_stack(project, radio):
    """The build's own process makes every job's request: it must not wait seconds for
    scipy, which only a worker's render needs."""
    radio.write_spot(project, "hello", SPOT)
    code = ("import sys\n"
            "from pipeline.build.plan import plan\n"
            "from pipeline.spec.load import load_specs\n"
            "from pipeline.stages.builtin import register_builtin\n"
            "from pipeline.stages.radio import request_for\n"
            "register_builtin()\n"
            f"(job,) = plan(load_specs({str(project.specs)!r}))\n"
            "assert request_for(job).inputs\n"
            "print([m for m in ('scipy', 'pyloudnorm', 'moviepy') if m in sys.modules])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_campaign_check_catches_text_that_would_be_spelled_out(project, radio):
    radio.write_spot(project, "typo", '  - say: "Liên hệ BHXHX huyện."\n')
    result = CliRunner().invoke(main, ["check", str(project.specs)])
    assert result.exit_code == 2
    assert ('specs/radios/typo.yaml:8:10: script[0].say: "BHXHX" would be spelled letter by '
            'letter') in result.output


def test_say_text_prints_the_spoken_form_line_by_line():
    assert say_text("Gọi 1900 9068\n\nBHXH tỉnh ngày 06/5/2024") == (
        "Gọi một chín không không, chín không sáu tám\n"
        "bảo hiểm xã hội tỉnh ngày mùng sáu tháng năm năm hai nghìn không trăm hai mươi tư")
    with pytest.raises(SpeechTextError, match="BHXHX"):
        say_text("Xin chào\nBHXHX")


@pytest.mark.parametrize("suffix", [".mp3", ".wav"])
def test_speak_to_file_masters_what_it_writes(tmp_path, suffix):
    path = tmp_path / f"line{suffix}"
    facts = speak_to_file("Gọi 1900 9068.", path, cache_dir=tmp_path / "cache")
    samples = decode_audio(path, 44100)
    heard = audio.measure(samples, 44100)
    assert abs(heard.integrated_lufs + 16) <= 0.5 and heard.true_peak_dbtp <= -1
    assert facts["duration_s"] == pytest.approx(samples.size / 44100, abs=0.01)
    assert 1.5 < facts["duration_s"] < 6
