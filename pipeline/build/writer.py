"""The single writer: as outcomes arrive, each job's files are written atomically, then
its journal line, then its manifest entries; the manifest is saved now and then and at
the end. Nothing else in a build writes to the output folder."""
from __future__ import annotations

import contextlib
import itertools
import platform
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..files.fsio import atomic_write, sha256_bytes
from ..files.paths import OutsideError, confined
from ..stages import STAGES
from ..store import JOURNAL, MANIFEST
from ..store.entry import ManifestEntry
from ..store.journal import Journal
from ..store.manifest import Manifest
from .stale import Step
from .worker import Outcome

if TYPE_CHECKING:
    from .run import Options

# Manifest saves (the journal keeps jobs safe): every 10 s at most, a 20th of the build.
SAVE_EVERY_S, SAVE_SHARE = 10.0, 20


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
    job, rendered = step.job, outcome.rendered
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


def longest_first(steps: list[Step]) -> list[Step]:
    """The longest kinds first (an endcard clip before a banner): the pool ends with short
    jobs filling the gaps, not with one long job and idle workers. Results do not depend
    on the order; the manifest is sorted."""
    return sorted(steps, key=lambda step: -STAGES[step.job.kind].seconds)


class Writer:
    """The single writer: files, journal lines and the manifest, as outcomes arrive."""

    def __init__(self, out: Path, manifest: Manifest, report: BuildReport,
                 watch: dict[str, Any] | None = None):
        self.out, self.manifest, self.report, self.watch = out, manifest, report, watch
        self.journal = Journal(out)
        self.dirty = False
        self.last_save = time.monotonic()
        self.save_took_s = 0.0

    def run(self, planned: set[str], stale: list[Step], options: Options) -> None:
        """Render the stale steps that can be made (through the executor) and record
        every outcome; those that cannot be made fail first, with their reason."""
        outcomes = None
        try:
            if options.prune:
                self.prune(planned)
            made = [s for s in stale if not s.error]
            unmade = (Outcome(s.job.id, error=s.error) for s in stale if s.error)
            outcomes = options.executor.run(s.task for s in longest_first(made))
            self.record_all(itertools.chain(unmade, outcomes), stale, options)
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

    def record_all(self, outcomes: Iterable[Outcome], stale: list[Step],
                   options: Options) -> None:
        by_id = {s.job.id: s for s in stale}
        versions = {kind: tool_versions(kind) for kind in {s.job.kind for s in stale}}
        built_at = options.now().replace(microsecond=0).isoformat()
        for outcome in outcomes:
            step = by_id[outcome.job_id]
            if outcome.rendered is None:
                self.report.failed.append((outcome.job_id, outcome.error))
            else:
                self.record(outcome, step, built_at, versions[step.job.kind])
            if options.on_outcome:
                options.on_outcome(outcome)
            if self.report.failed and options.fail_fast:
                break
            self.save_now_and_then()

    def record(self, outcome: Outcome, step: Step, built_at: str,
               versions: dict[str, str]) -> None:
        job_id = step.job.id
        with _signals_deferred():
            entries = _entries(outcome, step, self.out, built_at, versions)
            self.journal.record(job_id, entries)
        _remove_files(self.out, self.manifest.replace_job(job_id, entries))
        self.report.built.append(job_id)
        self.report.warnings.extend((job_id, w) for w in outcome.rendered.warnings)
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
