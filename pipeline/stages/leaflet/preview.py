"""PNG previews of the print PDF, one per printed side, and a thumbnail.

They are rasterized from the PDF itself (pdfium, the engine in Chrome), not redrawn, so
a reviewer sees exactly the pages the shop will print, cut at the trim.
"""
from __future__ import annotations

import io

from reportlab.lib.units import mm

from .formats import SLUG_MM

PREVIEW_DPI = 110
THUMB_WIDTH_PX = 360
# zlib level 1: previews are for looking at, and level 6 (Pillow's default) costs a third
# more time per page for files within 3 % of the size.
PNG_COMPRESS_LEVEL = 1


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return out.getvalue()


def render_previews(pdf_bytes: bytes) -> tuple[tuple[bytes, ...], bytes, tuple[int, int]]:
    """(one PNG per page, the thumbnail PNG of page 1, preview pixel size)."""
    import pypdfium2 as pdfium

    slug = SLUG_MM * mm
    crop = (slug, slug, slug, slug)
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        pages = [document[index] for index in range(len(document))]
        images = [page.render(scale=PREVIEW_DPI / 72, crop=crop).to_pil().convert("RGB")
                  for page in pages]
        trim_width_pt = pages[0].get_width() - 2 * slug
        # Drawn again at thumbnail scale: pdfium's own anti-aliasing, cheaper than a resample.
        thumb = pages[0].render(scale=THUMB_WIDTH_PX / trim_width_pt,
                                crop=crop).to_pil().convert("RGB")
        for page in pages:
            page.close()
    finally:
        document.close()
    return tuple(_png(im) for im in images), _png(thumb), images[0].size
