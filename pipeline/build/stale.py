"""Is a job stale? Its request is made once, here in the build's own process; the
fingerprint hashes what the request names; one question per function, one place that
asks them (DVC's `Stage.changed()`)."""
from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files.fsio import sha256_file
from ..stages import STAGES
from ..store.entry import ManifestEntry
from ..store.manifest import Manifest
from .fingerprint import Fingerprinter
from .plan import Job
from .worker import Task, reason


@dataclass(frozen=True)
class Step:
    """A planned job, its request, and why it must run (None: up to date)."""
    job: Job
    request: Any               # None when it cannot be made: `error` says why
    inputs: dict[str, Any]     # the manifest's record; its fingerprint decides
    reason: str | None = None
    error: str = ""

    @property
    def task(self) -> Task:
        return Task(self.job.id, self.job.kind, self.request)


def prepare(jobs: list[Job], fingerprinter: Fingerprinter) -> list[Step]:
    """Each job's request, made once, with the record of its inputs; a job whose request
    cannot be made (a script line that cannot be said, a recorded take named wrongly)
    carries the one-line reason instead."""
    steps = []
    for job in jobs:
        stage = STAGES[job.kind]
        try:
            request = stage.request(job)
        except Exception as exc:   # a bug: say so plainly, keep the other jobs going
            steps.append(Step(job, None, fingerprinter.inputs(job, stage, ()),
                              error=reason(exc)))
            continue
        steps.append(Step(job, request, fingerprinter.inputs(job, stage, request.inputs)))
    return steps


# -- the questions -------------------------------------------------------------------

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




def decide(steps: list[Step], manifest: Manifest, out: Path, force: bool = False,
           verify: bool = False) -> list[Step]:
    """The steps with why each must run; one that cannot be made always must (and fails)."""
    return [dataclasses.replace(step, reason=_why(step, manifest, out, force, verify))
            for step in steps]


def _why(step: Step, manifest: Manifest, out: Path, force: bool, verify: bool) -> str | None:
    if step.error:
        return f"cannot be made: {step.error}"
    return why_stale(manifest.job(step.job.id), step.inputs, out, force, verify)
