"""The leaflet stage: print-ready two-sided leaflets and folded brochures (docs/leaflets.md).

This module turns a job into a `LeafletRequest` and the render into output files; the
spec lives in spec.py, the layout in flow.py and its neighbours.
"""
from __future__ import annotations

from pathlib import Path

from .. import OutputFile, Rendered, Stage, StageError
from .fit import preflight
from .formats import LEAFLET_SIZES
from .spec import parse


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .pdf import Meta
    from .pieces import contact_lines
    from .render import LeafletRequest

    campaign, spec = job.campaign, job.product.body
    organization = campaign.organization["vi"]
    subject = campaign.title["vi"]
    if job.province is not None:
        subject += f" - {job.province.office_name}"
    return LeafletRequest(
        spec=spec, size_name=job.size_name, colors=campaign.brand.colors,
        print_colors=campaign.brand.print_colors,
        display_font=resolve_font(campaign.brand.fonts.display).path,
        text_font=resolve_font(campaign.brand.fonts.text).path,
        contact=contact_lines(campaign, job.province),
        meta=Meta(spec.title, organization, subject, campaign.window_start,
                  (campaign.theme["vi"], "tờ rơi", job.province_slug)),
        where=f"{job.product.source.file}:", province=job.province_slug)


def render(request) -> Rendered:
    from .render import LayoutError, render_leaflet

    try:
        result = render_leaflet(request)
    except LayoutError as exc:
        raise StageError(f"{exc} ({request.size_name}, {request.province})") from None
    files = [OutputFile("print", ".pdf", result.pdf)]
    files += [OutputFile(f"preview-{n}", f".preview-{n}.png", data)
              for n, data in enumerate(result.previews, start=1)]
    files.append(OutputFile("thumb", ".thumb.png", result.thumb))
    return Rendered(tuple(files), result.media)


def inputs(job) -> tuple[Path, ...]:
    """Fonts, data files, photos, and the word lists where lines may break."""
    from ...media.fonts import resolve_font
    from ...text.segment import LEXICON_FILES

    fonts = job.campaign.brand.fonts
    return (resolve_font(fonts.display).path, resolve_font(fonts.text).path,
            *job.product.body.files(), *(p for p in LEXICON_FILES if p.is_file()))


def warm(job) -> None:
    """Imports, font registration and the segmenter's lexicon: once a worker, not per job."""
    import pypdfium2  # noqa: F401  (imported for its start-up cost)
    import segno  # noqa: F401

    from ...media.pdf_fonts import register_ttf
    from ...text.typeset import units

    for path in inputs(job)[:2]:
        register_ttf(str(path))
    units("bảo hiểm xã hội")


STAGE = Stage(kind="leaflet", version="1", parse=parse, request=request_for, render=render,
              inputs=inputs,
              sizes=LEAFLET_SIZES, tools=("reportlab", "segno", "pypdfium2",
                                          "fontpkg-be-vietnam-pro"), warm=warm,
              preflight=preflight, seconds=0.12)
