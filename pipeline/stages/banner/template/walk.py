"""The walk over a template's elements: what is drawn, refused, folded or dropped, and
where the slots are (load.py's `Template` is built from what it finds)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ....media.fonts import UnknownFont, missing_glyphs, resolve_font
from ....text.vietnamese import nfc
from .model import Problem, Slot
from .read import SvgTree, local
from .svgattrs import (
    IDENTITY,
    NUMBER,
    Matrix,
    brand_font,
    href_of,
    multiply,
    parse_transform,
    path_data_problem,
    plain_number,
    set_style,
    style_of,
)

# Drawn as vector by svglib (tests/stages/banner/test_template_artwork.py holds each).
DRAWN = {"svg", "g", "defs", "path", "rect", "circle", "ellipse", "line", "polyline",
         "polygon", "linearGradient", "radialGradient", "stop", "clipPath", "image", "text",
         "tspan", "use", "symbol", "style"}
SKIPPED = {"title", "desc", "metadata"}
REFUSED = {
    "script": "scripts are not run in a print template: remove it",
    "foreignObject": "HTML inside an SVG cannot be printed: draw it as shapes",
    "filter": "filter effects (blur, shadow) cannot be drawn as vector: remove the filter or "
              "flatten that object to a picture (Inkscape: Edit > Make a Bitmap Copy)",
    "mask": "masks cannot be drawn faithfully: use a clip path, or flatten the object",
    "pattern": "pattern fills cannot be drawn faithfully: expand the pattern into shapes "
               "(Inkscape: Object > Pattern > Pattern to Objects)",
    "marker": "line markers (arrowheads) cannot be drawn: convert the stroke to a path "
              "(Inkscape: Path > Stroke to Path)",
    "textPath": "text on a path cannot be set: convert it to paths (Path > Object to Path)",
}
REFUSED_PROPERTIES = {
    "filter": REFUSED["filter"], "mask": REFUSED["mask"],
    "mix-blend-mode": "blend modes cannot be drawn faithfully: flatten the object",
    "marker-start": REFUSED["marker"], "marker-mid": REFUSED["marker"],
    "marker-end": REFUSED["marker"],
}
SLOT_PREFIXES = {"slot-": "text", "image-": "image", "qr-": "qr"}
TEXT_ATTRS = ("data-font", "data-color", "data-align", "data-valign", "data-upper",
              "data-max-lines")
IMAGE_ATTRS = ("data-fit",)
ALIGNS = ("left", "center", "right")
VALIGNS = ("top", "middle", "bottom")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")


class Walk:
    def __init__(self, tree: SvgTree, path: Path, root: Path, display: str):
        self.tree, self.path, self.root, self.display = tree, path, root.resolve(), display
        self.problems: list[Problem] = []
        self.slots: list[Slot] = []
        self.fonts: list[Path] = []
        self.viewbox = (0.0, 0.0, 1.0, 1.0)
        self.ids: set[str] = set()

    def problem(self, element: ET.Element | None, message: str) -> None:
        line = self.tree.line(element) if element is not None else 0
        what = f"<{local(element.tag)}>" if element is not None else ""
        ident = element.get("id") if element is not None else None
        where = f"{what} id '{ident}'" if ident else what
        self.problems.append(Problem(self.display, line, f"{where}: {message}" if where
                                     else message))

    def run(self) -> None:
        svg = self.tree.root
        box = svg.get("viewBox")
        numbers = re.findall(NUMBER, box or "")
        if len(numbers) != 4 or float(numbers[2]) <= 0 or float(numbers[3]) <= 0:
            self.problem(svg, "needs a viewBox (x y width height): it is the trim box the "
                              "template is scaled onto (Inkscape: Document Properties, "
                              "'Scale' and 'Viewbox')")
            return
        self.viewbox = tuple(float(n) for n in numbers)
        # svglib draws in the root's width/height; make them the viewBox so one unit of
        # the drawing is one viewBox unit, whatever unit the editor exported.
        svg.set("width", numbers[2])
        svg.set("height", numbers[3])
        svg.attrib.pop("preserveAspectRatio", None)
        self._children(svg, IDENTITY, {}, in_defs=False)

    def _children(self, parent: ET.Element, matrix: Matrix, inherited: dict,
                  in_defs: bool) -> None:
        for child in list(parent):
            if not isinstance(child.tag, str):
                continue              # comments and processing instructions
            name = local(child.tag)
            if name.startswith("{") or name in SKIPPED:
                parent.remove(child)  # editor data (Inkscape, Illustrator), metadata
                continue
            if name in REFUSED:
                self.problem(child, REFUSED[name])
                continue
            if name not in DRAWN:
                self.problem(child, f"the element <{name}> cannot be drawn in a print "
                                    "template")
                continue
            if name == "svg":
                self.problem(child, "an SVG inside an SVG cannot be placed: paste its "
                                    "contents as a group")
                continue
            self._element(parent, child, name, matrix, inherited, in_defs)

    def _element(self, parent, element, name, matrix, inherited, in_defs) -> None:
        for attr in [a for a in element.attrib if a.lower().startswith("on")]:
            del element.attrib[attr]           # event handlers: never run, dropped
        ident = element.get("id")
        if ident:
            if ident in self.ids:
                self.problem(element, f"the id '{ident}' is used twice")
            self.ids.add(ident)
        props = style_of(element)
        for prop, why in REFUSED_PROPERTIES.items():
            if props.get(prop, "none") not in ("none", "normal", ""):
                self.problem(element, why)
        try:
            own = parse_transform(element.get("transform", ""))
        except ValueError as exc:
            self.problem(element, str(exc))
            return
        here = multiply(matrix, own)
        kind = next((k for prefix, k in SLOT_PREFIXES.items()
                     if ident and ident.startswith(prefix)), None)
        if kind is not None:
            self._slot(parent, element, name, kind, here, in_defs)
            return
        self._references(element, name, props)
        if name == "style":
            self._style_sheet(element)
            return
        if name == "path":
            why = path_data_problem(element.get("d", ""))
            if why:
                self.problem(element, why)
                return
        if name in ("text", "tspan"):
            self._text(element, {**inherited, **_font_props(props)})
        if "opacity" in props and props["opacity"] not in ("1", ""):
            self._opacity(element, name, props)
        self._children(element, here, {**inherited, **_font_props(props)},
                       in_defs or name in ("defs", "clipPath", "symbol"))

    # -- slots ------------------------------------------------------------------------

    def _slot(self, parent, element, name, kind, matrix, in_defs) -> None:
        ident = element.get("id")
        parent.remove(element)                 # a slot is a box, never drawn
        slot_name = ident.split("-", 1)[1]
        if not re.fullmatch(r"[a-z][a-z0-9_]*", slot_name):
            self.problem(element, f"'{slot_name}' is not a slot name (lower-case letters, "
                                  "digits and _ after the prefix, e.g. slot-headline)")
            return
        if name != "rect":
            self.problem(element, f"a slot must be a <rect>, not a <{name}>")
            return
        if in_defs:
            self.problem(element, "a slot inside <defs> or a clip path is never shown")
            return
        a, b, c, d, e, f = matrix
        if abs(b) > 1e-9 or abs(c) > 1e-9 or a <= 0 or d <= 0:
            self.problem(element, "a slot may be moved and scaled but not rotated, skewed "
                                  "or flipped: text is set upright in it")
            return
        try:
            x, y = plain_number(element.get("x")), plain_number(element.get("y"))
            w, h = plain_number(element.get("width")), plain_number(element.get("height"))
        except ValueError as exc:
            self.problem(element, str(exc))
            return
        if w <= 0 or h <= 0:
            self.problem(element, "has no area (width and height must be above 0)")
            return
        box = (a * x + e, d * y + f, a * w, d * h)
        if any(s.kind == kind and s.name == slot_name for s in self.slots):
            self.problem(element, f"the slot '{ident}' is drawn twice")
            return
        attrs = dict(element.attrib)
        options = self._slot_options(element, kind, attrs)
        if options is not None:
            self.slots.append(Slot(slot_name, kind, box, self.tree.line(element), **options))

    def _slot_options(self, element, kind, attrs) -> dict | None:
        known = TEXT_ATTRS if kind == "text" else IMAGE_ATTRS if kind == "image" else ()
        ok = True
        for attr in attrs:
            if attr.startswith("data-") and attr not in known:
                hint = ", ".join(known) if known else "none"
                self.problem(element, f"unknown attribute {attr} on a {kind} slot (known: "
                                      f"{hint})")
                ok = False
        options: dict = {}
        if kind == "text":
            options = self._text_options(element, attrs)
            ok = ok and options is not None
        elif kind == "image":
            fit = attrs.get("data-fit", "cover")
            if fit not in ("cover", "contain"):
                self.problem(element, f"data-fit '{fit}' is neither cover nor contain")
                return None
            options = {"fit": fit}
        return options if ok else None

    def _text_options(self, element, attrs) -> dict | None:
        ok = True
        color = attrs.get("data-color")
        if color is not None and not (re.fullmatch(r"#[0-9A-Fa-f]{6}", color)
                                      or color in ("background", "text", "accent")):
            self.problem(element, f"data-color '{color}' is neither #RRGGBB nor a brand "
                                  "colour (background, text, accent)")
            ok = False
        for attr, choices in (("data-align", ALIGNS), ("data-valign", VALIGNS)):
            if attrs.get(attr, choices[1]) not in choices:
                self.problem(element, f"{attr} '{attrs[attr]}' is not one of "
                                      f"{', '.join(choices)}")
                ok = False
        upper = attrs.get("data-upper", "false")
        if upper not in ("true", "false"):
            self.problem(element, f"data-upper '{upper}' is neither true nor false")
            ok = False
        max_lines = attrs.get("data-max-lines")
        if max_lines is not None and not (max_lines.isdigit() and 1 <= int(max_lines) <= 20):
            self.problem(element, f"data-max-lines '{max_lines}' is not a whole number "
                                  "from 1 to 20")
            ok = False
        font = attrs.get("data-font")
        if font is not None and font not in ("display", "text"):
            try:
                resolve_font(font)
            except UnknownFont as exc:
                self.problem(element, f"data-font: {exc}")
                ok = False
        if not ok:
            return None
        return {"font": font, "color": color.upper() if color and color[0] == "#" else color,
                "align": attrs.get("data-align", "center"),
                "valign": attrs.get("data-valign", "middle"), "upper": upper == "true",
                "max_lines": int(max_lines) if max_lines else None}

    # -- references, opacity, text ----------------------------------------------------

    def _references(self, element, name, props) -> None:
        href = href_of(element)
        if href is not None:
            self._href(element, name, href)
        for prop in ("fill", "stroke", "clip-path"):
            value = props.get(prop, "")
            if "url(" in value and not re.fullmatch(r"\s*url\(\s*['\"]?#[^)]+\)\s*(\S+)?\s*",
                                                    value):
                self.problem(element, f"{prop} '{value}' refers outside the file: only "
                                      "references inside it (url(#id)) are drawn")

    def _href(self, element, name, href) -> None:
        if href.startswith("#"):
            return
        if name != "image":
            self.problem(element, f"'{href}' refers outside the file: only references "
                                  "inside it (#id) may be used here")
            return
        if href.startswith(("data:image/png;base64,", "data:image/jpeg;base64,",
                            "data:image/jpg;base64,")):
            self._picture_aspect(element, None)
            return
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) or href.startswith(("/", "\\", "//")):
            self.problem(element, f"the picture '{href[:80]}' is outside the project: "
                                  "embed it (Inkscape: Extensions > Images > Embed Images) "
                                  "or copy it into assets/images/ and link it from there")
            return
        target = (self.path.parent / href).resolve()
        if not str(target).startswith(str(self.root) + "/"):
            self.problem(element, f"the picture '{href}' is outside the project")
        elif not target.is_file():
            self.problem(element, f"the picture '{href}' does not exist (looked for "
                                  f"{target.relative_to(self.root).as_posix()})")
        elif target.suffix.lower() not in PICTURE_SUFFIXES:
            self.problem(element, f"the picture '{href}' is not a PNG or JPEG")
        else:
            self._picture_aspect(element, target)

    def _picture_aspect(self, element, target: Path | None) -> None:
        """svglib stretches a picture to its box: a box of another shape is refused unless
        the designer asked for stretching (preserveAspectRatio="none")."""
        if element.get("preserveAspectRatio", "").strip() == "none":
            return
        from PIL import Image

        try:
            if target is None:
                import base64
                import io

                data = base64.b64decode(href_of(element).split(",", 1)[1])
                size = Image.open(io.BytesIO(data)).size
            else:
                size = Image.open(target).size
            w, h = plain_number(element.get("width")), plain_number(element.get("height"))
        except Exception as exc:  # noqa: BLE001 - any unreadable picture is one line
            self.problem(element, f"the picture cannot be read ({type(exc).__name__})")
            return
        if w > 0 and h > 0 and abs((w / h) / (size[0] / size[1]) - 1) > 0.01:
            self.problem(element, f"the picture ({size[0]} x {size[1]} px) is drawn into a "
                                  f"box of another shape ({w:g} x {h:g}); crop the picture "
                                  "to the box, or use an image slot (image-<name>), which "
                                  "crops to cover")

    def _opacity(self, element, name, props) -> None:
        """svglib ignores `opacity`: it is folded into the fill and stroke opacities where
        that draws the same picture, and refused where it would not."""
        try:
            opacity = float(props["opacity"])
        except ValueError:
            self.problem(element, f"opacity '{props['opacity']}' is not a number")
            return
        drawn = [c for c in element if isinstance(c.tag, str) and local(c.tag) in DRAWN]
        if name == "g":
            if len(drawn) != 1:
                self.problem(element, f"group opacity over {len(drawn)} objects cannot be "
                                      "drawn faithfully: set the opacity on each object, or "
                                      "combine them into one path")
                return
            child = drawn[0]
            child_opacity = float(style_of(child).get("opacity", "1") or 1)
            set_style(child, "opacity", f"{child_opacity * opacity:g}")
            set_style(element, "opacity", None)
            return
        fill = props.get("fill", "black") not in ("none", "transparent")
        stroke = props.get("stroke", "none") not in ("none", "transparent")
        if fill and stroke:
            self.problem(element, "opacity on an object with both fill and stroke cannot be "
                                  "drawn faithfully: set fill and stroke opacity instead")
            return
        for prop in ("fill-opacity", "stroke-opacity"):
            set_style(element, prop, f"{float(props.get(prop, '1') or 1) * opacity:g}")
        set_style(element, "opacity", None)

    def _style_sheet(self, element) -> None:
        css = element.text or ""
        if "@import" in css or re.search(r"url\(\s*['\"]?(?!#)", css):
            self.problem(element, "the style sheet imports or links a file outside the "
                                  "template")

    def _text(self, element, props) -> None:
        """Static text must be set in a brand font (embedded like every font). Every
        <text> and <tspan> gets the registered font's name, since svglib sets a tspan in
        its parent's font; the glyphs are checked where the text is."""
        own = (element.text or "") + "".join(c.tail or "" for c in element)
        family = props.get("font-family", "").split(",")[0].strip().strip("'\"")
        path = brand_font(family, props.get("font-weight", "normal"))
        if path is None:
            if own.strip() or "".join(element.itertext()).strip():
                self.problem(element, f"static text in font '{family or 'none'}', which the "
                                      "project does not have: use a brand font, or convert "
                                      "the text to paths (Inkscape: Path > Object to Path)")
            return
        missing = missing_glyphs(nfc(own), path)
        if missing:
            self.problem(element, f"the font has no glyph for {missing[0]!r} "
                                  f"(U+{ord(missing[0]):04X})")
            return
        if element.text:
            element.text = nfc(element.text)
        if own.strip():
            self.fonts.append(path)
        from svglib.svglib import register_font

        from ....media.pdf_fonts import register_ttf

        name = register_ttf(str(path))
        # svglib looks fonts up in its own map before asking fontconfig for a system font:
        # the brand font goes in under the very name the element now carries.
        register_font(name, str(path), rlgFontName=name)
        set_style(element, "font-family", name)
        for prop in ("font-weight", "font-style", "-inkscape-font-specification"):
            set_style(element, prop, None)


def _font_props(props: dict) -> dict:
    return {k: v for k, v in props.items() if k in ("font-family", "font-weight")}
