"""An SVG template -> its `Template`: the viewBox (the trim), the named slots, and the
artwork svglib will draw; or every problem the file has, each as `file:line: ...`.

What the vector painter cannot draw faithfully is refused here rather than drawn
differently: filters, masks, patterns, markers, group opacity over several shapes,
pictures stretched by preserveAspectRatio, text in a font the project does not have.
"""
from __future__ import annotations

import functools
import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

from .model import Problem, Template, TemplateError
from .read import SVG_NS, XLINK_NS, SvgRefused, read_svg

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

ASPECT_TOLERANCE = 0.02


def aspect_problem(template: Template, size_name: str, width_mm: float,
                   height_mm: float) -> str | None:
    """Why the template cannot be scaled onto a size, or None (within 2 %)."""
    size_aspect = width_mm / height_mm
    if abs(template.aspect / size_aspect - 1) <= ASPECT_TOLERANCE:
        return None
    family = size_name.split("-", 1)[0]
    return (f"{template.display} is {_ratio(template.aspect)} but {size_name} is "
            f"{_ratio(size_aspect)} (more than {ASPECT_TOLERANCE:.0%} apart): draw a "
            f"template of that shape and add `{size_name}: <file>` (or `{family}: <file>` "
            "for the family) to the spec's `template:`")


def _ratio(aspect: float) -> str:
    return f"{aspect:.3f}:1".replace(".", ",")


@functools.lru_cache(maxsize=64)
def _load_cached(path: Path, root: Path, display: str, stamp: tuple) -> Template:
    return _load(path, root, display)


def load_template(path: Path, root: Path, display: str | None = None) -> Template:
    """The template at `path` (inside `root`); TemplateError with every problem."""
    display = display or path.relative_to(root).as_posix()
    stat = path.stat()
    return _load_cached(path, root, display, (stat.st_mtime_ns, stat.st_size))


def _load(path: Path, root: Path, display: str) -> Template:
    try:
        tree = read_svg(path)
    except SvgRefused as exc:
        raise TemplateError([Problem(display, exc.line, str(exc))]) from None
    from .walk import Walk

    walk = Walk(tree, path, root, display)
    walk.run()
    template = Template(path, display, hashlib.sha256(path.read_bytes()).hexdigest(),
                        walk.viewbox, tuple(walk.slots), ET.tostring(tree.root),
                        tuple(sorted(set(walk.fonts))))
    if walk.problems:
        raise TemplateError(walk.problems, template)
    return template


