"""Legibility rules for banners: letter size for the viewing distance, and colour contrast.

Sources (see docs/banners.md):
- AS 1319-1994 "Safety signs for the occupational environment", letter height guidance:
  5 mm of cap height per metre of viewing distance in good light.
- WCAG 2.x relative luminance and contrast ratio; 4.5:1 is the AA level for normal text.
"""
from __future__ import annotations

import re

CAP_HEIGHT_MM_PER_M = 5.0
MIN_CONTRAST = 4.5

CAP_HEIGHT_RULE = "AS 1319: cap height >= 5 mm per metre of viewing distance (good light)"
CONTRAST_RULE = "WCAG 2.x contrast ratio >= 4.5:1 between text and the colour behind it"

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def min_cap_height_mm(viewing_distance_m: float) -> float:
    return CAP_HEIGHT_MM_PER_M * viewing_distance_m


def cap_rule_text(viewing_distance_m: float) -> str:
    """"60.0 mm cap height (5 mm per m at 12 m)", for error messages and facts."""
    minimum = f"{min_cap_height_mm(viewing_distance_m):.2f}"
    minimum = minimum[:-1] if minimum.endswith("0") else minimum    # 60.0, but 1.75
    return (f"{minimum} mm cap height "
            f"({CAP_HEIGHT_MM_PER_M:g} mm per m at {viewing_distance_m:g} m)")


def check_hex(color: str) -> str:
    if not isinstance(color, str) or not _HEX.fullmatch(color):
        raise ValueError(f"colour {color!r} is not of the form #RRGGBB")
    return color.upper()


def rgb(color: str) -> tuple[int, int, int]:
    color = check_hex(color)
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def hex_color(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in (r, g, b))


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour, 0 (black) to 1 (white)."""
    def linear(c8: int) -> float:
        c = c8 / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def nearest_passing(ink: str, ground: str, minimum: float = MIN_CONTRAST) -> str | None:
    """The colour of `ink`'s hue and saturation, with the least change of lightness, that
    reaches `minimum` against `ground`; None when no lightness does."""
    import colorsys

    hue, lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb(ink)))
    for step in range(1, 201):
        for candidate in (lightness - step / 200, lightness + step / 200):
            if 0 <= candidate <= 1:
                color = hex_color(*(c * 255 for c in
                                    colorsys.hls_to_rgb(hue, candidate, saturation)))
                if contrast_ratio(color, ground) >= minimum:
                    return color
    return None


def darker(color: str, factor: float = 0.55) -> str:
    """The same hue, darker: each sRGB channel scaled by `factor`."""
    return hex_color(*(c * factor for c in rgb(color)))


def footer_scheme(background: str, text: str, accent: str) -> tuple[str, str, float]:
    """(band colour, footer text colour, contrast) for the footer band.

    The band is the accent when some brand colour reads on it, else a darker shade of the
    background; the first pair reaching MIN_CONTRAST wins, in brand order, and if none does
    the best pair is returned so the caller can report its ratio.
    """
    shade = darker(background)
    candidates = [(accent, background), (accent, text), (shade, text), (shade, accent),
                  (shade, "#FFFFFF")]
    scored = [(band, ink, contrast_ratio(band, ink)) for band, ink in candidates]
    for band, ink, ratio in scored:
        if ratio >= MIN_CONTRAST:
            return band, ink, ratio
    return max(scored, key=lambda s: s[2])
