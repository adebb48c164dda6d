"""`bars`: one bar per year, the shown year (the latest) in the brand colour."""
from __future__ import annotations

from ....catalog.datasets import is_percent
from ....media import chart_model
from ..formats import Formats
from ..spec import InfographicSpec
from .base import (
    Canvas,
    Story,
    change_text,
    listing,
    make_room_for_y_labels,
    plot_rect,
    series,
    shown,
    style_axes,
    tick_formatter,
    value_text,
    words,
    year_phrase,
)


def story(spec: InfographicSpec, fmt: Formats) -> Story:
    year, value = shown(spec)
    measure = words(spec, fmt.lang)
    change = change_text(spec, fmt)
    key_text = f"{measure} {year_phrase(fmt, year)}" + (f" ({change})" if change else "")
    if fmt.lang == "vi":
        description = (f"Biểu đồ cột, mỗi cột một năm ({measure}): {listing(spec, fmt)}. "
                       f"Cột năm {year} được tô đậm: {value_text(spec, fmt, value)}"
                       + (f", {change}" if change else "") + ".")
    else:
        description = (f"Bar chart, one bar per year ({measure}): {listing(spec, fmt)}. "
                       f"The {year} bar is highlighted: {value_text(spec, fmt, value)}"
                       + (f", {change}" if change else "") + ".")
    years, values = series(spec)
    return Story(value_text(spec, fmt, value), key_text, description,
                 {"years": list(years), "values": list(values), "highlight": year})


def bar_label(spec: InfographicSpec, fmt: Formats, value: float) -> str:
    """On the bar: the number in the axis unit ("18,26"); shares keep their "%"."""
    if is_percent(spec.column or ""):
        return fmt.percent(value, spec.decimals)
    divisor, _ = fmt.count_unit(max(series(spec)[1]))
    return fmt.number(value / divisor, spec.decimals)


def model(spec: InfographicSpec) -> chart_model.Bars:
    years, values = series(spec)
    return chart_model.bars(tuple(str(y) for y in years), values,
                            years.index(spec.shown_year))


def draw(canvas: Canvas, spec: InfographicSpec) -> None:
    from matplotlib.ticker import MaxNLocator

    palette, fonts, u = canvas.palette, canvas.fonts, canvas.unit
    chart = model(spec)
    years, values, highlight = chart.labels, chart.values, chart.highlight
    rect = plot_rect(canvas)
    ax = canvas.axes(rect)
    style_axes(ax, canvas)
    positions = range(len(years))
    colours = [palette.brand if i == highlight else palette.soft for i in positions]
    ax.bar(positions, values, width=chart_model.BAR_WIDTH, color=colours, linewidth=0)
    ax.set_ylim(*chart.ylim)
    ax.set_xlim(*chart.xlim)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(tick_formatter(canvas, spec))
    ax.set_xticks(list(positions), list(years))
    ax.get_xticklabels()[highlight].set_fontproperties(fonts.display(2.6 * u))
    make_room_for_y_labels(ax, canvas, rect)
    for i, value in zip(positions, values):
        strong = i == highlight
        ax.text(i, chart.label_y(i), bar_label(spec, canvas.fmt, value), ha="center",
                va="bottom", color=palette.brand if strong else palette.ink,
                fontproperties=fonts.display(3.0 * u) if strong else fonts.text(2.6 * u))
