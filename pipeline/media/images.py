"""Raster images the project supplies (a leaflet's photos), opened with a size guard."""
from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

# Decompression-bomb guard, set on purpose rather than left at Pillow's default: the
# largest raster any size may ask for is 60 Mpx (docs/sizes.md), so 120 Mpx is an error.
MAX_PIXELS = 120_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageProblem(ValueError):
    """A file that cannot be used as an image (one line, naming the file)."""


def pixel_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, read from the header; the pixels are not decoded."""
    too_large = ImageProblem(f"{path.name} is over {MAX_PIXELS // 1_000_000} megapixels; "
                             "no print size needs that many")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between the limit and twice it: here that is an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large from None
    except (OSError, UnidentifiedImageError):
        raise ImageProblem(f"{path.name} is not an image Pillow can read") from None
