"""Vector PDF of a banner layout, as a print shop wants it.

- Page = trim + bleed on every side; MediaBox = BleedBox, TrimBox at the cut.
- Text is vector glyphs from the brand TTF, embedded as a subset (FontFile2); the canvas
  starts on that font so no base-14 Helvetica is ever referenced.
- Pages wider than 14 400 user units (5080 mm, the PDF page limit) are drawn smaller and
  carry /UserUnit (PDF 1.6), an integer scale viewers and RIPs multiply back.
- Deterministic bytes: reportlab's invariant mode fixes the document ID; dates come from
  the campaign (slug.py, pipeline/media/pdf_info.py).
- Given a `PrintLabel`: Info dictionary, /Lang and XMP metadata, and a job line in the
  bleed beyond the frame's top edge, never inside the trim.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass

from reportlab.lib import colors as rl_colors
from reportlab.pdfgen import canvas as rl_canvas

from pipeline.media.pdf_fonts import binary_streams, register_ttf
from pipeline.media.pdf_info import apply_info
from pipeline.media.print_color import REGISTRATION, Cmyk, cmyk_color, device_cmyk

from ...media.legibility import rgb
from .layout import BannerLayout, PlacedLine
from .slug import PrintLabel, artwork_digest, document_info, job_line_text, place_job_line

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
    job_line: PlacedLine | None = None   # frame mm; None: no label, or the bleed is too small


def user_unit_for(longest_side_pt: float) -> int:
    return 1 if longest_side_pt <= MAX_PAGE_UNITS else math.ceil(longest_side_pt / MAX_PAGE_UNITS)


def _ink(color: str, inks: dict[str, Cmyk] | None):
    """The brand's CMYK inks where `inks` has the colour, the device conversion for other
    colours of a CMYK page (derived shades such as the footer band), else RGB."""
    if inks:
        return cmyk_color(inks.get(color.upper()) or device_cmyk(color))
    r, g, b = rgb(color)
    return rl_colors.Color(r / 255, g / 255, b / 255)


def _set_fill(canvas, color: str, inks: dict[str, Cmyk] | None = None) -> None:
    canvas.setFillColor(_ink(color, inks))


def _draw_line(canvas, line: PlacedLine, font_name: str, inks: dict[str, Cmyk] | None) -> None:
    _set_fill(canvas, line.color, inks)
    text = canvas.beginText()
    text.setFont(font_name, line.em_mm)
    for dx_mm, run in line.runs:
        text.setTextOrigin(line.x_mm + dx_mm, line.baseline_mm)
        text.textOut(run)
    canvas.drawText(text)


def _crop_marks(canvas, width_mm: float, height_mm: float, bleed_mm: float,
                inks: dict[str, Cmyk] | None = None) -> None:
    """Marks on the trim lines' extensions, inside the bleed (the page ends there); on a
    CMYK page in registration colour, so every plate carries them."""
    offset = min(3.0, bleed_mm / 3)
    segments = []
    for x, sx in ((0.0, -1), (width_mm, 1)):
        for y, sy in ((0.0, -1), (height_mm, 1)):
            segments.append((x + sx * offset, y, x + sx * bleed_mm, y))
            segments.append((x, y + sy * offset, x, y + sy * bleed_mm))
    black = cmyk_color(REGISTRATION) if inks else _ink("#000000", None)
    for color, width in ((_ink("#FFFFFF", inks), CROP_MARK_WHITE_MM),
                         (black, CROP_MARK_BLACK_MM)):
        canvas.setStrokeColor(color)
        canvas.setLineWidth(width)
        canvas.lines(segments)


def render_pdf(layout: BannerLayout, crop_marks: bool = True,
               inks: dict[str, Cmyk] | None = None, label: PrintLabel | None = None,
               job_line: bool = True) -> PdfResult:
    """`inks`: #RRGGBB -> CMYK percent (`PrintColors.by_hex`); given, the PDF is CMYK.
    `label`: metadata and (unless `job_line` is False) the job line in the bleed."""
    with binary_streams():
        return _render_pdf(layout, crop_marks, inks, label, job_line)


def _job_line(layout: BannerLayout, label: PrintLabel, unit: int,
              inks: dict[str, Cmyk] | None) -> PlacedLine | None:
    """Set in the text font (the footer's), in the headline's colour: the bleed above the
    frame's top edge is always the background, on which the headline is checked to read."""
    headline = layout.role_lines("headline")[0]
    font = next((line.font for line in layout.lines if line.role != "headline"), headline.font)
    text = job_line_text(label, layout.size, unit, artwork_digest(layout, inks))
    return place_job_line(text, layout, font, headline.color)


def _draw_artwork(canvas, layout: BannerLayout, names: dict, slug_line: PlacedLine | None,
                  inks: dict[str, Cmyk] | None) -> None:
    """Background into the bleed, fills, text lines and the job line, in trim mm."""
    size, bleed = layout.size, layout.size.bleed_mm
    canvas.saveState()
    if layout.rotated:
        canvas.translate(size.width_mm, 0)
        canvas.rotate(90)                         # frame x runs up the trim
    if layout.art is not None:
        from .template_paint import draw_art

        draw_art(canvas, layout.art, size, inks, print_photos=bool(inks))
    else:
        _set_fill(canvas, layout.background, inks)
        canvas.rect(-bleed, -bleed, layout.frame_w_mm + 2 * bleed,
                    layout.frame_h_mm + 2 * bleed, stroke=0, fill=1)
    for fill in layout.fills:
        _set_fill(canvas, fill.color, inks)
        canvas.rect(fill.x0_mm, fill.y0_mm, fill.x1_mm - fill.x0_mm, fill.y1_mm - fill.y0_mm,
                    stroke=0, fill=1)
    for line in layout.lines:
        _draw_line(canvas, line, names[line.font], inks)
    if slug_line is not None:
        _draw_line(canvas, slug_line, names[slug_line.font], inks)
    canvas.restoreState()


def _render_pdf(layout: BannerLayout, crop_marks: bool, inks: dict[str, Cmyk] | None,
                label: PrintLabel | None, job_line: bool) -> PdfResult:
    size = layout.size
    bleed = size.bleed_mm
    page_mm = (size.width_mm + 2 * bleed, size.height_mm + 2 * bleed)
    unit = user_unit_for(max(page_mm) * PT_PER_MM)
    k = PT_PER_MM / unit                          # user units per mm
    page = (page_mm[0] * k, page_mm[1] * k)
    trim = (bleed * k, bleed * k, (size.width_mm + bleed) * k, (size.height_mm + bleed) * k)
    media = (0.0, 0.0, page[0], page[1])
    slug_line = _job_line(layout, label, unit, inks) if label and job_line else None
    names = {line.font: register_ttf(str(line.font))
             for line in (*layout.lines, *([slug_line] if slug_line else []))}
    initial = names[layout.lines[-1].font] if names else None

    out = io.BytesIO()
    canvas = rl_canvas.Canvas(
        out, pagesize=page, invariant=1, pageCompression=1,
        pdfVersion=(1, 6) if unit > 1 else (1, 4), enforceColorSpace="cmyk" if inks else "rgb",
        initialFontName=initial, initialFontSize=12, trimBox=trim, bleedBox=media)
    canvas.setCreator("campaign media pipeline")
    if label is not None:
        headline = " ".join(line.text for line in layout.role_lines("headline"))
        apply_info(canvas, document_info(label, headline))
    canvas.translate(bleed * k, bleed * k)
    canvas.scale(k, k)                            # from here on: trim millimetres
    _draw_artwork(canvas, layout, names, slug_line, inks)
    if crop_marks and bleed > 0:
        _crop_marks(canvas, size.width_mm, size.height_mm, bleed, inks)
    canvas.showPage()
    if unit > 1:
        # reportlab has no API for /UserUnit; the page object serializes the keys listed
        # in __NoDefault__, so this one page gets the key added to its own copy.
        pdf_page = canvas._doc.Pages.pages[-1]
        pdf_page.__NoDefault__ = [*pdf_page.__NoDefault__, "UserUnit"]
        pdf_page.UserUnit = unit
    data = canvas.getpdfdata()
    return PdfResult(data, page, unit, trim, media, slug_line)
