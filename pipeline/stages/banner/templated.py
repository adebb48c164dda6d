"""A designer's SVG template filled for one banner: its slots set in mm on the trim.

The viewBox is scaled uniformly onto the trim (covering it: a template within 2 % of the
size's shape loses at most 1 % at two edges, into the bleed). Text slots are set by the
same typesetter as the `slogan` layout, as large as their box allows and never below the
legibility minimum; image slots are cropped to cover (or fit inside) their box, with
their effective resolution measured; QR slots get a code. Every problem of one size is
collected, so `campaign check` shows them together, each at its slot's line.

Coordinates: trim millimetres, y up, origin at the trim's bottom-left (layout.py's frame).
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path

from ...catalog.sizes import Size
from ...media import legibility as rules
from ...media.fonts import font_metrics, missing_glyphs, resolve_font
from ...media.images import ImageProblem, pixel_size
from ...text.vietnamese import nfc, upper_vi
from .layout import (
    MAX_HEADLINE_LINES,
    MAX_SMALL_LINES,
    SECONDARY_MIN_SHARE,
    BannerError,
    BannerLayout,
    BannerRequest,
    PlacedLine,
    fit_words,
    place_block,
)
from .template.load import aspect_problem, load_template
from .template.model import Slot, Template, TemplateError

# Read from the full viewing distance, like the slogan's headline and hotline; every other
# slot may shrink to SECONDARY_MIN_SHARE of that (it is read by people walking closer).
PRIMARY_SLOTS = ("headline", "hotline")
QR_INK = "#000000"


@dataclass(frozen=True)
class ImageRef:
    """A picture for an image slot: a PNG/JPEG, or an SVG (vector, for logos)."""
    path: Path
    display: str                         # project-relative, for messages and the manifest
    focus: tuple[float, float] = (0.5, 0.5)   # the point kept in view when cropping, 0-1
    fit: str | None = None               # overrides the slot's data-fit


@dataclass(frozen=True)
class PlacedImage:
    slot: str
    ref: ImageRef
    box_mm: tuple[float, float, float, float]      # x0, y0, x1, y1 of the slot
    drawn_mm: tuple[float, float, float, float]    # where the whole picture lands
    effective_dpi: float | None                    # None: vector
    vector: Template | None = None                 # an SVG picture, checked like a template


@dataclass(frozen=True)
class PlacedQr:
    slot: str
    data: str
    box_mm: tuple[float, float, float, float]      # a square, centred in the slot


@dataclass(frozen=True)
class TemplateArt:
    """What the painters draw under the text: the artwork, then pictures and codes."""
    template: Template
    scale: float                     # trim mm per viewBox unit
    origin_mm: tuple[float, float]   # trim position of the viewBox's bottom-left corner
    images: tuple[PlacedImage, ...]
    qrs: tuple[PlacedQr, ...]
    slots: dict = field(hash=False, compare=False)   # name -> facts for the manifest


class SlotProblems(BannerError):
    """Every slot of one size that cannot be filled: (slot, its line, message)."""

    def __init__(self, template: Template, problems: list[tuple[str, int, str]]):
        self.template, self.problems = template, problems
        super().__init__("; ".join(f"{template.display}:{line}: {msg}"
                                   for _, line, msg in problems))


def template_of(req: BannerRequest) -> Template:
    try:
        return load_template(req.template, req.project_root)
    except TemplateError as exc:
        raise BannerError(str(exc.problems[0]) + (f" (and {len(exc.problems) - 1} more)"
                                                  if len(exc.problems) > 1 else "")) from None


def placement(template: Template, size: Size) -> tuple[float, tuple[float, float]]:
    """(mm per viewBox unit, the viewBox's bottom-left in trim mm): uniform, covering."""
    vw, vh = template.viewbox[2:]
    scale = max(size.width_mm / vw, size.height_mm / vh)
    return scale, ((size.width_mm - vw * scale) / 2, (size.height_mm - vh * scale) / 2)


def slot_box_mm(slot: Slot, template: Template, scale: float,
                origin: tuple[float, float]) -> tuple[float, float, float, float]:
    """A slot's (x0, y0, x1, y1) in trim mm, y up."""
    vx, vy, _, vh = template.viewbox
    x, y, w, h = slot.box
    x0 = origin[0] + (x - vx) * scale
    top = origin[1] + (vh - (y - vy)) * scale
    return x0, top - h * scale, x0 + w * scale, top


def layout_template(req: BannerRequest, measure_contrast) -> BannerLayout:
    """The filled template for `req`; SlotProblems listing every slot that cannot be
    filled (BannerError for the template as a whole). `measure_contrast(art, boxes,
    colours)` returns the WCAG ratio of each colour over the artwork in those boxes."""
    template = template_of(req)
    size = req.size
    why = aspect_problem(template, size.name, size.width_mm, size.height_mm)
    if why:
        raise BannerError(why)
    scale, origin = placement(template, size)
    problems: list[tuple[str, int, str]] = []
    texts = dict(req.slot_texts)
    images = _images(req, template, scale, origin, problems)
    qrs = tuple(_qr(slot, dict(req.qr).get(slot.name), template, scale, origin, problems)
                for slot in template.of_kind("qr"))
    art = TemplateArt(template, scale, origin, images, tuple(q for q in qrs if q), {})
    lines: list[PlacedLine] = []
    contrast: dict[str, float] = {}
    warnings: list[str] = []
    min_cap = rules.min_cap_height_mm(size.viewing_distance_m)
    for slot in template.of_kind("text"):
        lines += _fill_text(req, slot, texts.get(slot.name), art, min_cap, measure_contrast,
                            problems, warnings, contrast)
    if problems:
        raise SlotProblems(template, problems)
    return BannerLayout(size=size, rotated=False, frame_w_mm=size.width_mm,
                        frame_h_mm=size.height_mm, background=req.colors.background,
                        fills=(), lines=tuple(lines), min_cap_mm=min_cap, contrast=contrast,
                        warnings=tuple(warnings), art=art)


def _fill_text(req, slot: Slot, text: str | None, art: TemplateArt, min_cap: float,
               measure_contrast, problems, warnings, contrast) -> list[PlacedLine]:
    """One text slot set, coloured and measured; [] when it is empty or cannot be set."""
    size = req.size
    if text is None:
        problems.append((slot.name, slot.line, f"slot-{slot.name} has no text: add "
                         f"`fields: {{{slot.name}: ...}}` to the spec"))
        return []
    if not text.strip():
        art.slots[slot.name] = {"lines": []}      # the national version has no office
        return []
    template = art.template
    box = slot_box_mm(slot, template, art.scale, art.origin_mm)
    placed = _text_slot(req, slot, text, box, min_cap, problems, warnings)
    if placed is None:
        return []
    ratio, color = _color(req, slot, placed, art, measure_contrast)
    placed = [_recolored(line, color) for line in placed]
    if ratio < rules.MIN_CONTRAST:
        message = (f"slot-{slot.name} on {size.name}: contrast {ratio:.2f}:1 ({color} on "
                   f"the artwork under it) is below {rules.MIN_CONTRAST:g}:1 "
                   f"({rules.CONTRAST_RULE}); set data-color or change the artwork")
        (warnings if req.allow_small else problems).append(
            message if req.allow_small else (slot.name, slot.line, message))
    contrast[slot.name] = ratio
    art.slots[slot.name] = {
        "lines": [line.text for line in placed],
        "cap_height_mm": round(placed[0].cap_height_mm, 2),
        "contrast_ratio": round(ratio, 2), "color": color,
        "font": Path(placed[0].font).name}
    return placed


def _text_slot(req, slot: Slot, text: str, box, min_cap: float, problems,
               warnings) -> list[PlacedLine] | None:
    size = req.size
    x0, y0, x1, y1 = box
    left, bottom, right, top = size.text_box_mm
    margin = [(name, need) for name, inside, need in (
        ("left", x0 >= left - 0.05, left), ("right", x1 <= right + 0.05, size.width_mm - right),
        ("bottom", y0 >= bottom - 0.05, bottom), ("top", y1 <= top + 0.05,
                                                  size.height_mm - top)) if not inside]
    if margin:
        sides = ", ".join(f"{name} {need:g} mm" for name, need in margin)
        problems.append((slot.name, slot.line, f"slot-{slot.name} reaches into the hem or "
                         f"safe margin of {size.name} (keep the box inside the trim by: "
                         f"{sides})"))
        return None
    font = _font(req, slot)
    upper = slot.upper or (slot.name == "headline" and req.upper)
    text = upper_vi(text) if upper else nfc(text)
    missing = missing_glyphs(text, font)
    if missing:
        problems.append((slot.name, slot.line, f"slot-{slot.name}: font {font.name} has no "
                         f"glyph for {missing[0]!r} (U+{ord(missing[0]):04X})"))
        return None
    metrics = font_metrics(font)
    share = 1.0 if slot.name in PRIMARY_SLOTS else SECONDARY_MIN_SHARE
    need = share * min_cap
    max_lines = slot.max_lines or (MAX_HEADLINE_LINES if slot.name == "headline"
                                   else MAX_SMALL_LINES)
    block = fit_words(text, metrics, x1 - x0, y1 - y0, math.inf, max_lines,
                      need / metrics.cap_height_em)
    cap = block.em * metrics.cap_height_em if block else 0.0
    if block is None or cap < need - 1e-6:
        rule = rules.cap_rule_text(size.viewing_distance_m)
        if share != 1.0:
            rule = f"{need:.1f} mm ({share:.0%} of {rule})"
        message = (f"slot-{slot.name} on {size.name}: \"{text}\" fits at {cap:.1f} mm cap "
                   f"height; it needs {need:.1f} mm ({rule}): enlarge the box, shorten the "
                   "text, or set allow_small")
        if not req.allow_small or block is None:
            problems.append((slot.name, slot.line, message))
            return None
        warnings.append(message)
    height = block.height
    top_mm = {"top": y1, "bottom": y0 + height, "middle": y1 - (y1 - y0 - height) / 2}[
        slot.valign]
    return place_block(block, slot.name, metrics, top_mm, x0, x1, slot.align,
                       req.colors.text)


def _font(req, slot: Slot) -> Path:
    if slot.font == "display" or (slot.font is None and slot.name == "headline"):
        return req.display_font
    if slot.font in (None, "text"):
        return req.text_font
    return resolve_font(slot.font).path


def _color(req, slot: Slot, placed, art, measure_contrast) -> tuple[float, str]:
    """The slot's colour and its contrast; without data-color, the brand colour that
    reads best on the artwork under the text."""
    colors = req.colors
    named = {"background": colors.background, "text": colors.text, "accent": colors.accent}
    boxes = [line.box_mm for line in placed]
    if slot.color:
        color = named.get(slot.color, slot.color)
        return measure_contrast(art, boxes, (color,))[0], color
    candidates = tuple(dict.fromkeys((colors.text, colors.background, colors.accent)))
    ratios = measure_contrast(art, boxes, candidates)
    best = max(range(len(candidates)), key=lambda i: ratios[i])
    return ratios[best], candidates[best]


def _recolored(line: PlacedLine, color: str) -> PlacedLine:
    return dataclasses.replace(line, color=color)


def _images(req, template, scale, origin, problems) -> tuple[PlacedImage, ...]:
    refs = dict(req.images)
    placed = []
    for slot in template.of_kind("image"):
        ref = refs.get(slot.name)
        if ref is None:
            hint = ("add `logo:` to brand in campaign.yaml, or " if slot.name == "logo" else "")
            problems.append((slot.name, slot.line, f"image-{slot.name} has no picture: "
                             f"{hint}add `images: {{{slot.name}: assets/images/...}}` to the "
                             "spec"))
            continue
        box = slot_box_mm(slot, template, scale, origin)
        image = _place_image(req.size, slot, ref, box, req.project_root, problems)
        if image is not None:
            placed.append(image)
    return tuple(placed)


def _place_image(size: Size, slot: Slot, ref: ImageRef, box, root,
                 problems) -> PlacedImage | None:
    x0, y0, x1, y1 = box
    bw, bh = x1 - x0, y1 - y0
    vector = None
    if ref.path.suffix.lower() == ".svg":
        try:
            vector = load_template(ref.path, root, ref.display)
        except TemplateError as exc:
            problems.append((slot.name, slot.line, f"image-{slot.name}: {exc.problems[0]}"))
            return None
        iw, ih = vector.viewbox[2:]
        fit = ref.fit or "contain"            # a logo is never cropped unless asked
    else:
        try:
            iw, ih = pixel_size(ref.path)
        except ImageProblem as exc:
            problems.append((slot.name, slot.line, f"image-{slot.name}: {exc}"))
            return None
        fit = ref.fit or slot.fit
    k = (max if fit == "cover" else min)(bw / iw, bh / ih)     # mm per picture unit
    dw, dh = iw * k, ih * k
    fx, fy = ref.focus
    if fit == "cover":
        # The focal point as near the box's centre as the crop allows (y up, fy from the top).
        left = x0 + min(0.0, max(bw - dw, bw / 2 - fx * dw))
        top = y1 + max(0.0, min(dh - bh, fy * dh - bh / 2))
    else:
        left, top = x0 + (bw - dw) / 2, y1 - (bh - dh) / 2
    drawn = (left, top - dh, left + dw, top)
    dpi = None if vector else 25.4 / k
    if dpi is not None and dpi < size.min_image_dpi - 0.5:
        need_w = math.ceil(size.min_image_dpi * (dw / 25.4))
        need_h = math.ceil(size.min_image_dpi * (dh / 25.4))
        problems.append((slot.name, slot.line, f"image-{slot.name} on {size.name}: "
                         f"{ref.display} ({iw} x {ih} px) gives {dpi:.0f} dpi there; "
                         f"{size.family} needs {size.min_image_dpi:.0f} dpi (a picture of "
                         f"at least {need_w} x {need_h} px)"))
        return None
    return PlacedImage(slot.name, ref, box, drawn, round(dpi, 1) if dpi else None, vector)


def _qr(slot, data, template, scale, origin, problems) -> PlacedQr | None:
    if not data:
        problems.append((slot.name, slot.line, f"qr-{slot.name} has nothing to encode: add "
                         f"`qr: {{{slot.name}: ...}}` to the spec"))
        return None
    x0, y0, x1, y1 = slot_box_mm(slot, template, scale, origin)
    side = min(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return PlacedQr(slot.name, data, (cx - side / 2, cy - side / 2, cx + side / 2,
                                      cy + side / 2))


def template_facts(layout: BannerLayout) -> dict:
    art: TemplateArt = layout.art
    return {
        "template": {"file": art.template.display, "sha256": art.template.digest},
        "slots": dict(sorted(art.slots.items())),
        "images": {image.slot: {"file": image.ref.display,
                                "effective_dpi": image.effective_dpi,
                                "min_dpi": (None if image.effective_dpi is None
                                            else round(layout.size.min_image_dpi, 1))}
                   for image in art.images},
        "qr": {qr.slot: qr.data for qr in art.qrs},
    }

