"""Build: decide which jobs are stale, render them, write atomically, record as we go."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import platform
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .executor import Executor, LocalExecutor, Outcome
from .fingerprint import Fingerprinter
from .fsio import OutputLock, atomic_write, sha256_bytes, sweep_temp_files
from .manifest import JOURNAL, MANIFEST, Journal, Manifest, load_state
from .plan import Job
from .spec.model import Specs
from .stages import STAGES

SAVE_EVERY_S = 10.0


@dataclass(frozen=True)
class Step:
    """A planned job and why it must run (None: up to date)."""
    job: Job
    inputs: dict[str, Any]
    reason: str | None


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    up_to_date: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False


# -- is it stale? one question per function, one place that asks them ----------------

def _changed_inputs(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    if old.get("fingerprint") == new["fingerprint"]:
        return None
    if old.get("renderer") != new["renderer"]:
        return f"renderer changed ({old.get('renderer')} -> {new['renderer']})"
    if old.get("spec") != new["spec"]:
        return "product spec changed"
    if old.get("campaign") != new["campaign"]:
        return "campaign spec changed"
    if old.get("province") != new["province"]:
        return "province data changed"
    if old.get("size") != new["size"]:
        return "size catalogue changed"
    old_files, new_files = old.get("files", {}), new["files"]
    for name in sorted(set(old_files) | set(new_files)):
        if old_files.get(name) != new_files.get(name):
            return f"input file changed: {name}"
    return "inputs changed"


def _changed_outputs(entries: list[dict[str, Any]], out: Path) -> str | None:
    folder = str(out)
    for entry in entries:
        try:
            stat = os.stat(os.path.join(folder, entry["path"]))
        except FileNotFoundError:
            return f"output missing: {entry['path']}"
        if stat.st_size != entry["bytes"] or stat.st_mtime_ns != entry["mtime_ns"]:
            return f"output changed on disk: {entry['path']}"
    return None


def why_stale(entries: list[dict[str, Any]], inputs: dict[str, Any], out: Path,
              force: bool) -> str | None:
    if force:
        return "forced (--force)"
    if not entries:
        return "new"
    return (_changed_inputs(entries[0]["inputs"], inputs)
            or _changed_outputs(entries, out))


def job_inputs(jobs: list[Job], root: Path) -> dict[str, dict[str, Any]]:
    fingerprinter = Fingerprinter(root)
    return {job.id: fingerprinter.inputs(job, STAGES[job.kind]) for job in jobs}


def decide(jobs: list[Job], manifest: Manifest, root: Path, out: Path,
           force: bool = False, inputs: dict[str, dict[str, Any]] | None = None
           ) -> list[Step]:
    inputs = inputs if inputs is not None else job_inputs(jobs, root)
    return [Step(job, inputs[job.id],
                 why_stale(manifest.job(job.id), inputs[job.id], out, force))
            for job in jobs]


def _all_up_to_date(jobs: list[Job], inputs: dict[str, dict[str, Any]],
                    state: dict[str, list], out: Path, prune: bool) -> bool:
    """The no-op fast path: every job's fingerprint and files as the state records them."""
    if prune and len(state) != len(jobs):
        return False
    folder = str(out)
    for job in jobs:
        recorded = state.get(job.id)
        if recorded is None or recorded[0] != inputs[job.id]["fingerprint"]:
            return False
        for path, size, mtime_ns in recorded[1]:
            try:
                stat = os.stat(os.path.join(folder, path))
            except FileNotFoundError:
                return False
            if stat.st_size != size or stat.st_mtime_ns != mtime_ns:
                return False
    return True


# -- running ------------------------------------------------------------------------

def tool_versions(kind: str) -> dict[str, str]:
    versions = {"python": platform.python_version(), "campaign-media-pipeline": __version__}
    for tool in STAGES[kind].tools:
        try:
            versions[tool] = metadata.version(tool)
        except metadata.PackageNotFoundError:
            versions[tool] = "not installed"
    return versions


