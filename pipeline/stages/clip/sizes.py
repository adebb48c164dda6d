"""The safe zone of each clip format: where text may go (the formats are in the catalogue).

Safe zones (docs/clips.md gives the sources): on 9:16 the platforms lay their interface
over the video, so no text goes under it:
- Meta (Instagram and Facebook Reels): keep the top 14 %, the bottom 35 % and 6 % of each
  side free of text (Meta Business Help Center, Reels safe zone; Ads Manager guardrail).
- TikTok: the action rail (like, comment, share, profile) covers about the right 120-180 px
  of 1080; we keep 170 px clear on both sides, so centred text stays centred.
- Zalo video plays with its own bottom bar; the Meta figures cover it.
On 16:9 (TV, YouTube, LED walls) the broadcast title-safe area applies: 5 % each side
(EBU R 95 / SMPTE ST 2046-1 title-safe 90 %). Square feed posts have no overlay: 6 %.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...catalog.sizes import Size


@dataclass(frozen=True)
class SafeZone:
    """Margins, as shares of the frame's width and height, that text never enters."""
    top: float
    right: float
    bottom: float
    left: float
    rule: str

    def box(self, pixel_size: tuple[int, int]) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) of the text area, in whole pixels, y down."""
        w, h = pixel_size
        return (round(self.left * w), round(self.top * h), w - round(self.right * w),
                h - round(self.bottom * h))


# 170 px of 1080 for TikTok's action rail, mirrored so centred text stays centred.
_RAIL = 170 / 1080

VERTICAL = SafeZone(top=0.14, right=_RAIL, bottom=0.35, left=_RAIL,
                    rule="Meta Reels: top 14 % and bottom 35 % free of text; TikTok action "
                         "rail: right 170 px of 1080, mirrored on the left")
LANDSCAPE = SafeZone(top=0.05, right=0.05, bottom=0.05, left=0.05,
                     rule="broadcast title-safe area: 5 % each side (EBU R 95)")
SQUARE = SafeZone(top=0.06, right=0.06, bottom=0.06, left=0.06,
                  rule="feed square, no overlay: 6 % each side")


def safe_zone(size: Size) -> SafeZone:
    """The safe zone of a format, by its shape (a test clip of 320x568 is a 9:16 clip)."""
    assert size.pixel_size is not None
    w, h = size.pixel_size
    if h >= 1.3 * w:
        return VERTICAL
    if w >= 1.3 * h:
        return LANDSCAPE
    return SQUARE
