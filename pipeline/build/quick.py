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

STATE = ".manifest.state.json"        # shared with manifest.py, which writes it
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
    try:
        if (out / ".manifest.journal").exists():
            return None
        state = json.loads((out / STATE).read_bytes())
        manifest = os.stat(out / "manifest.json")
        watch = state["watch"]
        if (state["manifest"] != [manifest.st_size, manifest.st_mtime_ns]
                or watch["key"] != key or not _same(watch["files"].items())):
            return None
        folder = str(out)
        outputs = ((os.path.join(folder, path), [size, mtime])
                   for _, files in state["jobs"].values() for path, size, mtime in files)
        return watch["jobs"] if _same(outputs) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def _same(recorded) -> bool:
    for path, (size, mtime_ns) in recorded:
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            return False
        if status.st_mtime_ns != mtime_ns or (size and status.st_size != size):
            return False
    return True
