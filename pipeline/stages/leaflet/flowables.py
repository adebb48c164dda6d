"""Drawn parts of a leaflet that are not plain paragraphs: the cover band, the contact box,
the bar chart, the QR code and a photo. All vector except the photo; each is a reportlab
Flowable that stacks its inner paragraphs top-down, so text extracts in reading order.
"""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from .look import INK, RULE, Look


class Stack(Flowable):
    """Paragraphs (and drawn rows) one under the other, inset by `indent` pt on the left."""

    def __init__(self, parts, indent: float = 0.0, gap: float = 0.0):
        super().__init__()
        self.parts = list(parts)
        self.indent = indent
        self.gap = gap

    def wrap(self, avail_w, avail_h):
        self.heights = [part.wrap(avail_w - self.indent, avail_h)[1] for part in self.parts]
        self.width = avail_w
        self.height = sum(self.heights) + self.gap * max(0, len(self.parts) - 1)
        return self.width, self.height

    def min_width(self) -> float:
        return max((min_width(p) for p in self.parts), default=0.0) + self.indent

    def draw(self):
        self.paint_behind()
        y = self.height
        for part, height in zip(self.parts, self.heights):
            y -= height
            part.drawOn(self.canv, self.indent, y)
            y -= self.gap

    def paint_behind(self) -> None:
        """What a subclass draws under the parts."""


def min_width(part) -> float:
    if isinstance(part, Paragraph):
        return part.minWidth()
    return part.min_width() if hasattr(part, "min_width") else 0.0


class Band(Stack):
    """The cover title: text on the brand colour, the band reaching `pad` into the margin."""

    def __init__(self, title: Paragraph, look: Look, pad: float = 3 * mm):
        super().__init__([title])
        self.look, self.pad = look, pad

    def wrap(self, avail_w, avail_h):
        w, h = super().wrap(avail_w, avail_h)
        self.height = h + 2 * self.pad
        return w, self.height

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(self.look.color(self.look.brand))
        canvas.rect(-self.pad, 0, self.width + 2 * self.pad, self.height, stroke=0, fill=1)
        self.parts[0].drawOn(canvas, 0, self.pad)


class ContactBox(Stack):
    """The province office's contact lines beside a brand-coloured rule."""

    RULE_W = 1.2 * mm

    def __init__(self, parts, look: Look):
        super().__init__(parts, indent=4 * mm, gap=0.6 * mm)
        self.look = look

    def paint_behind(self) -> None:
        self.canv.setFillColor(self.look.color(self.look.brand))
        self.canv.rect(0, 0, self.RULE_W, self.height, stroke=0, fill=1)


class BarRow(Flowable):
    """One bar of a chart: an optional label column, the bar (value / largest of the
    chart) and the value printed after it."""

    BAR_H = 4.2 * mm
    GAP = 1.5 * mm

    def __init__(self, share: float, value: Paragraph, look: Look, highlight: bool,
                 label: Paragraph | None = None, label_w: float = 0.0):
        super().__init__()
        self.share, self.value, self.look, self.highlight = share, value, look, highlight
        self.label, self.label_w = label, label_w

    def wrap(self, avail_w, avail_h):
        self.value_w = self.value.minWidth()
        self.value.wrap(self.value_w + 1, avail_h)
        heights = [self.BAR_H, self.value.height]
        if self.label is not None:
            heights.append(self.label.wrap(self.label_w, avail_h)[1])
        self.width, self.height = avail_w, max(heights)
        return self.width, self.height

    def min_width(self) -> float:
        return self.label_w + self.value.minWidth() + 2 * self.GAP + 2 * mm

    def draw(self):
        start = self.label_w + self.GAP if self.label is not None else 0.0
        if self.label is not None:
            self.label.drawOn(self.canv, 0, (self.height - self.label.height) / 2)
        room = self.width - start - self.value_w - self.GAP
        length = max(0.6 * mm, room * self.share)
        color = self.look.brand if self.highlight else RULE
        self.canv.setFillColor(self.look.color(color))
        self.canv.rect(start, (self.height - self.BAR_H) / 2, length, self.BAR_H, stroke=0,
                       fill=1)
        self.value.drawOn(self.canv, start + length + self.GAP,
                          (self.height - self.value.height) / 2)


class QrCode(Flowable):
    """A QR code drawn as vector squares, quiet zone included in `size`, URL below."""

    def __init__(self, modules: tuple[tuple[bool, ...], ...], size: float, caption: Paragraph,
                 look: Look):
        super().__init__()
        self.modules, self.size, self.caption, self.look = modules, size, caption, look
        self.gap = 1 * mm

    def wrap(self, avail_w, avail_h):
        self.caption.wrap(avail_w, avail_h)
        self.width = avail_w
        self.height = self.size + self.gap + self.caption.height
        return self.width, self.height

    def min_width(self) -> float:
        return max(self.size, self.caption.minWidth())

    def draw(self):
        canvas = self.canv
        count = len(self.modules)
        cell = self.size / count
        top = self.height
        path = canvas.beginPath()
        for row, cells in enumerate(self.modules):
            col = 0
            while col < count:
                if not cells[col]:
                    col += 1
                    continue
                start = col
                while col < count and cells[col]:
                    col += 1
                path.rect(start * cell, top - (row + 1) * cell, (col - start) * cell, cell)
        canvas.setFillColor(self.look.color(INK))
        canvas.drawPath(path, stroke=0, fill=1)
        self.caption.drawOn(canvas, 0, 0)


class Photo(Stack):
    """A raster photo the project may use, its credit line under it."""

    def __init__(self, path: str, width: float, height: float, credit: Paragraph,
                 cmyk: bool = False):
        super().__init__([credit], gap=0)
        self.path, self.photo_w, self.photo_h = path, width, height
        self.cmyk = cmyk                  # a CMYK page takes the photo in the print profile
        self.gap_above = 1 * mm

    def wrap(self, avail_w, avail_h):
        w, h = super().wrap(avail_w, avail_h)
        self.height = h + self.photo_h + self.gap_above
        return w, self.height

    def min_width(self) -> float:
        return max(self.photo_w, super().min_width())

    def draw(self):
        image = self.path
        if self.cmyk:
            from pipeline.media.pdfx import photo_reader

            image = photo_reader(self.path)
        self.canv.drawImage(image, 0, self.height - self.photo_h, self.photo_w,
                            self.photo_h)
        self.parts[0].drawOn(self.canv, 0, 0)
