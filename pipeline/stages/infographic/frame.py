"""The page around a chart: headline, subtitle, key-number annotation, source line and the
brand band. Everything is laid out in points from the page size, so one layout serves a
1080 px square, a 9:16 story and an A4 leaflet; landscape pages put the words in a left
column and the chart on the right.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ...text import typeset
from .style import Palette, Type

MAX_HEADLINE_LINES = 3


@dataclass(frozen=True)
class Page:
    width_pt: float
    height_pt: float

    @property
    def unit(self) -> float:
        """1 % of the short side: every size and gap is a multiple of it."""
        return min(self.width_pt, self.height_pt) / 100

    @property
    def landscape(self) -> bool:
        return self.width_pt > 1.4 * self.height_pt


@dataclass(frozen=True)
class Words:
    headline: str
    subtitle: str
    key_value: str          # the key number, e.g. "18,26 triệu"
    key_text: str           # what it is, e.g. "người tham gia BHXH năm 2023"
    source: str             # "Nguồn: ..."
    organization: str
    hotline: str            # "Đường dây nóng 1900 9068"
    theme: str


@dataclass(frozen=True)
class Rect:
    """A box in points from the page's bottom-left corner."""
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def text_width_pt(text: str, prop) -> float:
    """Advance width of one line as matplotlib will draw it (memoized: measuring costs
    a shaping pass, and the same words come back in every size and every job)."""
    return _width(text, prop.get_family()[0], prop.get_weight(), prop.get_size_in_points())


@functools.lru_cache(maxsize=8192)
def _width(text: str, family: str, weight, size_pt: float) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(family=family, weight=weight, size=size_pt)
    width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
    return width


def wrap(text: str, prop, width_pt: float) -> list[str]:
    """The shared typesetter's lines: breaks only between words, the fewest lines, widths
    evened out; a word longer than the line stands alone. Newlines are kept."""
    return list(typeset.wrap(text, lambda line: text_width_pt(line, prop), width_pt))


def fit(text: str, make_prop, size_pt: float, width_pt: float, max_lines: int):
    """(prop, lines) at the largest size <= size_pt that wraps into max_lines."""
    while True:
        prop = make_prop(size_pt)
        lines = wrap(text, prop, width_pt)
        if len(lines) <= max_lines or size_pt < 6:
            return prop, lines
        size_pt *= 0.9


class Drawer:
    """Puts text and boxes on a figure in page points (matplotlib wants fractions)."""

    def __init__(self, fig, page: Page):
        self.fig = fig
        self.page = page

    def text(self, x_pt: float, y_pt: float, s: str, prop, color: str, **kw):
        return self.fig.text(x_pt / self.page.width_pt, y_pt / self.page.height_pt, s,
                             fontproperties=prop, color=color, **kw)

    def lines(self, x_pt: float, top_pt: float, lines: list[str], prop, color: str,
              leading: float = 1.18, **kw) -> float:
        """Draw lines downward from `top_pt`; return the y below the last line."""
        size = prop.get_size_in_points()
        y = top_pt
        for line in lines:
            y -= size * (leading if y != top_pt else 0.95)
            self.text(x_pt, y, line, prop, color, va="baseline", **kw)
        return y - size * 0.3

    def box(self, rect: Rect, color: str, zorder: float = 0) -> None:
        from matplotlib.patches import Rectangle

        w, h = self.page.width_pt, self.page.height_pt
        self.fig.add_artist(Rectangle((rect.x0 / w, rect.y0 / h), rect.width / w,
                                      rect.height / h, transform=self.fig.transFigure,
                                      facecolor=color, edgecolor="none", zorder=zorder))

    def fraction(self, rect: Rect) -> tuple[float, float, float, float]:
        w, h = self.page.width_pt, self.page.height_pt
        return (rect.x0 / w, rect.y0 / h, rect.width / w, rect.height / h)


MIN_CHART_SHARE = 0.40      # of a portrait page's height, kept for the chart


@dataclass(frozen=True)
class Placed:
    """A block of text lines, laid out but not drawn yet."""
    role: str               # source | headline | subtitle | key_value | key_text
    x_pt: float
    top_pt: float
    lines: tuple[str, ...]
    prop: object
    color: str
    leading: float = 1.18


@dataclass(frozen=True)
class Layout:
    blocks: tuple[Placed, ...]
    rule: Rect              # the short accent rule above the key number
    chart: Rect


