"""File writes that never leave a half-written file in place, and the output-folder lock."""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import time
from pathlib import Path

from ..errors import PipelineError

TEMP_MARK = ".part-"


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}")


# The writer's own temp names, and nothing else: `.<file name>.part-<pid>`.
_TEMP_NAME = re.compile(r"\.(.+)" + re.escape(TEMP_MARK) + r"(\d+)")


def atomic_write(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: readers see the old or the new file.

    The temp file is created afresh (never opened through an existing link), and the
    rename replaces whatever entry has the target's name, a link included, without
    writing through it. On any failure (a full disk) nothing is left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_name(path)
    temp.unlink(missing_ok=True)          # a leftover of this pid; unlink never follows
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(temp, flags, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (temp names carry the pid of their writer)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_temp_files(folder: Path, subfolders=()) -> int:
    """Remove the temp files a killed build left behind; return how many.

    Only names this module's writer makes, only in `folder` itself and the `subfolders`
    (relative) that the manifest owns, and only those of processes no longer running:
    another tool's files, or a nested build's in-flight ones, are left alone."""
    count = 0
    for sub in sorted({".", *subfolders}):
        where = folder / sub
        try:
            names = os.listdir(where)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for name in names:
            match = _TEMP_NAME.fullmatch(name)
            # this process's own temp files are never in flight while it sweeps
            pid = int(match.group(2)) if match else 0
            if match is None or (pid != os.getpid() and pid_alive(pid)):
                continue
            candidate = where / name
            if candidate.is_file() and not candidate.is_symlink():
                candidate.unlink(missing_ok=True)
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

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Never through a link: a '.lock' planted as a link must not make us write elsewhere.
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                         0o644)
        except OSError as exc:
            raise PipelineError(f"{self.path}: cannot lock the output folder "
                                f"({exc.strerror}); is it a link?") from None
        handle = os.fdopen(fd, "r+")
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
