"""File writes that never leave a half-written file in place, and the output-folder lock."""
from __future__ import annotations

import fcntl
import hashlib
import os
import time
from pathlib import Path

from .errors import PipelineError

TEMP_MARK = ".part-"


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def sweep_temp_files(folder: Path) -> int:
    """Remove temp files a killed build left behind; return how many."""
    count = 0
    if not folder.is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if TEMP_MARK in name and name.startswith("."):
                Path(dirpath, name).unlink(missing_ok=True)
                count += 1
    return count


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class OutputLock:
    """An exclusive lock on an output folder: a second build refuses instead of corrupting."""

    def __init__(self, folder: Path):
        self.path = folder / ".lock"
        self.handle = None

    def __enter__(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise PipelineError(
                f"{self.path.parent}: another build is writing here ({holder}); wait for "
                "it to finish, or build into another folder with --out") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}")
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.seek(0)
            self.handle.truncate()
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None
