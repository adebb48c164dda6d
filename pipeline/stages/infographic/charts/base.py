"""What every chart module shares: the Story it tells, the Canvas it draws on, helpers.

Each chart module has two functions:
- `story(spec, fmt) -> Story`: what the chart says in words (the key number, its
  meaning, the alt-text description, facts for the manifest); pure, no matplotlib;
- `draw(canvas, spec) -> None`: the figure inside the box the frame left for it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ....text.localized import in_language
from ..formats import Formats
from ..frame import Drawer, Rect  # noqa: F401  (Rect: re-exported for charts)
from ..spec import InfographicSpec
from ..style import Palette, Type


@dataclass(frozen=True)
class Story:
    key_value: str                 # "18,26 triệu"
    key_text: str                  # "người tham gia BHXH năm 2023 (+4,3 % so với 2022)"
    description: str               # sentences with every figure, for the alt text
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Canvas:
    fig: Any
    drawer: Drawer
    rect: Rect                     # the chart's box, in points
    palette: Palette
    fonts: Type
    fmt: Formats

    @property
    def unit(self) -> float:
        return self.drawer.page.unit

    def axes(self, rect: Rect | None = None):
        return self.fig.add_axes(self.drawer.fraction(rect or self.rect))


# -- shared by the data charts --------------------------------------------------------

def words(spec: InfographicSpec, lang: str) -> str:
    assert spec.measure is not None
    return in_language(spec.measure, lang)


def series(spec: InfographicSpec) -> tuple[tuple[int, ...], tuple[float, ...]]:
    assert spec.data is not None and spec.column is not None
    return spec.data.table.years, spec.data.table.values(spec.column)


def shown(spec: InfographicSpec) -> tuple[int, float]:
    years, values = series(spec)
    year = spec.shown_year
    return year, values[years.index(year)]


def previous(spec: InfographicSpec) -> tuple[int, float] | None:
    years, values = series(spec)
    index = years.index(spec.shown_year)
    return (years[index - 1], values[index - 1]) if index > 0 else None


def value_text(spec: InfographicSpec, fmt: Formats, value: float) -> str:
    """A value of the spec's column as a label: "93,35 %" or "18,26 triệu"."""
    from ....catalog.datasets import is_percent

    assert spec.column is not None
    if is_percent(spec.column):
        return fmt.percent(value, spec.decimals)
    return fmt.count(value, max(series(spec)[1]), spec.decimals)


def listing(spec: InfographicSpec, fmt: Formats) -> str:
    """"2019: 15,74 triệu; 2020: 16,16 triệu; ..." for the alt text."""
    years, values = series(spec)
    return "; ".join(f"{y}: {value_text(spec, fmt, v)}" for y, v in zip(years, values))


def growth_text(spec: InfographicSpec, fmt: Formats) -> str:
    """"+4,3 %" (counts: relative) or "+5,17 điểm %" (shares: points); '' if none."""
    from ....catalog.datasets import is_percent

    before = previous(spec)
    if before is None:
        return ""
    _, value = shown(spec)
    if is_percent(spec.column or ""):
        points = fmt.signed(value - before[1], spec.decimals)
        return f"{points} điểm %" if fmt.lang == "vi" else f"{points} points"
    if before[1] == 0:
        return ""
    return fmt.signed_percent((value - before[1]) / before[1] * 100, 1)


def change_text(spec: InfographicSpec, fmt: Formats) -> str:
    """"+4,3 % so với 2022"; '' for the first year."""
    growth = growth_text(spec, fmt)
    if not growth:
        return ""
    year = previous(spec)[0]
    return f"{growth} so với {year}" if fmt.lang == "vi" else f"{growth} on {year}"


def year_phrase(fmt: Formats, year: int) -> str:
    return f"năm {year}" if fmt.lang == "vi" else f"in {year}"


def style_axes(ax, canvas: Canvas, grid: str | None = "y") -> None:
    palette = canvas.palette
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(palette.muted)
    ax.spines["bottom"].set_linewidth(0.12 * canvas.unit)
    ax.tick_params(axis="both", length=0, pad=0.8 * canvas.unit)
    ax.set_facecolor("none")
    if grid:
        ax.grid(axis=grid, color=palette.grid, linewidth=0.1 * canvas.unit)
        ax.set_axisbelow(True)


def tick_formatter(canvas: Canvas, spec: InfographicSpec):
    """Vietnamese (or English) tick labels for the spec's column: "5 triệu", "20 %"."""
    from matplotlib.ticker import FuncFormatter

    from ....catalog.datasets import is_percent

    fmt = canvas.fmt
    if is_percent(spec.column or ""):
        return FuncFormatter(lambda v, _pos: fmt.tick(v, percent=True))
    divisor, word = fmt.count_unit(max(series(spec)[1]))
    return FuncFormatter(lambda v, _pos: fmt.tick(v, divisor, word))



def plot_rect(canvas: Canvas, rect: Rect | None = None) -> Rect:
    """The box minus a strip at the bottom for the x tick labels."""
    box = rect or canvas.rect
    return Rect(box.x0, box.y0 + 4.6 * canvas.unit, box.x1, box.y1)


def make_room_for_y_labels(ax, canvas: Canvas, rect: Rect) -> None:
    """Shift the axes' left edge right by the widest y tick label, so none is clipped.

    Call after the limits, locator and formatter are set: the labels are computed here
    exactly as matplotlib will draw them.
    """
    from ..frame import text_width_pt

    low, high = ax.get_ylim()
    ticks = [t for t in ax.yaxis.get_major_locator()() if low <= t <= high]
    labels = ax.yaxis.get_major_formatter().format_ticks(ticks)
    prop = canvas.fonts.text(2.4 * canvas.unit)
    widest = max((text_width_pt(label, prop) for label in labels), default=0.0)
    room = widest + 1.6 * canvas.unit
    ax.set_position(canvas.drawer.fraction(Rect(rect.x0 + room, rect.y0, rect.x1, rect.y1)))
