"""One dispatcher a state folder: an flock on `<state>/dispatcher.lock`, held for the life
of the desk that took it (the kernel lets go when that process dies, kill -9 too). Only
its holder recovers what a crash left running and builds; another desk on the same state
serves pages and waits for it."""
from __future__ import annotations

import fcntl
import os
from pathlib import Path

LOCK_FILE = "dispatcher.lock"


class DispatchLock:
    def __init__(self, folder: Path):
        self.path = Path(folder) / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_take(self) -> bool:
        """Take the lock unless another process holds it; True once held."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def holder(self) -> str:
        """The pid written by the desk holding it, for messages."""
        try:
            return self.path.read_text().strip() or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
