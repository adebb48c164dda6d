"""A mastered spot -> the files a radio job ships, and the facts the manifest records."""
from __future__ import annotations

import io

from ...media import audio
from .. import OutputFile, Rendered
from .announcer import announcer_pdf, announcer_text
from .render import RATE_HZ, Spot, mp3_for
from .request import RadioRequest

LANGUAGE_ID3 = {"vi": "vie"}


def id3_tagged(mp3: bytes, request: RadioRequest) -> bytes:
    """The MP3 with ID3v2.4 tags: title, campaign, province, year, language (nothing else)."""
    from mutagen.id3 import ID3, TALB, TDRC, TIT2, TLAN, TPE1, TXXX

    province = request.province_name
    tags = ID3()
    tags.add(TIT2(encoding=3, text=[f"{request.spec.title} ({province})"]))
    tags.add(TALB(encoding=3, text=[request.campaign_title]))
    tags.add(TPE1(encoding=3, text=[request.office]))
    tags.add(TDRC(encoding=3, text=[str(request.year)]))
    tags.add(TLAN(encoding=3, text=[LANGUAGE_ID3.get(request.lang, request.lang)]))
    tags.add(TXXX(encoding=3, desc="campaign", text=[request.campaign_id]))
    tags.add(TXXX(encoding=3, desc="province", text=[province]))
    buffer = io.BytesIO(mp3)
    tags.save(buffer, v2_version=4, padding=lambda info: 0)
    return buffer.getvalue()


def transcript(spot: Spot) -> str:
    """What is said, a line per spoken line; speakers named when there are several."""
    said = [line for line in spot.lines if line.kind == "say"]
    several = len({line.voice for line in said}) > 1
    return "".join(f"{line.voice}: {line.spoken}\n" if several else f"{line.spoken}\n"
                   for line in said)


def voice_description(request: RadioRequest, spot: Spot) -> str:
    spec = request.spec
    parts = []
    for name, backend in spot.backends.items():
        voice = spec.voices[name]
        engine = voice.espeak_name if "espeak" in backend else (
            voice.tld if backend == "gtts" else "takes")
        parts.append(f"{name}={engine}" if len(spot.backends) > 1 else engine)
    return "; ".join(parts)


def rendered(request: RadioRequest, spot: Spot) -> Rendered:
    spec = request.spec
    mp3, heard = mp3_for(spot.samples, spec.loudness_lufs)
    mp3 = id3_tagged(mp3, request)
    wav = audio.wav_bytes(spot.samples, RATE_HZ)      # the master itself, 16-bit
    media = {
        "duration_s": round(spot.seconds, 3),
        "max_seconds": spec.max_seconds,
        "sample_rate_hz": RATE_HZ,
        "channels": 1,
        "integrated_lufs": heard.integrated_lufs,
        "true_peak_dbtp": heard.true_peak_dbtp,
        "loudness_range_lu": heard.loudness_range_lu,
        "backend": "+".join(sorted({b for used in spot.backends.values()
                                    for b in used.split("+")})),
        "voice": voice_description(request, spot),
    }
    files = (
        OutputFile("audio", ".mp3", mp3, {"bitrate_kbps": 128}),
        OutputFile("broadcast", ".wav", wav, {"bits": 16}),
        OutputFile("transcript", ".txt", transcript(spot).encode("utf-8")),
        OutputFile("script-txt", ".announcer.txt", announcer_text(request, spot).encode("utf-8")),
        OutputFile("script-pdf", ".announcer.pdf", announcer_pdf(request, spot)),
    )
    warnings = spot.warnings
    if abs(heard.integrated_lufs - spec.loudness_lufs) > 0.5:
        warnings += (f"reached {heard.integrated_lufs:g} LUFS, not {spec.loudness_lufs:g}: "
                     "the voice's peaks are too sharp to limit further without distortion",)
    return Rendered(files, media, warnings)
