"""The infographic stage: statistics and the pension arithmetic as publication-ready charts.

This module is the glue: it reads the spec (spec.py, data files included), turns a job
into an `InfographicRequest` and the result into output files. Charts live in charts/,
the page around them in frame.py.
"""
from __future__ import annotations

from pathlib import Path

from ...catalog.sizes import sizes_of
from ...text.localized import in_language
from ...text.segment import LEXICON_FILES
from .. import OutputFile, Rendered, Stage, StageError
from .spec import InfographicSpec, parse

__all__ = ["STAGE", "InfographicSpec", "parse", "render", "request_for"]


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .render import InfographicRequest
    from .style import Palette

    campaign, lang = job.campaign, job.lang
    colors = campaign.brand.colors
    return InfographicRequest(
        spec=job.product.body, lang=lang, size=job.size,
        palette=Palette(colors.background, colors.text, colors.accent),
        display_font=resolve_font(campaign.brand.fonts.display).path,
        text_font=resolve_font(campaign.brand.fonts.text).path,
        organization=in_language(campaign.organization, lang), hotline=campaign.hotline,
        theme=in_language(campaign.theme, lang), product=job.product.id)


def render(request) -> Rendered:
    from .compare import CompareError
    from .render import render_infographic

    try:
        result = render_infographic(request)
    except CompareError as exc:
        raise StageError(f"{request.product}: {exc}") from None
    size = {"width_px": result.media["width_px"], "height_px": result.media["height_px"]}
    files = (
        OutputFile("raster", ".png", result.png, size),
        OutputFile("vector", ".svg", result.svg),
        OutputFile("print", ".pdf", result.pdf),
        OutputFile("alt_text", ".txt", result.alt_text.encode("utf-8") + b"\n"),
    )
    return Rendered(files, result.media)


def inputs(job) -> tuple[Path, ...]:
    from ...media.fonts import resolve_font

    fonts = job.campaign.brand.fonts
    spec: InfographicSpec = job.product.body
    return (*spec.files(), resolve_font(fonts.display).path, resolve_font(fonts.text).path,
            *LEXICON_FILES)


def warm(job) -> None:
    """Imports, the campaign's fonts and a throw-away drawing, once per worker process."""
    from ...media.fonts import resolve_font
    from .style import warm as warm_matplotlib

    fonts = job.campaign.brand.fonts
    warm_matplotlib(resolve_font(fonts.display).path, resolve_font(fonts.text).path)


STAGE = Stage(kind="infographic", version="2", parse=parse, request=request_for,
              render=render, inputs=inputs, sizes=sizes_of("infographic"),
              tools=("matplotlib", "pillow", "fontpkg-be-vietnam-pro"), warm=warm, seconds=0.5)
