"""Build: make each job's request once, decide which are stale, render them, and record
as they finish (build.writer); the no-op answered from the skip state alone."""
from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PipelineError
from ..files.fsio import OutputLock, sweep_temp_files
from ..files.paths import refuse_system_folder
from ..files.scratch import sweep_scratch
from ..spec.model import Specs
from ..store import JOURNAL, MANIFEST, STATE, skip_state
from ..store.manifest import Manifest
from .executor import Executor, LocalExecutor
from .fingerprint import Fingerprinter
from .plan import Job
from .stale import Step, decide, prepare
from .worker import Outcome
from .writer import BuildReport, Writer

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
    # What the command line saw before it read the specs (build/quick.py); recorded
    # with the build so the next identical build can answer from stats alone.
    watch: dict[str, Any] | None = None


def plan_steps(specs: Specs, jobs: list[Job], out: Path, force: bool = False,
               verify: bool = False) -> list[Step]:
    """What a build of `jobs` would do, and why (`build --dry-run`)."""
    steps = prepare(jobs, Fingerprinter(specs.root))
    return decide(steps, Manifest.load(out), out, force, verify)


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
        steps = prepare(jobs, fingerprinter)
        record = _watch_record(options.watch, fingerprinter, len(jobs), out)
        if _nothing_to_do(steps, out, options, report):
            if record is not None:
                skip_state.remember_watch(out, record)
        else:
            manifest = _open_manifest(specs, jobs, out, report)
            steps = decide(steps, manifest, out, force, verify)
            if on_plan:
                on_plan(steps)
            stale = [s for s in steps if s.reason]
            report.up_to_date = len(steps) - len(stale)
            Writer(out, manifest, report, record).run({job.id for job in jobs}, stale,
                                                      options)
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


def _nothing_to_do(steps: list[Step], out: Path, options: Options,
                   report: BuildReport) -> bool:
    """The no-op fast path, answered from the small skip state alone."""
    if options.force or options.verify or any(step.error for step in steps):
        return False
    state = skip_state.read(out)
    fingerprints = {step.job.id: step.inputs["fingerprint"] for step in steps}
    if state is None or not state.all_up_to_date(fingerprints, out, options.prune):
        return False
    if options.on_plan:
        options.on_plan(steps)
    report.up_to_date = len(steps)
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
    # What the hand-off prints for people, kept with the build: a pull needs no specs.
    manifest.title = specs.campaign.title["vi"]
    manifest.province_names = {slug: p.name for slug, p in specs.provinces.items()}
    return manifest
