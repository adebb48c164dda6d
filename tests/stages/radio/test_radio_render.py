"""Given a radio spec, when a job is rendered and its files written, then - measured on the
files decoded again with the bundled ffmpeg - loudness, true peak, length, format, tags,
speech and silence are what the spec and the issue promise."""
from __future__ import annotations

import re
import types

import numpy as np
import pytest
from helpers import Project
from mutagen.id3 import ID3
from mutagen.mp3 import MP3, BitrateMode
from scipy.io import wavfile

from pipeline.media import audio
from pipeline.media.ffmpeg import decode_audio, probe
from pipeline.stages import STAGES, StageError, register
from pipeline.stages.radio import STAGE
from pipeline.stages.radio.gtts_backend import split_text
from pipeline.stages.radio.render import build_spot
from pipeline.stages.radio.request import request_for
from pipeline.stages.radio.voices import reset_voices

RATE = 44100
SKETCH = """\
voices:
  worker: {name: vi-vn-x-south, variant: f2, rate: 165}
  officer: {name: vi, variant: m3}
"""
SCRIPT = """\
  - {voice: worker, say: "Em định rút BHXH một lần, có nên không anh?"}
  - {voice: officer, say: "Chị nên giữ lại, để về già có lương hưu."}
  - pause: 1.2
  - {voice: officer, say: "Tham gia BHXH tự nguyện, đóng góp hôm nay, an tâm tương lai."}
"""


def _build(request, tmp_path_factory):
    helpers = request.getfixturevalue("radio")
    project = Project(tmp_path_factory.mktemp("radio-project"))
    # 40 s: with the loudspeaker word gap and the province's phone read digit by digit,
    # this sketch runs about 30 s.
    helpers.write_spot(project, "measured", SCRIPT, header=SKETCH, max_seconds=40)
    job = helpers.job_for(project, "measured", "quang-ninh")
    spot = build_spot(request_for(job))
    rendered = STAGE.render_job(job)
    folder = tmp_path_factory.mktemp("written")
    paths = {}
    for file in rendered.files:
        paths[file.role] = folder / f"measured_vi{file.suffix}"
        paths[file.role].write_bytes(file.data)
    return types.SimpleNamespace(job=job, spot=spot, rendered=rendered, paths=paths,
                                 heard=decode_audio(paths["audio"], RATE), helpers=helpers)


@pytest.fixture(scope="module")
def spot(request, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAMPAIGN_TTS_CACHE", str(tmp_path_factory.mktemp("tts")))
        had = "radio" in STAGES
        register(STAGE)
        reset_voices()
        try:
            yield _build(request, tmp_path_factory)
        finally:
            if not had:
                STAGES.pop("radio", None)


def test_the_mp3_is_mono_44k1_cbr_128k_and_fits_the_limit(spot):
    info = probe(spot.paths["audio"])
    (stream,) = info["streams"]
    assert stream == {"index": 0, "type": "audio", "codec": "mp3", "sample_rate_hz": 44100,
                      "channels": 1, "bitrate_kbps": 128}
    mp3 = MP3(spot.paths["audio"])
    assert mp3.info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN)
    assert mp3.info.channels == 1 and mp3.info.sample_rate == 44100
    seconds = spot.heard.size / RATE
    assert seconds == pytest.approx(spot.spot.seconds, abs=0.01)
    assert 8 < seconds <= 40


def test_loudness_is_on_target_and_the_true_peak_under_the_ceiling(spot):
    heard = audio.measure(spot.heard, RATE)
    assert abs(heard.integrated_lufs - -16) <= 0.5
    assert heard.true_peak_dbtp <= -1.0
    rate, wav = wavfile.read(spot.paths["broadcast"])
    assert rate == 44100 and wav.dtype == np.int16 and wav.ndim == 1
    wav_heard = audio.measure(wav / 32768.0, rate)
    assert abs(wav_heard.integrated_lufs - -16) <= 0.5
    assert wav_heard.true_peak_dbtp <= -1.0
    assert wav.size == spot.heard.size


