"""Build: decide which jobs are stale, render them, write atomically, record as we go."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import signal
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import PipelineError
from ..files.fsio import OutputLock, atomic_write, sha256_bytes, sha256_file, sweep_temp_files
from ..files.paths import OutsideError, confined, refuse_system_folder
from ..files.scratch import sweep_scratch
from ..spec.model import Specs
from ..stages import STAGES
from ..store.manifest import (
    JOURNAL,
    MANIFEST,
    STATE,
    Journal,
    Manifest,
    ManifestEntry,
    load_state,
    remember_watch,
)
from .executor import Executor, LocalExecutor, Outcome
from .fingerprint import Fingerprinter
from .plan import Job

# Manifest saves (the journal keeps jobs safe): every 10 s at most, a 20th of the build.
SAVE_EVERY_S, SAVE_SHARE = 10.0, 20


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
    ignored: list[str] = field(default_factory=list)   # manifest entries not acted on
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


def _changed_outputs(entries: list[ManifestEntry], out: Path) -> str | None:
    folder = str(out)
    for entry in entries:
        try:
            status = os.lstat(os.path.join(folder, entry.path))
        except FileNotFoundError:
            return f"output missing: {entry.path}"
        if status.st_size != entry.bytes or status.st_mtime_ns != entry.mtime_ns \
                or not _regular(status):
            return f"output changed on disk: {entry.path}"
    return None


def _regular(status: os.stat_result) -> bool:
    return stat.S_ISREG(status.st_mode)


def _changed_content(entries: list[ManifestEntry], out: Path) -> str | None:
    """`--verify`: the files' bytes against their recorded hashes (bit rot keeps size and
    mtime, so only a hash finds it)."""
    for entry in entries:
        path = out / entry.path
        if path.is_symlink() or not path.is_file() or sha256_file(path) != entry.sha256:
            return f"output does not match its hash: {entry.path}"
    return None


def why_stale(entries: list[ManifestEntry], inputs: dict[str, Any], out: Path,
              force: bool, verify: bool = False) -> str | None:
    if force:
        return "forced (--force)"
    if not entries:
        return "new"
    return (_changed_inputs(entries[0].inputs, inputs)
            or _changed_outputs(entries, out)
            or (_changed_content(entries, out) if verify else None))


def job_inputs(jobs: list[Job], root: Path,
               fingerprinter: Fingerprinter | None = None) -> dict[str, dict[str, Any]]:
    fingerprinter = fingerprinter or Fingerprinter(root)
    return {job.id: fingerprinter.inputs(job, STAGES[job.kind]) for job in jobs}


def decide(jobs: list[Job], manifest: Manifest, root: Path, out: Path,
           force: bool = False, inputs: dict[str, dict[str, Any]] | None = None,
           verify: bool = False) -> list[Step]:
    inputs = inputs if inputs is not None else job_inputs(jobs, root)
    return [Step(job, inputs[job.id],
                 why_stale(manifest.job(job.id), inputs[job.id], out, force, verify))
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
                status = os.stat(os.path.join(folder, path))
            except (FileNotFoundError, TypeError, ValueError):
                return False
            if status.st_size != size or status.st_mtime_ns != mtime_ns:
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
             versions: dict[str, str]) -> list[ManifestEntry]:
    """Write each file of a rendered job and describe it."""
    job, rendered = outcome.job, outcome.rendered
    assert rendered is not None
    entries = []
    for file in rendered.files:
        rel = job.stem + file.suffix
        target = confined(out, rel)
        atomic_write(target, file.data)
        entries.append(ManifestEntry(
            id=f"{job.id}/{file.role}", job=job.id, kind=job.kind, product=job.product.id,
            role=file.role, size=job.size_name, lang=job.lang, province=job.province_slug,
            path=rel, bytes=len(file.data), sha256=sha256_bytes(file.data),
            mtime_ns=target.stat().st_mtime_ns, media={**rendered.media, **file.media},
            warnings=tuple(rendered.warnings), inputs=step.inputs,
            spec_file=job.product.source.file, spec_line=job.product.source.line,
            tool_versions=versions, built_at=built_at))
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
        try:
            confined(out, rel, "delete").unlink(missing_ok=True)
        except OutsideError:
            continue              # never acted on; the manifest check reported it


# What marks a folder as one of our output folders.
_OURS = (MANIFEST, JOURNAL, STATE, ".lock")


def check_output_folder(out: Path) -> None:
    """A build writes into a new or empty folder, or one it wrote before: never the root,
    a system or home folder, or somebody's folder of other files."""
    refuse_system_folder(out, "--out")
    if out.exists() and not out.is_dir():
        raise PipelineError(f"--out {out}: is a file, not a folder")
    if out.is_dir() and not any((out / name).exists() for name in _OURS):
        if any(out.iterdir()):
            raise PipelineError(f"--out {out}: the folder holds other files and no "
                                "manifest of this pipeline; build into a new or empty "
                                "folder (or the output folder of an earlier build)")


