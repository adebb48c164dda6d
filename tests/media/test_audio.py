"""The mastering chain and its meters, on signals whose answers are known."""
from __future__ import annotations

import io

import numpy as np
import pytest
from scipy.io import wavfile

from pipeline.media import audio, true_peak
from pipeline.media.jingle import jingle

RATE = 44100


def tone(freq: float, seconds: float = 2.0, amplitude: float = 0.5, phase: float = 0.0,
         rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * freq * t + phase)).astype(np.float32)


def level_db(x: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.asarray(x, np.float64) ** 2)) + 1e-12)


def speechlike(seconds: float = 12.0, seed: int = 3) -> np.ndarray:
    """Glottal-pulse bursts (the crest factor of eSpeak's voice) with syllable gaps."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    out = np.zeros(n)
    position = 0
    while position < n - RATE // 2:
        length = int(rng.uniform(0.12, 0.3) * RATE)
        period = int(RATE / rng.uniform(100, 180))
        burst = np.zeros(length)
        burst[::period] = 1.0
        kernel = np.exp(-np.arange(300) / 70) * np.sin(np.arange(300) * 2 * np.pi * 700 / RATE)
        burst = np.convolve(burst, kernel)[:length] * np.hanning(length)
        out[position:position + length] = burst * rng.uniform(0.3, 1.0)
        position += length + int(rng.uniform(0.03, 0.25) * RATE)
    return (out / np.max(np.abs(out)) * 0.9).astype(np.float32)


# ---- meters -------------------------------------------------------------------------------

def test_integrated_loudness_of_a_1khz_tone_is_known():
    # BS.1770: a 0 dBFS 1 kHz sine measures -3.01 LUFS (mono); 20 dB down, -23.01.
    assert audio.integrated_lufs(tone(1000, 5, 10 ** (-20 / 20)), RATE) == \
        pytest.approx(-23.01, abs=0.1)
    assert audio.integrated_lufs(np.zeros(RATE * 2, np.float32), RATE) == audio.SILENCE_LUFS


def test_true_peak_sees_the_peak_between_samples():
    # fs/4 at 45 degrees: every sample sits at 0.707 of a peak that falls between them.
    x = tone(RATE / 4, 1.0, amplitude=1.0, phase=np.pi / 4)
    sample_peak_db = 20 * np.log10(np.max(np.abs(x)))
    assert sample_peak_db == pytest.approx(-3.01, abs=0.05)
    assert audio.true_peak_dbtp(x, RATE) == pytest.approx(0.0, abs=0.3)


def test_loudness_range_of_steady_and_stepped_programmes():
    steady = tone(1000, 20, 0.1)
    assert audio.loudness_range_lu(steady, RATE) == pytest.approx(0.0, abs=0.2)
    stepped = np.concatenate([tone(1000, 10, 10 ** (-20 / 20)), tone(1000, 10, 10 ** (-30 / 20))])
    assert audio.loudness_range_lu(stepped, RATE) == pytest.approx(10.0, abs=1.0)


# ---- shaping ------------------------------------------------------------------------------

def test_horn_filter_cuts_rumble_keeps_speech_and_softens_the_top():
    def gain(freq):
        x = tone(freq, 2.0)
        y = audio.horn_filter(x, RATE, 170, 7000)
        return level_db(y[RATE // 2:]) - level_db(x[RATE // 2:])
    assert gain(50) < -30
    assert abs(gain(1000)) < 0.5
    assert -2 < gain(5000) < 0            # gentle: 2nd order from 7 kHz
    assert -10 < gain(10000) < -5


def test_resample_and_mono():
    x = tone(440, 1.0, rate=22050)
    y = audio.resample(x, 22050, 44100)
    assert y.size == 44100 and y.dtype == np.float32
    assert level_db(y) == pytest.approx(level_db(x), abs=0.1)
    stereo = np.stack([x, -x * 0], axis=1)
    assert audio.mono(stereo) == pytest.approx(x / 2)


def test_compression_narrows_the_gap_between_loud_and_quiet():
    quiet, loud = tone(500, 2, 10 ** (-30 / 20)), tone(500, 2, 10 ** (-6 / 20))
    out = audio.compress(np.concatenate([quiet, loud]), RATE, -24, 2.5, 0.008, 0.15)
    before = level_db(loud) - level_db(quiet)
    after = level_db(out[3 * RATE:]) - level_db(out[RATE // 2:RATE * 3 // 2])
    assert before == pytest.approx(24, abs=0.1)
    assert 10 < after < 16


def test_trim_silence_and_fade():
    x = np.concatenate([np.zeros(RATE), tone(300, 0.5), np.zeros(RATE)])
    trimmed = audio.trim_silence(x, RATE, margin_s=0.03)
    assert trimmed.size == pytest.approx(0.5 * RATE + 2 * 0.03 * RATE, abs=10)
    faded = audio.fade(np.ones(RATE, np.float32), RATE, in_s=0.1, out_s=0.1)
    assert faded[0] == 0 and faded[-1] == 0 and faded[RATE // 2] == 1


# ---- loudness and the true-peak limiter ---------------------------------------------------

def test_limiter_holds_the_true_peak_under_the_ceiling():
    x = speechlike() * 2.0                       # +5 dBTP peaks
    y = audio.limit_true_peak(x, RATE, -1.5)
    assert audio.true_peak_dbtp(y, RATE) <= -1.49
    quiet = np.abs(x) < 0.1
    assert np.allclose(y[quiet][:1000], x[quiet][:1000], atol=0.05)


@pytest.mark.parametrize("target", [-16.0, -20.0, -23.0])
def test_normalize_reaches_the_target_under_the_ceiling(target):
    # Plain gain to -16 LUFS would clip this programme by several dB: the limiter is needed.
    x = speechlike()
    plain_peak = audio.true_peak_dbtp(x, RATE) + target - audio.integrated_lufs(x, RATE)
    y = audio.normalize_loudness(x, RATE, target, -1.5)
    assert audio.integrated_lufs(y, RATE) == pytest.approx(target, abs=0.1)
    assert audio.true_peak_dbtp(y, RATE) <= -1.49
    if target == -16.0:
        assert plain_peak > 0


def test_master_chain_end_to_end():
    x = np.concatenate([speechlike(6, 1), np.zeros(RATE, np.float32), speechlike(6, 2) * 0.3])
    y = audio.master(x, RATE, audio.Mastering(target_lufs=-16))
    measured = audio.measure(y, RATE)
    assert measured.integrated_lufs == pytest.approx(-16, abs=0.1)
    assert measured.true_peak_dbtp <= -1.5 + 0.01
    assert y.size == x.size and y.dtype == np.float32
    silence = y[int(6.3 * RATE):int(6.8 * RATE)]
    assert level_db(silence) < -70                # the gap stays silent


def test_master_is_deterministic():
    x = speechlike(4)
    assert np.array_equal(audio.master(x, RATE), audio.master(x, RATE))


# ---- jingle, bed, output ------------------------------------------------------------------

def test_generated_jingles_are_short_chimes_and_always_the_same():
    intro, outro = jingle("intro"), jingle("outro")
    assert intro.size == outro.size == int(1.6 * RATE)
    assert np.array_equal(intro, jingle("intro")) and not np.array_equal(intro, outro)
    assert np.max(np.abs(intro)) == pytest.approx(0.5, abs=0.01)
    assert abs(intro[-1]) < 1e-3                 # faded out: no click into the voice


def test_music_bed_ducks_under_speech():
    bed = tone(200, 1.0, 0.2)
    mask = np.zeros(6 * RATE, dtype=bool)
    mask[2 * RATE:4 * RATE] = True
    ducked = audio.duck_bed(bed, mask, RATE, under_db=-12)
    between = level_db(ducked[RATE:int(1.8 * RATE)])
    under = level_db(ducked[int(2.5 * RATE):int(3.8 * RATE)])
    assert between - under == pytest.approx(12, abs=0.5)
    lead = level_db(ducked[int(1.95 * RATE):2 * RATE])
    assert lead < between - 3                    # the dip starts before the voice does
    assert ducked.size == mask.size


def test_wav_bytes_are_16_bit_mono():
    data = audio.wav_bytes(tone(440, 0.5, 0.5), RATE)
    rate, samples = wavfile.read(io.BytesIO(data))
    assert rate == RATE and samples.dtype == np.int16 and samples.ndim == 1
    assert np.max(np.abs(samples)) == pytest.approx(0.5 * 32768, rel=0.01)
    assert audio.pcm16(np.array([2.0, -2.0])).tolist() == [32767, -32768]


@pytest.mark.parametrize("signal_name", ["tone", "speech", "gaps", "short"])
def test_the_fast_meter_gives_pyloudnorms_answer(signal_name):
    import pyloudnorm

    x = {"tone": tone(1000, 3, 0.2),
         "speech": speechlike(9),
         "gaps": np.concatenate([speechlike(3), np.zeros(5 * RATE, np.float32),
                                 speechlike(3, 9) * 0.05]),
         "short": speechlike(0.7)}[signal_name]
    expected = pyloudnorm.Meter(RATE).integrated_loudness(x.astype(np.float64))
    assert audio.integrated_lufs(x, RATE) == pytest.approx(expected, abs=1e-9)


def test_loudness_range_agrees_with_pyloudnorm():
    import pyloudnorm

    x = np.concatenate([speechlike(8, 1), speechlike(8, 2) * 0.3, speechlike(8, 3) * 0.6])
    expected = pyloudnorm.Meter(RATE).loudness_range(x.astype(np.float64))
    assert audio.loudness_range_lu(x, RATE) == pytest.approx(expected, abs=0.5)


# ---- true peak where it matters ------------------------------------------------------------

def whole_pass_peaks(x: np.ndarray) -> np.ndarray:
    """The reference: oversample the whole signal, per input sample the highest |value|."""
    from scipy import signal
    up = np.abs(signal.resample_poly(np.asarray(x, np.float64), 4, 1,
                                     window=true_peak.true_peak_fir()))
    return up.reshape(-1, 4).max(axis=1)


@pytest.mark.parametrize("seed", [3, 4])
def test_peaks_computed_in_stretches_are_the_whole_pass_numbers(seed):
    x = speechlike(6.0, seed)
    x[1000] = -0.97                                   # a lone click near the very start
    reference = whole_pass_peaks(x)
    peaks = true_peak.Peaks(x)
    assert peaks.highest() == reference.max()         # bit for bit, not approximately
    level = 0.5 * reference.max()
    over = peaks.over(level)
    loud = reference > level
    assert 0 < loud.mean() < 0.2                      # the case the pruning is for
    assert np.array_equal(over[loud], reference[loud])
    assert np.all(over[~loud] <= level)
    assert peaks.exact.mean() < 0.5                   # most of the signal was never oversampled


def test_true_peak_of_edges_and_silence():
    assert audio.true_peak_dbtp(np.zeros(0, np.float32), RATE) == -np.inf
    assert audio.true_peak_dbtp(np.zeros(5000, np.float32), RATE) == -np.inf
    for x in (np.r_[0.9, np.zeros(300)], np.r_[np.zeros(300), -0.9], np.array([0.5])):
        assert true_peak.Peaks(x).highest() == whole_pass_peaks(x).max()


def test_master_chain_keeps_the_loudness_and_ceiling_promise_on_a_long_spot():
    out = audio.master(speechlike(50.0, 5), RATE)
    assert audio.integrated_lufs(out, RATE) == pytest.approx(-16.0, abs=0.5)
    assert audio.true_peak_dbtp(out, RATE) <= -1.5 + 0.01
    assert 20 * np.log10(whole_pass_peaks(out).max()) <= -1.5 + 0.01


@pytest.mark.parametrize("dips", [[0], [5, 9000], [3000, 3100, 19999], [19999]])
def test_the_limiters_hold_is_filtered_near_its_dips_with_the_same_numbers(dips):
    from scipy.ndimage import minimum_filter1d, uniform_filter1d
    rng = np.random.default_rng(len(dips))
    need = np.ones(20000)
    for at in dips:                                  # at the very edges too
        need[at:at + 40] = rng.uniform(0.3, 0.99, size=need[at:at + 40].size)
    for size, origin in ((1951, 880), (45, 0), (7, -2)):
        expected = minimum_filter1d(need, size=size, origin=origin, mode="nearest")
        held = audio._near_dips(need, size // 2 + abs(origin) + 1,
                                lambda part, size=size, origin=origin: minimum_filter1d(
                                    part, size=size, origin=origin, mode="nearest"))
        assert np.array_equal(held, expected)
        # The smoothing after it: the same numbers, to the running sum's rounding.
        smooth = uniform_filter1d(held, size=177, mode="nearest")
        ours = audio._near_dips(held, 177 // 2 + 1, lambda part: uniform_filter1d(
            part, size=177, mode="nearest"))
        assert np.allclose(ours, smooth, rtol=0, atol=1e-12)
