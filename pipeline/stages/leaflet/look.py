"""Colours, fonts and type sizes of a leaflet: the brand's, in print units.

Neutral greys are the infographic stage's ink and muted colours; in CMYK they are black
ink only (K), as body text must be on press: four-colour text blurs when the plates are
slightly out of register.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from pipeline.media.print_color import Cmyk, color_space, pdf_color

INK = "#1D1D1B"
MUTED = "#5C5C5C"
RULE = "#C8C8C8"
PAPER = "#FFFFFF"
NEUTRAL_INKS: dict[str, Cmyk] = {INK: (0, 0, 0, 100), MUTED: (0, 0, 0, 75),
                                 RULE: (0, 0, 0, 25), PAPER: (0, 0, 0, 0)}

# Type sizes in pt (size, leading). Body text never below 9 pt, source lines never below
# 8 pt (the floor for a leaflet read at arm's length).
MIN_BODY_PT = 9.0
MIN_SOURCE_PT = 8.0
SIZES_PT = {
    "title": (19.0, 23.0),
    "heading": (12.0, 15.0),
    "body": (10.0, 14.0),
    "question": (10.0, 14.0),
    "label": (9.0, 11.0),
    "value": (9.0, 11.0),
    "hotline": (12.0, 15.0),
    "source": (8.0, 10.0),
}
SOURCE_ROLES = ("source",)


@dataclass(frozen=True)
class Look:
    brand: str                      # the campaign background colour: bands, headings, bars
    on_brand: str                   # text on the brand colour
    display_font: str               # names registered with reportlab
    text_font: str
    inks: dict[str, Cmyk] | None = None     # #RRGGBB -> CMYK; None: RGB
    styles: dict[str, ParagraphStyle] = field(default_factory=dict, compare=False)

    @property
    def color_space(self) -> str:
        return color_space(self.inks)

    def color(self, hex_color: str):
        return pdf_color(hex_color, self.inks)

    def style(self, role: str) -> ParagraphStyle:
        return self.styles[role]

    def make_style(self, role: str) -> ParagraphStyle:
        size, leading = SIZES_PT[role]
        floor = MIN_SOURCE_PT if role in SOURCE_ROLES else MIN_BODY_PT
        if size < floor:
            raise ValueError(f"{role} text at {size} pt is below the {floor} pt floor")
        bold = role in ("title", "heading", "question", "hotline", "value")
        color = {"title": self.on_brand, "heading": self.brand, "hotline": self.brand,
                 "source": MUTED}.get(role, INK)
        return ParagraphStyle(role, fontName=self.display_font if bold else self.text_font,
                              fontSize=size, leading=leading, textColor=self.color(color),
                              alignment=TA_LEFT, bulletFontName=self.text_font,
                              bulletFontSize=size, allowWidows=0, allowOrphans=0)


def make_look(colors, display_font: str, text_font: str, print_colors=None) -> Look:
    """The look of one campaign; `print_colors` (PrintColors) switches the PDF to CMYK."""
    inks = None
    if print_colors is not None:
        inks = {**NEUTRAL_INKS, **{k.upper(): v for k, v in print_colors.by_hex(colors).items()}}
    look = Look(colors.background.upper(), colors.text.upper(), display_font, text_font, inks)
    look.styles.update({role: look.make_style(role) for role in SIZES_PT})
    return look


def min_text_pt(roles) -> dict[str, float]:
    """The smallest body and source sizes among the roles a leaflet used."""
    sizes = [(SIZES_PT[r][0], r in SOURCE_ROLES) for r in roles]
    return {"body_pt": min((s for s, src in sizes if not src), default=None),
            "source_pt": min((s for s, src in sizes if src), default=None)}
