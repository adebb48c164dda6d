"""Colours for print PDFs: the brand's own CMYK inks when it gives them, RGB otherwise.

A print shop that receives RGB converts it with its own profile, and brand red drifts; so
when `brand.print_colors` lists CMYK values, every colour of a print PDF is painted from a
CMYK table keyed by the colour's #RRGGBB value. Shared by the banner and leaflet PDF
writers, which know their colours by hex value only.
"""
from __future__ import annotations

from collections.abc import Mapping

from reportlab.lib import colors as rl_colors

Cmyk = tuple[float, float, float, float]       # percent, 0-100

RGB = "RGB"
CMYK = "CMYK"
# Crop and fold marks print on every separation, so each plate can be registered.
REGISTRATION: Cmyk = (100.0, 100.0, 100.0, 100.0)


def color_space(table: Mapping[str, Cmyk] | None) -> str:
    return CMYK if table else RGB


def pdf_color(hex_color: str, table: Mapping[str, Cmyk] | None) -> rl_colors.Color:
    """The reportlab colour to paint `hex_color` with: CMYK from the table, or RGB.

    With a table, a colour missing from it is a programming error (a painter used a colour
    nobody gave ink values for), not something to convert silently.
    """
    if not table:
        return rl_colors.HexColor(hex_color)
    try:
        c, m, y, k = table[hex_color.upper()]
    except KeyError:
        raise KeyError(f"no CMYK values for {hex_color}; known: {', '.join(sorted(table))}") \
            from None
    return rl_colors.CMYKColor(c / 100, m / 100, y / 100, k / 100)


def device_cmyk(hex_color: str) -> Cmyk:
    """The plain device conversion, for colours with no ink values of their own (derived
    shades): K = 1 - max(R, G, B), C = (1 - R - K) / (1 - K), likewise M and Y; percent,
    rounded to whole numbers as the brand's own values are written."""
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    k = 1 - max(r, g, b)
    cmy = (0.0, 0.0, 0.0) if k == 1 else tuple((1 - c - k) / (1 - k) for c in (r, g, b))
    c, m, y = (float(round(100 * v)) for v in cmy)
    return (c, m, y, float(round(100 * k)))


def cmyk_color(values: Cmyk) -> rl_colors.Color:
    c, m, y, k = values
    return rl_colors.CMYKColor(c / 100, m / 100, y / 100, k / 100)
