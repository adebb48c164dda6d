"""`campaign say`: check a script line before a build, or speak and master it to a file."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from ...fsio import atomic_write
from ...media import audio
from ...text.speech import DEFAULT_LEXICON_PATH, spoken_lines
from .script import GAP_S, lexicon_for
from .spec import VoiceSpec
from .voices import Voices, VoiceSettings


def say_text(text: str, lexicon_path: Path = DEFAULT_LEXICON_PATH) -> str:
    """The spoken form of each non-blank line, one per line; SpeechTextError names the
    first line (by number) that cannot be said."""
    return "\n".join(spoken_lines(text, lexicon_for(lexicon_path)))


def speak_to_file(text: str, path: Path | str, *, voice: VoiceSpec = VoiceSpec(),
                  target_lufs: float = -16.0, cache_dir: Path | None = None,
                  lexicon_path: Path = DEFAULT_LEXICON_PATH) -> dict:
    """Normalize, speak (eSpeak unless `voice` says otherwise; no fallback), master and
    write `path`: .mp3 (44.1 kHz mono CBR 128k) or .wav (16-bit). Returns its loudness."""
    from .render import RATE_HZ, mp3_for

    path = Path(path)
    if path.suffix.lower() not in (".mp3", ".wav"):
        raise ValueError(f"{path.name}: say writes .mp3 or .wav")
    lines = spoken_lines(text, lexicon_for(lexicon_path))
    if not lines:
        raise ValueError("nothing to say")
    voices = Voices(VoiceSettings(cache_dir or Path(".cache") / "tts"))
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
