"""Blocks flow through the panels in reading order; a block is never split or clipped.

A block that does not fit what is left of a panel starts the next one; a block with
`panel:` starts that panel. A block that fits no panel, or that is left over when the
last panel is full, is an error naming the block, the panel and the overflow in mm.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from .flowables import min_width
from .formats import Panel, Sheet
from .pieces import Piece

EPSILON_PT = 0.01


class LayoutError(ValueError):
    """The copy does not fit the sheet: `file:line: what`, one line; `line` and `detail`
    apart for `campaign check`, which reports it as a spec problem."""

    def __init__(self, where: str, block, detail: str):
        super().__init__(f"{where}{block.line}: {detail}")
        self.block, self.detail = block, detail


@dataclass(frozen=True)
class Placed:
    piece: Piece
    panel: Panel
    x_pt: float           # left of the flowable on its page, trim coordinates
    y_pt: float           # bottom of the flowable
    height_pt: float


@dataclass
class _Cursor:
    index: int = 0        # the panel being filled
    used_pt: float = 0.0  # from the top of its text area
    space_pt: float = 0.0  # space owed after the last block placed


def flow(pieces: list[Piece], sheet: Sheet, where: str) -> tuple[Placed, ...]:
    """Every piece placed; LayoutError otherwise. `where` prefixes messages (file:line)."""
    cursor = _Cursor()
    placed: list[Placed] = []
    area_pt = sheet.text_height_mm * mm
    for piece in pieces:
        _jump(piece, sheet, cursor, where)
        while True:
            panel = sheet.panels[cursor.index]
            height = _measure(piece, panel, where)
            if height > area_pt + EPSILON_PT:
                raise LayoutError(where, piece.block, f"{piece.block.label()} is "
                                  f"{(height - area_pt) / mm:.1f} mm taller than panel "
                                  f"'{panel.name}' (text area {sheet.text_height_mm:.1f} mm)")
            space = cursor.space_pt if cursor.used_pt else 0.0
            if cursor.used_pt + space + height <= area_pt + EPSILON_PT:
                break
            if cursor.index + 1 == len(sheet.panels):
                over = (cursor.used_pt + space + height - area_pt) / mm
                raise LayoutError(where, piece.block, f"{piece.block.label()} does not "
                                  f"fit: panel '{panel.name}', the last, overflows by "
                                  f"{over:.1f} mm")
            cursor.index, cursor.used_pt = cursor.index + 1, 0.0
        top = (sheet.size.height_mm - sheet.top_mm) * mm - cursor.used_pt - space
        placed.append(Placed(piece, panel, (panel.x_mm + panel.margin_mm) * mm,
                             top - height, height))
        cursor.used_pt += space + height
        cursor.space_pt = piece.space_after_mm * mm
    return tuple(placed)


def _jump(piece: Piece, sheet: Sheet, cursor: _Cursor, where: str) -> None:
    """Honour `panel:` on the block: start that panel, unless the flow is past it."""
    wanted = piece.block.panel
    if wanted is None:
        return
    names = [p.name for p in sheet.panels]
    block = piece.block
    if wanted not in names:
        raise LayoutError(where, block, f"{block.label()} asks for panel '{wanted}', "
                          f"which {sheet.size.name} does not have (panels: "
                          f"{', '.join(names)})")
    target = names.index(wanted)
    if target < cursor.index:
        raise LayoutError(where, block, f"{block.label()} asks for panel '{wanted}', "
                          f"but the blocks before it already fill it and run on to "
                          f"'{names[cursor.index]}'")
    if target > cursor.index:
        cursor.index, cursor.used_pt = target, 0.0


def _measure(piece: Piece, panel: Panel, where: str) -> float:
    width_pt = panel.text_width_mm * mm
    _, height = piece.flowable.wrap(width_pt, 10_000)
    widest = min_width(piece.flowable)
    if widest > width_pt + EPSILON_PT:
        raise LayoutError(where, piece.block, f"{piece.block.label()} has a word or "
                          f"code {(widest - width_pt) / mm:.1f} mm wider than panel "
                          f"'{panel.name}' (text width {panel.text_width_mm:.1f} mm)")
    return height


def panel_texts(sheet: Sheet, placed: tuple[Placed, ...]) -> dict[str, list[str]]:
    """Each panel's printed text in reading order (panels in sheet order, empty ones too)."""
    texts: dict[str, list[str]] = {p.name: [] for p in sheet.panels}
    for item in placed:
        texts[item.panel.name].extend(item.piece.texts)
    return texts
