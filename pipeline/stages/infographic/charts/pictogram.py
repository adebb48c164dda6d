"""`pictogram`: N person icons, the covered share filled ("about 4 in 10 workers").

The person is drawn from matplotlib paths (a circle and a rounded body), so no icon font
is needed and the SVG/PDF stay vector.
"""
from __future__ import annotations

import functools

from ....media import chart_model
from ..formats import Formats
from ..spec import InfographicSpec
from .base import Canvas, Rect, Story, shown, value_text, words, year_phrase


def model(spec: InfographicSpec) -> chart_model.Pictogram:
    return chart_model.pictogram(shown(spec)[1], spec.icons)


def filled(spec: InfographicSpec) -> int:
    """How many of the icons are coloured: the share rounded half up to whole people."""
    return model(spec).filled


def story(spec: InfographicSpec, fmt: Formats) -> Story:
    year, value = shown(spec)
    measure = words(spec, fmt.lang)
    n, k = spec.icons, filled(spec)
    share = value_text(spec, fmt, value)
    key_text = f"{measure} ({share} {year_phrase(fmt, year)})"
    if fmt.lang == "vi":
        description = (f"Biểu đồ hình người: {n} hình người, {k} hình được tô màu: khoảng "
                       f"{k} trên {n} ({share}) {measure} năm {year}.")
    else:
        description = (f"Pictogram: {n} person icons, {k} filled: about {k} in {n} "
                       f"({share}) {measure} in {year}.")
    return Story(f"{k}/{n}", key_text, description,
                 {"year": year, "value": value, "icons": n, "filled": k})


@functools.lru_cache(maxsize=1)
def person():
    """A person in a 1 x 1.5 box: head on top, shoulders rounded, body down to y = 0."""
    from matplotlib.path import Path

    hx, hy, hr = chart_model.PERSON_HEAD
    head = Path.circle((hx, hy), hr)
    left, bottom, right, shoulder, r = chart_model.PERSON_BODY
    k = 0.5523 * r                     # cubic Bézier handle for a quarter circle
    verts = [
        (left, bottom), (left, shoulder - r),
        (left, shoulder - r + k), (left + r - k, shoulder), (left + r, shoulder),
        (right - r, shoulder),
        (right - r + k, shoulder), (right, shoulder - r + k), (right, shoulder - r),
        (right, bottom), (left, bottom),
    ]
    codes = [Path.MOVETO, Path.LINETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO,
             Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CLOSEPOLY]
    return Path.make_compound_path(head, Path(verts, codes))


def draw(canvas: Canvas, spec: InfographicSpec) -> None:
    from matplotlib.collections import PathCollection
    from matplotlib.transforms import Affine2D

    palette, fonts, fmt, u = canvas.palette, canvas.fonts, canvas.fmt, canvas.unit
    box = canvas.rect
    caption_h = 7 * u
    chart = model(spec)
    width, height = chart.width, chart.height
    scale = min(box.width / width, (box.height - caption_h) / height)
    w_pt, h_pt = width * scale, height * scale
    x0 = box.x0 + (box.width - w_pt) / 2
    y1 = box.y1 - (box.height - caption_h - h_pt) / 2
    ax = canvas.axes(Rect(x0, y1 - h_pt, x0 + w_pt, y1))
    ax.set_axis_off()
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    shape, k = person(), chart.filled
    paths, colours = [], []
    for i in range(spec.icons):
        x, y = chart.cell(i)
        paths.append(shape.transformed(Affine2D().translate(x, y)))
        colours.append(palette.brand if i < k else palette.soft)
    ax.add_collection(PathCollection(paths, facecolors=colours, edgecolors="none"))
    year, value = shown(spec)
    caption = (f"{value_text(spec, fmt, value)} {year_phrase(fmt, year)} ≈ {k}/{spec.icons}")
    canvas.drawer.text((box.x0 + box.x1) / 2, y1 - h_pt - 4.5 * u, caption,
                       fonts.display(3.2 * u), palette.ink, ha="center", va="baseline")
