"""A banner job -> its `BannerRequest`: the texts in the job's language, the footer with the
province's office, the brand's colours, fonts and inks, the print label."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...media.pdfx import FOGRA39_300
from ...text.localized import hotline_line, in_language, phone_line
from ...text.segment import lexicon_files

if TYPE_CHECKING:
    from .layout import BannerRequest, Colors


def footer(job) -> tuple[str, ...]:
    """The footer band's lines: the organization, the province's office and phone, the
    hotline last."""
    campaign, lang = job.campaign, job.lang
    org = in_language(campaign.organization, lang)
    lines = [org.upper() if lang == "vi" else org]
    if job.province is not None:
        lines.append(job.province.office_name.upper())
        if job.province.phone:
            lines.append(phone_line(job.province.phone, lang))
    lines.append(hotline_line(campaign.hotline, lang))
    return tuple(lines)


def request_for(job) -> BannerRequest:
    """The renderer's request for one job: pure, so tests can build one without files."""
    from .layout import BannerRequest
    from .slug import label_for

    spec = job.product.body
    campaign = job.campaign
    brand = _brand(campaign.brand)
    parts = _template_parts(job, spec, campaign, brand)
    return BannerRequest(
        headline=spec.text_for(job.size_name, job.lang),
        kicker=in_language(campaign.theme, job.lang),
        footer=footer(job),
        size=job.size, colors=brand.colors,
        display_font=brand.display_font, text_font=brand.text_font,
        upper=spec.upper, vertical=spec.vertical, allow_small=spec.allow_small,
        crop_marks=spec.crop_marks, raster=spec.raster_for(job.size_name),
        print_label=label_for(job), inks=brand.inks, product=job.product.id,
        inputs=parts.pop("inputs", brand.inputs), **parts)


def _template_parts(job, spec, campaign, brand) -> dict:
    """What a templated banner adds: its SVG for this size and what fills its slots.
    Sizes a `template:` mapping does not name keep the built-in `slogan`."""
    from .templated import ImageRef

    choice = spec.template
    chosen = choice.for_size(job.size_name) if not isinstance(choice, str) else None
    if chosen is None:
        return {}
    path, _ = chosen
    lang, province = job.lang, job.province
    texts = {"headline": spec.text_for(job.size_name, lang),
             "kicker": in_language(campaign.theme, lang),
             "organization": in_language(campaign.organization, lang),
             "office": province.office_name if province else "",
             "phone": phone_line(province.phone, lang) if province and province.phone else "",
             "address": province.address if province else "",
             "hotline": hotline_line(campaign.hotline, lang),
             "dates": window_text(campaign.window_start, campaign.window_end, lang)}
    texts.update({name: in_language(text, lang) for name, text in spec.fields.items()})
    images = dict(spec.images)
    logo = campaign.brand.logo
    if logo is not None and "logo" not in images:
        images["logo"] = ImageRef(logo, logo.relative_to(choice.root).as_posix())
    qr = {"hotline": "tel:" + "".join(ch for ch in campaign.hotline if ch.isdigit()),
          **spec.qr}
    inputs = (*brand.inputs, path, *sorted({ref.path for ref in images.values()}))
    return {"template": path, "project_root": choice.root,
            "slot_texts": tuple(sorted(texts.items())), "images": tuple(sorted(images.items())),
            "qr": tuple(sorted(qr.items())), "inputs": inputs}


def window_text(start, end, lang: str) -> str:
    """The display window as a reader writes it: 6-21/5/2024 (vi), 6-21 May 2024 (en)."""
    if lang == "vi":
        first = f"{start.day}" if (start.month, start.year) == (end.month, end.year) else \
            f"{start.day}/{start.month}" + ("" if start.year == end.year else f"/{start.year}")
        return f"{first}-{end.day}/{end.month}/{end.year}"
    if (start.month, start.year) == (end.month, end.year):
        return f"{start.day}-{end.day} {end:%B %Y}"
    return f"{start:%-d %B} - {end:%-d %B %Y}"


@dataclass(frozen=True)
class _Brand:
    colors: Colors
    display_font: Path
    text_font: Path
    inks: tuple | None
    inputs: tuple[Path, ...]


@functools.lru_cache(maxsize=8)
def _brand(brand) -> _Brand:
    """What every banner of a brand shares, made once: a campaign plans thousands."""
    from ...media.fonts import resolve_font
    from .layout import Colors

    colors = brand.colors
    display, text = resolve_font(brand.fonts.display).path, resolve_font(brand.fonts.text).path
    # The word lists decide the line breaks, the output profile the PDF/X file: editing
    # them rebuilds what they made.
    return _Brand(Colors(colors.background, colors.text, colors.accent), display, text,
                  _inks(brand), (display, text, *lexicon_files(), FOGRA39_300.profile_path))


def _inks(brand) -> tuple | None:
    """The brand's print colours as (#RRGGBB, CMYK) pairs, when the brand gives them."""
    if brand.print_colors is None:
        return None
    return tuple(sorted(brand.print_colors.by_hex(brand.colors).items()))
