"""Brand fonts: names to files, glyph coverage, and measurements in em.

The brand fonts ship in the `fontpkg_be_vietnam_pro` package, and a project may ship its
own in assets/fonts/ (a font there wins over a packaged one of the same name); a spec
names them the way a designer does ("Be Vietnam Pro ExtraBold"), and everything
downstream works on the path.

Measurements are taken once per font at a reference size where one pixel is one font unit,
with the same shaping (RAQM, kerning on, ligatures off) the raster painter uses, so a
layout computed in em and scaled to mm is what both painters draw.
"""
from __future__ import annotations

import difflib
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

import fontpkg_be_vietnam_pro
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from .. import project

FONT_DIR = Path(fontpkg_be_vietnam_pro.ROOT) / "files"

# Ligatures off: the PDF painter places glyphs straight from the cmap and cannot
# substitute, so the raster must not either or the two would disagree.
SHAPING_FEATURES = ("-liga", "-clig")


@dataclass(frozen=True)
class FontFile:
    name: str       # full name from the name table, e.g. "Be Vietnam Pro ExtraBold"
    path: Path
    version: str    # e.g. "1.002"


class UnknownFont(LookupError):
    def __init__(self, name: str, close_matches: list[str] | tuple[str, ...]):
        self.name = name
        self.close_matches = tuple(close_matches)
        hint = (f"; did you mean {', '.join(repr(m) for m in self.close_matches)}?"
                if self.close_matches else "")
        super().__init__(f"unknown font {name!r}{hint}")


def _key(name: str) -> str:
    # "Be Vietnam Pro ExtraBold", "BeVietnamPro-ExtraBold" and "be vietnam pro extra bold"
    # all name the same file.
    return re.sub(r"[\s_\-]+", "", name.casefold())


def font_catalogue() -> dict[str, Path]:
    """Full name (name table ID 4) -> path, for every TTF the brand package ships and
    every one in the project's assets/fonts/."""
    try:
        own = project.root() / project.FONTS
    except project.NoProject:
        own = None
    return _catalogue(own)


@functools.cache
def _catalogue(own: Path | None) -> dict[str, Path]:
    catalogue = {}
    folders = (FONT_DIR, own) if own is not None else (FONT_DIR,)
    for folder in folders:
        for path in sorted(folder.glob("*.ttf")):
            catalogue[TTFont(path, lazy=True)["name"].getDebugName(4)] = path
    return catalogue


@functools.lru_cache(maxsize=64)
def resolve_font(name: str) -> FontFile:
    """The brand font file called `name`; UnknownFont with close matches otherwise."""
    catalogue = font_catalogue()
    by_key = {_key(full): full for full in catalogue}
    full = by_key.get(_key(name))
    if full is None:
        matches = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.6)
        raise UnknownFont(name, matches)
    path = catalogue[full]
    return FontFile(full, path, font_version(path))


@functools.lru_cache(maxsize=64)
def _name_facts(path: str) -> tuple[str, str, str]:
    font = TTFont(path, lazy=True)
    names = font["name"]
    version_string = names.getDebugName(5) or ""
    match = re.search(r"(\d+(?:\.\d+)*)", version_string)
    version = match.group(1) if match else f"{font['head'].fontRevision:.3f}"
    return (names.getDebugName(4) or Path(path).stem,
            names.getDebugName(6) or Path(path).stem, version)


def font_version(path: Path | str) -> str:
    """Version from the name table ("Version 1.002; ttfautohint ..." -> "1.002")."""
    return _name_facts(str(path))[2]


def font_full_name(path: Path | str) -> str:
    return _name_facts(str(path))[0]


def font_postscript_name(path: Path | str) -> str:
    return _name_facts(str(path))[1]


@functools.lru_cache(maxsize=64)
def _cmap(path: str) -> frozenset[int]:
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def missing_glyphs(text: str, path: Path | str) -> list[str]:
    """Characters of `text` the font has no glyph for, in order of first use.

    Whitespace is layout, not ink: line breaks and spaces are never drawn as glyphs.
    """
    cmap = _cmap(str(path))
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and ord(ch) not in cmap]


