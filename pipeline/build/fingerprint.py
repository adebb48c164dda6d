"""What a job's output depends on, as digests: the product's spec, the campaign, the
province, the size, the renderer's version and the content of every input file its
request names.

Each part is hashed once per run and shared by all the jobs that use it, so planning
ten thousand jobs stays fast.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..errors import PipelineError
from ..files.fsio import sha256_file
from ..files.paths import escapes
from ..stages import Stage
from .plan import Job


def canonical(value: Any, root: Path) -> Any:
    """A JSON-able, order-stable form; `source` positions are left out (moving a key is
    not a change) and paths are made project-relative (clones agree)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name), root)
                for f in dataclasses.fields(value) if f.name != "source"}
    if isinstance(value, dict):
        return {str(k): canonical(v, root) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [canonical(v, root) for v in value]
    if isinstance(value, Path):
        return os.path.relpath(value, root)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def digest(value: Any, root: Path) -> str:
    data = json.dumps(canonical(value, root), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


class Fingerprinter:
    """Digests of a job's inputs, memoized per object for one run."""

    def __init__(self, root: Path):
        self.root = root
        self._parts: dict[int, tuple[Any, str]] = {}
        # Input files are hashed once a run, under their project-relative name.
        self._files: dict[Path, tuple[str, str]] = {}
        # [size, mtime_ns] of each, taken before it was read: a file edited while it is
        # hashed looks changed to the quick no-op check (pipeline/quick.py) next time.
        self.stats: dict[str, list[int]] = {}

    def _part(self, value: Any) -> str:
        if value is None:
            return ""
        cached = self._parts.get(id(value))
        if cached is None or cached[0] is not value:
            cached = (value, digest(value, self.root))
            self._parts[id(value)] = cached
        return cached[1]

    def _file(self, path: Path) -> tuple[str, str]:
        cached = self._files.get(path)
        if cached is None:
            if escapes(self.root, path):
                # The one rule for every input file, whichever spec or convention named it.
                raise PipelineError(f"{os.path.relpath(path, self.root)}: points outside "
                                    "the project (through a link); copy the file into the "
                                    "project instead")
            status = os.stat(path)
            self.stats[str(path)] = [status.st_size, status.st_mtime_ns]
            cached = (self._relative(path), sha256_file(path))
            self._files[path] = cached
        return cached

    def inputs(self, job: Job, stage: Stage, paths: tuple[Path, ...]) -> dict[str, Any]:
        """The manifest's `inputs` record of a job whose request names `paths`; its
        `fingerprint` is what skip decisions compare."""
        files = dict(self._file(path) for path in paths)
        parts = {
            "renderer": f"{stage.kind}@{stage.version}",
            "spec": self._part(job.product),
            "campaign": self._part(job.campaign),
            "province": self._part(job.province),
            "variant": f"{job.size_name or ''}/{job.lang}",
            "size": self._part(job.size),
            "files": dict(sorted(files.items())),
        }
        parts["fingerprint"] = hashlib.sha256(
            json.dumps(parts, sort_keys=True).encode()).hexdigest()
        return parts

    def _relative(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            # Fonts and data shipped by packages live outside the project.
            return _package_relative(path)


def _package_relative(path: Path) -> str:
    parts = path.resolve().parts
    if "site-packages" in parts:
        return "/".join(parts[parts.index("site-packages") + 1:])
    return path.name
