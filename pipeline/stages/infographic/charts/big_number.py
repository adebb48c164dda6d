"""`big-number`: one figure, large, with its change from the year before and its history."""
from __future__ import annotations

from ....catalog.datasets import is_percent
from ..formats import Formats
from ..frame import fit
from ..spec import InfographicSpec
from .base import (
    Canvas,
    Rect,
    Story,
    change_text,
    growth_text,
    listing,
    previous,
    series,
    shown,
    value_text,
    words,
    year_phrase,
)


def difference_text(spec: InfographicSpec, fmt: Formats) -> str:
    """The change in the figure's own unit: "+0,32 triệu" or "+1,5 điểm %"."""
    before = previous(spec)
    if before is None:
        return ""
    _, value = shown(spec)
    delta = value - before[1]
    if is_percent(spec.column or ""):
        return f"{fmt.signed(delta, spec.decimals)} {'điểm %' if fmt.lang == 'vi' else 'pts'}"
    divisor, word = fmt.count_unit(max(series(spec)[1]))
    amount = fmt.signed(delta / divisor, spec.decimals)
    return f"{amount} {word}".strip()


def story(spec: InfographicSpec, fmt: Formats) -> Story:
    year, value = shown(spec)
    measure = words(spec, fmt.lang)
    before = previous(spec)
    figure = value_text(spec, fmt, value)
    if before is None:
        return Story(figure, f"{measure} {year_phrase(fmt, year)}",
                     f"{figure} {measure} {year_phrase(fmt, year)}.",
                     {"year": year, "value": value})
    change = change_text(spec, fmt)
    then = value_text(spec, fmt, before[1])
    vi = fmt.lang == "vi"
    growth = growth_text(spec, fmt)
    key_text = (f"so với năm {before[0]} ({then}), {growth}" if vi
                else f"on {before[0]} ({then}), {growth}")
    if vi:
        description = (f"Con số nổi bật: {figure} {measure} năm {year}, "
                       f"{difference_text(spec, fmt)} ({change}). "
                       f"Theo năm: {listing(spec, fmt)}.")
    else:
        description = (f"Key figure: {figure} {measure} in {year}, "
                       f"{difference_text(spec, fmt)} ({change}). "
                       f"By year: {listing(spec, fmt)}.")
    return Story(difference_text(spec, fmt), key_text, description,
                 {"year": year, "value": value, "previous_year": before[0],
                  "previous_value": before[1]})


def draw(canvas: Canvas, spec: InfographicSpec) -> None:
    palette, fonts, fmt, u = canvas.palette, canvas.fonts, canvas.fmt, canvas.unit
    year, value = shown(spec)
    box, drawer = canvas.rect, canvas.drawer
    centre = (box.x0 + box.x1) / 2
    spark_h = min(box.height * 0.32, 22 * u)
    # The figure, as large as the box allows, centred in the space above the history.
    prop, lines = fit(value_text(spec, fmt, value), fonts.display, 16 * u, box.width, 1)
    size = prop.get_size_in_points()
    top = box.y1 - (box.height - spark_h - size * 2.4) / 2
    baseline = top - size * 0.95
    drawer.text(centre, baseline, lines[0], prop, palette.brand, ha="center", va="baseline")
    prop, lines = fit(f"{words(spec, fmt.lang)} {year_phrase(fmt, year)}", fonts.text,
                      3.4 * u, box.width, 2)
    drawer.lines(centre, baseline - size * 0.28, lines, prop, palette.ink, ha="center")
    # The history, small: one bar per year, the shown year in the brand colour.
    years, values = series(spec)
    ax = canvas.axes(Rect(box.x0 + box.width * 0.15, box.y0 + 3.5 * u,
                          box.x1 - box.width * 0.15, box.y0 + spark_h))
    ax.set_axis_off()
    positions = range(len(years))
    ax.bar(positions, values, width=0.6, linewidth=0,
           color=[palette.brand if y == year else palette.soft for y in years])
    ax.set_ylim(0, max(values) * 1.05)
    for i, y in zip(positions, years):
        ax.text(i, -max(values) * 0.04, str(y), ha="center", va="top", color=palette.muted,
                fontproperties=fonts.text(2.2 * u))
