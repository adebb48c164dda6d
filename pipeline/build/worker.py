"""What runs in a worker process, whatever started it (a fork or spawn of the local
pool, a Dask worker, or this process at -j 1): its start-up, and one task rendered.

A worker keeps the memory it frees instead of handing it back to the kernel after every
array. Each audio measurement and each frame makes NumPy temporaries of megabytes; glibc
serves those with fresh mmap()s and returns them on free, so every one costs page faults
(about 0.15 s of system time per radio spot, measured in bench/province_bench.py). With
the thresholds raised, freed blocks are reused: a worker's footprint stays at its largest
job (a clip: about 450 MB), which it reached anyway.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import time
import traceback
from dataclasses import dataclass
from typing import Any

from ..stages import STAGES, Rendered, Stage, StageError, register_all

_PR_SET_PDEATHSIG = 1
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD_BYTES = 256 << 20     # arrays up to this size come from the reused heap
TRIM_THRESHOLD_BYTES = 512 << 20     # free memory beyond this goes back to the kernel


def keep_freed_memory() -> bool:
    """Raise glibc's thresholds in this process; False where there is no glibc."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))


@dataclass(frozen=True)
class Task:
    """One job's work as it travels to a worker: the request alone, no specs."""
    job_id: str
    kind: str
    request: Any


@dataclass(frozen=True)
class Outcome:
    """What comes back for one job, from any executor: its render, or why it failed."""
    job_id: str
    rendered: Rendered | None = None
    error: str = ""
    seconds: float = 0.0


def reason(exc: BaseException) -> str:
    """A failure as one line: the stage's own words, or a bug said plainly."""
    if isinstance(exc, StageError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory while rendering"
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    where = f"{os.path.basename(frame.filename)}:{frame.lineno}"
    return f"internal error {type(exc).__name__}: {exc} ({where}); please report it"


def perform(task: Task) -> Outcome:
    """Render one task in this process."""
    start = time.perf_counter()
    try:
        rendered = STAGES[task.kind].render(task.request)
    except Exception as exc:   # a bug: say so plainly, keep the other jobs going
        return Outcome(task.job_id, error=reason(exc), seconds=time.perf_counter() - start)
    return Outcome(task.job_id, rendered, seconds=time.perf_counter() - start)


def warm(samples: tuple[Task, ...]) -> None:
    """Per-process set-up of each stage, given one request of its kind (fonts, imports)."""
    for task in samples:
        stage_warm = STAGES[task.kind].warm
        if stage_warm:
            stage_warm(task.request)


def start_worker(stages: tuple[Stage, ...], samples: tuple[Task, ...]) -> None:
    """A worker's start-up: register the stages it was sent, keep the memory it frees,
    then warm them."""
    register_all(stages)
    keep_freed_memory()
    warm(samples)


def start_pool_worker(stages: tuple[Stage, ...], samples: tuple[Task, ...]) -> None:
    """A local pool's worker: Ctrl-C is the parent's to handle (it stops the pool and
    keeps the manifest right), and the worker ends if the build process is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    start_worker(stages, samples)


def _die_with_parent() -> None:
    """Ask Linux to end this worker if the build process is killed (kill -9, OOM)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass   # not Linux: orphans end when their queue closes


def one_task_per_kind(tasks: list[Task]) -> tuple[Task, ...]:
    return tuple({task.kind: task for task in reversed(tasks)}.values())


def stages_for(tasks: list[Task]) -> tuple[Stage, ...]:
    return tuple(STAGES[kind] for kind in sorted({task.kind for task in tasks}))
