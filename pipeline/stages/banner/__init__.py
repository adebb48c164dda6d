"""The banner stage: street banners, flags, panos, posters and screen stills.

This module reads the banner spec; request.py turns a job into a `BannerRequest`, the
layout and the painters live in render.py and its neighbours, `campaign check`'s look at
the texts in breaks.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...catalog.sizes import SIZES
from ...errors import Where, did_you_mean
from ...spec import fields as f
from ...spec.texts import check_text
from .. import Rendered, Stage
from .breaks import preflight
from .request import request_for

__all__ = ["STAGE", "BannerSpec", "TemplateChoice", "parse", "render", "request_for"]

FAMILIES = tuple(dict.fromkeys(size.family for size in SIZES.values()))
FIELD_SLOTS = ("headline", "kicker", "organization", "office", "hotline", "address", "dates")

BUILT_IN = ("slogan",)
# The family of a size is its name before the first '-': street-5000x1500 -> street.
ALL_SIZES = "*"


@dataclass(frozen=True)
class TemplateChoice:
    """`template:` as a path or a mapping: size name or family -> an SVG file."""
    files: tuple[tuple[str, Path, str], ...]   # (key, path, project-relative display)
    where: Where
    root: Path                                 # the project the files lie in

    def for_size(self, size_name: str) -> tuple[Path, str] | None:
        by_key = {key: (path, display) for key, path, display in self.files}
        return (by_key.get(size_name) or by_key.get(size_name.split("-", 1)[0])
                or by_key.get(ALL_SIZES))


@dataclass(frozen=True)
class BannerSpec:
    text: dict[str, str]
    template: str | TemplateChoice = "slogan"
    upper: bool = False
    vertical: bool = False
    allow_small: bool = False
    crop_marks: bool = True
    # None: as the size's default (screens only); a list names the print sizes that get one
    raster: bool | tuple[str, ...] | None = None
    source: Where | None = None      # where `text` is, for messages (not fingerprinted)
    # A template's own slots: slot-<name> texts, image-<name> pictures, qr-<name> data.
    fields: dict = field(default_factory=dict)      # name -> {lang: text}
    images: dict = field(default_factory=dict)      # name -> templated.ImageRef
    qr: dict = field(default_factory=dict)          # name -> the text encoded
    # a shorter line for a size family: text: {vi: ..., flag: {vi: ...}}
    by_family: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def text_for(self, size_name: str | None, lang: str) -> str:
        """The headline a size sets: its family's own when the spec gives one."""
        family = (size_name or "").split("-")[0]
        own = dict(dict(self.by_family).get(family, ()))
        return own.get(lang) or self.text[lang]

    def raster_for(self, size_name: str) -> bool | None:
        if isinstance(self.raster, tuple):
            return True if size_name in self.raster else None
        return self.raster


FAMILIES = frozenset(name.split("-")[0] for name in SIZES)


def _texts(node):
    """text: {vi: ..., en: ...}, with optional shorter lines per size family
    ({flag: {vi: ...}}): (the texts, the families' texts)."""
    from ...spec.yamlfile import Node

    localized = f.localized_text(("vi", "en"))
    if not node.is_map or not FAMILIES & set(node.value):
        return localized(node), ()
    own = {k: v for k, v in node.value.items() if k not in FAMILIES}
    texts = localized(Node(own, node.where, node.key_where))
    families = []
    for family in sorted(FAMILIES & set(node.value)):
        try:
            families.append((family, tuple(localized(node.value[family]).items())))
        except f.Invalid as exc:
            raise f.Invalid(exc.message, exc.where or node.value[family].where,
                            f".{family}{exc.field_suffix}") from None
    return texts, tuple(families)


def parse(fields, context) -> BannerSpec | None:
    texts = fields.get("text", _texts)
    text, by_family = texts if texts is not None else (None, ())
    template = fields.get("template", _template_choice(context), "slogan")
    spec = BannerSpec(
        text=text,
        template=template,
        upper=fields.get("upper", f.boolean, False),
        vertical=fields.get("vertical", f.boolean, False),
        allow_small=fields.get("allow_small", f.boolean, False),
        crop_marks=fields.get("crop_marks", f.boolean, True),
        raster=fields.get("raster", _raster_choice, None),
        source=fields.node.value["text"].where if "text" in fields.node.value else None,
        fields=fields.get("fields", f.mapping_of(f.localized_text(("vi", "en"))), {}),
        images=fields.get("images", f.mapping_of(_image_ref(context.root)), {}),
        qr=fields.get("qr", f.mapping_of(f.text), {}),
        by_family=by_family,
    )
    if text and context.campaign:
        check_text(fields, context, fields.node.value["text"], "text", text)
        for family, lines in by_family:
            check_text(fields, context, fields.node.value["text"].value[family],
                       f"text.{family}", dict(lines))
    if isinstance(template, TemplateChoice):
        _check_templates(template, spec, context)
    return spec


