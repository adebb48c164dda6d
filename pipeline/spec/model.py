"""The typed form of the specs: frozen values, validated once at load."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..catalog.provinces import Province
from ..catalog.sizes import SIZES, Size
from ..errors import Where


@dataclass(frozen=True)
class Colors:
    background: str
    text: str
    accent: str


@dataclass(frozen=True)
class Fonts:
    display: str     # font names as in the brand book, resolved by pipeline.media.fonts
    text: str


Cmyk = tuple[float, float, float, float]     # C, M, Y, K in percent, 0-100


@dataclass(frozen=True)
class PrintColors:
    """The brand colours as CMYK ink values for print, keyed like `Colors`."""
    background: Cmyk
    text: Cmyk
    accent: Cmyk

    def by_hex(self, colors: Colors) -> dict[str, Cmyk]:
        """'#C8102E' -> its CMYK values: painters look colours up by their RGB value."""
        return {colors.background: self.background, colors.text: self.text,
                colors.accent: self.accent}


@dataclass(frozen=True)
class Brand:
    colors: Colors
    fonts: Fonts
    print_colors: PrintColors | None = None     # None: print PDFs are painted in RGB
    logo: Path | None = None    # fills every template's image-logo slot (SVG, PNG or JPEG)


@dataclass(frozen=True)
class Campaign:
    id: str
    title: dict[str, str]
    theme: dict[str, str]
    organization: dict[str, str]
    hotline: str
    window_start: dt.date
    window_end: dt.date
    languages: tuple[str, ...]
    provinces_source: str            # 'current' or a project-relative CSV path
    brand: Brand
    dispatch: str = ""
    source: Where = Where("specs/campaign.yaml")


@dataclass(frozen=True)
class Localize:
    """'none', 'provinces' (all of the campaign's list) or an explicit list of slugs."""
    mode: str
    slugs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Product:
    kind: str
    id: str
    languages: tuple[str, ...]
    sizes: tuple[str, ...]           # empty for kinds without sizes (radio)
    localize: Localize
    body: Any                        # the stage's own frozen spec
    source: Where


@dataclass(frozen=True)
class Specs:
    root: Path
    campaign: Campaign
    provinces: dict[str, Province]   # slug -> province, in catalogue order
    products: tuple[Product, ...]
    # a province's own frames (a desk request's custom sizes), by name, beside the catalogue
    custom_sizes: dict[str, Size] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()   # what parsed but is almost certainly a mistake

    def size(self, name: str) -> Size:
        """The size a product names: a custom size of these specs, or the catalogue's."""
        return self.custom_sizes.get(name) or SIZES[name]