def test_id3_tags_read_back(spot):
    tags = ID3(spot.paths["audio"])
    assert str(tags["TIT2"]) == "Thử nghiệm measured (Quảng Ninh)"
    assert str(tags["TALB"]) == "Tháng thử nghiệm"
    assert str(tags["TPE1"]) == "Bảo hiểm xã hội tỉnh Quảng Ninh"
    assert str(tags["TDRC"]) == "2024"
    assert str(tags["TLAN"]) == "vie"
    assert str(tags["TXXX:campaign"]) == "test-month"
    assert str(tags["TXXX:province"]) == "Quảng Ninh"
    assert sorted(tags.keys()) == ["TALB", "TDRC", "TIT2", "TLAN", "TPE1", "TXXX:campaign",
                                   "TXXX:province"]


def test_speech_is_heard_in_every_spoken_line_and_the_pause_is_silent(spot):
    band, level = spot.helpers.band_rms_db, spot.helpers.rms_db
    heard = spot.heard
    for placed in spot.spot.placed:
        part = heard[int(placed.start_s * RATE):int(placed.end_s * RATE)]
        if placed.line.kind == "say":
            assert band(part, RATE) > -30, placed.line.label        # speech-band energy
        elif placed.line.kind == "pause":
            middle = part[int(0.15 * RATE):-int(0.15 * RATE)]
            assert level(middle) < -60, "the pause must be near-silent"
        else:
            assert level(part) > -40, "the jingle sounds"
    labels = [p.line.label for p in spot.spot.placed]
    assert labels == ["intro", "opening", "script[0]", "script[1]", "script[2]",
                      "script[3]", "closing", "outro"]


def test_transcript_and_announcer_script(spot):
    transcript = spot.paths["transcript"].read_text(encoding="utf-8").splitlines()
    assert transcript == [
        "announcer: Bảo hiểm xã hội tỉnh Quảng Ninh thông báo.",
        "worker: Em định rút bảo hiểm xã hội một lần, có nên không anh?",
        "officer: Chị nên giữ lại, để về già có lương hưu.",
        "officer: Tham gia bảo hiểm xã hội tự nguyện, đóng góp hôm nay, an tâm tương lai.",
        "announcer: Mọi thắc mắc, xin liên hệ Bảo hiểm xã hội tỉnh Quảng Ninh, số điện "
        "thoại không hai không ba, không không không, không không không một."]
    script = spot.paths["script-txt"].read_text(encoding="utf-8")
    for name in ("quang-ninh/00-announcer.wav", "01-worker.wav", "02-officer.wav",
                 "03-officer.wav", "quang-ninh/99-announcer.wav"):
        assert name in script
    assert "[nghỉ / pause]  1.2 s" in script and "assets/voice/measured/" in script
    assert re.search(r"≤ \d+\.\d s \(máy đọc \d+\.\d s\)", script)
    pdf = spot.paths["script-pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type /Page\b", pdf)) == 1


def test_media_facts(spot):
    media = spot.rendered.media
    heard = audio.measure(spot.heard, RATE)
    assert media["sample_rate_hz"] == 44100 and media["channels"] == 1
    assert media["duration_s"] == pytest.approx(spot.heard.size / RATE, abs=0.01)
    assert media["integrated_lufs"] == pytest.approx(heard.integrated_lufs, abs=0.05)
    assert media["true_peak_dbtp"] == pytest.approx(heard.true_peak_dbtp, abs=0.05)
    assert media["loudness_range_lu"] >= 0
    assert media["backend"] == "espeak"
    assert media["voice"] == "announcer=vi; worker=vi-vn-x-south+f2; officer=vi+m3"
    roles = {f.role: f.suffix for f in spot.rendered.files}
    assert roles == {"audio": ".mp3", "broadcast": ".wav", "transcript": ".txt",
                     "script-txt": ".announcer.txt", "script-pdf": ".announcer.pdf"}


def test_the_same_job_gives_the_same_bytes(spot):
    reset_voices()                 # nothing remembered: synthesized again from scratch
    again = {f.role: f.data for f in STAGE.render_job(spot.job).files}
    assert again == {f.role: f.data for f in spot.rendered.files}


# ---- errors and other paths -------------------------------------------------------------

