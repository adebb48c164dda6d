"""The journal: an append-only record of a build's finished jobs, flushed per job, so a
killed build still lists every asset it finished, and nothing it did not."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from . import JOURNAL
from .entry import ManifestEntry


class Journal:
    """Append-only record of finished jobs; flushed per job so a kill loses nothing done."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / JOURNAL
        _drop_torn_tail(path)
        self.handle = open(path, "a", encoding="utf-8")

    def record(self, job_id: str, entries: Iterable[ManifestEntry]) -> None:
        line = json.dumps({"job": job_id, "entries": [e.to_json() for e in entries]},
                          ensure_ascii=False,
                          sort_keys=True)
        self.handle.write(line + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def _drop_torn_tail(path: Path) -> None:
    """Cut a journal back to its last complete line, so what is appended next starts on a
    line of its own instead of gluing onto half a record."""
    try:
        with open(path, "rb+") as handle:
            size = handle.seek(0, 2)
            if size == 0:
                return
            handle.seek(max(0, size - 1))
            if handle.read(1) == b"\n":
                return
            keep, position = 0, size
            while position > 0 and not keep:
                start = max(0, position - (1 << 16))
                handle.seek(start)
                chunk = handle.read(position - start)
                cut = chunk.rfind(b"\n")
                if cut >= 0:
                    keep = start + cut + 1
                position = start
            handle.seek(keep)
            if _is_record(handle.read()):
                handle.write(b"\n")         # whole but for its newline: keep it
            else:
                handle.truncate(keep)
    except FileNotFoundError:
        return


def _is_record(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
