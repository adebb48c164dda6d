"""The skip state (`.manifest.state.json`): what skip decisions need and nothing else, so a
no-op build reads this small file instead of the whole manifest. Its shape is known here
alone:

    {"schema": 1,
     "manifest": [bytes, mtime_ns],          the manifest.json it was written with
     "jobs": {job id: [fingerprint, [[path, bytes, mtime_ns], ...]]},
     "watch": {"key": selection, "jobs": count,
               "files": {path: [bytes, mtime_ns]}}}   only after a build with no failure

Any other manifest, or a journal left by a killed build, makes it void.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files.fsio import atomic_write
from . import JOURNAL, MANIFEST, SCHEMA, STATE

if TYPE_CHECKING:
    from .entry import ManifestEntry


@dataclass(frozen=True)
class SkipState:
    jobs: dict[str, list]                 # job id -> [fingerprint, [[path, bytes, mtime]]]
    watch: dict[str, Any] | None = None   # what the command line saw (build/quick.py)

    def all_up_to_date(self, fingerprints: Mapping[str, str], out: Path,
                       prune: bool) -> bool:
        """Every job's fingerprint and files as recorded (the no-op of the ordinary path);
        with `prune`, no recorded job beyond those asked for."""
        if prune and len(self.jobs) != len(fingerprints):
            return False
        folder = str(out)
        try:
            for job_id, fingerprint in fingerprints.items():
                recorded = self.jobs.get(job_id)
                if recorded is None or recorded[0] != fingerprint:
                    return False
                if not _unchanged(((os.path.join(folder, path), [size, mtime])
                                   for path, size, mtime in recorded[1]), folders=False):
                    return False
        except (TypeError, ValueError, IndexError):    # a damaged or planted state
            return False
        return True

    def quick_count(self, out: Path, key: str) -> int | None:
        """How many jobs the last build planned, when it was asked the same question and
        nothing it read (the watched files) or wrote has changed since; else None."""
        try:
            watch = self.watch
            if watch is None or watch["key"] != key or not _unchanged(watch["files"].items()):
                return None
            folder = str(out)
            outputs = ((os.path.join(folder, path), [size, mtime])
                       for _, files in self.jobs.values() for path, size, mtime in files)
            return watch["jobs"] if _unchanged(outputs, folders=False) else None
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def read(folder: Path) -> SkipState | None:
    """The folder's skip state, or None when it cannot be trusted (missing, another
    schema, a newer manifest, an unreplayed journal)."""
    try:
        if (folder / JOURNAL).exists():
            return None
        state = json.loads((folder / STATE).read_bytes())
        stat = (folder / MANIFEST).stat()
    except (OSError, ValueError, RecursionError):
        return None
    if (not isinstance(state, dict) or state.get("schema") != SCHEMA
            or state.get("manifest") != [stat.st_size, stat.st_mtime_ns]
            or not isinstance(state.get("jobs"), dict)):
        return None
    watch = state.get("watch")
    return SkipState(state["jobs"], watch if isinstance(watch, dict) else None)


def write(folder: Path, entries: Mapping[str, list[ManifestEntry]],
          watch: dict[str, Any] | None) -> None:
    """The state of the manifest.json just written, from its entries by job."""
    jobs = {job_id: [files[0].fingerprint, [[e.path, e.bytes, e.mtime_ns] for e in files]]
            for job_id, files in entries.items() if files}
    _write(folder, jobs, watch)


def _write(folder: Path, jobs: dict[str, list], watch: dict[str, Any] | None) -> None:
    stat = (folder / MANIFEST).stat()
    state = {"schema": SCHEMA, "manifest": [stat.st_size, stat.st_mtime_ns], "jobs": jobs}
    if watch is not None:
        state["watch"] = watch
    atomic_write(folder / STATE, json.dumps(state, sort_keys=True).encode())


def void(folder: Path) -> None:
    """Before the manifest is rewritten: a state must never describe another manifest."""
    (folder / STATE).unlink(missing_ok=True)


def remember_watch(folder: Path, watch: dict[str, Any]) -> None:
    """Add `watch` to a skip state that is still valid (a no-op build saves nothing else)."""
    state = read(folder)
    if state is not None:
        _write(folder, state.jobs, watch)


def _unchanged(recorded: Iterable, folders: bool = True) -> bool:
    """Each (path, [bytes, mtime_ns]) as recorded. Watched folders are recorded with 0
    bytes: only their time counts."""
    for path, (size, mtime_ns) in recorded:
        try:
            status = os.stat(path)
        except (OSError, ValueError, TypeError):
            return False
        if status.st_mtime_ns != mtime_ns or ((size or not folders)
                                              and status.st_size != size):
            return False
    return True
