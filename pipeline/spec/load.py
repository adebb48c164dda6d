"""Load `specs/` into typed `Specs`, reporting every problem of every file at once."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..catalog import provinces as province_catalog
from ..catalog.mergers import unknown_province
from ..catalog.sizes import SIZES
from ..errors import SpecErrors, Where, did_you_mean
from ..stages import STAGES
from . import fields as f
from .fields import Problems, fields_of
from .model import Brand, Campaign, Colors, Fonts, Localize, PrintColors, Product, Specs
from .yamlfile import Node, YamlError, parse_file

LANGUAGES = ("vi", "en")


@dataclass
class SpecContext:
    """What a stage's parser may consult: the project root, the campaign, and what the
    spine already read of the product (its languages)."""
    root: Path
    campaign: Campaign | None
    problems: Problems
    display: str                      # the spec file, as shown in messages
    languages: tuple[str, ...] = ()   # the product's, as its `languages` key says

    @property
    def fonts(self) -> tuple:
        """The brand's fonts, display first (resolved once per process)."""
        from ..media.fonts import resolve_font

        if self.campaign is None:
            return ()
        names = dict.fromkeys((self.campaign.brand.fonts.display,
                               self.campaign.brand.fonts.text))
        return tuple(resolve_font(name) for name in names)


def load_specs(specs_dir: Path) -> Specs:
    """Read and validate every spec under `specs_dir`; raise SpecErrors listing all problems."""
    specs, problems = read_specs(specs_dir)
    if problems:
        raise SpecErrors(problems)
    assert specs is not None
    return specs


def read_specs(specs_dir: Path) -> tuple[Specs | None, list]:
    """Every spec read and every problem found: the campaign (None when it did not parse)
    with each product whose body parsed, even one with a problem elsewhere, so `check`
    can go on to its other checks and show everything wrong in one run."""
    specs_dir = Path(specs_dir)
    root = specs_dir.resolve().parent
    problems = Problems()
    display = _displayer(root)

    if not specs_dir.is_dir():
        problems.add(Where(str(specs_dir)), "", "no such specs folder")
        return None, problems.items

    campaign_file = specs_dir / "campaign.yaml"
    campaign = None
    provinces: dict = {}
    warnings: list[str] = []
    node = _parse(campaign_file, display(campaign_file), problems, warnings)
    if node is not None:
        campaign = _campaign(node, SpecContext(root, None, problems,
                                               display(campaign_file)))
        if campaign is not None:
            provinces = _provinces(node, campaign, root, display, problems)

    products: list[Product] = []
    first_seen: dict[tuple[str, str], Where] = {}
    context = SpecContext(root, campaign, problems, "")
    for path in _product_files(specs_dir):
        context.display = display(path)
        node = _parse(path, context.display, problems, warnings)
        if node is None:
            continue
        product = _product(node, path, context, set(provinces))
        if product is None:
            continue
        key = (product.kind, product.id)
        if key in first_seen:
            problems.add(product.source, "id", f"duplicate {product.kind} id "
                                               f"'{product.id}' (also in {first_seen[key]})")
            continue
        first_seen[key] = product.source
        products.append(product)

    if campaign is None:
        return None, problems.items
    return Specs(root, campaign, provinces, tuple(sorted(products,
                                                         key=lambda p: (p.kind, p.id))),
                 warnings=tuple(warnings)), problems.items


def _displayer(root: Path):
    def display(path: Path) -> str:
        return os.path.relpath(path.resolve(), root)
    return display


def _product_files(specs_dir: Path) -> list[Path]:
    files = [p for p in specs_dir.glob("*/*") if p.suffix in (".yaml", ".yml")]
    return sorted(files)


def _parse(path: Path, display: str, problems: Problems, warnings: list[str]) -> Node | None:
    if path.is_dir():
        problems.add(Where(display), "", "is a folder, not a spec file; a spec is one "
                                         ".yaml file")
        return None
    if not path.is_file():
        problems.add(Where(display), "", "missing: every campaign needs this file")
        return None
    try:
        node = parse_file(path, display)
    except YamlError as exc:
        problems.add(exc.where, "", exc.message)
        return None
    warnings += node.warnings
    return node


