"""Painting a template's art (artwork, pictures, QR codes) under a banner's text.

The PDF gets it as vector (svglib drawing, embedded pictures, QR squares), clipped to
the bleed. The rasters start from that very PDF's art rendered by pdfium, once per
template, size and resolution in a worker (provinces share it), and the text is painted
on top by raster.py, as for every banner.
"""
from __future__ import annotations

import functools
import io

from PIL import Image

from ...media import legibility as rules
from ...media.print_color import cmyk_color
from ...media.qr import qr_modules
from .template.artwork import drawing_for
from .templated import TemplateArt

PT_PER_MM = 72 / 25.4
# Share of the pixels under a text whose contrast is ignored: anti-aliased edges of the
# artwork and a stray highlight in a photo must not fail a text that reads.
CONTRAST_PERCENTILE = 0.05
CONTRAST_LONG_SIDE_PX = 600      # the art is measured at this size: enough for a line box


def _ink_key(inks: dict | None) -> tuple | None:
    """The ink table as a hashable key of the per-worker caches."""
    return tuple(sorted(inks.items())) if inks else None


def draw_art(canvas, art: TemplateArt, size, inks: dict | None,
             print_photos: bool = False) -> None:
    """The art on a canvas in trim mm (y up), clipped to the bleed; `print_photos`: the
    photos in the print profile's CMYK (the print PDF; on screen they stay sRGB)."""
    bleed = size.bleed_mm
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(-bleed, -bleed, size.width_mm + 2 * bleed, size.height_mm + 2 * bleed)
    canvas.clipPath(clip, stroke=0, fill=0)
    ink_key = _ink_key(inks)
    _draw_vector(canvas, art.template, ink_key, art.origin_mm, art.scale)
    for image in art.images:
        x0, y0, x1, y1 = image.box_mm
        canvas.saveState()
        box = canvas.beginPath()
        box.rect(x0, y0, x1 - x0, y1 - y0)
        canvas.clipPath(box, stroke=0, fill=0)
        dx0, dy0, dx1, dy1 = image.drawn_mm
        if image.vector is not None:
            _draw_vector(canvas, image.vector, ink_key, (dx0, dy0),
                         (dx1 - dx0) / image.vector.viewbox[2])
        else:
            canvas.drawImage(_photo(image.ref.path, print_photos), dx0, dy0, dx1 - dx0,
                             dy1 - dy0)
        canvas.restoreState()
    for qr in art.qrs:
        _draw_qr(canvas, qr, inks)
    canvas.restoreState()


def _photo(path, print_photos: bool):
    """For print, the photo converted with the print profile (PDF/X: no RGB on the page)."""
    if not print_photos:
        return str(path)
    from ...media.pdfx import photo_reader

    return photo_reader(str(path))


def _draw_vector(canvas, template, ink_key, origin, scale) -> None:
    from reportlab.graphics import renderPDF

    drawing, unit = drawing_for(template, ink_key)
    # reportlab's renderer starts every drawing on Helvetica unless told otherwise: the
    # canvas's own (brand) font keeps a base-14 font out of the PDF.
    drawing.initialFontName = canvas._fontname
    canvas.saveState()
    canvas.translate(*origin)
    canvas.scale(scale * unit, scale * unit)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()


def _draw_qr(canvas, qr, inks) -> None:
    """Dark modules on a white square (the quiet zone included), one path."""
    from reportlab.lib import colors as rl_colors

    rows = qr_modules(qr.data)
    x0, y0, x1, y1 = qr.box_mm
    module = (x1 - x0) / len(rows)
    white = cmyk_color((0, 0, 0, 0)) if inks else rl_colors.white
    dark = cmyk_color((0, 0, 0, 100)) if inks else rl_colors.black
    canvas.setFillColor(white)
    canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        for c, dark_module in enumerate(row):
            if dark_module:
                # A hair of overlap: no white seam between modules in any RIP or viewer.
                path.rect(x0 + c * module, y1 - (r + 1) * module, module * 1.02, module * 1.02)
    canvas.setFillColor(dark)
    canvas.drawPath(path, stroke=0, fill=1)