@dataclass(frozen=True)
class Options:
    """How a build runs: what the command line asked for, and who listens."""
    executor: Executor
    force: bool = False
    fail_fast: bool = False
    prune: bool = False
    verify: bool = False
    on_outcome: Callable[[Outcome], None] | None = None
    on_plan: Callable[[list[Step]], None] | None = None
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
    # What the command line saw before it read the specs (pipeline/quick.py); recorded
    # with the build so the next identical build can answer from stats alone.
    watch: dict[str, Any] | None = None


def build(specs: Specs, jobs: list[Job], out: Path, *, executor: Executor | None = None,
          force: bool = False, fail_fast: bool = False, prune: bool = False,
          verify: bool = False, on_outcome: Callable[[Outcome], None] | None = None,
          on_plan: Callable[[list[Step]], None] | None = None,
          now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
          watch: dict[str, Any] | None = None) -> BuildReport:
    """Render what is stale among `jobs` into `out`, keeping the manifest true throughout.

    `prune` (a build of everything) also drops assets of products no spec asks for now.
    """
    options = Options(executor or LocalExecutor(1), force, fail_fast, prune, verify,
                      on_outcome, on_plan, now, watch)
    start = time.perf_counter()
    report = BuildReport()
    check_output_folder(out)
    with OutputLock(out):
        sweep_scratch()
        fingerprinter = Fingerprinter(specs.root)
        inputs = job_inputs(jobs, specs.root, fingerprinter)
        record = _watch_record(options.watch, fingerprinter, len(jobs), out)
        if _nothing_to_do(jobs, inputs, out, options, report):
            if record is not None:
                remember_watch(out, record)
        else:
            manifest = _open_manifest(specs, jobs, out, report)
            steps = decide(jobs, manifest, specs.root, out, force, inputs, verify)
            if on_plan:
                on_plan(steps)
            stale = [s for s in steps if s.reason]
            report.up_to_date = len(steps) - len(stale)
            _Writer(out, manifest, report, record).run(jobs, stale, options)
    report.seconds = time.perf_counter() - start
    return report


def _watch_record(watch: dict[str, Any] | None, fingerprinter: Fingerprinter,
                  jobs: int, out: Path) -> dict[str, Any] | None:
    """The command line's snapshot, with every input file the fingerprints read. A first
    build creates the output folder inside the project: its parent's new time is ours."""
    if watch is None:
        return None
    files = {**watch["files"], **fingerprinter.stats}
    parent = str(out.resolve().parent)
    if parent in files:
        files[parent] = [0, os.stat(parent).st_mtime_ns]
    return {"key": watch["key"], "jobs": jobs, "files": files}


def _nothing_to_do(jobs: list[Job], inputs: dict[str, dict[str, Any]], out: Path,
                   options: Options, report: BuildReport) -> bool:
    """The no-op fast path, answered from the small skip state alone."""
    state = None if (options.force or options.verify) else load_state(out)
    if state is None or not _all_up_to_date(jobs, inputs, state, out, options.prune):
        return False
    if options.on_plan:
        options.on_plan([Step(job, inputs[job.id], None) for job in jobs])
    report.up_to_date = len(jobs)
    return True


