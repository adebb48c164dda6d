"""Vector PDF of a banner layout, as a print shop wants it.

- Page = trim + bleed on every side; MediaBox = BleedBox, TrimBox at the cut.
- Text is vector glyphs from the brand TTF, embedded as a subset (FontFile2); the canvas
  starts on that font so no base-14 Helvetica is ever referenced.
- Pages wider than 14 400 user units (5080 mm, the PDF page limit) are drawn smaller and
  carry /UserUnit (PDF 1.6), an integer scale viewers and RIPs multiply back.
- Deterministic bytes: reportlab's invariant mode fixes dates and the document ID.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import math
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from pipeline.media.fonts import font_postscript_name

from .layout import BannerLayout, PlacedLine
from .legibility import rgb

PT_PER_MM = 72 / 25.4
MAX_PAGE_UNITS = 14_400          # ISO 32000-1 annex C: largest page side in user units
CROP_MARK_BLACK_MM = 0.09        # 0.25 pt hairline
CROP_MARK_WHITE_MM = 0.3         # white under-stroke keeps the mark visible on dark bleed


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    page_pt: tuple[float, float]   # MediaBox width/height in user units (pt / user_unit)
    user_unit: int
    trim_box: tuple[float, float, float, float]
    bleed_box: tuple[float, float, float, float]


@functools.lru_cache(maxsize=None)
def register_ttf(path: str) -> str:
    """Register a TTF with reportlab once per process and return the name to use.

    reportlab's font registry is process-wide; the name is the PostScript name unless a
    different file already took it, then a content hash keeps both apart deterministically.
    """
    name = font_postscript_name(path)
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if Path(getattr(font.face, "filename", "")) != Path(path):
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]
            name = f"{name}-{digest}"
    if name not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(name, path)
        _memoize_subsets(font.face)
        pdfmetrics.registerFont(font)
    return name


def _memoize_subsets(face) -> None:
    """Reuse subset font programs across documents.

    Subsetting is the largest cost of a banner PDF, and 63 provinces of one message embed
    the same headline glyphs. `makeSubset` is a pure function of the glyph list, so this
    changes no byte of output.
    """
    make = face.makeSubset
    cached = functools.lru_cache(maxsize=64)(lambda glyphs: make(list(glyphs)))
    face.makeSubset = lambda subset: cached(tuple(subset))


def user_unit_for(longest_side_pt: float) -> int:
    return 1 if longest_side_pt <= MAX_PAGE_UNITS else math.ceil(longest_side_pt / MAX_PAGE_UNITS)


def _set_fill(canvas, color: str) -> None:
    r, g, b = rgb(color)
    canvas.setFillColorRGB(r / 255, g / 255, b / 255)


def _draw_line(canvas, line: PlacedLine, font_name: str) -> None:
    _set_fill(canvas, line.color)
    text = canvas.beginText()
    text.setFont(font_name, line.em_mm)
    for dx_mm, run in line.runs:
        text.setTextOrigin(line.x_mm + dx_mm, line.baseline_mm)
        text.textOut(run)
    canvas.drawText(text)


def _crop_marks(canvas, width_mm: float, height_mm: float, bleed_mm: float) -> None:
    """Marks on the trim lines' extensions, inside the bleed (the page ends there)."""
    offset = min(3.0, bleed_mm / 3)
    segments = []
    for x, sx in ((0.0, -1), (width_mm, 1)):
        for y, sy in ((0.0, -1), (height_mm, 1)):
            segments.append((x + sx * offset, y, x + sx * bleed_mm, y))
            segments.append((x, y + sy * offset, x, y + sy * bleed_mm))
    for color, width in (("#FFFFFF", CROP_MARK_WHITE_MM), ("#000000", CROP_MARK_BLACK_MM)):
        r, g, b = rgb(color)
        canvas.setStrokeColorRGB(r / 255, g / 255, b / 255)
        canvas.setLineWidth(width)
        canvas.lines(segments)


@contextlib.contextmanager
def _binary_streams():
    """reportlab ASCII85-encodes streams by default (+25 % bytes, and slow in pure Python);
    print files have no reason to be 7-bit. The switch is process-wide, so it is restored."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def render_pdf(layout: BannerLayout, crop_marks: bool = True) -> PdfResult:
    with _binary_streams():
        return _render_pdf(layout, crop_marks)


def _render_pdf(layout: BannerLayout, crop_marks: bool) -> PdfResult:
    size = layout.size
    bleed = size.bleed_mm
    page_mm = (size.width_mm + 2 * bleed, size.height_mm + 2 * bleed)
    unit = user_unit_for(max(page_mm) * PT_PER_MM)
    k = PT_PER_MM / unit                          # user units per mm
    page = (page_mm[0] * k, page_mm[1] * k)
    trim = (bleed * k, bleed * k, (size.width_mm + bleed) * k, (size.height_mm + bleed) * k)
    media = (0.0, 0.0, page[0], page[1])
    names = {line.font: register_ttf(str(line.font)) for line in layout.lines}
    initial = names[layout.lines[-1].font] if names else None

    out = io.BytesIO()
    canvas = rl_canvas.Canvas(
        out, pagesize=page, invariant=1, pageCompression=1,
        pdfVersion=(1, 6) if unit > 1 else (1, 4), enforceColorSpace="rgb",
        initialFontName=initial, initialFontSize=12, trimBox=trim, bleedBox=media)
    canvas.setCreator("campaign media pipeline")
    canvas.translate(bleed * k, bleed * k)
    canvas.scale(k, k)                            # from here on: trim millimetres
    canvas.saveState()
    if layout.rotated:
        canvas.translate(size.width_mm, 0)
        canvas.rotate(90)                         # frame x runs up the trim
    _set_fill(canvas, layout.background)
    canvas.rect(-bleed, -bleed, layout.frame_w_mm + 2 * bleed, layout.frame_h_mm + 2 * bleed,
                stroke=0, fill=1)
    for fill in layout.fills:
        _set_fill(canvas, fill.color)
        canvas.rect(fill.x0_mm, fill.y0_mm, fill.x1_mm - fill.x0_mm, fill.y1_mm - fill.y0_mm,
                    stroke=0, fill=1)
    for line in layout.lines:
        _draw_line(canvas, line, names[line.font])
    canvas.restoreState()
    if crop_marks and bleed > 0:
        _crop_marks(canvas, size.width_mm, size.height_mm, bleed)
    canvas.showPage()
    if unit > 1:
        # reportlab has no API for /UserUnit; the page object serializes the keys listed
        # in __NoDefault__, so this one page gets the key added to its own copy.
        pdf_page = canvas._doc.Pages.pages[-1]
        pdf_page.__NoDefault__ = [*pdf_page.__NoDefault__, "UserUnit"]
        pdf_page.UserUnit = unit
    data = canvas.getpdfdata()
    return PdfResult(data, page, unit, trim, media)
