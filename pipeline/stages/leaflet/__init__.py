"""The leaflet stage: print-ready two-sided leaflets and folded brochures (docs/leaflets.md).

This module is the glue the spine calls; the spec lives in spec.py, the request in
request.py, the layout in flow.py and its neighbours, the files in render.py.
"""
from __future__ import annotations

from .. import Rendered, Stage
from .fit import preflight
from .formats import LEAFLET_SIZES
from .request import request_for
from .spec import parse

__all__ = ["STAGE", "parse", "render", "request_for"]


def render(request) -> Rendered:
    from .render import render_leaflet

    return render_leaflet(request)


def warm(request) -> None:
    """Imports, font registration and the segmenter's lexicon: once a worker, not per job."""
    import pypdfium2  # noqa: F401  (imported for its start-up cost)
    import segno  # noqa: F401

    from ...media.pdf_fonts import register_ttf
    from ...text.typeset import units

    for path in (request.display_font, request.text_font):
        register_ttf(str(path))
    units("bảo hiểm xã hội")


STAGE = Stage(kind="leaflet", version="2", parse=parse, request=request_for, render=render,
              sizes=LEAFLET_SIZES, tools=("reportlab", "pikepdf", "segno", "pypdfium2",
                                          "fontpkg-be-vietnam-pro"), warm=warm,
              preflight=preflight, seconds=0.12)