def _campaign(node: Node, context: SpecContext) -> Campaign | None:
    problems = context.problems
    fields = fields_of(node, problems)
    if fields is None:
        return None
    localized = f.localized_text(LANGUAGES)
    campaign_id = fields.get("campaign", f.slug)
    title = fields.get("title", localized)
    theme = fields.get("theme", localized)
    organization = fields.get("organization", localized)
    hotline = fields.get("hotline", f.text)
    dispatch = fields.get("dispatch", f.text, "")
    languages = fields.get("languages", f.list_of(f.one_of(LANGUAGES)))
    window = fields.get("window", lambda n: _window(n, problems))
    provinces_source = fields.get("provinces", f.text)
    fields.get("localization", f.text, "")     # read with the provinces below
    brand = fields.get("brand", lambda n: _brand(n, problems, context.root))
    fields.done()
    if not fields.ok or window is None or brand is None:
        return None
    return Campaign(campaign_id, title, theme, organization, hotline, window[0], window[1],
                    languages, provinces_source, brand, dispatch,
                    Where(context.display, node.where.line, node.where.column))


def _window(node: Node, problems: Problems):
    fields = fields_of(node, problems, "window")
    if fields is None:
        raise f.Invalid("expected {start: YYYY-MM-DD, end: YYYY-MM-DD}")
    start = fields.get("start", f.date)
    end = fields.get("end", f.date)
    fields.done()
    if start and end and end < start:
        raise f.Invalid(f"ends ({end}) before it starts ({start})")
    if not fields.ok:
        return None
    return start, end


def _brand(node: Node, problems: Problems, root: Path) -> Brand | None:
    from ..media.fonts import UnknownFont, font_catalogue, resolve_font

    fields = fields_of(node, problems, "brand")
    if fields is None:
        return None
    colors_node = fields.get("colors", lambda n: n)
    fonts_node = fields.get("fonts", lambda n: n)
    print_node = fields.get("print_colors", lambda n: n, None)
    logo = fields.get("logo", f.picture_path(root), None)
    fields.done()
    colors = fonts = None
    if colors_node is not None and (cf := fields_of(colors_node, problems, "brand.colors")):
        colors = Colors(cf.get("background", f.color), cf.get("text", f.color),
                        cf.get("accent", f.color))
        cf.done()
        colors = colors if cf.ok else None
        if colors is not None:
            _check_contrast(colors, colors_node, problems)

    def font(n: Node) -> str:
        name = f.text(n)
        try:
            resolve_font(name)
        except UnknownFont as exc:
            if exc.close_matches:
                raise f.Invalid(str(exc)) from None
            raise f.Invalid(f"{exc}; the brand fonts are: "
                            + ", ".join(sorted(font_catalogue()))) from None
        return name

    if fonts_node is not None and (ff := fields_of(fonts_node, problems, "brand.fonts")):
        fonts = Fonts(ff.get("display", font), ff.get("text", font))
        ff.done()
        fonts = fonts if ff.ok else None
    print_colors = _print_colors(print_node, problems) if print_node is not None else None
    if colors is None or fonts is None or (print_node is not None and print_colors is None):
        return None
    return Brand(colors, fonts, print_colors, logo)


def _check_contrast(colors: Colors, node: Node, problems: Problems) -> None:
    """Text on the background below the legibility rule fails every product at once:
    said once, here, with the nearest colour of the same hue that passes."""
    from ..media.legibility import CONTRAST_RULE, MIN_CONTRAST, contrast_ratio, nearest_passing

    ratio = contrast_ratio(colors.text, colors.background)
    if ratio >= MIN_CONTRAST:
        return
    fix = nearest_passing(colors.text, colors.background)
    advice = (f"the nearest colour of the same hue that passes is {fix}" if fix else
              "no colour of that hue passes: choose another text or background colour")
    problems.add(node.value["text"].where, "brand.colors.text",
                 f"{colors.text} on the background {colors.background} has a contrast of "
                 f"{ratio:.2f}:1, below {MIN_CONTRAST}:1 ({CONTRAST_RULE}); {advice}")


