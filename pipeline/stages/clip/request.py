"""What one clip job's render needs, as one frozen value. Light to import: the build makes
every request in its own process, before any worker draws a frame."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    # the voice: the radio job's request, and the radio stage's function that speaks it
    # (a module-level function: it pickles by name, no stage imports another)
    voice_request: Any = None
    speak: Callable[[Any], Any] | None = None
    # fonts, word lists, the statistics and their sidecars, the soundtrack file if present,
    # the pictures and icons, the voice's lexicon and recorded takes
    inputs: tuple[Path, ...] = ()
