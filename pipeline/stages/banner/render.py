"""Banner rendering: request in, files (bytes), measured facts and warnings out. No file I/O
besides reading font files; the stage decides where the bytes go."""
from __future__ import annotations

import dataclasses

from pipeline.catalog.sizes import RASTER_LIMIT_PX
from pipeline.media.fonts import font_full_name, font_version, missing_glyphs
from pipeline.media.pdfx import PdfxError, print_ready
from pipeline.text.vietnamese import nfc, upper_vi

from ...media import legibility as rules
from .. import OutputFile, Rendered, StageError
from .layout import BannerError, BannerLayout, BannerRequest, Colors, layout_slogan
from .pdf import render_pdf
from .raster import Paintings, render_full, render_preview_and_thumb

__all__ = ["BannerError", "BannerRequest", "Colors", "render_banner", "normalized"]

ROLE_SUFFIX = {"print": "", "raster": "", "preview": ".preview", "thumb": ".thumb"}


def normalized(req: BannerRequest) -> BannerRequest:
    """NFC everywhere (decomposed input must render identically), casing as asked."""
    headline = upper_vi(req.headline) if req.upper else nfc(req.headline)
    return dataclasses.replace(req, headline=headline, kicker=nfc(req.kicker),
                               footer=tuple(nfc(line) for line in req.footer))


def check_glyphs(req: BannerRequest) -> None:
    """Every character of every text must be in its font's cmap, before anything is painted."""
    texts = [("headline", req.headline, req.display_font), ("kicker", req.kicker, req.text_font)]
    texts += [(f"footer line {i + 1}", line, req.text_font) for i, line in enumerate(req.footer)]
    for what, text, font in texts:
        missing = missing_glyphs(text, font)
        if missing:
            ch = missing[0]
            raise BannerError(
                f"{req.size.name}: font {font_full_name(font)} has no glyph for {ch!r} "
                f"(U+{ord(ch):04X}) in the {what} {text!r}")


def _mm(value: float) -> float:
    return round(value, 2)


def _common_facts(req: BannerRequest, layout: BannerLayout) -> dict:
    """What every banner's facts say, whichever layout set it."""
    size = req.size
    return {
        "width_mm": size.width_mm,
        "height_mm": size.height_mm,
        "bleed_mm": size.bleed_mm,
        "color_space": "CMYK" if req.inks else "RGB",
        "vertical": layout.rotated,
        "min_cap_height_mm": _mm(layout.min_cap_mm),
        "contrast_ratio": {role: round(ratio, 2)
                           for role, ratio in sorted(layout.contrast.items())},
        "font": {"name": font_full_name(req.display_font),
                 "version": font_version(req.display_font)},
        "text_font": {"name": font_full_name(req.text_font),
                      "version": font_version(req.text_font)},
        "legibility": {
            "cap_height_rule": rules.CAP_HEIGHT_RULE,
            "min_cap_height": rules.cap_rule_text(size.viewing_distance_m),
            "contrast_rule": rules.CONTRAST_RULE,
        },
    }


def _facts(req: BannerRequest, layout: BannerLayout) -> dict:
    headline = layout.role_lines("headline")
    hotline = layout.role_lines("hotline")
    kicker = layout.role_lines("kicker")
    return {
        **_common_facts(req, layout),
        "template": "slogan",
        "cap_height_mm": _mm(headline[0].cap_height_mm),
        "hotline_cap_height_mm": _mm(hotline[0].cap_height_mm) if hotline else None,
        "kicker_cap_height_mm": _mm(kicker[0].cap_height_mm) if kicker else None,
        "headline_lines": [line.text for line in headline],
        "kicker_lines": [line.text for line in kicker],
        # The footer band as set, organization lines then contact lines, hotline last.
        "footer_lines": [line.text for line in layout.lines
                         if line.role in ("footer", "contact", "hotline")],
    }


def layout_for(req: BannerRequest) -> BannerLayout:
    """The checked layout a request would be painted from; BannerError if it cannot be."""
    return _layout(normalized(req))


def _layout(req: BannerRequest) -> BannerLayout:
    if req.template is not None:
        from .template_paint import contrast_meter
        from .templated import layout_template

        return layout_template(req, contrast_meter(req.size, _inks(req)))
    check_glyphs(req)
    return layout_slogan(req)


def _inks(req: BannerRequest) -> dict | None:
    return dict(req.inks) if req.inks else None


def _template_facts(req: BannerRequest, layout: BannerLayout) -> dict:
    from .templated import template_facts

    slots = layout.art.slots

    def lines(*names):
        return [line for name in names for line in slots.get(name, {}).get("lines", [])]

    def cap(name):
        return slots.get(name, {}).get("cap_height_mm")

    return {
        **_common_facts(req, layout),
        **template_facts(layout),
        # The same keys as every banner's, so the desk and the checks read both alike.
        "headline_lines": lines("headline"), "kicker_lines": lines("kicker"),
        "footer_lines": lines(*sorted(set(slots) - {"headline", "kicker", "hotline"}),
                              "hotline"),
        "cap_height_mm": cap("headline"), "hotline_cap_height_mm": cap("hotline"),
        "kicker_cap_height_mm": cap("kicker"),
    }


def render_banner(req: BannerRequest) -> Rendered:
    """PDF for print sizes, rasters as asked, a preview and a thumbnail; StageError naming
    the product when the text cannot be set legibly (warnings instead when req.allow_small)."""
    try:
        return _render(normalized(req))
    except (BannerError, PdfxError) as exc:
        raise StageError(f"{req.product}: {exc}") from None


def _render(req: BannerRequest) -> Rendered:
    layout = _layout(req)
    media = _template_facts(req, layout) if layout.art is not None else _facts(req, layout)
    files: dict[str, tuple[str, bytes]] = {}
    if not req.size.is_screen:
        pdf = render_pdf(layout, crop_marks=req.crop_marks, label=req.print_label,
                         inks=dict(req.inks) if req.inks else None)
        data, print_facts = print_ready(pdf.data, cmyk=bool(req.inks and req.print_label))
        files["print"] = (".pdf", data)
        media.update(print_facts)
        media.update(page_pt=[round(v, 3) for v in pdf.page_pt], user_unit=pdf.user_unit,
                     trim_box_pt=[round(v, 3) for v in pdf.trim_box])
    raster = req.raster if req.raster is not None else req.size.raster_by_default
    if raster and not req.size.raster_allowed:
        w, h = req.size.raster_px
        raise BannerError(f"{req.size.name}: a raster of {w} x {h} px is over the "
                          f"{RASTER_LIMIT_PX:,} px limit; print from the PDF")
    paintings = Paintings(layout, _inks(req))
    if raster:
        full = render_full(layout, paintings)
        files["raster"] = (full.extension, full.data)
        media.update(dpi=full.dpi, raster_px=list(full.pixel_size),
                     raster_includes_bleed=full.bleed_included)
    preview, thumb = render_preview_and_thumb(layout, paintings)
    files["preview"] = (preview.extension, preview.data)
    files["thumb"] = (thumb.extension, thumb.data)
    media.update(preview_px=list(preview.pixel_size), thumb_px=list(thumb.pixel_size))
    # In the roles' alphabetical order, as the manifest has always listed a banner's files.
    return Rendered(tuple(OutputFile(role, ROLE_SUFFIX[role] + ext, data)
                          for role, (ext, data) in sorted(files.items())),
                    media, tuple(layout.warnings))
