"""The clip stage: short animated videos for social feeds, TVs and LED screens.

This module is the glue the spine calls (parse, request, render, warm). The spec lives in
spec.py, the scenes in scenes.py (over typeset.py and canvas.py), the timeline with its
transitions and captions in timeline.py, transitions.py and captions.py, the sound in
soundtrack.py, the encoder in encode.py, and one job end to end in render.py.
"""
from __future__ import annotations

from ...catalog.sizes import sizes_of
from ...text.localized import hotline_line, in_language, phone_line
from ...text.segment import lexicon_files
from .. import Rendered, Stage
from .spec import ClipSpec, parse

__all__ = ["STAGE", "ClipSpec", "parse", "render", "request_for"]

OPENINGS_FOLDER = ".cache/clip-openings"     # under the project, beside the TTS cache


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .request import ClipRequest

    spec: ClipSpec = job.product.body
    campaign, lang = job.campaign, job.lang
    province = job.province
    display = resolve_font(campaign.brand.fonts.display).path
    text = resolve_font(campaign.brand.fonts.text).path
    track = spec.soundtrack_file(job.province_slug, lang)
    voice_request, speak = _voice(job)
    return ClipRequest(
        spec=spec, lang=lang, size=job.size,
        background=campaign.brand.colors.background, text=campaign.brand.colors.text,
        accent=campaign.brand.colors.accent, display_font=display, text_font=text,
        organization=in_language(campaign.organization, lang),
        theme=in_language(campaign.theme, lang), title=in_language(campaign.title, lang),
        hotline_line=hotline_line(campaign.hotline, lang),
        office=province.office_name if province else None,
        phone_line=phone_line(province.phone, lang) if province and province.phone else None,
        soundtrack_file=track, product=job.product.id,
        opening_cache=spec.root / OPENINGS_FOLDER,
        voice_request=voice_request, speak=speak,
        # A missing soundtrack is the render's error to report, not a file to fingerprint.
        inputs=(display, text, *lexicon_files(), *spec.data_files(),
                *((track,) if track is not None and track.is_file() else ()),
                *(voice_request.inputs if voice_request is not None else ())))


def _voice(job):
    """The radio job the clip's voice comes from (same province and language), asked of
    the radio stage through the registry."""
    import dataclasses

    from .. import STAGES

    spec: ClipSpec = job.product.body
    if spec.voice is None:
        return None, None
    radio = STAGES["radio"]
    voice_job = dataclasses.replace(job, product=spec.voice, size=None)
    return radio.request(voice_job), radio.spoken


def render(request) -> Rendered:
    from .render import render_clip

    return render_clip(request)


def warm(request) -> None:
    """Once per worker: moviepy, the audio meters and the fonts' metrics."""
    import moviepy  # noqa: F401

    from ...media import audio  # noqa: F401  (scipy, pyloudnorm)
    from ...media.fonts import font_metrics

    for path in (request.display_font, request.text_font):
        font_metrics(path)


STAGE = Stage(kind="clip", version="5", parse=parse, request=request_for, render=render,
              sizes=sizes_of("clip"), warm=warm,
              tools=("moviepy", "imageio-ffmpeg", "pillow", "numpy", "pyloudnorm", "scipy",
                     "fontpkg-be-vietnam-pro"), seconds=6.0)
