"""Voices behind one interface: text + voice -> `Speech`, whatever speaks it.

- espeak: offline, deterministic (pipeline/stages/radio/espeak.py).
- gtts: Google's TTS with a cache (gtts_backend.py); when it cannot be reached the spot
  falls back to espeak only if its spec says `fallback: espeak`.
- recorded: an announcer's takes from assets/voice/<spot>/ (found by takes.py).

A process keeps one `Voices` per project: lines every province shares (the body of a spot)
are synthesized once per process; only the localized opening and closing are new per job.
What eSpeak said is also kept in the TTS cache folder (`espeak/`), as gTTS's answers are
(`gtts/`), so the next build forks no synthesizer for a line it has heard.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...files.fsio import atomic_write
from ...media.audio import trim_silence
from .espeak import WORD_GAP_10MS
from .gtts_backend import Gtts, TtsUnavailable, cache_key
from .settings import VoiceSettings
from .spec import VoiceSpec

GTTS_RATE_HZ = 24000           # what the service sends
GTTS_PIECE_GAP_S = 0.12        # between the pieces a long line was split into


@dataclass(frozen=True)
class Speech:
    samples: np.ndarray        # float32 mono, -1..1
    rate_hz: int
    backend: str               # what actually spoke: espeak | gtts | recorded

    @property
    def seconds(self) -> float:
        return self.samples.size / self.rate_hz


def espeak_text(text: str) -> str:
    """What eSpeak reads best: a dash between phrases becomes a comma pause."""
    return re.sub(r"\s+[-–—]\s+", ", ", text)


class Voices:
    """One process's synthesizers and a bounded memo of what they have said."""

    def __init__(self, settings: VoiceSettings, memo_size: int = 192):
        self.settings = settings
        self.memo_size = memo_size
        self._memo: OrderedDict[tuple, Speech] = OrderedDict()
        self._gtts: Gtts | None = None
        self.gtts_down: str | None = None   # why the service failed, once it has

    def warm(self) -> None:
        self.espeak()

    def espeak(self):
        from .espeak import engine
        return engine()

    def gtts(self) -> Gtts:
        if self._gtts is None:
            self._gtts = Gtts(self.settings.cache_dir, endpoint=self.settings.gtts_endpoint,
                              timeout_s=self.settings.gtts_timeout_s)
        return self._gtts

    def speak(self, text: str, voice: VoiceSpec, fallback: str) -> tuple[Speech, str | None]:
        """Speech for `text` and a one-line warning when the fallback spoke instead."""
        if voice.backend != "gtts":
            return self._memoized("espeak", text, voice), None
        try:
            return self._memoized("gtts", text, voice), None
        except TtsUnavailable as exc:
            self.gtts_down = self.gtts_down or str(exc)
        if fallback == "espeak":
            return (self._memoized("espeak", text, voice),
                    f"{self.gtts_down}; spoken with espeak (fallback: espeak)")
        raise TtsUnavailable(f"{self.gtts_down} (add `fallback: espeak` to the spec to "
                             "build with eSpeak instead)")

    def _memoized(self, backend: str, text: str, voice: VoiceSpec) -> Speech:
        key = (backend, voice, text)
        speech = self._memo.get(key)
        if speech is None:
            speech = (self._espeak_speech(text, voice) if backend == "espeak"
                      else self._gtts_speech(text, voice))
            self._memo[key] = speech
            while len(self._memo) > self.memo_size:
                self._memo.popitem(last=False)
        else:
            self._memo.move_to_end(key)
        return speech

    def _espeak_speech(self, text: str, voice: VoiceSpec) -> Speech:
        engine = self.espeak()
        pcm = self._espeak_pcm(engine, espeak_text(text), voice)
        samples = trim_silence(pcm.astype(np.float32) / 32768, engine.rate_hz)
        return Speech(samples, engine.rate_hz, "espeak")

    def _espeak_pcm(self, engine, said: str, voice: VoiceSpec) -> np.ndarray:
        """eSpeak's samples, kept in the TTS cache folder: the same text, voice and
        engine always give the same samples (espeak.py), and reading them back costs far
        less than the fork an utterance takes (most lines recur in every province)."""
        settings = f"{voice.espeak_name} {voice.rate_wpm} wpm pitch {voice.pitch} " \
                   f"gap {WORD_GAP_10MS} {engine.identity}"
        key = cache_key(said, "vi", "espeak", settings)
        path = self.settings.cache_dir / "espeak" / key[:2] / f"{key}.pcm"
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if data and len(data) % 2 == 0:
            return np.frombuffer(data, dtype="<i2")
        pcm = engine.synthesize(said, voice.espeak_name, voice.rate_wpm, voice.pitch)
        try:
            atomic_write(path, pcm.astype("<i2").tobytes())
        except OSError:
            pass                        # an unwritable cache only costs the speed
        return pcm

    def _gtts_speech(self, text: str, voice: VoiceSpec) -> Speech:
        from ...media.ffmpeg import decode_audio

        # Once the service has failed in this process, only the cache is asked.
        pieces = self.gtts().mp3_pieces(text, tld=voice.tld, slow=voice.slow,
                                        offline_reason=self.gtts_down)
        gap = np.zeros(int(GTTS_PIECE_GAP_S * GTTS_RATE_HZ), np.float32)
        parts: list[np.ndarray] = []
        for mp3 in pieces:
            if parts:
                parts.append(gap)
            parts.append(trim_silence(decode_audio(mp3, GTTS_RATE_HZ), GTTS_RATE_HZ))
        return Speech(np.concatenate(parts), GTTS_RATE_HZ, "gtts")


# This process's synthesizers, one set per settings: an eSpeak engine cannot travel in a
# request, and what it said is worth remembering across the jobs a worker renders.
_BY_SETTINGS: dict[VoiceSettings, Voices] = {}


def voices_for(settings: VoiceSettings) -> Voices:
    if settings not in _BY_SETTINGS:
        _BY_SETTINGS[settings] = Voices(settings)
    return _BY_SETTINGS[settings]


def reset_voices() -> None:
    """Forget every synthesizer and what it said (tests)."""
    _BY_SETTINGS.clear()


def load_take(path: Path, rate_hz: int) -> Speech:
    """A recorded take, any rate or channel count, as mono at `rate_hz`."""
    from ...media.ffmpeg import FfmpegError, decode_audio

    try:
        samples = decode_audio(path, rate_hz)
    except FfmpegError as exc:
        raise TtsUnavailable(f"recorded take {path.name} cannot be read: {exc}") from None
    samples = trim_silence(samples, rate_hz, threshold_db=-50.0, margin_s=0.05)
    if samples.size == 0:
        raise TtsUnavailable(f"recorded take {path.name} is silent")
    return Speech(samples, rate_hz, "recorded")
