"""An SVG file read as untrusted input: a province or an agency may send one.

defusedxml refuses entity declarations and external references of any kind (expat never
fetches a DTD); on top of it a file is refused past MAX_BYTES, MAX_ELEMENTS or
MAX_DEPTH, so a crafted file costs at most a few megabytes to reject.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ....text.deceptive import first_in_markup

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
MAX_BYTES = 20_000_000          # embedded photos included; a drawn template is ~100 kB
MAX_ELEMENTS = 20_000
MAX_DEPTH = 48


class SvgRefused(Exception):
    """The file cannot be read as a template; `line` is 0 when it is the whole file."""

    def __init__(self, message: str, line: int = 0):
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class SvgTree:
    root: ET.Element
    lines: dict[int, int]         # id(element) -> its 1-based line in the file

    def line(self, element: ET.Element) -> int:
        return self.lines.get(id(element), 0)


class _LineBuilder(ET.TreeBuilder):
    """Records the line each element starts on, and refuses depth and count past limits."""

    def __init__(self):
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.lines: dict[int, int] = {}
        self.depth = 0
        self.count = 0

    def start(self, tag, attrs):
        element = super().start(tag, attrs)
        line = self.parser.parser.CurrentLineNumber
        self.lines[id(element)] = line
        self.depth += 1
        self.count += 1
        if self.depth > MAX_DEPTH:
            raise SvgRefused(f"elements nested deeper than {MAX_DEPTH} levels: flatten the "
                             "groups (Inkscape: Object > Ungroup)", line)
        if self.count > MAX_ELEMENTS:
            raise SvgRefused(f"more than {MAX_ELEMENTS:,} elements: simplify the drawing "
                             "(Inkscape: Path > Simplify, or combine paths)", line)
        return element

    def end(self, tag):
        self.depth -= 1
        return super().end(tag)


def read_svg(path: Path) -> SvgTree:
    """The parsed file; SvgRefused (one line, with the line number) when it cannot be."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SvgRefused(f"{size / 1e6:.1f} MB is over the {MAX_BYTES / 1e6:.0f} MB limit "
                         "for a template: link large photos as image slots instead of "
                         "embedding them")
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    builder.parser = parser
    data = path.read_bytes()
    # A template's static text prints: the deceptive characters specs refuse (as text or
    # as a character reference) are refused here, at their line.
    if deceptive := first_in_markup(data.decode("utf-8", "replace")):
        raise SvgRefused(f"column {deceptive[1]}: {deceptive[2]}", deceptive[0])
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise SvgRefused(f"declares an XML entity or external reference ({type(exc).__name__}),"
                         " which a template may not: export a plain SVG",
                         parser.parser.CurrentLineNumber) from None
    except ET.ParseError as exc:
        raise SvgRefused(f"is not well-formed XML ({exc.msg if hasattr(exc, 'msg') else exc})",
                         exc.position[0]) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise SvgRefused("is not an SVG drawing (its root element is not <svg> in the SVG "
                         "namespace)", builder.lines.get(id(root), 1))
    return SvgTree(root, builder.lines)


def local(tag: str) -> str:
    """'{http://www.w3.org/2000/svg}rect' -> 'rect'; other namespaces keep their brace."""
    prefix = f"{{{SVG_NS}}}"
    return tag[len(prefix):] if tag.startswith(prefix) else tag
