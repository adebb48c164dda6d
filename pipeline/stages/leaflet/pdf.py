"""The print PDF of a leaflet: one page per printed side, as a print shop wants it.

- MediaBox = trim + a 10 mm slug; BleedBox = trim + 3 mm; TrimBox at the cut. Crop marks
  and the brochure's fold marks sit in the slug, outside the bleed, so the cut and the
  folds never show them.
- Text is vector glyphs of the brand TTFs embedded as subsets; the canvas starts on the
  text font, so no base-14 Helvetica is referenced. Charts and QR codes are vector paths;
  the only image XObjects are photos a spec places.
- Info dictionary, /Lang vi-VN and XMP (pipeline/media/pdf_info.py): title, author = the
  organization, dates = the campaign's start. Deterministic bytes (invariant mode).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas

from pipeline.media.pdf_fonts import binary_streams
from pipeline.media.pdf_info import DocumentInfo, apply_info
from pipeline.media.print_color import REGISTRATION, cmyk_color

from .flow import Placed
from .formats import SLUG_MM, TOP_BAND_MM, Sheet
from .look import Look
from .request import Meta

MARK_W_MM = 0.1           # 0.28 pt hairline
MARK_GAP_MM = 0.5         # between the bleed edge and a mark
FOLD_DASH_MM = (1.5, 1.0)
LANG = "vi-VN"


@dataclass(frozen=True)
class PdfBoxes:
    media_pt: tuple[float, float, float, float]
    bleed_pt: tuple[float, float, float, float]
    trim_pt: tuple[float, float, float, float]


def boxes(sheet: Sheet) -> PdfBoxes:
    w, h, bleed = sheet.size.width_mm, sheet.size.height_mm, sheet.size.bleed_mm
    s = SLUG_MM
    return PdfBoxes((0.0, 0.0, (w + 2 * s) * mm, (h + 2 * s) * mm),
                    ((s - bleed) * mm, (s - bleed) * mm, (s + w + bleed) * mm,
                     (s + h + bleed) * mm),
                    (s * mm, s * mm, (s + w) * mm, (s + h) * mm))


def render_pdf(sheet: Sheet, placed: tuple[Placed, ...], look: Look, meta: Meta) -> bytes:
    with binary_streams():
        return _render(sheet, placed, look, meta)


def _render(sheet: Sheet, placed: tuple[Placed, ...], look: Look, meta: Meta) -> bytes:
    b = boxes(sheet)
    out = io.BytesIO()
    canvas = rl_canvas.Canvas(
        out, pagesize=b.media_pt[2:], invariant=1, pageCompression=1,
        enforceColorSpace="cmyk" if look.inks else "rgb", initialFontName=look.text_font,
        initialFontSize=9, trimBox=b.trim_pt, bleedBox=b.bleed_pt)
    apply_info(canvas, DocumentInfo(meta.title, meta.author, meta.subject, meta.keywords,
                                    LANG, meta.created))
    for page in range(sheet.pages):
        canvas.saveState()
        canvas.translate(SLUG_MM * mm, SLUG_MM * mm)      # from here on: trim coordinates
        _top_band(canvas, sheet, look)
        for item in placed:
            if item.panel.page == page:
                item.piece.flowable.drawOn(canvas, item.x_pt, item.y_pt)
        _marks(canvas, sheet, look, sheet.folds_mm[page])
        canvas.restoreState()
        canvas.showPage()
    return canvas.getpdfdata()


def _top_band(canvas, sheet: Sheet, look: Look) -> None:
    """A brand-colour strip along the top edge of every side, bled off on three sides."""
    w, h, bleed = sheet.size.width_mm, sheet.size.height_mm, sheet.size.bleed_mm
    canvas.setFillColor(look.color(look.brand))
    canvas.rect(-bleed * mm, (h - TOP_BAND_MM) * mm, (w + 2 * bleed) * mm,
                (TOP_BAND_MM + bleed) * mm, stroke=0, fill=1)


def _mark_color(look: Look):
    """Registration (all four inks) in CMYK, so every plate carries the marks."""
    return cmyk_color(REGISTRATION) if look.inks else colors.black


def _marks(canvas, sheet: Sheet, look: Look, folds_mm: tuple[float, ...]) -> None:
    """Crop marks on the trim lines' extensions and dashed fold marks, in the slug only."""
    w, h = sheet.size.width_mm, sheet.size.height_mm
    near = sheet.size.bleed_mm + MARK_GAP_MM
    far = SLUG_MM - MARK_GAP_MM
    canvas.setStrokeColor(_mark_color(look))
    canvas.setLineWidth(MARK_W_MM * mm)
    crops = []
    for x, sx in ((0.0, -1), (w, 1)):
        for y, sy in ((0.0, -1), (h, 1)):
            crops.append((x + sx * near, y, x + sx * far, y))
            crops.append((x, y + sy * near, x, y + sy * far))
    canvas.lines([tuple(v * mm for v in seg) for seg in crops])
    if folds_mm:
        canvas.setDash([d * mm for d in FOLD_DASH_MM])
        folds = [(x, y0, x, y1) for x in folds_mm
                 for y0, y1 in ((-near, -far), (h + near, h + far))]
        canvas.lines([tuple(v * mm for v in seg) for seg in folds])
        canvas.setDash()