def _print_colors(node: Node, problems: Problems) -> PrintColors | None:
    """brand.print_colors: {background: [C, M, Y, K], ...} in percent, as the printer
    gives them; optional, so campaigns without print inks still load."""
    pf = fields_of(node, problems, "brand.print_colors")
    if pf is None:
        return None
    ink = f.list_of(f.number(0, 100, " %"), unique=False)

    def cmyk(n: Node) -> tuple[float, float, float, float]:
        values = ink(n)
        if len(values) != 4:
            raise f.Invalid(f"expected [C, M, Y, K] (4 percentages), got {len(values)} values")
        return tuple(float(v) for v in values)

    values = PrintColors(pf.get("background", cmyk), pf.get("text", cmyk),
                         pf.get("accent", cmyk))
    pf.done()
    return values if pf.ok else None


def _provinces(node: Node, campaign: Campaign, root: Path, display, problems: Problems):
    """The campaign's province catalogue with localization merged, keyed by slug."""
    source_node = node.value["provinces"]
    try:
        if campaign.provinces_source == province_catalog.CURRENT:
            provinces = province_catalog.load_current()
        else:
            path = f.project_path(root)(source_node)
            provinces = province_catalog.load_csv(path, display(path))
        if "localization" in node.value:
            path = f.project_path(root)(node.value["localization"])
            provinces = province_catalog.localize(provinces, path, display(path))
            for stray in province_catalog.strays(provinces, path, display(path)):
                problems.add(stray.where, "", stray.message)
    except f.Invalid as exc:
        field_name = "localization" if "localization" in str(exc) else "provinces"
        problems.add(exc.where or source_node.where, field_name, exc.message)
        return {}
    except province_catalog.CatalogError as exc:
        problems.add(exc.where, "", exc.message)
        return {}
    return {p.slug: p for p in provinces}


def _product(node: Node, path: Path, context: SpecContext,
             province_slugs: set[str]) -> Product | None:
    problems = context.problems
    fields = fields_of(node, problems)
    if fields is None:
        return None
    kinds = sorted(STAGES)
    kind = fields.get("kind", f.one_of(kinds, "kinds: " + ", ".join(kinds)))
    product_id = fields.get("id", f.slug)
    if kind is None:
        return None
    stage = STAGES[kind]
    folder = path.parent.name
    if folder != f"{kind}s":
        problems.add(node.value["kind"].where, "kind",
                     f"a {kind} spec belongs in specs/{kind}s/, not specs/{folder}/")
    campaign_languages = context.campaign.languages if context.campaign else LANGUAGES
    languages = fields.get("languages", f.list_of(f.one_of(campaign_languages)),
                           tuple(campaign_languages[:1]))
    sizes: tuple[str, ...] = ()
    if stage.sizes:
        allowed = stage.sizes
        sizes = fields.get("sizes", f.list_of(size_name(allowed, kind)))
    localize = fields.get("localize", lambda n: _localize(n, province_slugs), Localize("none"))
    context.languages = tuple(lang for lang in languages or () if lang in LANGUAGES)
    body = stage.parse(fields, context)
    fields.done()
    if body is None or product_id is None or sizes is None or languages is None \
            or localize is None:
        return None
    return Product(kind, product_id, languages, sizes or (), localize, body,
                   Where(context.display, node.where.line, node.where.column))


def size_name(allowed: tuple[str, ...], kind: str = ""):
    """A converter for one size name among `allowed`, with a did-you-mean (specs and the
    desk's requests give the same message)."""
    def convert(node: Node) -> str:
        name = f.text(node)
        if name not in allowed:
            if kind and name in SIZES:
                raise f.Invalid(f"size '{name}' is not made for a {kind}")
            raise f.Invalid(f"unknown size '{name}'" + did_you_mean(
                name, allowed, "campaign sizes lists them"))
        return name
    return convert


def _localize(node: Node, province_slugs: set[str]) -> Localize:
    if node.is_seq:
        slugs = f.list_of(_province_slug(province_slugs))(node)
        return Localize("list", slugs)
    value = f.text(node)
    if value not in ("none", "provinces"):
        raise f.Invalid(f"'{value}' is not one of: none, provinces, or a list of "
                        "province slugs")
    return Localize(value)


def _province_slug(province_slugs: set[str]):
    def convert(node: Node) -> str:
        value = f.text(node)
        if value not in province_slugs:
            raise f.Invalid(unknown_province(value, province_slugs))
        return value
    return convert