def test_a_spot_over_its_limit_names_the_overrun_in_seconds(project, radio):
    radio.write_spot(project, "long", '  - say: "Tham gia bảo hiểm xã hội tự nguyện, người '
                     'lao động tự do có lương hưu hằng tháng khi về già."\n', max_seconds=6)
    with pytest.raises(StageError) as error:
        build_spot(request_for(radio.job_for(project, "long")))
    match = re.fullmatch(r"long \(Quảng Ninh\): the spot lasts (\d+\.\d) s, (\d+\.\d) s over "
                         r"its 6 s limit \(max_seconds\); shorten the script or raise the rate",
                         str(error.value))
    assert match, str(error.value)
    assert float(match.group(2)) == pytest.approx(float(match.group(1)) - 6, abs=0.06)


def test_another_target_with_a_jingle_file_and_a_ducked_music_bed(project, radio):
    rng = np.random.default_rng(7)
    t = np.arange(int(1.0 * RATE)) / RATE
    chime = (0.4 * np.sin(2 * np.pi * 880 * t) * np.exp(-t / 0.3)).astype(np.float32)
    bed = (0.1 * rng.standard_normal(3 * RATE)).astype(np.float32)
    bed = audio.horn_filter(bed, RATE, 300, 2000)
    for name, sound in (("chime.wav", chime), ("bed.wav", bed)):
        (project.root / "assets").mkdir(exist_ok=True)
        (project.root / "assets" / name).write_bytes(audio.wav_bytes(sound, RATE))
    radio.write_spot(project, "bed", '  - say: "Xin chào bà con."\n  - pause: 1.5\n'
                     '  - say: "Đóng góp hôm nay, an tâm tương lai."\n',
                     header="loudness_lufs: -20\njingle: assets/chime.wav\n"
                            "music_bed: assets/bed.wav\n")
    request = request_for(radio.job_for(project, "bed"))
    spot = build_spot(request)
    assert {p.resolve() for p in request.inputs} >= {
        (project.root / "assets/chime.wav").resolve(), (project.root / "assets/bed.wav").resolve()}
    measured = audio.measure(spot.samples, RATE)
    assert abs(measured.integrated_lufs - -20) <= 0.5 and measured.true_peak_dbtp <= -1
    pause = next(p for p in spot.placed if p.line.kind == "pause")
    middle = spot.samples[int((pause.start_s + 0.6) * RATE):int((pause.end_s - 0.3) * RATE)]
    assert radio.rms_db(middle) > -50, "the bed plays between the lines"


# ---- recorded takes ----------------------------------------------------------------------

RECORDED = "voice: {backend: recorded}\n"


def _take(path, seconds=1.2, rate=48000, stereo=True):
    t = np.arange(int(seconds * rate)) / rate
    voice = 0.3 * np.sin(2 * np.pi * 220 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))
    data = np.stack([voice, voice], axis=1) if stereo else voice
    path.parent.mkdir(parents=True, exist_ok=True)
    wavfile.write(path, rate, (data * 32767).astype(np.int16))


def test_a_missing_recorded_take_is_named(project, radio):
    radio.write_spot(project, "rec", '  - say: "Xin chào."\n', header=RECORDED)
    _take(project.root / "assets/voice/rec/quang-ninh/00-announcer.wav")
    with pytest.raises(StageError) as error:
        build_spot(request_for(radio.job_for(project, "rec")))
    assert str(error.value) == (
        "rec (Quảng Ninh): missing recorded take(s): assets/voice/rec/01-announcer.wav, "
        "assets/voice/rec/quang-ninh/99-announcer.wav; record them as the announcer's "
        "script lists, or set `fallback: espeak`")


def test_recorded_takes_at_any_rate_are_used_and_fingerprinted(project, radio):
    radio.write_spot(project, "rec", '  - say: "Xin chào."\n', header=RECORDED)
    for name in ("quang-ninh/00-announcer.wav", "01-announcer.wav",
                 "quang-ninh/99-announcer.wav"):
        _take(project.root / "assets/voice/rec" / name)
    request = request_for(radio.job_for(project, "rec"))
    spot = build_spot(request)
    assert spot.backends == {"announcer": "recorded"}
    said = [p for p in spot.placed if p.line.kind == "say"]
    assert [round(p.end_s - p.start_s, 1) for p in said] == [1.2, 1.2, 1.2]
    takes = [p for p in request.inputs if p.suffix == ".wav"]
    assert takes == sorted(path for _, path in request.takes)      # the takes it will use
    assert sorted(p.name for p in takes) == ["00-announcer.wav", "01-announcer.wav",
                                             "99-announcer.wav"]


