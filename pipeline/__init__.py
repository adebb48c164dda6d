"""Campaign media pipeline: declarative specs in, every asset of a campaign out."""

__version__ = "0.1.0"
