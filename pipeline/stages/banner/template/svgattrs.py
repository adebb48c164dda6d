"""Reading SVG attributes: transform lists, styles over presentation attributes, links."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from ....media.fonts import UnknownFont, resolve_font
from .read import XLINK_NS

WEIGHTS = {100: "Thin", 200: "ExtraLight", 300: "Light", 400: "Regular", 500: "Medium",
           600: "SemiBold", 700: "Bold", 800: "ExtraBold", 900: "Black"}

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")


def multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
            a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def parse_transform(text: str) -> Matrix:
    """An SVG transform list as one matrix; ValueError when it cannot be read."""
    matrix = IDENTITY
    rest = _TRANSFORM.sub("", text).replace(",", " ").strip()
    if rest:
        raise ValueError(f"cannot read transform {text!r}")
    for name, args in _TRANSFORM.findall(text):
        v = [float(x) for x in re.findall(NUMBER, args)]
        if name == "matrix" and len(v) == 6:
            step = tuple(v)
        elif name == "translate" and len(v) in (1, 2):
            step = (1, 0, 0, 1, v[0], v[1] if len(v) == 2 else 0)
        elif name == "scale" and len(v) in (1, 2):
            step = (v[0], 0, 0, v[1] if len(v) == 2 else v[0], 0, 0)
        elif name == "rotate" and len(v) in (1, 3):
            r = math.radians(v[0])
            step = (math.cos(r), math.sin(r), -math.sin(r), math.cos(r), 0, 0)
            if len(v) == 3:
                step = multiply(multiply((1, 0, 0, 1, v[1], v[2]), step),
                                 (1, 0, 0, 1, -v[1], -v[2]))
        elif name in ("skewX", "skewY") and len(v) == 1:
            t = math.tan(math.radians(v[0]))
            step = (1, 0, t, 1, 0, 0) if name == "skewX" else (1, t, 0, 1, 0, 0)
        else:
            raise ValueError(f"cannot read transform {text!r}")
        matrix = multiply(matrix, step)
    return matrix


def style_of(element: ET.Element) -> dict[str, str]:
    """Presentation attributes overlaid by the `style` attribute, as CSS ranks them."""
    props = {k: v for k, v in element.attrib.items() if not k.startswith("{")}
    for declaration in element.get("style", "").split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            props[name.strip()] = value.strip()
    return props


def set_style(element: ET.Element, name: str, value: str | None) -> None:
    """Set (or with None remove) one property, in the attribute and the style alike."""
    kept = [d for d in element.get("style", "").split(";")
            if d.strip() and d.partition(":")[0].strip() != name]
    if kept:
        element.set("style", ";".join(kept))
    elif "style" in element.attrib:
        del element.attrib["style"]
    if value is None:
        element.attrib.pop(name, None)
    else:
        element.set(name, value)


def href_of(element: ET.Element) -> str | None:
    return element.get(f"{{{XLINK_NS}}}href") or element.get("href")


def plain_number(value: str | None, default: float = 0.0) -> float:
    if value is None or value == "":
        return default
    match = re.fullmatch(rf"\s*({NUMBER})\s*(px)?\s*", value)
    if not match:
        raise ValueError(f"'{value}' is not a plain number (units other than px cannot be "
                         "placed in a template)")
    return float(match.group(1))


_ARITY = {"m": 2, "l": 2, "t": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "a": 7, "z": 0}


def path_data_problem(data: str) -> str | None:
    """Why a path's `d` cannot be drawn (svglib would fail on it mid-build), or None."""
    tokens = re.findall(rf"[A-Za-z]|{NUMBER}|\S", data)
    if not tokens:
        return "a path without data (d) draws nothing: delete it"
    command, command_raw, count = None, "", 0
    for token in [*tokens, "Z"]:          # the sentinel checks the last command's numbers
        if token.isalpha() and len(token) == 1:
            if command is not None:
                arity = _ARITY[command]
                if (arity == 0 and count) or (arity and (count == 0 or count % arity)):
                    return (f"the path data has {count} numbers after '{command_raw}', which "
                            f"takes {arity} at a time: re-save the drawing from the editor")
            if token.lower() not in _ARITY:
                return f"the path data has an unknown command '{token}'"
            command, command_raw, count = token.lower(), token, 0
        elif re.fullmatch(NUMBER, token):
            if command is None:
                return "the path data does not start with a command (M)"
            count += 1
        elif token != ",":
            return f"the path data has '{token}', which is neither a number nor a command"
    return None


def brand_font(family: str, weight: str):
    """The brand font file for a CSS family and weight, or None."""
    weight = {"normal": 400, "bold": 700}.get(weight, weight)
    names = [f"{family} {WEIGHTS.get(int(weight), '')}".strip()] if str(weight).isdigit() \
        else []
    for candidate in (*names, family):
        try:
            return resolve_font(candidate).path
        except UnknownFont:
            continue
    return None
