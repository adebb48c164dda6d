"""A leaflet job -> its `LeafletRequest`: the spec, the brand's colours and fonts, the
province's contact lines and the PDF's metadata. Light to import: the build makes every
request in its own process, before any worker draws a page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .spec import LeafletSpec


@dataclass(frozen=True)
class Meta:
    title: str
    author: str
    subject: str
    created: dt.date = dt.date(2024, 1, 1)     # the campaign's start: dates never vary
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class LeafletRequest:
    spec: LeafletSpec
    size_name: str
    colors: object                 # spec.model.Colors
    print_colors: object | None    # spec.model.PrintColors
    display_font: Path
    text_font: Path
    contact: tuple[tuple[str, str], ...]   # (role, text) lines of the contact box
    meta: Meta
    where: str                     # 'specs/leaflets/x.yaml:' before a block's line
    province: str = ""             # the province slug, for messages
    inputs: tuple[Path, ...] = ()  # fonts, data files, photos and the word lists


def contact_lines(campaign, province) -> tuple[tuple[str, str], ...]:
    """(role, text) lines of the contact box: the province office from the localization
    data (as banners use it), else the organization; always the national hotline."""
    lines = []
    if province is not None:
        lines.append(("question", province.office_name))
        if province.address:
            lines.append(("body", f"Địa chỉ: {province.address}"))
        if province.phone:
            lines.append(("body", f"Điện thoại: {province.phone}"))
    else:
        lines.append(("question", campaign.organization["vi"]))
    lines.append(("hotline", f"Đường dây nóng: {campaign.hotline}"))
    return tuple(lines)


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from ...media.pdfx import FOGRA39_300
    from ...text.segment import lexicon_files

    campaign, spec = job.campaign, job.product.body
    organization = campaign.organization["vi"]
    subject = campaign.title["vi"]
    if job.province is not None:
        subject += f" - {job.province.office_name}"
    display = resolve_font(campaign.brand.fonts.display).path
    text = resolve_font(campaign.brand.fonts.text).path
    return LeafletRequest(
        spec=spec, size_name=job.size_name, colors=campaign.brand.colors,
        print_colors=campaign.brand.print_colors, display_font=display, text_font=text,
        contact=contact_lines(campaign, job.province),
        meta=Meta(spec.title, organization, subject, campaign.window_start,
                  (campaign.theme["vi"], "tờ rơi", job.province_slug)),
        where=f"{job.product.source.file}:", province=job.province_slug,
        # the word lists decide where lines break: editing them rebuilds what they set
        inputs=(display, text, *spec.files(), *(p for p in lexicon_files() if p.is_file()),
                FOGRA39_300.profile_path))
