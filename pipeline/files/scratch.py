"""Scratch folders for encoders that need a seekable file (MP4 faststart, MP3's Info
frame). Each is named for the process that made it, so a build can sweep the ones a
killed build (kill -9 leaves no `finally`) left in $TMPDIR."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .fsio import pid_alive

PREFIX = "campaign-"
_NAME = re.compile(re.escape(PREFIX) + r"[a-z]+-(\d+)-.+")


def scratch_dir(kind: str) -> tempfile.TemporaryDirectory:
    """A TemporaryDirectory named `campaign-<kind>-<pid>-...` (use it with `with`)."""
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{kind}-{os.getpid()}-")


def sweep_scratch(folder: Path | None = None) -> int:
    """Remove scratch folders of processes that no longer run; return how many."""
    folder = Path(folder or tempfile.gettempdir())
    count = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        match = _NAME.fullmatch(name)
        path = folder / name
        if match and not pid_alive(int(match.group(1))) and path.is_dir() \
                and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            count += 1
    return count
