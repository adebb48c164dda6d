"""One small renderer per chart kind, in a plain registry keyed by the spec's `chart`.

Chart modules import matplotlib inside `draw` only: `campaign check` reads the stories'
inputs without paying for it.
"""
from __future__ import annotations

from types import ModuleType

from . import bars, big_number, compare, donut, line, pictogram

RENDERERS: dict[str, ModuleType] = {
    "bars": bars,
    "line": line,
    "donut": donut,
    "big-number": big_number,
    "pictogram": pictogram,
    "compare": compare,
}
