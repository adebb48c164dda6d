"""The look of one clip: colours, fonts and the pixel measures every scene lays out with.

Sizes follow two rules (docs/clips.md): text scales with the safe area (`unit_px` is 1 %
of its shorter side), and no text is smaller than the banners' legibility minimum for the
format's nominal screen size and viewing distance (5 mm of cap height per metre).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.sizes import Size
from ...media import legibility as rules
from .sizes import SafeZone, safe_zone
from .typeset import Rect

CAPTION_SHARE = 1.25          # captions: 25 % above the legibility minimum
CAPTION_UNITS = 3.6           # ... and at least 3.6 % of the safe area
SMALL_UNITS = 3.0             # kicker, labels, credits: at least 3 %
CAPTION_LINES = 2
CAPTION_PAD_EM = 0.35


@dataclass(frozen=True)
class Look:
    pixel_size: tuple[int, int]
    background: str
    text: str
    accent: str
    band: str                 # a dark shade of the background: lower-third and caption boxes
    kicker: str               # accent if it reads on the background, else the text colour
    display_font: Path
    text_font: Path
    zone: SafeZone
    safe: Rect                # where text may go
    area: Rect                # the safe box less the caption zone when captions are burned
    caption_zone: Rect | None
    unit_px: float
    min_cap_px: float
    px_per_mm: float

    @property
    def small_cap_px(self) -> float:
        return max(self.min_cap_px, SMALL_UNITS * self.unit_px)

    @property
    def caption_cap_px(self) -> float:
        return max(CAPTION_SHARE * self.min_cap_px, CAPTION_UNITS * self.unit_px)

    def em_for_cap(self, cap_px: float, font: Path) -> float:
        from ...media.fonts import font_metrics
        return cap_px / font_metrics(font).cap_height_em


def make_look(size: Size, background: str, text: str, accent: str, display_font: Path,
              text_font: Path, burn_captions: bool) -> Look:
    assert size.pixel_size is not None
    w, h = size.pixel_size
    zone = safe_zone(size)
    safe = zone.box((w, h))
    left, top, right, bottom = safe
    unit = min(right - left, bottom - top) / 100
    px_per_mm = w / size.width_mm
    min_cap = rules.min_cap_height_mm(size.viewing_distance_m) * px_per_mm
    band = rules.darker(background, 0.35)
    kicker = accent if rules.contrast_ratio(accent, background) >= rules.MIN_CONTRAST else text
    look = Look((w, h), background, text, accent, band, kicker, display_font, text_font,
                zone, safe, safe, None, unit, min_cap, px_per_mm)
    if not burn_captions:
        return look
    from ...media.fonts import font_metrics
    metrics = font_metrics(text_font)
    em = look.caption_cap_px / metrics.cap_height_em
    # Two lines at the font's natural pitch plus the box padding, at the safe box bottom.
    height = round(em * (CAPTION_LINES * 1.3 + 2 * CAPTION_PAD_EM))
    zone_rect = (left, bottom - height, right, bottom)
    area = (left, top, right, bottom - height - round(2 * unit))
    return Look((w, h), background, text, accent, band, kicker, display_font, text_font,
                zone, safe, area, zone_rect, unit, min_cap, px_per_mm)
