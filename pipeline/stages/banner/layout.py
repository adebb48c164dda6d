"""The `slogan` banner template, laid out once in mm from the fonts' real metrics.

Both painters (vector PDF, Pillow raster) draw this layout and decide nothing themselves,
which is why the PDF and the rasters agree.

Coordinates are millimetres in the *frame*, y up, origin at the trim's bottom-left corner.
For an ordinary banner the frame is the trim. For a vertical flag (`vertical=True`) the
frame is the trim turned a quarter: text is set on a landscape frame and the painters turn
it 90 degrees counter-clockwise, so it reads bottom to top.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.catalog.sizes import Size
from pipeline.media.fonts import FontMetrics, font_metrics
from pipeline.text.segment import Gap
from pipeline.text.typeset import LINE_PAD_EM, Block, fit_text, measure, widest_word

from ...media import legibility as rules

# Proportions of the template, in em of the text they belong to unless named otherwise
# (line pitch and pads are the typesetter's: pipeline.text.typeset).
KICKER_SHARE = 0.035       # kicker cap height as a share of the text box height
FOOTER_SHARE = 0.03        # footer cap height likewise
KICKER_GAP_EM = 0.45       # kicker to headline
FOOTER_GAP_EM = 0.5        # band top to headline
FOOTER_COLUMN_GAP_EM = 1.5  # organization column to hotline column in a one-row footer
ROW_FOOTER_ASPECT = 2.5    # text boxes at least this wide per unit of height get a one-row footer
MAX_HEADLINE_LINES = 10
MAX_SMALL_LINES = 3        # kicker and each footer line
# Only the headline and the hotline must be read from the full viewing distance (issue 4);
# the kicker and the organization lines may shrink to this share of that size when the
# headline would otherwise be too small. They are read by people walking closer.
SECONDARY_MIN_SHARE = 0.6


class BannerError(Exception):
    """A banner that cannot be made as asked; the message is one line naming size and rule."""


@dataclass(frozen=True)
class Colors:
    background: str
    text: str
    accent: str

    def __post_init__(self):
        for name in ("background", "text", "accent"):
            rules.check_hex(getattr(self, name))


@dataclass(frozen=True)
class PrintLabel:
    """The job facts a print PDF carries beyond its artwork (metadata and job line)."""
    product_id: str
    size_name: str
    province_slug: str
    province_name: str          # 'Quảng Ninh'; 'Toàn quốc' for the national version
    lang: str                   # 'vi' | 'en'
    organization: str           # the document's author
    theme: str                  # the campaign theme: the document's subject
    created: dt.date            # the campaign window's first day, never the build clock


@dataclass(frozen=True)
class BannerRequest:
    headline: str
    kicker: str
    footer: tuple[str, ...]
    size: Size
    colors: Colors
    display_font: Path
    text_font: Path
    upper: bool = False
    vertical: bool = False
    allow_small: bool = False
    crop_marks: bool = True
    raster: bool | None = None
    print_label: PrintLabel | None = None    # metadata and job line of the print PDF
    # (#RRGGBB, CMYK) pairs from brand.print_colors: the PDF is painted in print inks
    inks: tuple[tuple[str, tuple[float, ...]], ...] | None = None
    product: str = ""                        # the product id, for messages
    inputs: tuple[Path, ...] = ()            # the fonts and the word lists that break lines
    # A designer's SVG template (docs/templates.md) instead of the `slogan` layout, and
    # what fills its slots: (slot name, text), (image slot, ImageRef), (qr slot, data).
    template: Path | None = None
    project_root: Path | None = None
    slot_texts: tuple[tuple[str, str], ...] = ()
    images: tuple[tuple[str, object], ...] = ()
    qr: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Fill:
    x0_mm: float
    y0_mm: float
    x1_mm: float
    y1_mm: float
    color: str


@dataclass(frozen=True)
class PlacedLine:
    role: str                 # kicker | headline | footer | contact | hotline
    text: str
    font: Path
    em_mm: float              # font size
    x_mm: float               # left end of the advance
    baseline_mm: float
    width_mm: float           # advance width
    ink_top_mm: float         # absolute frame y of the highest ink
    ink_bottom_mm: float
    pad_mm: float
    cap_height_mm: float
    color: str
    runs: tuple[tuple[float, str], ...]   # (x offset from x_mm in mm, text), see FontMetrics.runs

    @property
    def box_mm(self) -> tuple[float, float, float, float]:
        """Line box (left, bottom, right, top): the ink plus a pad on every side."""
        return (self.x_mm, self.ink_bottom_mm - self.pad_mm,
                self.x_mm + self.width_mm, self.ink_top_mm + self.pad_mm)


@dataclass(frozen=True)
class BannerLayout:
    size: Size
    rotated: bool
    frame_w_mm: float
    frame_h_mm: float
    background: str
    fills: tuple[Fill, ...]
    lines: tuple[PlacedLine, ...]
    min_cap_mm: float
    contrast: dict = field(hash=False)        # role -> WCAG ratio of its text on its ground
    warnings: tuple[str, ...] = ()
    art: object = None    # a template's artwork, pictures and codes (templated.TemplateArt)

    @property
    def bleed_mm(self) -> float:
        return self.size.bleed_mm

    def role_lines(self, role: str) -> tuple[PlacedLine, ...]:
        return tuple(line for line in self.lines if line.role == role)

    def to_trim(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        """A frame point in trim coordinates (the quarter turn for vertical flags)."""
        if not self.rotated:
            return x_mm, y_mm
        return self.size.width_mm - y_mm, x_mm


def place_block(block: Block, role: str | tuple[str, ...], metrics: FontMetrics, top_mm: float,
           left_mm: float, right_mm: float, align: str, color: str) -> list[PlacedLine]:
    em = block.em
    baseline = top_mm - (LINE_PAD_EM + block.tops_em[0]) * em
    placed = []
    for i, text in enumerate(block.lines):
        width = block.widths_em[i] * em
        x = {"left": left_mm, "right": right_mm - width,
             "center": (left_mm + right_mm - width) / 2}[align]
        placed.append(PlacedLine(
            role=role if isinstance(role, str) else role[i], text=text, font=metrics.path,
            em_mm=em, x_mm=x, baseline_mm=baseline,
            width_mm=width, ink_top_mm=baseline + block.tops_em[i] * em,
            ink_bottom_mm=baseline - block.bottoms_em[i] * em, pad_mm=LINE_PAD_EM * em,
            cap_height_mm=metrics.cap_height_em * em, color=color,
            runs=tuple((dx * em, run) for dx, run in metrics.runs(text))))
        baseline -= block.pitch_em * em
    return placed


class _Checks:
    """Collects legibility failures: errors, or warnings when the spec allows small text."""

    def __init__(self, size: Size, allow_small: bool):
        self.size, self.allow_small, self.warnings = size, allow_small, []

    def fail(self, message: str) -> None:
        if not self.allow_small:
            raise BannerError(message)
        self.warnings.append(message)

    def cap_height(self, what: str, block: Block, metrics: FontMetrics,
                   share: float = 1.0) -> None:
        cap_mm = block.em * metrics.cap_height_em
        minimum = share * rules.min_cap_height_mm(self.size.viewing_distance_m)
        if cap_mm < minimum - 1e-6:
            rule = rules.cap_rule_text(self.size.viewing_distance_m)
            if share != 1.0:
                rule = f"{minimum:.1f} mm cap height ({share:.0%} of {rule})"
            word = widest_word(block.lines, metrics)
            whole = (f' without splitting the word "{word}" (lines break only between words)'
                     if word else "")
            self.fail(f"{what} does not fit {self.size.name} at the legibility minimum of "
                      f"{rule}{whole}: the largest that fits is {cap_mm:.1f} mm "
                      f"({rules.CAP_HEIGHT_RULE})")

    def contrast(self, what: str, ink: str, ground: str) -> float:
        ratio = rules.contrast_ratio(ink, ground)
        if ratio < rules.MIN_CONTRAST:
            self.fail(f"{what} on {self.size.name}: contrast {ratio:.2f}:1 ({ink} on {ground}) "
                      "is below "
                      f"{rules.MIN_CONTRAST:g}:1 ({rules.CONTRAST_RULE})")
        return ratio


def fit_words(text: str, metrics: FontMetrics, width_mm: float, height_mm: float | None,
         max_em_mm: float, max_lines: int, min_em_mm: float) -> Block | None:
    """`text` set between words; between the words of a term (bảo hiểm | xã hội) only
    when that is what lifts it to min_em_mm. A syllable is never split from its word."""
    block = fit_text(text, metrics, width_mm, height_mm, max_em_mm, max_lines,
                     min_em=min_em_mm)
    if block is not None and block.em < min_em_mm - 1e-9:
        looser = fit_text(text, metrics, width_mm, height_mm, max_em_mm, max_lines,
                          Gap.COMPOUND, min_em_mm)
        if looser.em > block.em * 1.005:
            return looser
    return block


def _frame_text_box(size: Size, rotated: bool) -> tuple[float, float, float, float]:
    left, bottom, right, top = size.text_box_mm
    if not rotated:
        return left, bottom, right, top
    # frame (u, v) -> trim (W - v, u), so u spans trim y and v spans W - trim x.
    return bottom, size.width_mm - right, top, size.width_mm - left


def _footer(req: BannerRequest, metrics: FontMetrics, box, target_em: float, color: str,
            checks: _Checks, hotline_em: float) -> tuple[list[PlacedLine], float]:
    """Footer lines placed from the text box bottom up; returns them and their top.

    Lines with a number are contact lines; the last of them is the hotline (an office phone
    may come before it). Wide banners set organization lines left and contact lines right
    in one row; other shapes stack every line centred.
    """
    left, bottom, right, top = box
    lines = [line for line in req.footer if line.strip()]
    numbered = [any(ch.isdigit() for ch in line) for line in lines]
    hot = max((i for i, has in enumerate(numbered) if has), default=None)
    roles = ["hotline" if i == hot else "contact" if has else "footer"
             for i, has in enumerate(numbered)]
    org = tuple(line for line, has in zip(lines, numbered) if not has)
    contact = tuple(line for line, has in zip(lines, numbered) if has)
    min_em = rules.min_cap_height_mm(req.size.viewing_distance_m) / metrics.cap_height_em
    width = right - left
    if org and contact and width >= ROW_FOOTER_ASPECT * (top - bottom):
        em = min(hotline_em, width / (max(map(metrics.advance_em, org)) + FOOTER_COLUMN_GAP_EM
                                     + max(map(metrics.advance_em, contact))))
        if em >= min_em - 1e-9:
            org_block = measure(org, metrics, em)
            contact_block = measure(contact, metrics, em)
            height = max(org_block.height, contact_block.height)
            contact_roles = tuple(r for r, has in zip(roles, numbered) if has)
            placed = (place_block(org_block, "footer", metrics,
                             bottom + (height + org_block.height) / 2,
                             left, right, "left", color)
                      + place_block(contact_block, contact_roles, metrics,
                               bottom + (height + contact_block.height) / 2,
                               left, right, "right", color))
            return placed, bottom + height
    placed: list[PlacedLine] = []
    y = bottom
    for i in reversed(range(len(lines))):
        hotline = roles[i] == "hotline"
        share = 1.0 if hotline else SECONDARY_MIN_SHARE
        block = fit_words(lines[i], metrics, width, None,
                     max(target_em, hotline_em) if hotline else target_em, MAX_SMALL_LINES,
                     share * min_em)
        checks.cap_height(f'footer line "{lines[i]}"', block, metrics, share)
        placed = place_block(block, roles[i], metrics, y + block.height, left, right, "center",
                        color) + placed
        y += block.height + (0.25 * block.em if i else 0.0)
    return placed, y


class _HeadlineTooSmall(BannerError):
    pass


def layout_slogan(req: BannerRequest) -> BannerLayout:
    """Kicker on top, the headline as large as fits, footer band with organization and
    hotline. Raises BannerError for text below the legibility rules unless allow_small."""
    try:
        return _layout_slogan(req, 1.0)
    except _HeadlineTooSmall:
        # Give the headline the room the secondary text may yield, then judge again.
        return _layout_slogan(req, SECONDARY_MIN_SHARE)


@dataclass
class _Draft:
    """A layout being set: what the footer, kicker and headline steps add, in order."""
    req: BannerRequest
    checks: _Checks
    box: tuple[float, float, float, float]      # left, bottom, right, top (mm)
    min_cap: float
    scale_mm: float
    lines: list[PlacedLine] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    contrast: dict[str, float] = field(default_factory=dict)


def _layout_slogan(req: BannerRequest, secondary: float) -> BannerLayout:
    size = req.size
    rotated = req.vertical
    frame_w, frame_h = ((size.height_mm, size.width_mm) if rotated
                        else (size.width_mm, size.height_mm))
    box = left, bottom, right, top = _frame_text_box(size, rotated)
    if right <= left or top <= bottom:
        raise BannerError(f"{size.name}: hems and safe margins leave no text area")
    # Tall formats size their small text from the width, or a flag's kicker would shout.
    draft = _Draft(req, _Checks(size, req.allow_small), box,
                   rules.min_cap_height_mm(size.viewing_distance_m),
                   min(top - bottom, 1.4 * (right - left)))
    area_bottom = (_footer_band(draft, secondary, frame_w)
                   if any(line.strip() for line in req.footer) else bottom)
    area_top = _kicker(draft, secondary) if req.kicker.strip() else top
    _headline(draft, secondary, area_top, area_bottom)
    return BannerLayout(size=size, rotated=rotated, frame_w_mm=frame_w, frame_h_mm=frame_h,
                        background=req.colors.background, fills=tuple(draft.fills),
                        lines=tuple(draft.lines), min_cap_mm=draft.min_cap,
                        contrast=draft.contrast, warnings=tuple(draft.checks.warnings))


def _footer_band(draft: _Draft, secondary: float, frame_w: float) -> float:
    """The footer band across the bottom, bleed to bleed; returns where the rest starts."""
    req, size, colors = draft.req, draft.req.size, draft.req.colors
    text = font_metrics(req.text_font)
    band, ink, _ = rules.footer_scheme(colors.background, colors.text, colors.accent)
    draft.contrast["footer"] = draft.checks.contrast("footer", ink, band)
    hotline_em = max(draft.min_cap, FOOTER_SHARE * draft.scale_mm) / text.cap_height_em
    footer_lines, footer_top = _footer(req, text, draft.box, secondary * hotline_em, ink,
                                       draft.checks, hotline_em)
    em = footer_lines[-1].em_mm
    band_top = footer_top + max(size.safe_mm, 0.4 * em)
    bleed = size.bleed_mm
    draft.fills.append(Fill(-bleed, -bleed, frame_w + bleed, band_top, band))
    draft.lines += footer_lines
    return band_top + FOOTER_GAP_EM * em


def _kicker(draft: _Draft, secondary: float) -> float:
    """The theme line at the top; returns where the headline's area ends."""
    req, colors = draft.req, draft.req.colors
    left, _, right, top = draft.box
    text = font_metrics(req.text_font)
    kicker_color = (colors.accent if rules.contrast_ratio(colors.accent, colors.background)
                    >= rules.MIN_CONTRAST else colors.text)
    draft.contrast["kicker"] = draft.checks.contrast("kicker", kicker_color, colors.background)
    kicker_em = (secondary * max(draft.min_cap, KICKER_SHARE * draft.scale_mm)
                 / text.cap_height_em)
    block = fit_words(req.kicker, text, right - left, None, kicker_em, MAX_SMALL_LINES,
                 SECONDARY_MIN_SHARE * draft.min_cap / text.cap_height_em)
    draft.checks.cap_height(f'kicker "{req.kicker}"', block, text, SECONDARY_MIN_SHARE)
    draft.lines += place_block(block, "kicker", text, top, left, right, "center", kicker_color)
    return top - block.height - KICKER_GAP_EM * block.em