def _template_choice(context):
    """`slogan`, one SVG for every size, or {size or family: SVG}; each file is read
    and checked here, so `campaign check` lists every problem of every template."""
    inside = f.project_path(context.root)

    def svg(node) -> tuple[Path, str]:
        path = inside(node)
        if path.suffix.lower() != ".svg":
            raise f.Invalid(f"'{node.value}' is not an SVG file (a template is an .svg "
                            "drawn in Inkscape, Illustrator or Figma)")
        return path, str(node.value)

    def convert(node):
        if node.is_map:
            files = []
            for key, value in node.value.items():
                if key not in SIZES and key not in FAMILIES:
                    raise f.Invalid(f"'{key}' is neither a size nor a size family"
                                    + did_you_mean(key, (*SIZES, *FAMILIES),
                                                   "campaign sizes lists them"),
                                    node.key_where.get(key))
                files.append((key, *svg(value)))
            return TemplateChoice(tuple(files), node.where, context.root)
        value = f.text(node)
        if value in BUILT_IN:
            return value
        if not value.lower().endswith(".svg"):
            raise f.Invalid(f"'{value}' is neither a built-in template ({', '.join(BUILT_IN)})"
                            " nor an .svg file")
        return TemplateChoice(((ALL_SIZES, *svg(node)),), node.where, context.root)
    return convert


def _image_ref(root: Path):
    """A picture's path, or {file, focus: [x, y], fit: cover|contain}."""
    picture = f.picture_path(root)

    def convert(node):
        from .templated import ImageRef

        if not node.is_map:
            return ImageRef(picture(node), str(node.value))
        unknown = sorted(set(node.value) - {"file", "focus", "fit"})
        if unknown:
            raise f.Invalid(f"unknown key '{unknown[0]}' (known: file, focus, fit)",
                            node.key_where.get(unknown[0]))
        if "file" not in node.value:
            raise f.Invalid("expected a picture's path, or {file: ..., focus: [x, y], "
                            "fit: cover|contain}")
        focus = (0.5, 0.5)
        if "focus" in node.value:
            focus = f.list_of(f.number(0, 1), unique=False)(node.value["focus"])
            if len(focus) != 2:
                raise f.Invalid("focus is [x, y], each from 0 (left, top) to 1",
                                node.value["focus"].where)
        fit = f.one_of(("cover", "contain"))(node.value["fit"]) if "fit" in node.value else None
        file = node.value["file"]
        return ImageRef(picture(file), str(file.value), tuple(float(v) for v in focus), fit)
    return convert


def _check_drawable(template, context) -> None:
    """The artwork through svglib once, so a file it cannot draw fails here, not mid-build."""
    from .template.artwork import drawing_for

    try:
        drawing_for(template, None)
    except Exception as exc:  # noqa: BLE001 - whatever svglib trips on is one line
        context.problems.add(Where(template.display), "",
                             f"the artwork cannot be drawn ({type(exc).__name__}: {exc}); "
                             "open it in Inkscape and save it again as Plain SVG")


def _check_templates(choice: TemplateChoice, spec: BannerSpec, context) -> None:
    """Every problem of every template file, at its own file and line; then the slots
    this spec cannot fill."""
    from .template.load import load_template
    from .template.model import TemplateError

    brand_logo = context.campaign.brand.logo if context.campaign else None
    for _, path, display in choice.files:
        try:
            template = load_template(path, context.root, display)
        except TemplateError as exc:
            for problem in exc.problems:
                context.problems.add(Where(problem.file, problem.line), "", problem.message)
            template = exc.template
            if template is None:
                continue
        _check_drawable(template, context)
        _check_slots_filled(template, spec, brand_logo, context)


# What fills each kind of slot without the spec naming it: the campaign's own texts, the
# brand's logo, the hotline's QR code.
FILLED_ANYWAY = {"text": FIELD_SLOTS, "image": ("logo",), "qr": ("hotline",)}
SPEC_KEY = {"text": "fields", "image": "images", "qr": "qr"}


def _check_slots_filled(template, spec: BannerSpec, brand_logo, context) -> None:
    """Each slot the spec gives nothing to, at the slot's line. A mapping that did not
    parse (None) has its own problem already and is not judged again."""
    given = {"text": spec.fields, "image": spec.images, "qr": spec.qr}
    for slot in template.slots:
        names = given[slot.kind]
        filled = FILLED_ANYWAY[slot.kind]
        if slot.kind == "image" and not brand_logo:
            filled = ()
        if names is None or slot.name in names or slot.name in filled:
            continue
        context.problems.add(Where(template.display, slot.line), "",
                             f"{slot.element_id}: {context.display} gives it nothing: add "
                             f"`{SPEC_KEY[slot.kind]}: {{{slot.name}: ...}}` to the spec")


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


STAGE = Stage(kind="banner", version="3", parse=parse, request=request_for, render=render,
              sizes=tuple(name for name, size in SIZES.items() if size.family != "leaflet"),
              tools=("reportlab", "pikepdf", "pillow", "fontpkg-be-vietnam-pro"),
              warm=warm, preflight=preflight, seconds=0.03)
