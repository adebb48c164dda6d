"""The no-op in a blink: when every spec, data file, font, word list and line of the
pipeline's own code, and every output, has the size and modification time the last build
recorded, there is nothing to do, and that is answered without loading a spec, importing
a stage or hashing a file (git's index and make trust the same two numbers).

Anything else takes the ordinary path, which compares content fingerprints: an edit, a
new or deleted file (a folder's time changes with its listing), a touched file, a
different selection, `--force`, `--verify`. Bit rot that keeps size and time is what
`--verify` is for, on this path as on the other.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from ..store import skip_state

PACKAGE = Path(__file__).resolve().parent.parent   # the pipeline package


def selection_key(*parts: Iterable[str]) -> str:
    """What a build was asked for (kinds, products, provinces, sizes, languages); a quick
    answer holds only for the same question."""
    return json.dumps([sorted(part) for part in parts])


def watched(specs_dir: Path, out: Path) -> dict[str, list[int]]:
    """[size, mtime_ns] of every file and folder of the project (a folder: 0 and its
    time, which moves when an entry is added or removed) and of the pipeline's own code.
    Left out: the output folder, hidden folders (.git, .venv, caches) and __pycache__."""
    root = specs_dir.resolve().parent
    skip = {str(out.resolve())}
    stats: dict[str, list[int]] = {}
    for folder in (root, PACKAGE):
        for current, folders, names in os.walk(folder):
            folders[:] = [f for f in folders if not f.startswith(".") and f != "__pycache__"
                          and os.path.join(current, f) not in skip]
            stats[current] = [0, os.stat(current).st_mtime_ns]
            for name in names:
                path = os.path.join(current, name)
                status = os.stat(path)
                stats[path] = [status.st_size, status.st_mtime_ns]
    return stats


def up_to_date_count(out: Path, key: str) -> int | None:
    """How many jobs the last build planned, when nothing it read or wrote has changed
    since and it was asked the same question; None: take the ordinary path."""
    state = skip_state.read(out)
    return state.quick_count(out, key) if state is not None else None