@functools.lru_cache(maxsize=16)
def unhinted_font_bytes(path: str) -> bytes:
    """The font without TrueType hinting programs, for Pillow.

    The PDF is unhinted vector outlines; hinting would nudge raster glyphs and advances
    away from it at small sizes, and running the bytecode costs 4-10x the rendering.
    """
    font = TTFont(path)
    for tag in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in glyf.keys():
        glyf[name].removeHinting()
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _shaping_font(path: str, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(io.BytesIO(unhinted_font_bytes(path)), size,
                              layout_engine=ImageFont.Layout.RAQM)


class FontMetrics:
    """Measurements of one font in em (1.0 = the font size), memoized per text."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        font = TTFont(str(path), lazy=True)
        self.units_per_em: int = font["head"].unitsPerEm
        self._ref = _shaping_font(str(path), self.units_per_em)
        cap_units = (getattr(font["OS/2"], "sCapHeight", 0)
                     or -self._ref.getbbox("H", anchor="ls")[1])
        self.cap_height_em: float = cap_units / self.units_per_em
        self._advance: dict[str, float] = {}
        self._ink: dict[str, tuple[float, float]] = {}

    def advance_em(self, text: str) -> float:
        """Advance width of `text` as shaped (kerning included)."""
        width = self._advance.get(text)
        if width is None:
            width = self._ref.getlength(text, features=list(SHAPING_FEATURES)) / self.units_per_em
            self._advance[text] = width
        return width

    def ink_em(self, text: str) -> tuple[float, float]:
        """(top above baseline, bottom below baseline) of the real ink of `text`.

        Real ink, not the font's ascender: stacked Vietnamese marks (Ệ, Ẫ) rise above it.
        """
        ink = self._ink.get(text)
        if ink is None:
            _, top, _, bottom = self._ref.getbbox(text, anchor="ls",
                                                  features=list(SHAPING_FEATURES))
            ink = (-top / self.units_per_em, bottom / self.units_per_em)
            self._ink[text] = ink
        return ink

    def runs(self, line: str) -> tuple[tuple[float, str], ...]:
        """`line` cut where kerning moves a glyph: (x offset in em, text) per run.

        Inside a run glyphs sit at their plain advances, which is all a PDF text show does;
        between runs the offset carries the kerning the shaper applied.
        """
        runs: list[tuple[float, str]] = []
        start, x = 0, 0.0
        for i in range(1, len(line) + 1):
            if i < len(line):
                a, b = line[i - 1], line[i]
                kern = self.advance_em(a + b) - self.advance_em(a) - self.advance_em(b)
                if abs(kern) < 1e-9:
                    continue
            else:
                kern = 0.0
            chunk = line[start:i]
            runs.append((x, chunk))
            x += sum(self.advance_em(ch) for ch in chunk) + kern
            start = i
        return tuple(runs)


@functools.lru_cache(maxsize=16)
def font_metrics(path: Path | str) -> FontMetrics:
    return FontMetrics(path)


@functools.lru_cache(maxsize=64)
def pillow_font(path: str, size_px: float) -> ImageFont.FreeTypeFont:
    """An unhinted, shaping (RAQM) Pillow font; callers round sizes so the cache hits."""
    return _shaping_font(path, size_px)


def line_mask(font_path: str, size_px: float, text: str) -> tuple[Image.Image, int, int]:
    """Coverage mask of one shaped line and the offset of its top-left from the baseline
    origin."""
    font = pillow_font(font_path, size_px)
    features = list(SHAPING_FEATURES)
    left, top, right, bottom = font.getbbox(text, anchor="ls", features=features)
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor="ls",
                              features=features)
    return mask, left, top


@functools.lru_cache(maxsize=256)
def line_image(font_path: str, size_px: float, text: str, ink: str,
               ground: str) -> tuple[Image.Image, int, int]:
    """The line already composited on its ground colour: pasting it is a copy, while
    blending an antialiased mask costs ~10 ns a pixel on every asset. Banners and clips
    share it."""
    mask, left, top = line_mask(font_path, size_px, text)
    image = Image.new("RGB", mask.size, ground)
    image.paste(ink, (0, 0), mask)
    return image, left, top


def clear_caches() -> None:
    """Forget every memoized font object (tests; long-lived processes swapping fonts)."""
    for cached in (_catalogue, resolve_font, _name_facts, _cmap, unhinted_font_bytes,
                   font_metrics, pillow_font, line_image):
        cached.cache_clear()