def test_a_take_with_the_wrong_name_is_named(project, radio):
    radio.write_spot(project, "rec", '  - say: "Xin chào."\n', header=RECORDED)
    _take(project.root / "assets/voice/rec/01-officer.wav")
    with pytest.raises(StageError, match=r"mismatched take assets/voice/rec/01-officer\.wav: "
                                         r"line 01 is spoken by announcer; name the take "
                                         r"01-announcer\.wav"):
        build_spot(request_for(radio.job_for(project, "rec")))


def test_missing_takes_fall_back_to_espeak_when_allowed(project, radio):
    radio.write_spot(project, "rec", '  - say: "Xin chào."\n',
                     header=RECORDED + "fallback: espeak\n")
    _take(project.root / "assets/voice/rec/01-announcer.wav")
    spot = build_spot(request_for(radio.job_for(project, "rec")))
    assert spot.backends == {"announcer": "espeak+recorded"}
    assert spot.warnings == ("missing recorded take(s): assets/voice/rec/quang-ninh/"
                             "00-announcer.wav, assets/voice/rec/quang-ninh/99-announcer.wav; "
                             "spoken with espeak (fallback: espeak)",)


# ---- gtts in a build ---------------------------------------------------------------------

def test_gtts_unreachable_says_so_and_falls_back_only_if_allowed(project, radio, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_GTTS_URL", "http://127.0.0.1:9/batchexecute")
    radio.write_spot(project, "g", '  - say: "Xin chào."\n',
                     header="voice: {backend: gtts}\nfallback: espeak\n")
    rendered = STAGE.render_job(radio.job_for(project, "g"))
    assert rendered.media["backend"] == "espeak"
    assert rendered.warnings == ("gtts: cannot reach 127.0.0.1:9 (ConnectionError); spoken "
                                 "with espeak (fallback: espeak)",)
    radio.write_spot(project, "g", '  - say: "Xin chào."\n', header="voice: {backend: gtts}\n")
    with pytest.raises(StageError, match=r"^g \(Quảng Ninh\): gtts: cannot reach 127\.0\.0\.1:9"
                                         r" \(ConnectionError\) \(add `fallback: espeak`"):
        build_spot(request_for(radio.job_for(project, "g")))


def test_gtts_speaks_the_spot_through_the_stand_in(project, radio, monkeypatch, fake_google):
    monkeypatch.setenv("CAMPAIGN_GTTS_URL", fake_google.url)
    radio.write_spot(project, "g", '  - say: "Xin chào bà con."\n',
                     header="voice: {backend: gtts}\njingle: none\n")
    spot = build_spot(request_for(radio.job_for(project, "g")))
    assert spot.backends == {"announcer": "gtts"} and spot.warnings == ()
    closing = ("Mọi thắc mắc, xin liên hệ Bảo hiểm xã hội tỉnh Quảng Ninh, số điện thoại "
               "không hai không ba, không không không, không không không một.")
    assert fake_google.texts == ["Bảo hiểm xã hội tỉnh Quảng Ninh thông báo.",
                                 "Xin chào bà con.", *split_text(closing)]
    assert len(split_text(closing)) == 2


def test_the_announcer_pdf_wraps_the_wording_between_words_only(spot):
    import pypdfium2 as pdfium

    from pipeline.stages.radio.announcer import rows
    from pipeline.text.segment import Gap, gaps

    page = pdfium.PdfDocument(spot.paths["script-pdf"].read_bytes())[0]
    lines = page.get_textpage().get_text_range().splitlines()
    wordings = [words.split() for take, _, words, _ in rows(spot.job, spot.spot) if take]
    wraps = 0
    for upper, lower in zip(lines, lines[1:]):
        if not upper.split() or not lower.split():
            continue
        last, first = upper.split()[-1], lower.split()[0]
        for tokens in wordings:
            for i in range(len(tokens) - 1):
                if (tokens[i], tokens[i + 1]) == (last, first):
                    wraps += 1
                    assert gaps(tuple(tokens))[i] != Gap.INSIDE, (upper, lower)
    assert wraps >= 2                    # the long lines did wrap, between words
