"""The banner stage: street banners, flags, panos, posters and screen stills.

This module reads the banner spec and turns a job into a `BannerRequest`; the layout and
the painters live in render.py and its neighbours.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.sizes import SIZES
from ...spec import fields as f
from .. import OutputFile, Rendered, Stage, StageError

TEMPLATES = ("slogan",)
ROLE_SUFFIX = {"print": "", "raster": "", "preview": ".preview", "thumb": ".thumb"}
FOOTER_HOTLINE = {"vi": "Đường dây nóng {hotline}", "en": "Hotline {hotline}"}
FOOTER_PHONE = {"vi": "Điện thoại {phone}", "en": "Phone {phone}"}


@dataclass(frozen=True)
class BannerSpec:
    text: dict[str, str]
    template: str = "slogan"
    upper: bool = False
    vertical: bool = False
    allow_small: bool = False
    crop_marks: bool = True
    # None: as the size's default (screens only); a list names the print sizes that get one
    raster: bool | tuple[str, ...] | None = None

    def raster_for(self, size_name: str) -> bool | None:
        if isinstance(self.raster, tuple):
            return True if size_name in self.raster else None
        return self.raster


def parse(fields, context) -> BannerSpec | None:
    text = fields.get("text", f.localized_text(("vi", "en")))
    spec = BannerSpec(
        text=text,
        template=fields.get("template", f.one_of(TEMPLATES), "slogan"),
        upper=fields.get("upper", f.boolean, False),
        vertical=fields.get("vertical", f.boolean, False),
        allow_small=fields.get("allow_small", f.boolean, False),
        crop_marks=fields.get("crop_marks", f.boolean, True),
        raster=fields.get("raster", _raster_choice, None),
    )
    if text and context.campaign:
        _check_text(fields, context, text)
    return spec


def _raster_choice(node) -> bool | tuple[str, ...]:
    """true / false, or the list of sizes that get a print raster."""
    if node.is_seq:
        return f.list_of(f.one_of(SIZES, "campaign sizes lists them"))(node)
    return f.boolean(node)


def _check_text(fields, context, text: dict[str, str]) -> None:
    """Missing languages and glyphs are spec problems, found by `campaign check`."""
    from ...media.fonts import missing_glyphs, resolve_font

    node = fields.node.value["text"]
    languages = fields.node.value.get("languages")
    wanted = [n.value for n in languages.value] if languages and languages.is_seq else ["vi"]
    for lang in wanted:
        if isinstance(lang, str) and lang in context.campaign.languages and lang not in text:
            context.problems.add(node.where, "text", f"no '{lang}' text, but languages "
                                                     f"lists {lang}")
    font = resolve_font(context.campaign.brand.fonts.display)
    for lang, value in text.items():
        missing = missing_glyphs(value, font.path)
        if missing:
            char = missing[0]
            context.problems.add(node.where, f"text.{lang}",
                                 f"the font {font.name} has no glyph for {char!r} "
                                 f"(U+{ord(char):04X})")


def _footer(job) -> tuple[str, ...]:
    campaign, lang = job.campaign, job.lang
    org = campaign.organization.get(lang) or campaign.organization["vi"]
    lines = [org.upper() if lang == "vi" else org]
    if job.province is not None:
        lines.append(job.province.office_name.upper())
        if job.province.phone:
            lines.append(FOOTER_PHONE[lang].format(phone=job.province.phone))
    lines.append(FOOTER_HOTLINE[lang].format(hotline=campaign.hotline))
    return tuple(lines)


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .render import BannerRequest, Colors

    spec: BannerSpec = job.product.body
    campaign = job.campaign
    colors = campaign.brand.colors
    return BannerRequest(
        headline=spec.text[job.lang],
        kicker=campaign.theme.get(job.lang) or campaign.theme["vi"],
        footer=_footer(job),
        size=job.size,
        colors=Colors(colors.background, colors.text, colors.accent),
        display_font=resolve_font(campaign.brand.fonts.display).path,
        text_font=resolve_font(campaign.brand.fonts.text).path,
        upper=spec.upper, vertical=spec.vertical, allow_small=spec.allow_small,
        crop_marks=spec.crop_marks, raster=spec.raster_for(job.size_name))


def render_job(job) -> Rendered:
    from .render import BannerError, render_banner

    try:
        result = render_banner(request_for(job))
    except BannerError as exc:
        raise StageError(f"{job.product.id}: {exc}") from None
    files = tuple(OutputFile(role, ROLE_SUFFIX[role] + ext, data)
                  for role, (ext, data) in sorted(result.files.items()))
    media = dict(result.media)
    warnings = tuple(media.pop("warnings", ()) or ())
    return Rendered(files, media, warnings)


def inputs(job) -> tuple[Path, ...]:
    from ...media.fonts import resolve_font

    fonts = job.campaign.brand.fonts
    return (resolve_font(fonts.display).path, resolve_font(fonts.text).path)


def warm(job) -> None:
    """Imports, font metrics and reportlab font registration: once a worker, not per job."""
    from ...media.fonts import font_metrics
    from .pdf import register_ttf

    for path in inputs(job):
        font_metrics(path)
        register_ttf(str(path))


STAGE = Stage(kind="banner", version="1", parse=parse, render=render_job, inputs=inputs,
              sizes=tuple(SIZES), tools=("reportlab", "pillow", "fontpkg-be-vietnam-pro"),
              warm=warm)
