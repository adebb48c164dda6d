"""`campaign say`: check a script before a build, or speak and master it to a file.

A script writer pastes a whole script: every line gets its reading or the reason it cannot
be said (`say_lines`), never only the first refusal; `terminal_report` and `json_report`
show them.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ... import project
from ...files.fsio import atomic_write
from ...media import audio
from ...text.speech import Lexicon, SpeechTextError, normalize, spoken_lines
from ...text.speech_lexicon import default_lexicon_path, lexicon_for
from .script import GAP_S
from .settings import VoiceSettings
from .spec import VoiceSpec
from .voices import Voices

REFUSED_MARK = "✗"


@dataclass(frozen=True)
class SaidLine:
    """One non-blank input line: its reading, or why it cannot be said."""
    line: int                  # 1-based, counting blank lines, as an editor shows it
    text: str
    spoken: str | None = None
    refused: str | None = None


def say_lines(text: str, lexicon: Lexicon) -> tuple[SaidLine, ...]:
    """Every non-blank line of `text`, read or refused; a refusal does not stop the rest."""
    said = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            said.append(SaidLine(number, line, spoken=normalize(line, lexicon)))
        except SpeechTextError as exc:
            said.append(SaidLine(number, line, refused=exc.reason))
    return tuple(said)


def say_script(text: str, lexicon_path: Path | None = None) -> tuple[SaidLine, ...]:
    """`say_lines` with the lexicon at `lexicon_path`, by default the project's (the CLI's
    entry point)."""
    return say_lines(text, lexicon_for(lexicon_path or default_lexicon_path()))


def refused_count(said: tuple[SaidLine, ...]) -> int:
    return sum(1 for line in said if line.refused is not None)


def terminal_report(said: tuple[SaidLine, ...]) -> str:
    """A line of output per input line, in order: the reading, or "✗ dòng N: reason"."""
    return "\n".join(line.spoken if line.refused is None
                     else f"{REFUSED_MARK} dòng {line.line}: {line.refused}" for line in said)


def json_report(said: tuple[SaidLine, ...]) -> str:
    """For tools: {"lines": [{line, text, spoken, refused}, ...], "refused": N}."""
    return json.dumps({"lines": [asdict(line) for line in said],
                       "refused": refused_count(said)}, ensure_ascii=False, indent=2)


def say_text(text: str, lexicon_path: Path | None = None) -> str:
    """The spoken form of each non-blank line, one per line; SpeechTextError names the
    first line (by number) that cannot be said."""
    return "\n".join(spoken_lines(text, lexicon_for(lexicon_path or default_lexicon_path())))


def speak_to_file(text: str, path: Path | str, *, voice: VoiceSpec | None = None,
                  target_lufs: float = -16.0, cache_dir: Path | None = None,
                  lexicon_path: Path | None = None) -> dict:
    """Normalize, speak (eSpeak unless `voice` says otherwise; no fallback), master and
    write `path`: .mp3 (44.1 kHz mono CBR 128k) or .wav (16-bit). Returns its loudness."""
    from .render import RATE_HZ, mp3_for

    voice = voice or VoiceSpec()
    path = Path(path)
    if path.suffix.lower() not in (".mp3", ".wav"):
        raise ValueError(f"{path.name}: say writes .mp3 or .wav")
    lines = spoken_lines(text, lexicon_for(lexicon_path or default_lexicon_path()))
    if not lines:
        raise ValueError("nothing to say")
    voices = Voices(VoiceSettings(cache_dir or project.root() / ".cache" / "tts"))
    parts = [audio.silence(0.15, RATE_HZ)]
    for line in lines:
        speech, _ = voices.speak(line, voice, fallback="none")
        parts += [audio.resample(speech.samples, speech.rate_hz, RATE_HZ),
                  audio.silence(GAP_S, RATE_HZ)]
    mastered = audio.master(np.concatenate(parts), RATE_HZ,
                            audio.Mastering(target_lufs=target_lufs))
    if path.suffix.lower() == ".mp3":
        data, measured = mp3_for(mastered, target_lufs)
    else:
        data, measured = audio.wav_bytes(mastered, RATE_HZ), audio.measure(mastered, RATE_HZ)
    atomic_write(path, data)
    return {"path": str(path), "duration_s": round(mastered.size / RATE_HZ, 2),
            "integrated_lufs": measured.integrated_lufs,
            "true_peak_dbtp": measured.true_peak_dbtp}
