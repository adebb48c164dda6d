"""The clip stage: short animated videos for social feeds, TVs and LED screens.

This module is the glue the spine calls (parse, render, inputs, warm). The spec lives in
spec.py, the scenes in scenes.py (over typeset.py and canvas.py), the timeline with its
transitions and captions in timeline.py, transitions.py and captions.py, the sound in
soundtrack.py, the encoder in encode.py, and one job end to end in render.py.
"""
from __future__ import annotations

from pathlib import Path

from ...catalog.sizes import sizes_of
from ...text.localized import hotline_line, in_language, phone_line
from ...text.segment import LEXICON_FILES
from .. import OutputFile, Rendered, Stage, StageError
from .spec import ClipSpec, parse

__all__ = ["STAGE", "ClipSpec", "parse", "render", "request_for"]

OPENINGS_FOLDER = ".cache/clip-openings"     # under the project, beside the TTS cache


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .render import ClipRequest

    spec: ClipSpec = job.product.body
    campaign, lang = job.campaign, job.lang
    province = job.province
    return ClipRequest(
        spec=spec, lang=lang, size=job.size,
        background=campaign.brand.colors.background, text=campaign.brand.colors.text,
        accent=campaign.brand.colors.accent,
        display_font=resolve_font(campaign.brand.fonts.display).path,
        text_font=resolve_font(campaign.brand.fonts.text).path,
        organization=in_language(campaign.organization, lang),
        theme=in_language(campaign.theme, lang), title=in_language(campaign.title, lang),
        hotline_line=hotline_line(campaign.hotline, lang),
        office=province.office_name if province else None,
        phone_line=phone_line(province.phone, lang) if province and province.phone else None,
        soundtrack_file=spec.soundtrack_file(job.province_slug, lang), product=job.product.id,
        opening_cache=spec.root / OPENINGS_FOLDER)


def render(request) -> Rendered:
    from ...media.ffmpeg import FfmpegError
    from .render import ClipError, render_clip

    try:
        result = render_clip(request)
    except (ClipError, FfmpegError) as exc:
        raise StageError(f"{request.product}: {exc}") from None
    files = tuple(OutputFile(role, suffix, data)
                  for role, (suffix, data) in sorted(result.files.items()))
    return Rendered(files, result.media)


def inputs(job) -> tuple[Path, ...]:
    """Fonts, the statistics files and their sidecars, and the soundtrack file if present."""
    from ...media.fonts import resolve_font

    spec: ClipSpec = job.product.body
    fonts = job.campaign.brand.fonts
    paths = [resolve_font(fonts.display).path, resolve_font(fonts.text).path,
             *LEXICON_FILES]
    paths += spec.data_files()
    track = spec.soundtrack_file(job.province_slug, job.lang)
    if track is not None and track.is_file():
        paths.append(track)
    return tuple(paths)


def warm(job) -> None:
    """Once per worker: moviepy, the audio meters and the fonts' metrics."""
    import moviepy  # noqa: F401

    from ...media import audio  # noqa: F401  (scipy, pyloudnorm)
    from ...media.fonts import font_metrics

    for path in inputs(job)[:2]:
        font_metrics(path)


STAGE = Stage(kind="clip", version="4", parse=parse, request=request_for, render=render,
              inputs=inputs,
              sizes=sizes_of("clip"), warm=warm,
              tools=("moviepy", "imageio-ffmpeg", "pillow", "numpy", "pyloudnorm", "scipy",
                     "fontpkg-be-vietnam-pro"), seconds=6.0)
