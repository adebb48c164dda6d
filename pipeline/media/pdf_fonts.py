"""TrueType fonts for reportlab PDFs (banners, leaflets, order sheets, announcer scripts):
registered once per process, subsets memoized, streams written binary."""
from __future__ import annotations

import contextlib
import functools
import hashlib
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .fonts import font_postscript_name


@functools.cache
def register_ttf(path: str) -> str:
    """Register a TTF with reportlab once per process and return the name to use: the
    PostScript name, or name-<hash> when another file already took that name."""
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
    """63 provinces of one product embed the same glyphs; `makeSubset` is a pure function
    of the glyph list, so caching it changes no byte of output."""
    make = face.makeSubset
    cached = functools.lru_cache(maxsize=64)(lambda glyphs: make(list(glyphs)))
    face.makeSubset = lambda subset: cached(tuple(subset))


@contextlib.contextmanager
def binary_streams():
    """reportlab ASCII85-encodes streams by default (+25 % bytes, slow in pure Python);
    print files have no reason to be 7-bit. The switch is process-wide, so it is restored."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved
