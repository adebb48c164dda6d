"""What one infographic job's render needs, as one frozen value. Light to import: the build
makes every request in its own process, before any worker draws a chart."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.sizes import Size
from .spec import InfographicSpec
from .style import Palette


@dataclass(frozen=True)
class InfographicRequest:
    spec: InfographicSpec
    lang: str
    size: Size
    palette: Palette
    display_font: Path
    text_font: Path
    organization: str
    hotline: str
    theme: str
    product: str = ""          # the product id, for messages
    inputs: tuple[Path, ...] = ()   # the data files and sidecars, fonts and word lists
