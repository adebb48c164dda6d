"""Voices: eSpeak offline and deterministic; gTTS's real code path against a local stand-in
for Google's endpoint (success, 429 then success, timeout, cache); recorded takes by name."""
from __future__ import annotations

import re

import numpy as np
import pytest

from pipeline.stages.radio.gtts_backend import MAX_CHARS, Gtts, TtsUnavailable, split_text
from pipeline.stages.radio.settings import VoiceSettings
from pipeline.stages.radio.spec import VoiceSpec
from pipeline.stages.radio.voices import Voices


@pytest.fixture
def voices(tmp_path):
    return Voices(VoiceSettings(tmp_path / "tts"))


# ---- espeak ---------------------------------------------------------------------------------

def test_espeak_speaks_vietnamese_offline_and_longer_text_takes_longer(voices, radio):
    voice = VoiceSpec()
    lengths = []
    for text in ("Xin chào.",
                 "Xin chào bà con cô bác.",
                 "Xin chào bà con cô bác. Tháng năm là tháng vận động bảo hiểm xã hội toàn dân."):
        speech, warning = voices.speak(text, voice, fallback="none")
        assert speech.backend == "espeak" and warning is None
        assert speech.rate_hz == 22050
        lengths.append(speech.seconds)
    assert 0.3 < lengths[0] < lengths[1] < lengths[2] < 8.0
    speech, _ = voices.speak("Bảo hiểm xã hội, an sinh cho mọi nhà.", voice, "none")
    assert radio.band_rms_db(speech.samples, speech.rate_hz) > -30      # voiced, in the speech band


def test_espeak_is_deterministic_whatever_was_said_before(tmp_path):
    text = "Đóng góp hôm nay, an tâm tương lai."
    # Separate cache folders: each synthesizes (a shared one would answer the second).
    first = Voices(VoiceSettings(tmp_path / "a")).speak(text, VoiceSpec(), "none")[0].samples
    other = Voices(VoiceSettings(tmp_path / "b"))
    other.speak("Một câu khác hẳn, dài hơn một chút.", VoiceSpec(name="vi-vn-x-south"), "none")
    again = other.speak(text, VoiceSpec(), "none")[0].samples
    assert np.array_equal(first, again)


def test_what_espeak_said_is_kept_and_the_next_build_forks_no_synthesizer(tmp_path,
                                                                          monkeypatch):
    from pipeline.stages.radio import espeak

    text = "Đóng góp hôm nay, an tâm tương lai."
    first = Voices(VoiceSettings(tmp_path)).speak(text, VoiceSpec(), "none")[0].samples
    (kept,) = (tmp_path / "espeak").rglob("*.pcm")
    forks = []
    real = espeak.Espeak.synthesize
    monkeypatch.setattr(espeak.Espeak, "synthesize",
                        lambda self, *a, **kw: forks.append(a) or real(self, *a, **kw))
    again = Voices(VoiceSettings(tmp_path)).speak(text, VoiceSpec(), "none")[0].samples
    assert np.array_equal(first, again) and forks == []
    # Another rate is another file; a damaged file (half a sample) is spoken again.
    Voices(VoiceSettings(tmp_path)).speak(text, VoiceSpec(rate_wpm=VoiceSpec().rate_wpm + 20),
                                          "none")
    assert len(forks) == 1 and len(list((tmp_path / "espeak").rglob("*.pcm"))) == 2
    kept.write_bytes(kept.read_bytes()[:-1])
    repaired = Voices(VoiceSettings(tmp_path)).speak(text, VoiceSpec(), "none")[0].samples
    assert np.array_equal(first, repaired) and len(forks) == 2


@pytest.mark.parametrize("name,variant", [("vi", ""), ("vi-vn-x-central", ""),
                                          ("vi-vn-x-south", "f2"), ("vi", "m3")])
def test_every_vietnamese_espeak_voice_speaks(voices, name, variant):
    speech, _ = voices.speak("Xin chào.", VoiceSpec(name=name, variant=variant), "none")
    assert speech.seconds > 0.3


def test_speaking_rate_changes_the_length(voices):
    text = "Tham gia bảo hiểm xã hội là bảo vệ cuộc sống của mỗi gia đình."
    slow = voices.speak(text, VoiceSpec(rate_wpm=120), "none")[0].seconds
    fast = voices.speak(text, VoiceSpec(rate_wpm=190), "none")[0].seconds
    assert fast < slow * 0.8


# ---- gtts: splitting ------------------------------------------------------------------------

