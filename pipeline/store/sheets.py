"""CSV for people: spreadsheets open these (print shops, provinces), so the text is
UTF-8 with a BOM and no cell runs as a formula."""
from __future__ import annotations

import csv
import io
from typing import Any

# A cell starting with one of these is a formula in Excel and LibreOffice (OWASP's CSV
# injection rule): print shops and provinces open these files there.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading "'"."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(columns, rows) -> bytes:
    """CSV for spreadsheets: a BOM so they open the Vietnamese text as UTF-8, and no cell
    that runs as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(c) for c in columns])
    writer.writerows([spreadsheet_cell(c) for c in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_SUMMARY_KEYS = ("width_mm", "height_mm", "raster_px", "pixel_size", "duration_s", "fps",
                 "codec", "sample_rate_hz", "integrated_lufs")


def media_summary(media: dict[str, Any]) -> str:
    """A short human line of the most useful media facts, for the CSV."""
    parts = []
    for key in _SUMMARY_KEYS:
        if key in media:
            value = media[key]
            if isinstance(value, (list, tuple)):
                value = "x".join(str(v) for v in value)
            parts.append(f"{key}={value}")
    return " ".join(parts)