@functools.lru_cache(maxsize=8)
def _art_pdf(art: TemplateArt, size, inks: tuple | None) -> bytes:
    """A PDF of the art alone, page = trim + bleed, for pdfium to rasterize."""
    from reportlab.pdfgen import canvas as rl_canvas

    bleed = size.bleed_mm
    page = ((size.width_mm + 2 * bleed) * PT_PER_MM, (size.height_mm + 2 * bleed) * PT_PER_MM)
    out = io.BytesIO()
    canvas = rl_canvas.Canvas(out, pagesize=page, invariant=1, pageCompression=0)
    canvas.translate(bleed * PT_PER_MM, bleed * PT_PER_MM)
    canvas.scale(PT_PER_MM, PT_PER_MM)
    draw_art(canvas, art, size, dict(inks) if inks else None)
    canvas.showPage()
    return canvas.getpdfdata()


@functools.lru_cache(maxsize=16)
def _base(art: TemplateArt, size, inks, pixel_size, with_bleed) -> Image.Image:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(_art_pdf(art, size, inks))
    page = document[0]
    bleed_pt = size.bleed_mm * PT_PER_MM
    crop = (0, 0, 0, 0) if with_bleed else (bleed_pt,) * 4
    width_pt = page.get_width() - crop[0] - crop[2]
    bitmap = page.render(scale=pixel_size[0] / width_pt, crop=crop)
    image = bitmap.to_pil().convert("RGB")
    document.close()
    if image.size != tuple(pixel_size):
        image = image.resize(pixel_size, Image.Resampling.LANCZOS)
    return image


def base_raster(art: TemplateArt, size, inks: dict | None, pixel_size: tuple[int, int],
                with_bleed: bool) -> Image.Image:
    """The art at exactly `pixel_size` (trim, or trim + bleed), a fresh copy to paint on.

    Print pages are rendered with their CMYK inks converted by pdfium: on screen, as the
    preview is seen, not a proof of the press."""
    ink_key = _ink_key(inks)
    return _base(art, size, ink_key, tuple(pixel_size), with_bleed).copy()


@functools.lru_cache(maxsize=16)
def _luminance(art: TemplateArt, size, inks: tuple | None):
    """Relative luminance (WCAG) of each pixel of the art at CONTRAST_LONG_SIDE_PX."""
    import numpy as np

    scale = CONTRAST_LONG_SIDE_PX / max(size.width_mm, size.height_mm)
    px = (max(1, round(size.width_mm * scale)), max(1, round(size.height_mm * scale)))
    image = _base(art, size, inks, px, False)
    ground = np.asarray(image, dtype=np.float32) / 255.0
    linear = np.where(ground <= 0.04045, ground / 12.92, ((ground + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)


def contrast_meter(size, inks: dict | None):
    """measure(art, boxes_mm, colours) -> the contrast of each colour over the art under
    the boxes: the ratio that all but CONTRAST_PERCENTILE of those pixels reach."""
    import numpy as np

    ink_key = _ink_key(inks)

    def measure(art: TemplateArt, boxes, colors) -> list[float]:
        lum = _luminance(art, size, ink_key)
        rows, cols = lum.shape
        sx, sy = cols / size.width_mm, rows / size.height_mm
        pixels = []
        for x0, y0, x1, y1 in boxes:
            c0 = min(cols - 1, max(0, int(x0 * sx)))
            c1 = min(cols, max(c0 + 1, round(x1 * sx)))
            r0 = min(rows - 1, max(0, int((size.height_mm - y1) * sy)))
            r1 = min(rows, max(r0 + 1, round((size.height_mm - y0) * sy)))
            pixels.append(lum[r0:r1, c0:c1].ravel())
        under = np.concatenate(pixels)
        ratios = []
        for color in colors:
            ink = rules.relative_luminance(color)
            ratio = (np.maximum(under, ink) + 0.05) / (np.minimum(under, ink) + 0.05)
            ratios.append(float(np.quantile(ratio, CONTRAST_PERCENTILE)))
        return ratios

    return measure
