"""Specs -> jobs: a pure, sorted function of the specs, the catalogues and a selection."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog.mergers import what_became_of
from ..catalog.provinces import Province
from ..catalog.sizes import Size
from ..errors import PipelineError, did_you_mean
from ..spec.model import Campaign, Product, Specs

NATIONAL = "toan-quoc"     # the folder of assets that are not localized


@dataclass(frozen=True)
class Job:
    """One variant of one product: everything its renderer needs, nothing it must look up."""
    campaign: Campaign
    product: Product
    size: Size | None
    lang: str
    province: Province | None

    @property
    def kind(self) -> str:
        return self.product.kind

    @property
    def size_name(self) -> str | None:
        return self.size.name if self.size else None

    @property
    def province_slug(self) -> str:
        return self.province.slug if self.province else NATIONAL

    @property
    def id(self) -> str:
        parts = [self.kind, self.product.id, self.size_name or "", self.lang,
                 self.province_slug]
        return "/".join(p for p in parts if p)

    @property
    def stem(self) -> str:
        """Output path without extension: `<kind>s/<province>/<product>_<size>_<lang>`."""
        name = "_".join(p for p in (self.product.id, self.size_name, self.lang) if p)
        return f"{self.kind}s/{self.province_slug}/{name}"


@dataclass(frozen=True)
class Selection:
    kinds: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return not (self.kinds or self.products or self.provinces or self.sizes or self.langs)


def plan(specs: Specs, selection: Selection = Selection()) -> list[Job]:
    """Every job the specs ask for that the selection keeps, sorted by id."""
    _check_selection(specs, selection)
    jobs = []
    for product in specs.products:
        if selection.kinds and product.kind not in selection.kinds:
            continue
        if selection.products and product.id not in selection.products:
            continue
        for province in _provinces(product, specs):
            if selection.provinces and (province is None
                                        or province.slug not in selection.provinces):
                continue
            for size_name in product.sizes or (None,):
                if selection.sizes and size_name not in selection.sizes:
                    continue
                size = specs.size(size_name) if size_name else None
                for lang in product.languages:
                    if selection.langs and lang not in selection.langs:
                        continue
                    jobs.append(Job(specs.campaign, product, size, lang, province))
    return sorted(jobs, key=lambda job: job.id)


def _provinces(product: Product, specs: Specs) -> list[Province | None]:
    if product.localize.mode == "none":
        return [None]
    if product.localize.mode == "provinces":
        return list(specs.provinces.values())
    return [specs.provinces[slug] for slug in product.localize.slugs]


def _check_selection(specs: Specs, selection: Selection) -> None:
    known = {
        "--kind": {p.kind for p in specs.products},
        "--product": {p.id for p in specs.products},
        "--province": set(specs.provinces),
        "--size": {s for p in specs.products for s in p.sizes},
        "--lang": {lang for p in specs.products for lang in p.languages},
    }
    asked = {"--kind": selection.kinds, "--product": selection.products,
             "--province": selection.provinces, "--size": selection.sizes,
             "--lang": selection.langs}
    for flag, values in asked.items():
        for value in values:
            became = what_became_of(value, known[flag]) if flag == "--province" else None
            if value not in known[flag] and became:
                raise PipelineError(f"{flag} {value}: {became}")
            if value not in known[flag]:
                raise PipelineError(f"{flag} {value}: no spec uses it"
                                    + did_you_mean(value, sorted(known[flag])))
