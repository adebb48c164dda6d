"""Leaflet rendering: a request in, files (bytes) and measured facts out.

No file I/O besides reading fonts (and photos a spec places); the stage decides where
the bytes go.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.media.fonts import font_full_name, font_version, missing_glyphs
from pipeline.media.pdf_fonts import register_ttf
from pipeline.media.pdfx import PdfxError, print_ready

from .. import OutputFile, Rendered, StageError
from .flow import LayoutError, Placed, flow, panel_texts
from .formats import SLUG_MM, Sheet, sheet_for
from .look import Look, make_look, min_text_pt
from .pdf import boxes, render_pdf
from .pieces import piece
from .request import LeafletRequest
from .spec import Qr

__all__ = ["LayoutError", "LeafletRequest", "layout", "render_leaflet"]


@dataclass(frozen=True)
class Layout:
    sheet: Sheet
    look: Look
    placed: tuple[Placed, ...]


def layout(req: LeafletRequest) -> Layout:
    """Blocks placed on the sheet's panels; LayoutError when the copy does not fit."""
    look = make_look(req.colors, register_ttf(str(req.display_font)),
                     register_ttf(str(req.text_font)), req.print_colors)
    sheet = sheet_for(req.size_name)
    pieces = [piece(block, look, req.contact) for block in req.spec.blocks]
    _check_glyphs(pieces, req)
    return Layout(sheet, look, flow(pieces, sheet, req.where))


def _check_glyphs(pieces, req: LeafletRequest) -> None:
    """Text from outside the spec (province names in the contact box) is checked here:
    reportlab would silently draw a missing glyph as an empty box."""
    fonts = dict.fromkeys((req.display_font, req.text_font))
    for item in pieces:
        for text in item.texts:
            for font in fonts:
                missing = missing_glyphs(text, font)
                if missing:
                    raise LayoutError(req.where, item.block,
                                      f"{item.block.label()}: the font {font_full_name(font)} "
                                      f"has no glyph for {missing[0]!r} "
                                      f"(U+{ord(missing[0]):04X}) in {text!r}")


def render_leaflet(req: LeafletRequest) -> Rendered:
    """The print PDF, a preview per page and a thumbnail; StageError naming the block, the
    size and the province when the copy does not fit."""
    from .preview import render_previews

    try:
        result = layout(req)
    except LayoutError as exc:
        raise StageError(f"{exc} ({req.size_name}, {req.province})") from None
    try:
        pdf, print_facts = print_ready(render_pdf(result.sheet, result.placed, result.look,
                                                  req.meta), cmyk=result.look.inks is not None)
    except PdfxError as exc:
        raise StageError(f"{req.where} {exc} ({req.size_name}, {req.province})") from None
    previews, thumb, preview_px = render_previews(pdf)
    media = facts(req, result)
    media["preview_px"] = list(preview_px)
    media.update(print_facts)
    files = [OutputFile("print", ".pdf", pdf)]
    files += [OutputFile(f"preview-{n}", f".preview-{n}.png", data)
              for n, data in enumerate(previews, start=1)]
    files.append(OutputFile("thumb", ".thumb.png", thumb))
    return Rendered(tuple(files), media)


def _mm(value: float) -> float:
    return round(value, 2)


def facts(req: LeafletRequest, result: Layout) -> dict:
    sheet = result.sheet
    texts = panel_texts(sheet, result.placed)
    roles = {role for item in result.placed for role in item.piece.roles}
    b = boxes(sheet)
    return {
        "page_mm": [sheet.size.width_mm, sheet.size.height_mm],
        "pages": sheet.pages,
        "bleed_mm": sheet.size.bleed_mm,
        "slug_mm": SLUG_MM,
        "trim_box_pt": [round(v, 3) for v in b.trim_pt],
        "bleed_box_pt": [round(v, 3) for v in b.bleed_pt],
        "folds_mm": [[_mm(x) for x in page] for page in sheet.folds_mm],
        "panels": [{"name": p.name, "page": p.page + 1, "x_mm": _mm(p.x_mm),
                    "width_mm": _mm(p.width_mm), "text": texts[p.name]}
                   for p in sheet.panels],
        "min_text_pt": min_text_pt(sorted(roles)),
        "color_space": result.look.color_space,
        "fonts": [{"name": font_full_name(path), "version": font_version(path)}
                  for path in dict.fromkeys((req.display_font, req.text_font))],
        "qr_urls": [b.content.url for b in req.spec.blocks if isinstance(b.content, Qr)],
        "photos": sum(1 for b in req.spec.blocks if b.kind == "photo"),
    }
