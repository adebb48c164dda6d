"""The `Executor` on Dask (`campaign build --executor dask`): jobs run on a cluster's
workers, results stream back, and only this process writes files, the journal and the
manifest, exactly as with the local pool.

Dask does the scheduling: workers joining and leaving, and moving a job whose worker died
to another (at most `allowed_failures` times; a job that kills every worker it touches is
reported failed, not retried forever). This module only bounds what is in flight, so a
campaign of 100,000 jobs never holds every job in the scheduler's memory.
"""
from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Iterator

from .worker import Outcome, Task, one_task_per_kind, perform, stages_for, start_worker

ENV_SCHEDULER = "CAMPAIGN_SCHEDULER"
ALLOWED_FAILURES = 2      # workers a job may take down before it is reported failed


def _plugin_class():
    from distributed import WorkerPlugin

    class StagesPlugin(WorkerPlugin):
        """Runs on every worker, those joining later too: register and warm the stages."""

        name = "campaign-stages"

        def __init__(self, stages, samples):
            self.stages = stages
            self.samples = samples

        def setup(self, worker):
            start_worker(self.stages, self.samples)

    return StagesPlugin


class DaskExecutor:
    """`scheduler` None: a local cluster of `workers` processes on 127.0.0.1 (to test the
    path); else the address of a running scheduler (tcp://host:8786 or tls://...)."""

    def __init__(self, workers: int, scheduler: str | None = None, *,
                 window: int | None = None, allowed_failures: int = ALLOWED_FAILURES):
        self.workers = max(1, workers)
        self.scheduler = scheduler or os.environ.get(ENV_SCHEDULER) or None
        self.window = window
        self.allowed_failures = allowed_failures

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        import dask

        tasks = list(tasks)
        if not tasks:
            return
        with dask.config.set({"distributed.scheduler.allowed-failures":
                              self.allowed_failures}):
            cluster, client = self._connect()
            try:
                client.register_plugin(_plugin_class()(stages_for(tasks),
                                                       one_task_per_kind(tasks)))
                yield from self._stream(client, tasks)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()

    def _connect(self):
        from distributed import Client, LocalCluster

        if self.scheduler:
            return None, Client(self.scheduler, timeout="30s")
        cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address=None,
                               silence_logs=logging.ERROR)
        return cluster, Client(cluster)

    def _stream(self, client, tasks: list[Task]) -> Iterator[Outcome]:
        from distributed import as_completed

        window = self.window or 2 * max(self.workers, _threads(client))
        queue = iter(tasks)
        owner: dict = {}
        done = as_completed()

        def submit(task: Task) -> None:
            # The request travels, not the job: workers need no specs, catalogues or
            # project files beyond what the request names.
            future = client.submit(perform, task, pure=False,
                                   key=f"{task.job_id}#{uuid.uuid4().hex[:8]}")
            owner[future.key] = task
            done.add(future)

        for _ in range(min(window, len(tasks))):
            submit(next(queue))
        try:
            while owner:
                future = next(done)
                task = owner.pop(future.key)
                yield _outcome(future, task, self.allowed_failures)
                future.release()
                following = next(queue, None)
                if following is not None:
                    submit(following)
        finally:
            # Ctrl-C, --fail-fast or the end: nothing of ours keeps running on the cluster.
            pending = list(done.futures)
            if pending:
                client.cancel(pending, force=True)


def _threads(client) -> int:
    try:
        return sum(client.nthreads().values())
    except Exception:       # a cluster still starting: the window stays at its minimum
        return 1


def _outcome(future, task: Task, allowed_failures: int) -> Outcome:
    """The worker's Outcome; a job whose workers kept dying becomes a failure with why."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        return Outcome(task.job_id, error="the worker running it died each time it was tried "
                                  f"(at most {allowed_failures + 1} times here: out of "
                                  "memory? a crash in a library?); not retried further")
    except Exception as exc:       # the cluster itself failed: say so, keep going
        return Outcome(task.job_id, error=f"cluster error {type(exc).__name__}: {exc}")
