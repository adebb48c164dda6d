"""The infographic stage: statistics and the pension arithmetic as publication-ready charts.

This module is the glue: it reads the spec (spec.py, data files included) and turns a job
into an `InfographicRequest`; render.py makes the files. Charts live in charts/,
the page around them in frame.py.
"""
from __future__ import annotations

from ...catalog.sizes import sizes_of
from ...text.localized import in_language
from ...text.segment import lexicon_files
from .. import Rendered, Stage
from .spec import InfographicSpec, parse

__all__ = ["STAGE", "InfographicSpec", "parse", "render", "request_for"]


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .request import InfographicRequest
    from .style import Palette

    campaign, lang = job.campaign, job.lang
    spec: InfographicSpec = job.product.body
    colors = campaign.brand.colors
    display = resolve_font(campaign.brand.fonts.display).path
    text = resolve_font(campaign.brand.fonts.text).path
    return InfographicRequest(
        spec=spec, lang=lang, size=job.size,
        palette=Palette(colors.background, colors.text, colors.accent),
        display_font=display, text_font=text,
        organization=in_language(campaign.organization, lang), hotline=campaign.hotline,
        theme=in_language(campaign.theme, lang), product=job.product.id,
        inputs=(*spec.files(), display, text, *lexicon_files()))


def render(request) -> Rendered:
    from .render import render_infographic

    return render_infographic(request)


def warm(request) -> None:
    """Imports, the campaign's fonts and a throw-away drawing, once per worker process."""
    from .style import warm as warm_matplotlib

    warm_matplotlib(request.display_font, request.text_font)


STAGE = Stage(kind="infographic", version="2", parse=parse, request=request_for,
              render=render, sizes=sizes_of("infographic"),
              tools=("matplotlib", "pillow", "fontpkg-be-vietnam-pro"), warm=warm, seconds=0.5)
