"""How infographic sizes map to drawing resolution (the sizes are in the catalogue)."""
from __future__ import annotations

from ...catalog.sizes import Size

SCREEN_DPI = 144      # points -> pixels for screens: 1080 px is a 7.5 in (540 pt) page


def render_dpi(size: Size) -> int:
    """Dots per inch the figure is drawn at (and written into the PNG)."""
    return size.dpi if size.dpi else SCREEN_DPI