def _entries(outcome: Outcome, step: Step, out: Path, built_at: str,
             versions: dict[str, str]) -> list[dict[str, Any]]:
    job, rendered = outcome.job, outcome.rendered
    assert rendered is not None
    entries = []
    for file in rendered.files:
        rel = job.stem + file.suffix
        atomic_write(out / rel, file.data)
        stat = (out / rel).stat()
        entries.append({
            "id": f"{job.id}/{file.role}",
            "job": job.id,
            "kind": job.kind,
            "product": job.product.id,
            "role": file.role,
            "variant": {"size": job.size_name, "lang": job.lang,
                        "province": job.province_slug},
            "path": rel,
            "bytes": len(file.data),
            "sha256": sha256_bytes(file.data),
            "mtime_ns": stat.st_mtime_ns,
            "media": {**rendered.media, **file.media},
            "warnings": list(rendered.warnings),
            "inputs": step.inputs,
            "spec": {"file": job.product.source.file, "line": job.product.source.line},
            "tool_versions": versions,
            "built_at": built_at,
        })
    return entries


@contextlib.contextmanager
def _signals_deferred():
    """Ctrl-C or a TERM waits until a job's files and its journal line are both written,
    so an interrupted build never leaves a finished file that the manifest does not list."""
    signals = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _remove_files(out: Path, paths: list[str]) -> None:
    for rel in paths:
        (out / rel).unlink(missing_ok=True)


def build(specs: Specs, jobs: list[Job], out: Path, *, executor: Executor | None = None,
          force: bool = False, fail_fast: bool = False, prune: bool = False,
          on_outcome: Callable[[Outcome], None] | None = None,
          on_plan: Callable[[list[Step]], None] | None = None,
          now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc),
          ) -> BuildReport:
    """Render what is stale among `jobs` into `out`, keeping the manifest true throughout.

    `prune` (a build of everything) also drops assets of products no spec asks for now.
    """
    start = time.perf_counter()
    report = BuildReport()
    executor = executor or LocalExecutor(1)
    with OutputLock(out):
        sweep_temp_files(out)
        inputs = job_inputs(jobs, specs.root)
        state = None if force else load_state(out)
        if state is not None and _all_up_to_date(jobs, inputs, state, out, prune):
            if on_plan:
                on_plan([Step(job, inputs[job.id], None) for job in jobs])
            report.up_to_date = len(jobs)
            report.seconds = time.perf_counter() - start
            return report
        manifest = Manifest.load(out)
        manifest.campaign = specs.campaign.id
        steps = decide(jobs, manifest, specs.root, out, force, inputs)
        if on_plan:
            on_plan(steps)
        stale = [s for s in steps if s.reason]
        report.up_to_date = len(steps) - len(stale)
        journal = Journal(out)
        dirty = False
        outcomes = None
        try:
            if prune:
                planned = {job.id for job in jobs}
                for job_id in sorted(set(manifest.by_job) - planned):
                    gone = [e["path"] for e in manifest.job(job_id)]
                    manifest.replace_job(job_id, [])
                    journal.record(job_id, [])
                    _remove_files(out, gone)
                    report.removed.extend(gone)
                    dirty = True
            by_id = {s.job.id: s for s in stale}
            versions = {kind: tool_versions(kind) for kind in {s.job.kind for s in stale}}
            built_at = now().replace(microsecond=0).isoformat()
            last_save = time.monotonic()
            outcomes = executor.run([s.job for s in stale])
            for outcome in outcomes:
                job = outcome.job
                if outcome.rendered is None:
                    report.failed.append((job.id, outcome.error))
                else:
                    step = by_id[job.id]
                    with _signals_deferred():
                        entries = _entries(outcome, step, out, built_at, versions[job.kind])
                        journal.record(job.id, entries)
                    _remove_files(out, manifest.replace_job(job.id, entries))
                    report.built.append(job.id)
                    report.warnings.extend((job.id, w) for w in outcome.rendered.warnings)
                    dirty = True
                if on_outcome:
                    on_outcome(outcome)
                if report.failed and fail_fast:
                    break
                if dirty and time.monotonic() - last_save > SAVE_EVERY_S:
                    journal.close()
                    manifest.save()
                    journal = Journal(out)
                    last_save = time.monotonic()
        except KeyboardInterrupt:
            report.stopped = True
        finally:
            if outcomes is not None:
                outcomes.close()     # stops the worker pool, whatever ended the loop
            journal.close()
            if dirty or not (out / MANIFEST).exists():
                manifest.save()
            else:
                (out / JOURNAL).unlink(missing_ok=True)
    report.seconds = time.perf_counter() - start
    return report