def _open_manifest(specs: Specs, jobs: list[Job], out: Path,
                   report: BuildReport) -> Manifest:
    """The manifest (journal replayed, bad entries reported), after sweeping the temp
    files a killed build left in the folders it owns."""
    manifest = Manifest.load(out)
    report.ignored = list(manifest.ignored)
    sweep_temp_files(out, {os.path.dirname(p) for p in manifest.entries}
                     | {os.path.dirname(job.stem) for job in jobs})
    manifest.campaign = specs.campaign.id
    return manifest


def _longest_first(jobs: list[Job]) -> list[Job]:
    """The longest kinds first (an endcard clip before a banner): the pool ends with short
    jobs filling the gaps, not with one long job and idle workers. Results do not depend
    on the order; the manifest is sorted."""
    return sorted(jobs, key=lambda job: -STAGES[job.kind].seconds)


class _Writer:
    """The single writer: files, journal lines and the manifest, as outcomes arrive."""

    def __init__(self, out: Path, manifest: Manifest, report: BuildReport,
                 watch: dict[str, Any] | None = None):
        self.out, self.manifest, self.report, self.watch = out, manifest, report, watch
        self.journal = Journal(out)
        self.dirty = False
        self.last_save = time.monotonic()
        self.save_took_s = 0.0

    def run(self, jobs: list[Job], stale: list[Step], options: Options) -> None:
        outcomes = None
        try:
            if options.prune:
                self.prune({job.id for job in jobs})
            outcomes = options.executor.run(_longest_first([s.job for s in stale]))
            self.record_all(outcomes, stale, options)
        except KeyboardInterrupt:
            self.report.stopped = True
        finally:
            if outcomes is not None:
                outcomes.close()     # stops the workers, whatever ended the loop
            self.finish()

    def prune(self, planned: set[str]) -> None:
        """Drop the assets of jobs no spec asks for any more."""
        for job_id in sorted(set(self.manifest.by_job) - planned):
            gone = [e.path for e in self.manifest.job(job_id)]
            self.manifest.replace_job(job_id, [])
            self.journal.record(job_id, [])
            _remove_files(self.out, gone)
            self.report.removed.extend(gone)
            self.dirty = True

    def record_all(self, outcomes, stale: list[Step], options: Options) -> None:
        by_id = {s.job.id: s for s in stale}
        versions = {kind: tool_versions(kind) for kind in {s.job.kind for s in stale}}
        built_at = options.now().replace(microsecond=0).isoformat()
        for outcome in outcomes:
            job = outcome.job
            if outcome.rendered is None:
                self.report.failed.append((job.id, outcome.error))
            else:
                self.record(outcome, by_id[job.id], built_at, versions[job.kind])
            if options.on_outcome:
                options.on_outcome(outcome)
            if self.report.failed and options.fail_fast:
                break
            self.save_now_and_then()

    def record(self, outcome: Outcome, step: Step, built_at: str,
               versions: dict[str, str]) -> None:
        job = outcome.job
        with _signals_deferred():
            entries = _entries(outcome, step, self.out, built_at, versions)
            self.journal.record(job.id, entries)
        _remove_files(self.out, self.manifest.replace_job(job.id, entries))
        self.report.built.append(job.id)
        self.report.warnings.extend((job.id, w) for w in outcome.rendered.warnings)
        self.dirty = True

    def save_now_and_then(self) -> None:
        wait_s = max(SAVE_EVERY_S, SAVE_SHARE * self.save_took_s)
        if self.dirty and time.monotonic() - self.last_save > wait_s:
            started = time.monotonic()
            self.journal.close()
            self.manifest.save()
            self.journal = Journal(self.out)
            self.last_save = time.monotonic()
            self.save_took_s = self.last_save - started

    def finish(self) -> None:
        self.journal.close()
        clean = not (self.report.failed or self.report.stopped)
        if self.dirty or not (self.out / MANIFEST).exists():
            self.manifest.save(self.watch if clean else None)
        else:
            (self.out / JOURNAL).unlink(missing_ok=True)
