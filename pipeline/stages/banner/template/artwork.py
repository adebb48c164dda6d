"""A template's artwork as a reportlab drawing (vector), from the checked SVG.

Colours are painted as the brand's print inks where the artwork uses a brand colour, the
device CMYK conversion for any other colour of a CMYK page, and RGB on screen pages.
Made once per template and ink table in a worker: provinces share the artwork.
"""
from __future__ import annotations

import functools
import logging

from ....media.legibility import hex_color
from ....media.print_color import cmyk_color, device_cmyk
from .model import Template


@functools.lru_cache(maxsize=32)
def drawing_for(template: Template, inks: tuple | None):
    """(drawing, scale): the drawing and the factor from its units to viewBox units."""
    from lxml import etree
    from svglib.svglib import SvgRenderer

    table = dict(inks) if inks else None

    def convert(color):
        if table is None or color is None:
            return color
        alpha = getattr(color, "alpha", 1)
        rgb_hex = hex_color(color.red * 255, color.green * 255, color.blue * 255)
        ink = cmyk_color(table.get(rgb_hex) or device_cmyk(rgb_hex))
        ink.alpha = alpha
        return ink

    # The bytes are our own serialization of a file defusedxml accepted: no DTD, no entity.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    node = etree.fromstring(template.artwork, parser)
    root = str(template.path.parents[len(template.display.split("/")) - 1])
    # svglib logs what it skips; load.py has refused everything it would skip.
    logging.getLogger("svglib").setLevel(logging.ERROR)
    renderer = SvgRenderer(str(template.path), color_converter=convert,
                           external_reference_root=root)
    drawing = renderer.render(node)
    return drawing, template.viewbox[2] / drawing.width
