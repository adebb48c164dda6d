"""Shared pieces of the leaflet tests (a plain module: conftest names clash across
folders when tests of several stages run together)."""
from __future__ import annotations

import re
import zlib

BROCHURE = "an-sinh-cho-moi-nha"
A5 = "voluntary-freelancers"
PT_PER_MM = 72 / 25.4


def content_streams(pdf: bytes) -> list[bytes]:
    """Every stream of the PDF (by its /Length), inflated where Flate-compressed."""
    out = []
    for match in re.finditer(rb"/Length (\d+)\s*>>\s*stream\r?\n", pdf):
        data = pdf[match.end():match.end() + int(match.group(1))]
        try:
            out.append(zlib.decompress(data))
        except zlib.error:
            out.append(data)
    return out


def words(text: str) -> list[str]:
    return text.split()
