"""The infographics' person (media.chart_model.PERSON_*) as antialiased pixels: the
pictogram chart's figure in a clip."""
from __future__ import annotations

import numpy as np

from ...media import chart_model

SUPERSAMPLE = 4


def person_pixels(w: int, h: int, ink: tuple[int, int, int], ground: str) -> np.ndarray:
    """The infographics' person (chart_model.PERSON_*), antialiased, on its ground."""
    from PIL import Image, ImageDraw

    s = SUPERSAMPLE
    image = Image.new("RGB", (w * s, h * s), ground)
    pen = ImageDraw.Draw(image)
    sx, sy = w * s / chart_model.ICON_W, h * s / chart_model.ICON_H

    def px(x: float, y: float) -> tuple[float, float]:
        return (x * sx, (chart_model.ICON_H - y) * sy)

    hx, hy, hr = chart_model.PERSON_HEAD
    (ax, ay), (bx, by) = px(hx - hr, hy + hr), px(hx + hr, hy - hr)
    pen.ellipse((ax, ay, bx, by), fill=ink)
    left, bottom, right, shoulder, r = chart_model.PERSON_BODY
    (ax, ay), (bx, by) = px(left, shoulder), px(right, bottom)
    pen.rounded_rectangle((ax, ay, bx, by), radius=r * sx, fill=ink)
    pen.rectangle((ax, (ay + by) / 2, bx, by), fill=ink)     # square feet
    return np.asarray(image.resize((w, h), Image.LANCZOS))
