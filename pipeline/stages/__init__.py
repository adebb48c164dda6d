"""The stage registry: one `Stage` per product kind, added by explicit `register` calls.

A stage reads its own spec keys, names the files its output depends on, and renders one
job into bytes plus measured media facts. It never decides paths or touches the manifest.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..plan import Job
    from ..spec.fields import Fields
    from ..spec.load import SpecContext


class StageError(Exception):
    """A job failed for a reason the user can fix; the message is one line."""


@dataclass(frozen=True)
class OutputFile:
    role: str        # print | raster | preview | thumb | audio | transcript | ...
    suffix: str      # the file name's ending after the job's stem: '.pdf', '.preview.jpg'
    data: bytes
    media: dict[str, Any] = field(default_factory=dict)   # facts of this file alone


@dataclass(frozen=True)
class Rendered:
    files: tuple[OutputFile, ...]
    media: dict[str, Any] = field(default_factory=dict)   # JSON-able facts
    warnings: tuple[str, ...] = ()


def no_inputs(job) -> tuple[Path, ...]:
    return ()


@dataclass(frozen=True)
class Stage:
    """A product kind. Every field is a module-level function, so a stage pickles by
    reference: a worker started with `spawn` (or on another machine) registers the stages
    it is sent instead of inheriting a registry through fork."""
    kind: str
    version: str                                   # bump: everything it made rebuilds
    parse: Callable[[Fields, SpecContext], Any]
    render: Callable[[Job], Rendered]
    inputs: Callable[[Job], tuple[Path, ...]] = no_inputs
    sizes: tuple[str, ...] = ()                    # size names a product may list
    tools: tuple[str, ...] = ()                    # distributions recorded in the manifest
    warm: Callable[[Job], None] | None = None    # once per worker, given a sample job
    # `campaign check`: what cannot be made, found before anything renders (one line each)
    preflight: Callable[[list[Job]], list[str]] | None = None


STAGES: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    STAGES[stage.kind] = stage
    return stage


def register_all(stages) -> None:
    """Register every stage of `stages` not known yet (a worker's start-up)."""
    for stage in stages:
        if stage.kind not in STAGES:
            register(stage)


def unregister(kind: str) -> None:
    STAGES.pop(kind, None)
