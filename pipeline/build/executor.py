"""Where tasks run. One small interface: submit tasks, receive outcomes as they finish.

`LocalExecutor` runs them in this process (-j 1) or in a pool of worker processes;
`build.distributed.DaskExecutor` on a cluster, behind the same `run`.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Protocol

from .worker import (
    Outcome,
    Task,
    keep_freed_memory,
    one_task_per_kind,
    perform,
    stages_for,
    start_pool_worker,
    warm,
)


class Executor(Protocol):
    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]: ...


class LocalExecutor:
    """`fork` by default (workers start in milliseconds with the parent's imports); with
    `spawn` they start empty and register the stages they are sent, as remote ones do."""

    def __init__(self, workers: int, render: Callable[[Task], Outcome] = perform,
                 start_method: str = "fork"):
        self.workers = max(1, workers)
        self.render = render
        self.start_method = start_method

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        tasks = list(tasks)
        if self.workers == 1 or len(tasks) <= 1:
            keep_freed_memory()
            warm(one_task_per_kind(tasks))
            for task in tasks:
                yield self.render(task)
            return
        yield from self._pool(tasks)

    def _pool(self, tasks: list[Task]) -> Iterator[Outcome]:
        context = multiprocessing.get_context(self.start_method)
        pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                   initializer=start_pool_worker,
                                   initargs=(stages_for(tasks), one_task_per_kind(tasks)))
        pending = set()
        queue = iter(tasks)
        try:
            # Keep a bounded number in flight so a Ctrl-C has little to throw away.
            for task in queue:
                pending.add(pool.submit(self.render, task))
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
