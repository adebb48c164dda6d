"""Vector icons (assets/icons/*.svg) as brand-coloured pixels, and the icons scene.

An icon is drawn black on white; rasterized once at the size a scene needs (svglib reads
it into a vector drawing, pdfium renders that drawing antialiased), its darkness becomes
coverage, and the brand's ink is laid on the scene's ground with it: any colour, the
same shapes. The scene lets two to four icons enter one after another, each rising and
growing into place with its label under it.
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

import numpy as np

from ...media.legibility import rgb
from ...text.vietnamese import upper_vi
from .canvas import Draw
from .compose import panels
from .easing import progress
from .look import Look
from .scenes import Scene
from .typeset import Patch, fit, paint


class IconError(Exception):
    """An icon file that cannot be drawn; one line naming it."""


@functools.lru_cache(maxsize=64)
def coverage(path: str, side_px: int) -> np.ndarray:
    """The icon's ink coverage, 0..255, `side_px` square (its view box scaled to fit)."""
    import pypdfium2
    from reportlab.graphics import renderPDF
    from svglib.svglib import svg2rlg

    drawing = svg2rlg(path)
    if drawing is None or not drawing.width or not drawing.height:
        raise IconError(f"{path}: not an SVG drawing svglib can read")
    scale = side_px / max(drawing.width, drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = side_px, side_px
    pdf = renderPDF.drawToString(drawing)
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=1.0, draw_annots=False).to_pil().convert("L")
    mask = 255 - np.asarray(image.resize((side_px, side_px)), np.uint8)
    mask.flags.writeable = False
    return mask


def coloured(path: Path, side_px: int, ink: str, ground: str) -> np.ndarray:
    """The icon in `ink` on `ground`, as RGB pixels."""
    alpha = coverage(str(path), side_px).astype(np.uint16)[..., None]
    a, b = np.array(rgb(ink), np.uint16), np.array(rgb(ground), np.uint16)
    pixels = ((a * alpha + b * (255 - alpha) + 127) // 255).astype(np.uint8)
    pixels.flags.writeable = False
    return pixels


RISE_S = 0.5
MAX_SPREAD_S = 2.5           # the last icon in by then, however long the scene


class IconsScene(Scene):
    """Two to four pictograms with short labels, entering in sequence."""
    kind = "icons"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str, icons: list[tuple[Path, str]], heading: str | None):
        super().__init__(look, duration_s, easing, lead_s)
        u = look.unit_px
        top = self.kicker(upper_vi(organization))
        split = panels(look, top, stacked=True)
        self.panels = split
        if heading:
            left, wtop, right, wbottom = split.words
            heading_fit = fit(heading, look.display_font, right - left, wbottom - wtop,
                              look.em_for_cap(8 * u, look.display_font), 3)
            self.blocks["heading"] = paint(heading_fit, split.words, look.text,
                                           look.background, valign="center")
            self.statics += [line.patch for line in self.blocks["heading"].lines]
            box = split.picture
        else:
            box = (look.area[0], top, look.area[2], look.area[3])
        left, btop, right, bottom = box
        n = len(icons)
        # Two columns of two in tall frames when there are four, else one row.
        columns = 2 if (n == 4 and split.shape != "landscape") else n
        rows = math.ceil(n / columns)
        cell_w, cell_h = (right - left) / columns, (bottom - btop) / rows
        small = look.em_for_cap(max(look.small_cap_px, 4 * u), look.text_font)
        label_fits = [fit(label, look.text_font, cell_w - 2 * u, None, small, 2)
                      for _, label in icons]
        label_h = max(f.height_px for f in label_fits)
        side = int(min(cell_w - 4 * u, cell_h - label_h - 3 * u))
        self.items: list[tuple[Patch, list[Patch]]] = []
        for i, ((path, _), label_fit) in enumerate(zip(icons, label_fits)):
            col, row = i % columns, i // columns
            cx = left + (col + 0.5) * cell_w
            y0 = btop + row * cell_h + (cell_h - side - 2 * u - label_h) / 2
            pixels = coloured(path, side, look.accent, look.background)
            icon = Patch(pixels, round(cx - side / 2), round(y0))
            block = paint(label_fit, (round(cx - cell_w / 2 + u), round(y0 + side + 2 * u),
                                      round(cx + cell_w / 2 - u),
                                      round(y0 + side + 2 * u + label_h)),
                          look.text, look.background)
            self.blocks[f"label_{i + 1}"] = block
            self.items.append((icon, [line.patch for line in block.lines]))
        spread = max(0.0, min(0.7 * self.active_s, self.active_s - RISE_S, MAX_SPREAD_S)
                     - RISE_S)
        self.step = spread / max(1, n - 1)

    def entered(self, i: int, t: float) -> float:
        """How far icon i has entered at `t` (0..1, eased)."""
        return progress(t, i * self.step, RISE_S * self.pace, self.ease)

    def draws(self, t: float) -> tuple[Draw, ...]:
        out = []
        for i, (icon, labels) in enumerate(self.items):
            p = self.entered(i, t)
            if p <= 0:
                continue
            rise = round((1.0 - min(p, 1.0)) * 0.25 * icon.h)
            shown = icon.h - rise if p < 1 else None
            out.append(Draw(icon, icon.x, icon.y + rise, 0, None, shown))
            if p >= 1:
                out += [Draw.at_rest(label) for label in labels]
            else:
                out += [Draw.at_rest(label, x1=math.ceil(p * label.w)) for label in labels]
        return tuple(out)