def draw_frame(drawer: Drawer, words: Words, palette: Palette,
               fonts: Type) -> tuple[Rect, dict[str, tuple[str, ...]]]:
    """Draw everything but the chart; return the box the chart may use and the lines set
    for each text block (role -> lines), for the manifest.

    The words shrink (10 % a step) until the chart keeps at least MIN_CHART_SHARE of a
    portrait page: a long headline on a square must not squeeze the figure away.
    """
    page = drawer.page
    band_top = _band(drawer, words, palette, fonts)
    scale = 1.0
    layout = _layout(page, words, palette, fonts, band_top, scale)
    while not page.landscape and scale > 0.6 \
            and layout.chart.height < MIN_CHART_SHARE * page.height_pt:
        scale *= 0.9
        layout = _layout(page, words, palette, fonts, band_top, scale)
    for block in layout.blocks:
        drawer.lines(block.x_pt, block.top_pt, list(block.lines), block.prop, block.color,
                     leading=block.leading)
    drawer.box(layout.rule, palette.accent)
    return layout.chart, {block.role: block.lines for block in layout.blocks}


def text_block_height(count: int, size: float, leading: float) -> float:
    """The height Drawer.lines uses for `count` lines at `size` points."""
    return size * 0.95 + size * leading * (count - 1) + size * 0.3


def _layout(page: Page, words: Words, palette: Palette, fonts: Type, band_top: float,
            scale: float) -> Layout:
    u = page.unit
    margin = 6 * u
    blocks: list[Placed] = []
    # The source line sits just above the band, across the page.
    prop, lines = fit(words.source, fonts.text, 2.1 * u, page.width_pt - 2 * margin, 2)
    source_top = band_top + 2.2 * u + len(lines) * 2.1 * u * 1.18
    blocks.append(Placed("source", margin, source_top, tuple(lines), prop, palette.muted))
    chart_bottom = source_top + 2.5 * u

    column = page.width_pt * 0.40 - margin if page.landscape else page.width_pt - 2 * margin
    y = page.height_pt - margin
    for role, text, make, size, color, max_lines, leading, gap in (
            ("headline", words.headline, fonts.display, 6.4, palette.ink, MAX_HEADLINE_LINES,
             1.12, 0.8),
            ("subtitle", words.subtitle, fonts.text, 3.2, palette.muted, 3, 1.18, 2.2)):
        prop, lines = fit(text, make, size * u * scale, column, max_lines)
        blocks.append(Placed(role, margin, y, tuple(lines), prop, color, leading))
        y -= text_block_height(len(lines), prop.get_size_in_points(), leading) + gap * u * scale
    # The key number: a short accent rule, the figure in the brand colour, its meaning.
    rule = Rect(margin, y - 0.6 * u, margin + 9 * u, y)
    y -= 1.6 * u * scale
    prop, lines = fit(words.key_value, fonts.display, 8.5 * u * scale, column, 1)
    blocks.append(Placed("key_value", margin, y, tuple(lines), prop, palette.brand))
    y -= text_block_height(1, prop.get_size_in_points(), 1.18) - 0.4 * u
    prop, lines = fit(words.key_text, fonts.text, 3.0 * u * scale, column, 3)
    blocks.append(Placed("key_text", margin, y, tuple(lines), prop, palette.ink))
    y -= text_block_height(len(lines), prop.get_size_in_points(), 1.18)
    if page.landscape:
        chart = Rect(page.width_pt * 0.45, chart_bottom, page.width_pt - margin,
                     page.height_pt - margin)
    else:
        chart = Rect(margin, chart_bottom, page.width_pt - margin, y - 2.5 * u)
    return Layout(tuple(blocks), rule, chart)


def _band(drawer: Drawer, words: Words, palette: Palette, fonts: Type) -> float:
    """The brand band along the bottom edge; returns its top in points."""
    page = drawer.page
    u = page.unit
    margin = 6 * u
    height = 13 * u
    drawer.box(Rect(0, 0, page.width_pt, height), palette.brand, zorder=-1)
    drawer.box(Rect(0, height - 0.9 * u, page.width_pt, height), palette.accent, zorder=-1)
    width = page.width_pt - 2 * margin
    gap = 3 * u
    size = 2.9 * u
    org_prop, hot_prop = fonts.display(size), fonts.display(size)
    while size > 6 and (text_width_pt(words.organization, org_prop)
                        + text_width_pt(words.hotline, hot_prop) + gap) > width:
        size *= 0.92
        org_prop, hot_prop = fonts.display(size), fonts.display(size)
    first = height - 0.9 * u - 2.6 * u - size * 0.75
    drawer.text(margin, first, words.organization, org_prop, palette.on_brand,
                va="baseline")
    drawer.text(page.width_pt - margin, first, words.hotline, hot_prop, palette.accent,
                va="baseline", ha="right")
    theme_prop, theme_lines = fit(words.theme, fonts.text, 2.5 * u, width, 1)
    drawer.text(margin, first - 2.5 * u - size * 0.55, theme_lines[0], theme_prop,
                palette.on_brand, va="baseline")
    return height
