"""Campaign media pipeline: declarative specs in, every asset of a campaign out."""
from PIL import Image

__version__ = "0.1.0"

# Decompression-bomb guard, set on purpose rather than left at Pillow's default: the
# largest raster any size may ask for is 60 Mpx (docs/sizes.md), so 120 Mpx is an error.
Image.MAX_IMAGE_PIXELS = 120_000_000
