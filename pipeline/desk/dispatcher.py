"""The dispatcher: claims queued requests one at a time and builds each exactly as
`campaign build --request FILE` does, in a child process (cancel is a signal, a crash of
the build is not a crash of the desk)."""
from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ..store import JOURNAL
from .lock import DispatchLock
from .state import RequestRow, State

log = logging.getLogger("pipeline.desk")
POLL_S = 0.3
STANDBY_S = 1.0            # how often a desk without the lock asks for it again
REQUESTS = "requests"
BUILD_WORKERS = 1          # the desk shares its machine with the people using it


@dataclass(frozen=True)
class Layout:
    """Where a request's files live under the state folder."""
    state: Path

    def folder(self, request_id: int) -> Path:
        return self.state / REQUESTS / str(request_id)

    def overlay(self, request_id: int) -> Path:
        return self.folder(request_id) / "request.yaml"

    def out(self, request_id: int) -> Path:
        return self.folder(request_id) / "out"

    def log(self, request_id: int) -> Path:
        return self.folder(request_id) / "build.log"


def write_overlay(layout: Layout, row: RequestRow) -> Path:
    path = layout.overlay(row.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(row.overlay, encoding="utf-8")
    return path


def build_command(specs_dir: Path, overlay: Path, out: Path) -> list[str]:
    """`campaign build --request`, in a process that ends with the desk (build_child)."""
    return [sys.executable, "-m", "pipeline.desk.build_child", "build", str(specs_dir),
            "--request", str(overlay), "--out", str(out), "-j", str(BUILD_WORKERS)]


def _finished_jobs(out: Path) -> int:
    """Jobs recorded so far: one journal line each while the build runs."""
    try:
        with open(out / JOURNAL, "rb") as handle:
            return sum(1 for _ in handle)
    except FileNotFoundError:
        return 0


def _last_lines(path: Path, count: int = 8) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return ""
    useful = [line for line in lines if line.startswith(("FAILED", "error", "specs", "warn"))]
    return "\n".join((useful or lines)[-count:])


class Dispatcher:
    """One thread, one build at a time, once it holds the state's DispatchLock; `stop()`
    ends it and the build it runs."""

    def __init__(self, state: State, specs_dir: Path):
        self.state = state
        self.layout = Layout(state.folder)
        self.specs_dir = Path(specs_dir)
        self.lock = DispatchLock(state.folder)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="desk-dispatcher", daemon=True)
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        if not self.lock.try_take():
            log.warning("desk: another desk (pid %s) builds this state's requests; this one "
                        "serves pages and takes over if it stops", self.lock.holder())
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        process = self._process
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        self._thread.join(timeout=10)
        self.lock.release()

    def _loop(self) -> None:
        while not self._stop.is_set() and not self.lock.try_take():
            self._stop.wait(STANDBY_S)
        if self._stop.is_set():
            return
        requeued, failed = self.state.recover()
        if requeued or failed:
            log.warning("desk: %d interrupted request(s) back in the queue, %d failed after "
                        "too many attempts", requeued, failed)
        while not self._stop.is_set():
            try:
                row = self.state.claim()
                if row is not None:
                    self._run(row)
                    continue
            except (sqlite3.OperationalError, OSError) as exc:
                # A full disk or a busy database: the thread lives on and tries again.
                log.error("desk: dispatcher: %s", exc)
            self._wake.wait(timeout=1.0)
            self._wake.clear()

    def _run(self, row: RequestRow) -> None:
        try:
            overlay = write_overlay(self.layout, row)
            build_log = open(self.layout.log(row.id), "wb")
        except OSError as exc:
            self.state.finish(row.id, "failed", f"could not write the request's files: {exc}")
            return
        out = self.layout.out(row.id)
        with build_log:
            # Its own process group: a cancel ends the build and the workers it started.
            self._process = subprocess.Popen(
                build_command(self.specs_dir, overlay, out), stdout=build_log,
                stderr=build_log, stdin=subprocess.DEVNULL, start_new_session=True)
            code = self._watch(row, out)
        self._process = None
        if self._stop.is_set():
            return                    # the next start puts it back in the queue
        if code is None:
            return                    # cancelled: its status says so already
        if code == 0:
            self.state.progress(row.id, row.total, row.total)
            self.state.finish(row.id, "done")
        else:
            self.state.finish(row.id, "failed", _last_lines(self.layout.log(row.id)))

    def _watch(self, row: RequestRow, out: Path) -> int | None:
        """The build's exit code, or None when the request was cancelled meanwhile."""
        process = self._process
        assert process is not None
        while True:
            try:
                return process.wait(timeout=POLL_S)
            except subprocess.TimeoutExpired:
                pass
            current = self.state.request(row.id)
            if current is None or current.status != "running" or self._stop.is_set():
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()
                return None
            self.state.progress(row.id, min(_finished_jobs(out), row.total), row.total)
