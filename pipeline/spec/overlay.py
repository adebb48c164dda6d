"""A province's request as a file: a small YAML overlay on the specs.

```yaml
province: quang-ninh
office: "Bảo hiểm xã hội thị xã Quảng Yên"
phone: "0203 3875 123"      # blank or missing: the national hotline
address: ""                 # blank or missing: none
products: [contribute-today]
sizes: [street-5000x800]    # catalogue sizes; none: each product's own
custom_sizes: [{width_mm: 3000, height_mm: 700, view_m: 12}]
```

`campaign build --request FILE` and the desk read it with the same field machinery as the
specs (same messages, positions and did-you-mean), then build the province's variants of
the chosen products only, with its office, phone and address replaced.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from ..build.plan import Job, Selection, plan
from ..catalog.mergers import unknown_province
from ..catalog.sizes import SIZES, Size, custom_size
from ..errors import SpecErrors, SpecProblem, Where, did_you_mean
from ..stages import STAGES, Unfit
from ..text.deceptive import first_problem
from . import fields as f
from .fields import Invalid, Problems, fields_of
from .load import size_name
from .model import Localize, Product, Specs
from .yamlfile import Node, YamlError, parse_file, parse_text

OFFICE_MAX_CHARS = 120
PHONE_MAX_CHARS = 40
ADDRESS_MAX_CHARS = 200
MAX_PRODUCTS = 20
MAX_SIZES = 12
_PHONE_CHARACTERS = set("0123456789 +-.()/")
_CUSTOM_KEYS = ("width_mm", "height_mm", "view_m")


@dataclass(frozen=True)
class CustomSize:
    width_mm: int
    height_mm: int
    view_m: float


@dataclass(frozen=True)
class RequestOverlay:
    province: str
    office: str
    phone: str = ""
    address: str = ""
    products: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    custom_sizes: tuple[CustomSize, ...] = ()
    takes: str = ""      # recorded takes root: <takes>/<spot>/<province>/NN-voice.wav


# -- reading ---------------------------------------------------------------------------

def load_overlay(path: Path, specs: Specs, display: str | None = None) -> RequestOverlay:
    """Read and validate a request file; SpecErrors lists every problem at once."""
    display = display or str(path)
    try:
        node = parse_file(Path(path), display)
    except YamlError as exc:
        raise SpecErrors([SpecProblem(exc.where, "", exc.message)]) from None
    return read_overlay(node, display, specs)


def parse_overlay(text: str, display: str, specs: Specs) -> RequestOverlay:
    try:
        node = parse_text(text, display)
    except YamlError as exc:
        raise SpecErrors([SpecProblem(exc.where, "", exc.message)]) from None
    return read_overlay(node, display, specs)


def read_overlay(node: Node, display: str, specs: Specs) -> RequestOverlay:
    """The typed overlay, with the text-fit check of the stages (`campaign check`'s)."""
    problems = Problems()
    fields = fields_of(node, problems)
    if fields is None:
        raise SpecErrors(problems.items)
    font_paths = _brand_fonts(specs)
    province = fields.get("province", _province(specs))
    office = fields.get("office", _words(OFFICE_MAX_CHARS, font_paths))
    phone = fields.get("phone", _optional(_phone(font_paths)), "")
    address = fields.get("address", _optional(_words(ADDRESS_MAX_CHARS, font_paths)), "")
    products = fields.get("products", _at_most(MAX_PRODUCTS, f.list_of(_product(specs))))
    sizes = fields.get("sizes", _at_most(MAX_SIZES, f.list_of(
        size_name(_catalogue_sizes(specs)), allow_empty=True)), ())
    custom = fields.get("custom_sizes", _at_most(MAX_SIZES, f.list_of(
        _custom_size, allow_empty=True)), ())
    takes = fields.get("takes", _takes_root(specs.root), "")
    fields.done()
    if not fields.ok:
        raise SpecErrors(problems.items)
    overlay = RequestOverlay(province, office, phone, address, products, sizes, custom,
                             takes)
    where = Where(display, node.where.line, node.where.column)
    problems.items += _unmade_products(specs, overlay, where)
    if not problems.items:
        problems.items += _unfit_texts(specs, overlay, where)
    if problems.items:
        raise SpecErrors(problems.items)
    return overlay


def _brand_fonts(specs: Specs) -> tuple[Path, ...]:
    from ..media.fonts import resolve_font

    fonts = specs.campaign.brand.fonts
    return tuple(dict.fromkeys(resolve_font(n).path for n in (fonts.display, fonts.text)))


def _province(specs: Specs):
    def convert(node: Node) -> str:
        value = f.text(node)
        if value not in specs.provinces:
            raise Invalid(unknown_province(value, specs.provinces))
        return value
    return convert


def _words(max_chars: int, font_paths: tuple[Path, ...]):
    """Spec text (NFC, no control characters) that fits and that the brand fonts can set."""
    from ..media.fonts import missing_glyphs

    def convert(node: Node) -> str:
        value = f.text(node)
        if deceptive := first_problem(value):       # the desk's fields, as the specs'
            raise Invalid(deceptive)
        if len(value) > max_chars:
            raise Invalid(f"{len(value)} characters; at most {max_chars}")
        for path in font_paths:
            missing = missing_glyphs(value, path)
            if missing:
                char = missing[0]
                raise Invalid(f"the font {Path(path).stem} has no glyph for {char!r} "
                              f"(U+{ord(char):04X})")
        return " ".join(value.split())
    return convert


def _phone(font_paths: tuple[Path, ...]):
    words = _words(PHONE_MAX_CHARS, font_paths)

    def convert(node: Node) -> str:
        value = words(node)
        odd = sorted(set(value) - _PHONE_CHARACTERS)
        if odd or sum(c.isdigit() for c in value) < 3:
            raise Invalid(f"'{value}' is not a phone number: digits, spaces and + - . ( ) /")
        return value
    return convert


def _optional(convert):
    """Blank or null means 'not given': the national value stands, as in the CSV."""
    def optional(node: Node) -> str:
        if node.value is None or (isinstance(node.value, str) and not node.value.strip()):
            return ""
        return convert(node)
    return optional


def _at_most(count: int, convert):
    def limited(node: Node):
        if node.is_seq and len(node.value) > count:
            raise Invalid(f"{len(node.value)} items; at most {count} in one request")
        return convert(node)
    return limited


def _product(specs: Specs):
    ids = sorted({p.id for p in specs.products})

    def convert(node: Node) -> str:
        value = f.text(node)
        if value not in ids:
            raise Invalid(f"unknown product '{value}'" + did_you_mean(value, ids))
        return value
    return convert


def _catalogue_sizes(specs: Specs) -> tuple[str, ...]:
    kinds = {p.kind for p in specs.products}
    return tuple(name for name in SIZES
                 if any(name in STAGES[k].sizes for k in kinds if k in STAGES))


def _takes_root(root: Path):
    """A folder inside the project (the fingerprint names takes relative to it)."""
    inside = f.project_path(root, must_exist=False)

    def convert(node: Node) -> str:
        folder = inside(node)
        if not folder.is_dir():
            raise Invalid(f"folder '{f.text(node)}' does not exist")
        return folder.relative_to(root.resolve()).as_posix()
    return convert


def _custom_size(node: Node) -> CustomSize:
    if not node.is_map:
        raise Invalid("expected {width_mm: ..., height_mm: ..., view_m: ...}")
    unknown = sorted(set(node.value) - set(_CUSTOM_KEYS))
    if unknown:
        raise Invalid("unknown key" + did_you_mean(unknown[0], _CUSTOM_KEYS),
                      node.key_where[unknown[0]], f".{unknown[0]}")
    values = {}
    converters = (f.integer(1, 10**6), f.integer(1, 10**6), f.number(0.01, 10**4, " m"))
    for key, convert in zip(_CUSTOM_KEYS, converters):
        item = node.value.get(key)
        if item is None:
            raise Invalid("missing (required)", node.where, f".{key}")
        try:
            values[key] = convert(item)
        except Invalid as exc:
            raise Invalid(exc.message, item.where, f".{key}") from None
    try:
        custom_size(values["width_mm"], values["height_mm"], values["view_m"])
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    return CustomSize(values["width_mm"], values["height_mm"], float(values["view_m"]))


# -- applying --------------------------------------------------------------------------

def apply_overlay(specs: Specs, overlay: RequestOverlay) -> tuple[Specs, Selection]:
    """The specs as the request sees them: its province's office, phone and address; its
    products only, localized for it, at its sizes. The selection keeps other provinces'
    files out of reach of a build's pruning."""
    custom = {size.name: size for size in (custom_size(c.width_mm, c.height_mm, c.view_m)
                                           for c in overlay.custom_sizes)}
    slug = overlay.province
    province = replace(specs.provinces[slug], office=overlay.office, phone=overlay.phone,
                       address=overlay.address)
    products = tuple(_with_takes(replace(p, sizes=_sizes_for(p, overlay, custom),
                                         localize=Localize("list", (slug,))), overlay.takes)
                     for p in specs.products if p.id in overlay.products)
    changed = replace(specs, provinces={**specs.provinces, slug: province}, products=products,
                      custom_sizes={**specs.custom_sizes, **custom})
    return changed, Selection(provinces=(slug,))


def _with_takes(product: Product, takes: str) -> Product:
    """The product spoken by the province's recorded takes under `takes`, for the kinds
    that speak (their stage's `recorded_takes`); every other product as it is."""
    hook = STAGES[product.kind].recorded_takes if product.kind in STAGES else None
    if not takes or hook is None:
        return product
    return replace(product, body=hook(product.body, f"{takes}/{product.id}"))


def overlay_jobs(specs: Specs, overlay: RequestOverlay) -> list[Job]:
    changed, selection = apply_overlay(specs, overlay)
    return plan(changed, selection)


def _sizes_for(product: Product, overlay: RequestOverlay, custom: dict[str, Size]):
    if not product.sizes:
        return ()
    if not overlay.sizes and not custom:
        return product.sizes
    made = STAGES[product.kind].sizes
    wanted = [s for s in overlay.sizes if s in made]
    return tuple(wanted + [name for name, size in custom.items()
                           if _custom_fits(product.kind, size)])


def _custom_fits(kind: str, size: Size) -> bool:
    """A custom frame is made by the kinds that make a catalogue size of its family."""
    return any(SIZES[s].family == size.family for s in STAGES[kind].sizes if s in SIZES)


def _unmade_products(specs: Specs, overlay: RequestOverlay, where: Where) -> list:
    changed, _ = apply_overlay(specs, overlay)
    return [SpecProblem(where, "sizes", f"none of the sizes asked for is made for "
                                        f"{p.kind} '{p.id}'")
            for p, original in zip(changed.products, _chosen(specs, overlay))
            if original.sizes and not p.sizes]


def _chosen(specs: Specs, overlay: RequestOverlay) -> list[Product]:
    return [p for p in specs.products if p.id in overlay.products]


def _unfit_texts(specs: Specs, overlay: RequestOverlay, where: Where) -> list[SpecProblem]:
    """The stages' own preflight (`campaign check`): texts that cannot be set legibly."""
    jobs = overlay_jobs(specs, overlay)
    problems = []
    for kind in sorted({job.kind for job in jobs}):
        preflight = STAGES[kind].preflight
        if preflight:
            found = preflight([job for job in jobs if job.kind == kind])
            problems += [SpecProblem(where, _field_of(unfit), unfit.message)
                         for unfit in found if isinstance(unfit, Unfit)]
    return problems


def _field_of(unfit) -> str:
    """The form field to show it beside: the custom size, or the office name that is
    too long for a catalogue size."""
    return "custom_sizes" if unfit.size_name.startswith("custom-") else "office"


# -- writing ---------------------------------------------------------------------------

def overlay_yaml(overlay: RequestOverlay) -> str:
    """The overlay as a file; JSON scalars are valid YAML and keep every character as is."""
    def scalar(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = [f"province: {scalar(overlay.province)}", f"office: {scalar(overlay.office)}",
             f"phone: {scalar(overlay.phone)}", f"address: {scalar(overlay.address)}",
             f"products: {scalar(list(overlay.products))}",
             f"sizes: {scalar(list(overlay.sizes))}", "custom_sizes:"]
    lines[-1] += " []" if not overlay.custom_sizes else ""
    for c in overlay.custom_sizes:
        lines.append(f"  - {{width_mm: {c.width_mm}, height_mm: {c.height_mm}, "
                     f"view_m: {c.view_m:g}}}")
    if overlay.takes:
        lines.append(f"takes: {scalar(overlay.takes)}")
    return "\n".join(lines) + "\n"
