"""Sheets, panels and folds of each leaflet size (docs/sizes.md gives the sources).

A panel is the part of one printed side that a reader sees as one page: a whole A5 side,
a column of an A4 side, a third of a folded brochure. Panels are listed in reading order,
which is the order blocks flow through them.

Roll-fold brochure (A4 landscape, 297 mm = 100 + 100 + 97): the panel that folds in is
3 mm narrower so it nests inside the other two without buckling.

    outside (page 1):  | inside flap 97 | back 100 | front cover 100 |
    inside  (page 2):  | left 100 | middle 100 | right (folds in) 97 |

Read: front cover, the flap seen on opening it, the three inside panels, then the back.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...catalog.sizes import SIZES, Size

SLUG_MM = 10.0            # MediaBox beyond the trim: room for the marks outside the bleed
TOP_BAND_MM = 5.0         # the brand-colour strip along the top edge, bled off
FOLD_IN_NARROWER_MM = 3.0


@dataclass(frozen=True)
class Panel:
    name: str
    page: int             # 0-based printed side
    x_mm: float           # left edge on its side, trim coordinates
    width_mm: float
    margin_mm: float      # text inset from the panel's left and right edges

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - 2 * self.margin_mm


@dataclass(frozen=True)
class Sheet:
    size: Size
    pages: int
    panels: tuple[Panel, ...]              # reading order
    folds_mm: tuple[tuple[float, ...], ...]   # per page: x of each fold from the left trim
    top_mm: float                          # text starts this far below the top trim
    bottom_mm: float                       # ... and ends this far above the bottom trim

    @property
    def text_height_mm(self) -> float:
        return self.size.height_mm - self.top_mm - self.bottom_mm

    def panels_on(self, page: int) -> tuple[Panel, ...]:
        return tuple(p for p in self.panels if p.page == page)


def _two_sided(size: Size) -> Sheet:
    margin = size.safe_mm
    panels = (Panel("front", 0, 0, size.width_mm, margin),
              Panel("back", 1, 0, size.width_mm, margin))
    return Sheet(size, 2, panels, ((), ()), margin + TOP_BAND_MM, margin)


def _two_columns(size: Size) -> Sheet:
    """A4 read at arm's length: one 186 mm line is too long, two columns are not."""
    half = size.width_mm / 2
    margin = size.safe_mm
    panels = tuple(Panel(f"{side}-{column}", page, x, half, margin)
                   for page, side in enumerate(("front", "back"))
                   for column, x in (("left", 0.0), ("right", half)))
    return Sheet(size, 2, panels, ((), ()), margin + TOP_BAND_MM, margin)


def _roll_fold(size: Size) -> Sheet:
    wide = (size.width_mm + FOLD_IN_NARROWER_MM) / 3
    narrow = size.width_mm - 2 * wide
    margin = size.safe_mm
    front = Panel("front", 0, narrow + wide, wide, margin)
    flap = Panel("flap", 0, 0, narrow, margin)
    inside = (Panel("inside-left", 1, 0, wide, margin),
              Panel("inside-middle", 1, wide, wide, margin),
              Panel("inside-right", 1, 2 * wide, narrow, margin))
    back = Panel("back", 0, narrow, wide, margin)
    folds = ((narrow, narrow + wide), (wide, 2 * wide))
    return Sheet(size, 2, (front, flap, *inside, back), folds,
                 margin + TOP_BAND_MM + 2, margin)


_BUILDERS = {"leaflet-a5": _two_sided, "leaflet-a4": _two_columns,
             "brochure-a4-trifold": _roll_fold}
LEAFLET_SIZES = tuple(_BUILDERS)


def sheet_for(size_name: str) -> Sheet:
    return _BUILDERS[size_name](SIZES[size_name])
