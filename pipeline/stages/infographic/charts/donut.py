"""`donut`: a share of a whole for one year, the figure in the middle."""
from __future__ import annotations

from ....media import chart_model
from ..formats import Formats
from ..frame import fit
from ..spec import InfographicSpec
from .base import Canvas, Rect, Story, change_text, listing, shown, value_text, words, year_phrase

REST = {"vi": "Phần còn lại", "en": "The rest"}


def story(spec: InfographicSpec, fmt: Formats) -> Story:
    year, value = shown(spec)
    measure = words(spec, fmt.lang)
    change = change_text(spec, fmt)
    rest = fmt.percent(100 - value, spec.decimals)
    key_text = f"{measure} {year_phrase(fmt, year)}" + (f" ({change})" if change else "")
    if fmt.lang == "vi":
        description = (f"Biểu đồ vành khuyên năm {year}: {value_text(spec, fmt, value)} "
                       f"{measure}, phần còn lại {rest}. Theo năm: {listing(spec, fmt)}.")
    else:
        description = (f"Donut chart for {year}: {value_text(spec, fmt, value)} {measure}, "
                       f"the rest {rest}. By year: {listing(spec, fmt)}.")
    return Story(value_text(spec, fmt, value), key_text, description,
                 {"year": year, "value": value, "rest": round(100 - value, 6)})


def draw(canvas: Canvas, spec: InfographicSpec) -> None:
    palette, fonts, fmt, u = canvas.palette, canvas.fonts, canvas.fmt, canvas.unit
    year, value = shown(spec)
    box = canvas.rect
    legend_h = 9 * u
    side = min(box.width, box.height - legend_h)
    x0 = box.x0 + (box.width - side) / 2
    ax = canvas.axes(Rect(x0, box.y1 - side, x0 + side, box.y1))
    ax.set_axis_off()
    ring = chart_model.donut(value)
    ax.pie(list(ring.wedges), colors=[palette.brand, palette.soft], startangle=ring.start_deg,
           counterclock=not ring.clockwise, radius=1.0,
           wedgeprops={"width": ring.ring, "linewidth": 0.4 * u, "edgecolor": palette.paper})
    ax.set_aspect("equal")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    # The figure fits inside the hole (inner diameter 1.4 of the 2.1 axis units).
    prop, lines = fit(fmt.percent(value, spec.decimals), fonts.display, 10 * u,
                      side * 1.4 / 2.1 * 0.82, 1)
    size = prop.get_size_in_points()
    ax.text(0, 0.02, lines[0], ha="center", va="baseline", color=palette.brand,
            fontproperties=prop)
    ax.text(0, -0.22, str(year), ha="center", va="baseline", color=palette.muted,
            fontproperties=fonts.text(max(2.4 * u, size * 0.4)))
    # A two-row legend under the ring: swatch, words, share.
    rows = ((palette.brand, f"{words(spec, fmt.lang)}: {fmt.percent(value, spec.decimals)}"),
            (palette.soft, f"{REST[fmt.lang]}: {fmt.percent(100 - value, spec.decimals)}"))
    y = box.y1 - side - 3.2 * u
    for colour, label in rows:
        canvas.drawer.box(Rect(box.x0, y - 0.2 * u, box.x0 + 2.4 * u, y + 2.2 * u), colour)
        prop, lines = fit(label, fonts.text, 2.6 * u, box.width - 3.6 * u, 1)
        canvas.drawer.text(box.x0 + 3.6 * u, y, lines[0], prop, palette.ink, va="baseline")
        y -= 4.2 * u
