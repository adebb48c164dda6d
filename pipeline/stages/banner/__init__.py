"""The banner stage: street banners, flags, panos, posters and screen stills.

This module reads the banner spec and turns a job into a `BannerRequest`; the layout and
the painters live in render.py and its neighbours.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.sizes import SIZES
from ...errors import Where
from ...spec import fields as f
from ...spec.texts import check_text
from ...text.localized import hotline_line, in_language, phone_line
from ...text.segment import LEXICON_FILES
from .. import OutputFile, Rendered, Stage, StageError, Unfit

TEMPLATES = ("slogan",)
ROLE_SUFFIX = {"print": "", "raster": "", "preview": ".preview", "thumb": ".thumb"}


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
    source: Where | None = None      # where `text` is, for messages (not fingerprinted)

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
        source=fields.node.value["text"].where if "text" in fields.node.value else None,
    )
    if text and context.campaign:
        check_text(fields, context, fields.node.value["text"], "text", text)
    return spec


def _raster_choice(node) -> bool | tuple[str, ...]:
    """true / false, or the list of sizes that get a print raster."""
    if node.is_seq:
        return f.list_of(f.one_of(SIZES, "campaign sizes lists them"))(node)
    return f.boolean(node)


def _footer(job) -> tuple[str, ...]:
    campaign, lang = job.campaign, job.lang
    org = in_language(campaign.organization, lang)
    lines = [org.upper() if lang == "vi" else org]
    if job.province is not None:
        lines.append(job.province.office_name.upper())
        if job.province.phone:
            lines.append(phone_line(job.province.phone, lang))
    lines.append(hotline_line(campaign.hotline, lang))
    return tuple(lines)


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from .render import BannerRequest, Colors
    from .slug import label_for

    spec: BannerSpec = job.product.body
    campaign = job.campaign
    colors = campaign.brand.colors
    return BannerRequest(
        headline=spec.text[job.lang],
        kicker=in_language(campaign.theme, job.lang),
        footer=_footer(job),
        size=job.size,
        colors=Colors(colors.background, colors.text, colors.accent),
        display_font=resolve_font(campaign.brand.fonts.display).path,
        text_font=resolve_font(campaign.brand.fonts.text).path,
        upper=spec.upper, vertical=spec.vertical, allow_small=spec.allow_small,
        crop_marks=spec.crop_marks, raster=spec.raster_for(job.size_name),
        print_label=label_for(job), inks=_inks(campaign.brand), product=job.product.id)


def _inks(brand) -> tuple | None:
    """The brand's print colours as (#RRGGBB, CMYK) pairs, when the brand gives them."""
    if brand.print_colors is None:
        return None
    return tuple(sorted(brand.print_colors.by_hex(brand.colors).items()))


def render(request) -> Rendered:
    from .render import BannerError, render_banner

    try:
        result = render_banner(request)
    except BannerError as exc:
        raise StageError(f"{request.product}: {exc}") from None
    files = tuple(OutputFile(role, ROLE_SUFFIX[role] + ext, data)
                  for role, (ext, data) in sorted(result.files.items()))
    media = dict(result.media)
    warnings = tuple(media.pop("warnings", ()) or ())
    return Rendered(files, media, warnings)


def preflight(jobs) -> list[Unfit]:
    """Texts that cannot be set at some size's legibility minimum, found at `check`.

    Per product, size and language the layout is tried for the national footer and for
    the province whose footer is longest: if those fit, every province's does."""
    from .render import BannerError, layout_for

    problems: list[str] = []
    for job in _worst_cases(jobs):
        spec: BannerSpec = job.product.body
        if spec.allow_small:
            continue
        try:
            layout_for(request_for(job))
        except BannerError as exc:
            where = job.province.slug if job.province else "toàn quốc"
            problems.append(Unfit(spec.source or job.product.source, "text", job.size_name,
                                  f"{job.size_name} ({job.lang}, {where}): {exc}"))
    return problems


def _worst_cases(jobs) -> list:
    chosen: dict[tuple, object] = {}
    for job in jobs:
        key = (job.product.id, job.size_name, job.lang, job.province is None)
        if key not in chosen or len("".join(_footer(job))) > len("".join(_footer(chosen[key]))):
            chosen[key] = job
    return [chosen[key] for key in sorted(chosen, key=str)]


def inputs(job) -> tuple[Path, ...]:
    from ...media.fonts import resolve_font

    fonts = job.campaign.brand.fonts
    # The word lists decide the line breaks: editing them rebuilds what they set.
    return (resolve_font(fonts.display).path, resolve_font(fonts.text).path, *LEXICON_FILES)


def warm(job) -> None:
    """Imports, font metrics and reportlab font registration: once a worker, not per job."""
    from ...media.fonts import font_metrics, resolve_font
    from .pdf import register_ttf

    fonts = job.campaign.brand.fonts
    for name in (fonts.display, fonts.text):
        path = resolve_font(name).path
        font_metrics(path)
        register_ttf(str(path))


STAGE = Stage(kind="banner", version="2", parse=parse, request=request_for, render=render,
              inputs=inputs,
              sizes=tuple(name for name, size in SIZES.items() if size.family != "leaflet"),
              tools=("reportlab", "pillow", "fontpkg-be-vietnam-pro"),
              warm=warm, preflight=preflight, seconds=0.03)
