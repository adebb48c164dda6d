"""Where jobs run. One small interface: submit jobs, receive outcomes as they finish.

`LocalExecutor` runs them in this process (-j 1) or in a pool of worker processes. A
distributed engine can stand behind the same `run` signature later.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Protocol

from ..stages import STAGES, Rendered, Stage, StageError, register_all
from .heap import keep_freed_memory
from .plan import Job

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Outcome:
    job: Job
    rendered: Rendered | None = None
    error: str = ""
    seconds: float = 0.0


class Executor(Protocol):
    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]: ...


@dataclass(frozen=True)
class Result:
    """What a worker sends back for one request."""
    rendered: Rendered | None = None
    error: str = ""
    seconds: float = 0.0

    def outcome(self, job: Job) -> Outcome:
        return Outcome(job, self.rendered, self.error, self.seconds)


def _reason(exc: BaseException) -> str:
    """A failure as one line: the stage's own words, or a bug said plainly."""
    if isinstance(exc, StageError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory while rendering"
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
    return f"internal error {type(exc).__name__}: {exc} ({where}); please report it"


def request_or_failure(job: Job) -> tuple[object, Outcome | None]:
    """The stage's request for `job`, or the Outcome of a job that cannot even be asked
    for (a script line that cannot be said, a recorded take named wrongly)."""
    try:
        return STAGES[job.kind].request(job), None
    except Exception as exc:   # a bug: say so plainly, keep the other jobs going
        return None, Outcome(job, error=_reason(exc))


def perform(kind: str, request: object) -> Result:
    """Render one request in this process (a pool worker, a Dask worker, or here)."""
    start = time.perf_counter()
    try:
        rendered = STAGES[kind].render(request)
    except Exception as exc:   # a bug: say so plainly, keep the other jobs going
        return Result(error=_reason(exc), seconds=time.perf_counter() - start)
    return Result(rendered, seconds=time.perf_counter() - start)


def render_job(job: Job) -> Outcome:
    """Ask the job's stage for its request, and render it."""
    start = time.perf_counter()
    request, failed = request_or_failure(job)
    if failed is not None:
        return failed
    result = perform(job.kind, request)
    return Outcome(job, result.rendered, result.error, time.perf_counter() - start)


def _die_with_parent() -> None:
    """Ask Linux to end this worker if the build process is killed (kill -9, OOM)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass   # not Linux: orphans end when their queue closes


def _warm(samples: tuple[Job, ...]) -> None:
    """Per-process set-up of each stage, given one job of its kind (fonts, imports)."""
    for job in samples:
        warm = STAGES[job.kind].warm
        if warm:
            warm(job)


def start_worker(stages: tuple[Stage, ...], samples: tuple[Job, ...]) -> None:
    """A worker's start-up, whatever started it (fork, spawn, a Dask worker): register the
    stages it was sent, keep the memory it frees (pipeline.build.heap), then warm them."""
    register_all(stages)
    keep_freed_memory()
    _warm(samples)


def _warm_worker(stages: tuple[Stage, ...], samples: tuple[Job, ...]) -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and keeps the manifest right.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    start_worker(stages, samples)


def one_job_per_kind(jobs: list[Job]) -> tuple[Job, ...]:
    return tuple({job.kind: job for job in reversed(jobs)}.values())


def stages_for(jobs: list[Job]) -> tuple[Stage, ...]:
    return tuple(STAGES[kind] for kind in sorted({job.kind for job in jobs}))


class LocalExecutor:
    """`fork` by default (workers start in milliseconds with the parent's imports); with
    `spawn` they start empty and register the stages they are sent, as remote ones do."""

    def __init__(self, workers: int, render: Callable[[Job], Outcome] = render_job,
                 start_method: str = "fork"):
        self.workers = max(1, workers)
        self.render = render
        self.start_method = start_method

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        jobs = list(jobs)
        if self.workers == 1 or len(jobs) <= 1:
            keep_freed_memory()
            _warm(one_job_per_kind(jobs))
            for job in jobs:
                yield self.render(job)
            return
        yield from self._pool(jobs)

    def _pool(self, jobs: list[Job]) -> Iterator[Outcome]:
        context = multiprocessing.get_context(self.start_method)
        pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                   initializer=_warm_worker,
                                   initargs=(stages_for(jobs), one_job_per_kind(jobs)))
        pending = set()
        queue = iter(jobs)
        try:
            # Keep a bounded number in flight so a Ctrl-C has little to throw away.
            for job in queue:
                pending.add(pool.submit(self.render, job))
                if len(pending) >= self.workers * 2:
                    break
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending.add(pool.submit(self.render, nxt))
        except BaseException:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
