"""eSpeak NG through ctypes, from the `espeakng-loader` wheel (library + Vietnamese data).

eSpeak NG keeps internal state from one utterance to the next (the same text comes out a few
samples different the second time), so each utterance is synthesized in a forked child of a
process that has only initialized the library: the same text and voice always give the
same samples, whatever was spoken before and in whichever worker.

Voice variants with breath noise (f1-f5, the sketch's worker) draw on a random generator
that the library seeds from the clock when it initializes, so the child also reseeds it
(`RAND_SEED`) before it speaks: without that, each build of a two-voice sketch differed.
"""
from __future__ import annotations

import ctypes
import os
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

AUDIO_OUTPUT_SYNCHRONOUS = 2
ESPEAK_INITIALIZE_DONT_EXIT = 0x8000
ESPEAK_RATE, ESPEAK_PITCH, ESPEAK_RANGE, ESPEAK_WORDGAP = 1, 3, 4, 7
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
RAND_SEED = 1            # any constant: the breath noise must be the same on every build
# Silence added between words, in eSpeak's 10 ms units. Vietnamese words are syllables, and
# 30 ms between them made the spots clearer to the offline listener of bench/intelligibility.py
# (mean word error rate 76 % -> 67 %; 20, 40, 50 and 80 ms all did worse: docs/radio.md).
WORD_GAP_10MS = 3

VOICES = ("vi", "vi-vn-x-central", "vi-vn-x-south")

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.c_void_p)


class EspeakError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def variants() -> tuple[str, ...]:
    """Voice variants the wheel ships (m1..m7, f1..f5, ...): a voice name + '+variant'."""
    import espeakng_loader

    folder = Path(espeakng_loader.get_data_path()) / "voices" / "!v"
    return tuple(sorted(p.name for p in folder.iterdir() if p.is_file()))


class Espeak:
    """One initialized library per process; `synthesize` is safe to call from any job."""

    def __init__(self) -> None:
        import espeakng_loader

        self._lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib = self._lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                          ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_ng_SetRandSeed.argtypes = [ctypes.c_long]
        lib.espeak_Synth.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint,
                                     ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                     ctypes.c_void_p, ctypes.c_void_p]
        self.rate_hz = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                             espeakng_loader.get_data_path().encode(),
                                             ESPEAK_INITIALIZE_DONT_EXIT)
        if self.rate_hz <= 0:
            raise EspeakError("eSpeak NG did not initialize (its data folder is missing?)")
        self._chunks: list[np.ndarray] = []
        self._callback = _CALLBACK(self._collect)     # kept alive as long as the engine
        lib.espeak_SetSynthCallback(self._callback)

    @cached_property
    def identity(self) -> str:
        """What, besides the text and the voice, decides the samples: the library's
        version and build, its data and the settings every utterance gets."""
        from importlib.metadata import version

        import espeakng_loader

        library = Path(espeakng_loader.get_library_path())
        return (f"espeakng-loader {version('espeakng-loader')} {library.stat().st_size} "
                f"{self.rate_hz} Hz seed {RAND_SEED}")

    def _collect(self, wav, count, _events) -> int:
        if wav and count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def synthesize(self, text: str, voice: str, rate_wpm: int, pitch: int,
                   word_gap_10ms: int = WORD_GAP_10MS) -> np.ndarray:
        """16-bit samples at `rate_hz` for `text` (UTF-8, punctuation paces the pauses)."""
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:                      # the child: speak, send the samples, leave
            status = 1
            try:
                os.close(read_fd)
                data = self._speak(text, voice, rate_wpm, pitch, word_gap_10ms)
                with os.fdopen(write_fd, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise EspeakError(f"eSpeak NG failed on voice '{voice}' (exit status {status})")
        return np.frombuffer(data, dtype=np.int16)

    def _speak(self, text: str, voice: str, rate_wpm: int, pitch: int,
               word_gap_10ms: int) -> bytes:
        lib = self._lib
        if lib.espeak_SetVoiceByName(voice.encode()) != 0:
            raise EspeakError(f"unknown eSpeak voice '{voice}'")
        lib.espeak_SetParameter(ESPEAK_RATE, int(rate_wpm), 0)
        lib.espeak_SetParameter(ESPEAK_PITCH, int(pitch), 0)
        lib.espeak_SetParameter(ESPEAK_WORDGAP, int(word_gap_10ms), 0)
        self._chunks.clear()
        lib.espeak_ng_SetRandSeed(RAND_SEED)
        data = text.encode("utf-8") + b"\0"
        lib.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None)
        lib.espeak_Synchronize()
        samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        return samples.astype("<i2").tobytes()


_ENGINE: Espeak | None = None


def engine() -> Espeak:
    """The process's eSpeak NG (the C library has one state per process)."""
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Espeak()
    return _ENGINE
