"""What one clip job's render needs, as one frozen value. Light to import: the build makes
every request in its own process, before any worker draws a frame."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.sizes import Size
from .spec import ClipSpec


@dataclass(frozen=True)
class ClipRequest:
    spec: ClipSpec
    lang: str
    size: Size
    background: str
    text: str
    accent: str
    display_font: Path
    text_font: Path
    organization: str
    theme: str
    title: str
    hotline_line: str
    office: str | None = None
    phone_line: str | None = None
    soundtrack_file: Path | None = None
    product: str = ""                       # the product id, for messages
    opening_cache: Path | None = None       # encoded openings kept between builds
    # fonts, word lists, the statistics and their sidecars, the soundtrack file if present
    inputs: tuple[Path, ...] = ()
