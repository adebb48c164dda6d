"""Fonts, colours and matplotlib settings shared by every infographic.

Fonts are registered with matplotlib's font manager once per process (idempotent: a font
already known is not added again, whatever the order of calls); settings are applied in
an `rc_context` around each render, so nothing global is left changed.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

FAMILY = "Be Vietnam Pro"

# Saved-file settings that make output byte-for-byte reproducible and editable:
# SVG text stays text (searchable, editable), its ids come from a fixed salt; PDF fonts
# are embedded as TrueType subsets (Type 42), not Type 3 bitmaps of outlines.
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "campaign-media-pipeline/infographic",
    "pdf.fonttype": 42,
    # matplotlib 3.11's PDF writer sizes its font subsets from ps.fonttype: at the
    # default (3) every glyph past U+00FF (all of Vietnamese) lands in a second copy of
    # the font, embedded and subset twice.
    "ps.fonttype": 42,
    "pdf.compression": 6,
    "font.family": [FAMILY],
    "axes.unicode_minus": False,     # "−" comes from our own formatter
    "text.language": "vi",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "path.simplify": True,
    # Unhinted glyphs: the PNG shows the outlines the SVG and PDF carry (as the banner
    # raster does), and skipping the autohinter makes drawing text cheaper.
    "text.hinting": "no_hinting",
}
SVG_METADATA = {"Date": None, "Creator": None}
PDF_METADATA = {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}


@dataclass(frozen=True)
class Palette:
    brand: str             # campaign background colour: the band, the highlighted value
    on_brand: str          # text on the band
    accent: str            # hotline, the band's top stripe, secondary series
    ink: str = "#1D1D1B"
    muted: str = "#5C5C5C"
    grid: str = "#E3E3E3"
    paper: str = "#FFFFFF"

    @property
    def soft(self) -> str:
        """The brand colour at 30 %: earlier years, the part not covered."""
        return mix(self.brand, self.paper, 0.30)


def mix(colour: str, other: str, amount: float) -> str:
    """`amount` of `colour` over `other`, as #RRGGBB."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * amount + y * (1 - amount)):02X}" for x, y in zip(a, b))


@dataclass(frozen=True)
class Type:
    """The two brand faces as matplotlib knows them: family name plus weight."""
    display_weight: int
    text_weight: int

    def display(self, size_pt: float):
        from matplotlib.font_manager import FontProperties
        return FontProperties(family=FAMILY, weight=self.display_weight, size=size_pt)

    def text(self, size_pt: float):
        from matplotlib.font_manager import FontProperties
        return FontProperties(family=FAMILY, weight=self.text_weight, size=size_pt)


@functools.lru_cache(maxsize=8)
def register_fonts(display_path: str, text_path: str) -> Type:
    """Add both faces to matplotlib (once per process) and return their weights."""
    return Type(_register(display_path), _register(text_path))


def _register(path: str) -> int:
    from matplotlib import font_manager

    manager = font_manager.fontManager
    entry = _entry(manager, path)
    if entry is None:
        manager.addfont(path)
        entry = _entry(manager, path)
    assert entry is not None
    return int(entry.weight)


def _entry(manager, path: str):
    for entry in manager.ttflist:
        if entry.fname == path and entry.name == FAMILY:
            return entry
    return None


def warm(display_path: Path, text_path: Path) -> Type:
    """Import matplotlib's backends and fonts, draw once: the first real render is warm."""
    import io

    import matplotlib
    from matplotlib.backends import backend_agg, backend_pdf, backend_svg  # noqa: F401
    from matplotlib.figure import Figure

    fonts = register_fonts(str(display_path), str(text_path))
    with matplotlib.rc_context({**RC, "font.weight": fonts.text_weight}):
        fig = Figure(figsize=(2, 2), dpi=72)
        ax = fig.add_axes((0.2, 0.2, 0.7, 0.7))
        ax.bar([0, 1], [1, 2])
        fig.text(0.1, 0.9, "Bảo hiểm xã hội 0123456789,% ", fontproperties=fonts.display(9))
        fig.text(0.1, 0.05, "Bảo hiểm y tế 0123456789,% ", fontproperties=fonts.text(9))
        for fmt in ("png", "svg", "pdf"):
            fig.savefig(io.BytesIO(), format=fmt)
    return fonts
