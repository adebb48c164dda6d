"""A clip's voice from a radio product: the radio stage's mastered lines on the clip's
timeline, scenes as long as their lines, captions inside the spoken spans, the music
ducked under the voice, and the TV sketch's two voices alternating in its decoded audio.
The sketch is built from the shipped specs at a small 16:9 test size (fast to encode)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from pipeline.build.plan import plan
from pipeline.build.run import build
from pipeline.errors import SpecErrors
from pipeline.media.ffmpeg import decode_audio
from pipeline.spec.load import load_specs
from pipeline.stages.clip.voice import with_bed
from pipeline.stages.radio.voices import reset_voices

ROOT = Path(__file__).resolve().parents[3]
SKETCH = "savings-for-old-age-tv-60s"
RATE = 48000


@pytest.fixture
def voiced_project(data_project, monkeypatch, tmp_path_factory):
    """The test project with the shipped sketch (at 384x216), the radio sketch it speaks,
    the icons, the pictures and the data."""
    monkeypatch.setenv("CAMPAIGN_TTS_CACHE", str(tmp_path_factory.mktemp("tts")))
    reset_voices()
    shutil.copytree(ROOT / "assets/icons", data_project.root / "assets/icons")
    shutil.copytree(ROOT / "assets/images", data_project.root / "assets/images")
    radio = "specs/radios/savings-for-old-age-60s.yaml"
    data_project.write(radio, (ROOT / radio).read_text(encoding="utf-8"))
    clip = (ROOT / f"specs/clips/{SKETCH}.yaml").read_text(encoding="utf-8")
    data_project.write(f"specs/clips/{SKETCH}.yaml",
                       clip.replace("[clip-1920x1080]", "[clip-384x216]"))
    yield data_project
    reset_voices()


def srt_cues(text: str) -> list[tuple[float, float, str]]:
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        start, end = (sum(float(x) * m for x, m in zip(re.split("[:,]", stamp),
                                                          (3600, 60, 1, 0.001)))
                      for stamp in lines[1].split(" --> "))
        cues.append((start, end, " ".join(lines[2:])))
    return cues


@pytest.fixture
def sketch(voiced_project):
    specs = load_specs(voiced_project.specs)
    jobs = [j for j in plan(specs) if j.product.id == SKETCH]
    report = build(specs, jobs, voiced_project.out)
    assert report.failed == [], report.failed
    folder = voiced_project.out / "clips/toan-quoc"
    stem = f"{SKETCH}_clip-384x216_vi"
    manifest = json.loads((voiced_project.out / "manifest.json").read_text())
    entries = manifest if isinstance(manifest, list) else next(
        v for v in manifest.values() if isinstance(v, list))
    media = next(e["media"] for e in entries if e.get("role") == "video")
    return folder / f"{stem}.mp4", (folder / f"{stem}.srt").read_text("utf-8"), media


def test_captions_fall_within_the_spoken_spans_and_scenes_hold_their_lines(sketch):
    video, srt, media = sketch
    lines = media["voice"]["lines"]
    assert [line["take"] for line in lines] == [0, 1, 2, 3, 4, 5, 6, 7, 99]
    assert 45 <= media["duration_s"] <= 90
    cues = srt_cues(srt)
    assert len(cues) >= len(lines)
    for start, end, text in cues:
        inside = [ln for ln in lines if ln["start_s"] - 1e-3 <= start < end
                  <= ln["end_s"] + 1e-3]
        assert inside, (start, end, text)
    # The captions are the spoken words, each speaker named.
    said = " ".join(t for _, _, t in cues)
    assert "Chị Lan: Chào anh." in said and "Cán bộ BHXH: Chị cân nhắc kỹ nhé." in said
    # Each scene lasts at least as long as its lines.
    for scene in media["scenes"]:
        mine = [ln for ln in lines if scene["start_s"] <= ln["start_s"] < scene["end_s"]]
        assert all(ln["end_s"] <= scene["end_s"] for ln in mine)
    # The voice is heard where the lines are, and quieter music between them.
    samples = decode_audio(video, RATE)

    def rms(a, b):
        part = samples[int(a * RATE):int(b * RATE)]
        return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))

    spoken = np.mean([rms(ln["start_s"], ln["end_s"]) for ln in lines])
    gaps = [(a["end_s"] + 0.05, b["start_s"] - 0.05) for a, b in zip(lines, lines[1:])
            if b["start_s"] - a["end_s"] > 0.4]
    assert gaps and spoken > 2.0 * np.mean([rms(a, b) for a, b in gaps])


def pitch_hz(samples: np.ndarray) -> float:
    """The median fundamental of the voiced 40 ms frames (autocorrelation, 70-400 Hz)."""
    frame = int(0.04 * RATE)
    found = []
    for i in range(0, samples.size - frame, frame):
        x = samples[i:i + frame].astype(np.float64)
        x -= x.mean()
        if np.sqrt(np.mean(x * x)) < 0.02:
            continue
        ac = np.correlate(x, x, "full")[frame - 1:]
        low, high = RATE // 400, RATE // 70
        lag = low + int(np.argmax(ac[low:high]))
        if ac[lag] > 0.4 * ac[0]:
            found.append(RATE / lag)
    return float(np.median(found))


def test_the_two_voices_alternate_in_the_sketchs_audio(sketch):
    video, _, media = sketch
    samples = decode_audio(video, RATE)
    dialogue = [ln for ln in media["voice"]["lines"] if ln["voice"] in ("worker", "officer")]
    pitches = [pitch_hz(samples[int(ln["start_s"] * RATE):int(ln["end_s"] * RATE)])
               for ln in dialogue]
    # Heard, not read from the script: the higher voice and the lower one take turns.
    split = (max(pitches) + min(pitches)) / 2
    heard = ["high" if p > split else "low" for p in pitches]
    assert all(a != b for a, b in zip(heard, heard[1:])), (heard, pitches)
    assert heard[0] == "high"                    # the worker (f2, pitch 60) speaks first
    assert min(p for p, h in zip(pitches, heard) if h == "high") > \
        1.15 * max(p for p, h in zip(pitches, heard) if h == "low")


def test_the_music_ducks_under_the_voice():
    n = 8 * RATE
    t = np.arange(n) / RATE
    bed = (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    voice = np.zeros(n, np.float32)
    mask = np.zeros(n, bool)
    mask[RATE:3 * RATE] = True
    voice[mask] = 0.3 * np.sin(2 * np.pi * 150 * t[mask])
    mixed = with_bed(voice, mask, bed, RATE)
    music = mixed - voice
    under = np.sqrt(np.mean(music[int(1.6 * RATE):int(2.6 * RATE)] ** 2))
    alone = np.sqrt(np.mean(music[int(4.5 * RATE):int(6.5 * RATE)] ** 2))   # before the fade
    assert 20 * np.log10(under / alone) == pytest.approx(-12, abs=1.5)


@pytest.mark.parametrize("old, new, message", [
    ("voice: savings-for-old-age-60s", "voice: savings-for-old-age-60x",
     "voice: no radio product 'savings-for-old-age-60x' in specs/radios (radio products: "
     "savings-for-old-age-60s); did you mean 'savings-for-old-age-60s'?"),
    ("lines: [0]}", "lines: [42]}",
     "scenes[0].lines: no line 42 in savings-for-old-age-60s (lines: 0, 1, 2, 3, 4, 5, 6, "
     "7, 99)"),
    ("lines: [7]", "lines: [1]", "scenes[5].lines: line 1 is carried by another scene"),
    ("speakers:\n", "speakers:\n  worke: {vi: A}\n",
     "speakers.worke: no voice 'worke' in savings-for-old-age-60s (voices: announcer, "
     "officer, worker); did you mean 'worker'?"),
])
def test_voice_problems_name_the_key(voiced_project, old, new, message):
    path = voiced_project.specs / f"clips/{SKETCH}.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(SpecErrors) as caught:
        load_specs(voiced_project.specs)
    assert message in str(caught.value)
