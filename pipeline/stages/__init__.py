"""The stage registry: one `Stage` per product kind, added by explicit `register` calls.

A stage reads its own spec keys, names the files its output depends on, and renders one
job into bytes plus measured media facts. It never decides paths or touches the manifest.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

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


@dataclass(frozen=True)
class Stage:
    kind: str
    version: str                                   # bump: everything it made rebuilds
    parse: Callable[["Fields", "SpecContext"], Any]
    render: Callable[["Job"], Rendered]
    inputs: Callable[["Job"], tuple[Path, ...]] = lambda job: ()
    sizes: tuple[str, ...] = ()                    # size names a product may list
    tools: tuple[str, ...] = ()                    # distributions recorded in the manifest
    warm: Callable[["Job"], None] | None = None    # once per worker, given a sample job


STAGES: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    STAGES[stage.kind] = stage
    return stage


def unregister(kind: str) -> None:
    STAGES.pop(kind, None)