def _headline(draft: _Draft, secondary: float, area_top: float, area_bottom: float) -> None:
    """The headline, as large as the area between kicker and footer allows, centred."""
    req, size, min_cap = draft.req, draft.req.size, draft.min_cap
    left, _, right, _ = draft.box
    display = font_metrics(req.display_font)
    draft.contrast["headline"] = draft.checks.contrast("headline", req.colors.text,
                                                       req.colors.background)
    area_h = area_top - area_bottom
    if area_h <= 0 and secondary == 1.0:
        raise _HeadlineTooSmall(size.name)
    if area_h <= 0:
        raise BannerError(f"headline does not fit {size.name}: kicker and footer at the "
                          f"legibility minimum of {rules.cap_rule_text(size.viewing_distance_m)} "
                          f"leave no room")
    block = fit_words(req.headline, display, right - left, area_h, math.inf, MAX_HEADLINE_LINES,
                 min_cap / display.cap_height_em)
    if block is None:
        raise BannerError(f"headline for {size.name} is empty")
    if secondary == 1.0 and block.em * display.cap_height_em < min_cap - 1e-6:
        raise _HeadlineTooSmall(size.name)
    draft.checks.cap_height("headline", block, display)
    headline_top = area_top - (area_h - block.height) / 2
    draft.lines += place_block(block, "headline", display, headline_top, left, right, "center",
                          req.colors.text)
