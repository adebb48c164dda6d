"""The banner stage: street banners, flags, panos, posters and screen stills.

This module reads the banner spec; request.py turns a job into a `BannerRequest`, the
layout and the painters live in render.py and its neighbours, `campaign check`'s look at
the texts in breaks.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...catalog.sizes import SIZES
from ...errors import Where
from ...spec import fields as f
from ...spec.texts import check_text
from .. import Rendered, Stage
from .breaks import preflight
from .request import request_for

__all__ = ["STAGE", "BannerSpec", "parse", "render", "request_for"]

TEMPLATES = ("slogan",)


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


def render(request) -> Rendered:
    from .render import render_banner

    return render_banner(request)


def warm(request) -> None:
    """Imports, font metrics and reportlab font registration: once a worker, not per job."""
    from ...media.fonts import font_metrics
    from .pdf import register_ttf

    for path in (request.display_font, request.text_font):
        font_metrics(path)
        register_ttf(str(path))


STAGE = Stage(kind="banner", version="2", parse=parse, request=request_for, render=render,
              sizes=tuple(name for name, size in SIZES.items() if size.family != "leaflet"),
              tools=("reportlab", "pillow", "fontpkg-be-vietnam-pro"),
              warm=warm, preflight=preflight, seconds=0.03)
