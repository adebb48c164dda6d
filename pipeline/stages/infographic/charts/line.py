"""`line`: a share over the years, with a dashed line per target (Resolution 28-NQ/TW)."""
from __future__ import annotations

from ....media import chart_model
from ..formats import Formats
from ..spec import InfographicSpec
from .base import (
    Canvas,
    Story,
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


def targets(spec: InfographicSpec) -> list[tuple[int, float]]:
    if spec.targets is None or spec.column is None:
        return []
    table = spec.targets.table
    return list(zip(table.years, table.values(spec.column)))


def target_label(fmt: Formats, year: int, value: float) -> str:
    word = "Mục tiêu" if fmt.lang == "vi" else "Target"
    return f"{word} {year}: {fmt.percent(value)}"


def story(spec: InfographicSpec, fmt: Formats) -> Story:
    year, value = shown(spec)
    measure = words(spec, fmt.lang)
    goals = targets(spec)
    vi = fmt.lang == "vi"
    goal_list = ", ".join(f"{fmt.percent(v)} {year_phrase(fmt, y)}" for y, v in goals)
    key_text = f"{measure} {year_phrase(fmt, year)}"
    if goals:
        key_text += f" · {'mục tiêu' if vi else 'target'} {goal_list}"
    if vi:
        description = f"Biểu đồ đường ({measure}): {listing(spec, fmt)}."
        if goals:
            description += f" Các đường nét đứt là mục tiêu: {goal_list}."
    else:
        description = f"Line chart ({measure}): {listing(spec, fmt)}."
        if goals:
            description += f" Dashed lines mark the targets: {goal_list}."
    ahead = [(y, v) for y, v in goals if y > year and v > value]
    if ahead:
        gap = fmt.number(ahead[0][1] - value, spec.decimals)
        description += (f" Năm {year} còn cách mục tiêu {ahead[0][0]} {gap} điểm phần trăm."
                        if vi else f" In {year} the rate was {gap} points short of the "
                                   f"{ahead[0][0]} target.")
    years, values = series(spec)
    return Story(value_text(spec, fmt, value), key_text, description,
                 {"years": list(years), "values": list(values),
                  "targets": [{"year": y, "value": v} for y, v in goals]})


def model(spec: InfographicSpec) -> chart_model.Line:
    years, values = series(spec)
    return chart_model.line(years, values, tuple(targets(spec)),
                            years.index(spec.shown_year))


def draw(canvas: Canvas, spec: InfographicSpec) -> None:
    from matplotlib.ticker import MaxNLocator

    palette, fonts, fmt, u = canvas.palette, canvas.fonts, canvas.fmt, canvas.unit
    chart = model(spec)
    years, values, goals = chart.years, chart.values, chart.targets
    rect = plot_rect(canvas)
    ax = canvas.axes(rect)
    style_axes(ax, canvas)
    ax.set_xlim(*chart.xlim)
    top = chart.top
    ax.set_ylim(*chart.ylim)
    for year, value in goals:
        ax.axhline(value, color=palette.muted, linewidth=0.18 * u, dashes=(4, 3), zorder=1)
        ax.text(years[0] - 0.45, value + top * 0.015, target_label(fmt, year, value),
                ha="left", va="bottom", color=palette.ink, fontproperties=fonts.text(2.4 * u))
        ax.plot([year], [value], marker="o", markersize=2.2 * u, color=palette.accent,
                markeredgecolor=palette.brand, markeredgewidth=0.3 * u, zorder=3)
    ax.plot(years, values, color=palette.brand, linewidth=0.55 * u, marker="o",
            markersize=1.6 * u, zorder=4, solid_capstyle="round")
    shown_year = shown(spec)[0]
    for year, value in zip(years, values):
        strong = year == shown_year
        if not strong and year != years[0]:
            continue        # the first and the shown year; the alt text lists them all
        ax.text(year, value - top * 0.05, fmt.percent(value, spec.decimals), ha="center",
                va="top", color=palette.brand if strong else palette.ink,
                fontproperties=fonts.display(2.6 * u) if strong else fonts.text(2.1 * u))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(tick_formatter(canvas, spec))
    ticks = chart.ticks
    ax.set_xticks(ticks, [str(y) for y in ticks])
    make_room_for_y_labels(ax, canvas, rect)
