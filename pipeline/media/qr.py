"""QR codes as rows of dark and light modules, drawn by each painter as squares."""
from __future__ import annotations

import functools


@functools.lru_cache(maxsize=16)
def qr_modules(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of `data` as rows of dark/light modules, quiet zone included.

    Level M (15 % recovery) survives a fold or a smudge; segno's mask search is pure
    Python and slow, and 63 provinces share one code, hence the cache."""
    import segno

    code = segno.make(data, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(border=4))
