"""One infographic request -> PNG, SVG, PDF and alt text, byte-for-byte reproducible.

The figure is built once and saved three times. Sizes are exact: a screen format is its
pixels at 144 dpi; A4 is 210 x 297 mm at 300 dpi (the PNG is 2480 x 3508 px, the PDF page
exactly A4).
"""
from __future__ import annotations

import io

from ...catalog.datasets import EXAMPLE_MARK
from ...catalog.sizes import Size
from ...text.localized import hotline_line, in_language
from ...text.vietnamese import upper_vi
from .. import OutputFile, Rendered, StageError
from .alt_text import alt_text
from .charts import RENDERERS
from .charts.base import Canvas
from .compare import CompareError
from .formats import Formats, parse_date
from .frame import Drawer, Page, Words, draw_frame
from .request import InfographicRequest
from .sizes import render_dpi
from .spec import InfographicSpec
from .style import PDF_METADATA, RC, SVG_METADATA, register_fonts

LEGAL_SOURCE = {
    "vi": "Căn cứ: Luật BHXH 2014 (điều 54, 56, 58, 60), Luật BHYT (điều 12, 13), "
          "Nghị định 146/2018/NĐ-CP. Số liệu minh họa, không thay kết quả tính của cơ "
          "quan BHXH.",
    "en": "Basis: Law on Social Insurance 2014 (art. 54, 56, 58, 60), Law on Health "
          "Insurance (art. 12, 13), Decree 146/2018/ND-CP. An illustration, not a benefit "
          "decision.",
}


def source_line(spec: InfographicSpec, fmt: Formats) -> str:
    """The credit under the chart: the spec's own, or the sidecars' with their dates."""
    lang = fmt.lang
    if spec.source:
        own = in_language(spec.source, lang)
        example = any(d is not None and d.source.example for d in (spec.data, spec.targets))
        return f"{in_language(EXAMPLE_MARK, lang)}. {own}" if example else own
    if spec.chart == "compare":
        return LEGAL_SOURCE[lang]
    parts = []
    for dataset in (spec.data, spec.targets):
        if dataset is None:
            continue
        source = dataset.source
        credit = in_language(source.credit, lang)
        when = parse_date(source.date)
        parts.append(f"{credit} ({fmt.month(when)})" if when else credit)
    return "; ".join(parts)


def page_inches(size: Size) -> tuple[float, float]:
    if size.pixel_size is not None:
        dpi = render_dpi(size)
        return size.pixel_size[0] / dpi, size.pixel_size[1] / dpi
    return size.width_mm / 25.4, size.height_mm / 25.4


def render_infographic(request: InfographicRequest) -> Rendered:
    """The PNG, SVG, PDF and alt text; StageError naming the product for pension figures
    the law does not allow."""
    try:
        png, svg, pdf, alt, media = _draw(request)
    except CompareError as exc:
        raise StageError(f"{request.product}: {exc}") from None
    size = {"width_px": media["width_px"], "height_px": media["height_px"]}
    return Rendered((OutputFile("raster", ".png", png, size),
                     OutputFile("vector", ".svg", svg),
                     OutputFile("print", ".pdf", pdf),
                     OutputFile("alt_text", ".txt", alt.encode("utf-8") + b"\n")), media)


def _draw(request: InfographicRequest) -> tuple[bytes, bytes, bytes, str, dict]:
    import matplotlib
    from matplotlib.figure import Figure

    spec, lang, size = request.spec, request.lang, request.size
    fmt = Formats(lang)
    chart = RENDERERS[spec.chart]
    story = chart.story(spec, fmt)
    fonts = register_fonts(str(request.display_font), str(request.text_font))
    palette = request.palette
    words = Words(
        headline=in_language(spec.headline, lang),
        subtitle=in_language(spec.subtitle, lang),
        key_value=story.key_value, key_text=story.key_text,
        source=source_line(spec, fmt),
        organization=upper_vi(request.organization) if lang == "vi" else request.organization,
        hotline=hotline_line(request.hotline, lang),
        theme=request.theme)
    dpi = render_dpi(size)
    width_in, height_in = page_inches(size)
    page = Page(width_in * 72, height_in * 72)
    u = page.unit
    rc = {**RC, "font.weight": fonts.text_weight, "font.size": 2.4 * u,
          "xtick.labelsize": 2.4 * u, "ytick.labelsize": 2.4 * u,
          "xtick.color": palette.muted, "ytick.color": palette.muted,
          "xtick.labelcolor": palette.ink, "ytick.labelcolor": palette.muted,
          "text.language": lang}
    alt = alt_text(spec.chart, lang, words.headline, words.subtitle, story, words.source,
                   request.organization, request.hotline)
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width_in, height_in), dpi=dpi)
        drawer = Drawer(fig, page)
        rect, set_lines = draw_frame(drawer, words, palette, fonts)
        chart.draw(Canvas(fig, drawer, rect, palette, fonts, fmt), spec)
        svg = _save(fig, "svg", metadata={**SVG_METADATA, "Title": words.headline,
                                          "Description": alt})
        pdf = _save(fig, "pdf", metadata={**PDF_METADATA, "Title": words.headline,
                                          "Subject": alt})
        width_px, height_px = size.raster_px
        png = _png(fig, dpi, width_px, height_px)
    media = {"chart": spec.chart, "width_px": width_px, "height_px": height_px,
             "dpi": dpi, "page_mm": [round(width_in * 25.4, 2), round(height_in * 25.4, 2)],
             "key_figure": story.key_value, "alt_text": alt, "facts": story.facts,
             **{f"{role}_lines": list(lines) for role, lines in sorted(set_lines.items())}}
    return png, svg, pdf, alt, media


def _png(fig, dpi: int, width_px: int, height_px: int) -> bytes:
    """The page as an opaque RGB PNG of exactly width_px x height_px, dpi recorded.

    Drawn by Agg and encoded here rather than by savefig: an infographic has no
    transparency, and RGB at zlib level 3 encodes in half the time of savefig's RGBA.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    # Agg truncates inches x dpi; a quarter pixel more makes A4's 3507.87 px 3508.
    fig.set_size_inches((width_px + 0.25) / dpi, (height_px + 0.25) / dpi)
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = canvas.buffer_rgba()
    image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA",
                             0, 1).convert("RGB")
    assert image.size == (width_px, height_px), image.size
    buffer = io.BytesIO()
    image.save(buffer, "png", compress_level=3, dpi=(dpi, dpi))
    return buffer.getvalue()


def _save(fig, fmt: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, **kwargs)
    return buffer.getvalue()