def test_split_text_cuts_at_sentences_then_commas_under_the_limit():
    text = ("Tham gia bảo hiểm xã hội tự nguyện, người lao động tự do có lương hưu hằng tháng "
            "khi về già, có thẻ bảo hiểm y tế. Nhà nước hỗ trợ một phần tiền đóng. "
            "Mọi thắc mắc, xin gọi đường dây nóng.")
    pieces = split_text(text)
    assert all(len(p) < MAX_CHARS for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert pieces[-2] == "Nhà nước hỗ trợ một phần tiền đóng."   # a sentence of its own
    assert pieces[0].endswith(",")


def test_split_text_cuts_a_long_run_without_punctuation_at_spaces():
    text = " ".join(["lương hưu"] * 40)
    pieces = split_text(text)
    assert len(pieces) > 3 and all(len(p) < MAX_CHARS for p in pieces)
    assert " ".join(pieces) == text


# ---- gtts: against the local stand-in ---------------------------------------------------

def _gtts(tmp_path, url, **kwargs):
    sleeps = []
    backend = Gtts(tmp_path / "cache", endpoint=url, sleep=sleeps.append, **kwargs)
    return backend, sleeps


def test_gtts_success_goes_through_gtts_and_decodes(tmp_path, fake_google):
    backend, _ = _gtts(tmp_path, fake_google.url)
    pieces = backend.mp3_pieces("Xin chào bà con.")
    assert pieces == [fake_google.mp3]
    assert fake_google.texts == ["Xin chào bà con."]
    voices = Voices(VoiceSettings(tmp_path / "cache", gtts_endpoint=fake_google.url))
    speech, warning = voices.speak("Xin chào bà con.", VoiceSpec(backend="gtts"), "none")
    assert speech.backend == "gtts" and warning is None
    assert speech.rate_hz == 24000 and 0.2 < speech.seconds < 0.5


def test_gtts_sends_each_piece_under_100_characters(tmp_path, fake_google):
    backend, _ = _gtts(tmp_path, fake_google.url)
    text = ("Bảo hiểm xã hội tự nguyện là của để dành của người lao động tự do, giúp họ có "
            "lương hưu hằng tháng. Nhà nước hỗ trợ một phần tiền đóng.")
    assert len(backend.mp3_pieces(text)) == len(fake_google.texts) == 2
    assert all(len(t) < 100 for t in fake_google.texts)


def test_gtts_retries_after_429_with_backoff(tmp_path, fake_google):
    fake_google.script = [429, 503]
    backend, sleeps = _gtts(tmp_path, fake_google.url, backoff_s=0.5)
    assert backend.mp3_pieces("Xin chào.") == [fake_google.mp3]
    assert fake_google.statuses == [429, 503, 200]
    assert sleeps == [0.5, 1.0]


def test_gtts_gives_up_after_its_attempts_in_one_line(tmp_path, fake_google):
    fake_google.script = [429] * 5
    backend, sleeps = _gtts(tmp_path, fake_google.url, attempts=3)
    with pytest.raises(TtsUnavailable) as error:
        backend.mp3_pieces("Xin chào.")
    assert str(error.value) == (f"gtts: 429 Too Many Requests from "
                                f"{backend.host('com.vn')} after 3 attempts")
    assert len(sleeps) == 2


def test_gtts_timeout_is_one_clear_line_and_leaves_no_file(tmp_path, fake_google):
    fake_google.script = [("sleep", 1.5)]
    backend, _ = _gtts(tmp_path, fake_google.url, timeout_s=0.3)
    with pytest.raises(TtsUnavailable) as error:
        backend.mp3_pieces("Xin chào.")
    message = str(error.value)
    assert "\n" not in message
    assert re.fullmatch(r"gtts: no answer from 127\.0\.0\.1:\d+ within 0\.3 s \(timeout\)",
                        message)
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]


def test_gtts_cache_hit_sends_nothing(tmp_path, fake_google):
    backend, _ = _gtts(tmp_path, fake_google.url)
    backend.mp3_pieces("Đóng góp hôm nay.")
    again = Gtts(tmp_path / "cache", endpoint="http://127.0.0.1:9/unused")
    assert again.mp3_pieces("Đóng góp hôm nay.") == [fake_google.mp3]
    assert len(fake_google.texts) == 1 and again.requests_sent == 0
    cached = [p for p in (tmp_path / "cache").rglob("*.mp3")]
    assert len(cached) == 1 and cached[0].read_bytes() == fake_google.mp3


def test_gtts_unreachable_falls_back_to_espeak_only_when_allowed(tmp_path):
    closed = "http://127.0.0.1:9/_/TranslateWebserverUi/data/batchexecute"
    voices = Voices(VoiceSettings(tmp_path, gtts_endpoint=closed, gtts_timeout_s=2))
    speech, warning = voices.speak("Xin chào.", VoiceSpec(backend="gtts"), "espeak")
    assert speech.backend == "espeak"
    assert warning == ("gtts: cannot reach 127.0.0.1:9 (ConnectionError); spoken with "
                       "espeak (fallback: espeak)")
    with pytest.raises(TtsUnavailable, match=r"add `fallback: espeak`"):
        voices.speak("Chào bạn.", VoiceSpec(backend="gtts"), "none")
