"""Banner fixtures: brand fonts, a request factory, and PDF/raster pixel helpers."""
from __future__ import annotations

import dataclasses
import io
import re
import types

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from pipeline.catalog.sizes import SIZES
from pipeline.media.fonts import resolve_font
from pipeline.stages.banner.render import BannerRequest, Colors

RED, WHITE, YELLOW = "#C8102E", "#FFFFFF", "#FFD400"
BRAND_SAFE = Colors(background=RED, text=WHITE, accent=YELLOW)
HEADLINE = "Tham gia bảo hiểm xã hội tự nguyện để hưởng lương hưu"
KICKER = "An sinh xã hội – Chỗ dựa vững chắc"
FOOTER = ("BẢO HIỂM XÃ HỘI VIỆT NAM", "Đường dây nóng 1900 9068")
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="session")
def fonts():
    return (resolve_font("Be Vietnam Pro ExtraBold").path,
            resolve_font("Be Vietnam Pro Medium").path)


@pytest.fixture(scope="session")
def make_request(fonts):
    display, text = fonts

    def make(size="street-4000x800", **changes) -> BannerRequest:
        size_obj = SIZES[size] if isinstance(size, str) else size
        req = BannerRequest(headline=HEADLINE, kicker=KICKER, footer=FOOTER, size=size_obj,
                            colors=BRAND_SAFE, display_font=display, text_font=text)
        return dataclasses.replace(req, **changes)
    return make


def rasterize_pdf(data: bytes, px_per_mm: float) -> tuple[np.ndarray, pdfium.PdfPage]:
    """The first page at `px_per_mm` physical resolution, as an RGB array."""
    pdf = pdfium.PdfDocument(data)
    page = pdf[0]
    user_unit = pdf_user_unit(data)
    image = page.render(scale=px_per_mm / PT_PER_MM * user_unit).to_pil().convert("RGB")
    return np.asarray(image), page


def pdf_user_unit(data: bytes) -> int:
    match = re.search(rb"/UserUnit (\d+)", data)
    return int(match.group(1)) if match else 1


def decode(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def ink_mask(pixels: np.ndarray, color: str, tolerance: int = 60) -> np.ndarray:
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    return np.abs(pixels.astype(int) - rgb).max(axis=2) <= tolerance


def bbox(mask: np.ndarray) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the true pixels, right/bottom exclusive."""
    rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    if not len(rows):
        return None
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1


@pytest.fixture(scope="session")
def px():
    """Pixel helpers (a fixture, since test modules cannot import this conftest by name)."""
    return types.SimpleNamespace(rasterize_pdf=rasterize_pdf, pdf_user_unit=pdf_user_unit,
                                 decode=decode, ink_mask=ink_mask, bbox=bbox,
                                 PT_PER_MM=PT_PER_MM, RED=RED, WHITE=WHITE, YELLOW=YELLOW,
                                 HEADLINE=HEADLINE, FOOTER=FOOTER, KICKER=KICKER)
