"""eSpeak NG settings the spots rely on: the word gap for loudspeakers (issue 16)."""
from __future__ import annotations

import numpy as np

from pipeline.stages.radio import espeak

COUNT = "một hai ba bốn năm sáu bảy tám chín mười"      # ten words, nine gaps


def _quiet_share(samples: np.ndarray, rate_hz: int) -> float:
    """Share of 10 ms frames more than 40 dB under the loudest frame."""
    frames = samples[: samples.size // (rate_hz // 100) * (rate_hz // 100)]
    rms = np.sqrt(np.mean(frames.reshape(-1, rate_hz // 100).astype(np.float64) ** 2, axis=1))
    return float(np.mean(rms < rms.max() * 10 ** (-40 / 20)))


def test_the_word_gap_puts_silence_between_words():
    engine = espeak.engine()
    plain = engine.synthesize(COUNT, "vi", 150, 50, word_gap_10ms=0)
    gapped = engine.synthesize(COUNT, "vi", 150, 50, word_gap_10ms=3)
    added_s = (gapped.size - plain.size) / engine.rate_hz
    assert 9 * 0.02 < added_s < 9 * 0.1                    # some tens of ms per gap
    assert _quiet_share(gapped, engine.rate_hz) > _quiet_share(plain, engine.rate_hz)


def test_spots_speak_with_the_loudspeaker_word_gap_by_default():
    engine = espeak.engine()
    default = engine.synthesize(COUNT, "vi", 150, 50)
    assert np.array_equal(default, engine.synthesize(COUNT, "vi", 150, 50,
                                                     word_gap_10ms=espeak.WORD_GAP_10MS))
    assert espeak.WORD_GAP_10MS > 0
    assert not np.array_equal(default, engine.synthesize(COUNT, "vi", 150, 50,
                                                         word_gap_10ms=0))
