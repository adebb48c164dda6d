"""The stage registry: one `Stage` per product kind, added by explicit `register` calls.

Every stage follows one contract (docs/architecture.md):

    parse(fields, context) -> the product's typed body        (once, at load)
    request(job) -> Request     a frozen, picklable value: everything the render needs,
                                and `inputs`, the files it was made from (built once a
                                job, in the build's own process)
    render(request) -> Rendered files (suffix -> bytes), facts and warnings; pure

The spine plans the jobs (sizes x languages x provinces of each product), fingerprints
what each request names, decides paths and keeps the manifest; a stage never does.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import Where

if TYPE_CHECKING:
    from ..build.plan import Job
    from ..spec.fields import Fields
    from ..spec.load import SpecContext


class StageError(Exception):
    """A job failed for a reason the user can fix; the message is one line."""


class Request(Protocol):
    """What every stage's request has: the files its output depends on (fonts, data,
    word lists, recorded takes), fingerprinted by content so an edit rebuilds."""
    inputs: tuple[Path, ...]


@dataclass(frozen=True)
class OutputFile:
    role: str        # print | raster | preview | thumb | audio | transcript | ...
    suffix: str      # the file name's ending after the job's stem: '.pdf', '.preview.jpg'
    data: bytes
    media: dict[str, Any] = field(default_factory=dict)   # facts of this file alone


@dataclass(frozen=True)
class Rendered:
    """What every stage's render returns: its files, facts and warnings."""
    files: tuple[OutputFile, ...]
    media: dict[str, Any] = field(default_factory=dict)   # JSON-able facts
    warnings: tuple[str, ...] = ()

    def file(self, role: str) -> OutputFile:
        """The file of `role` ('print', 'preview', ...); KeyError names the roles made."""
        for made in self.files:
            if made.role == role:
                return made
        raise KeyError(f"no {role!r} file; made: {', '.join(f.role for f in self.files)}")


@dataclass(frozen=True)
class Unfit:
    """What `preflight` finds: a text that cannot be set legibly at one size."""
    where: Where          # the text in the spec
    field: str            # the spec key: 'text', 'blocks'
    size_name: str
    message: str          # names the size, language and province, and why

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Note:
    """What `preflight` finds that may be made but deserves a look (a term split between
    its words to stay legible); `campaign check` prints it and still passes."""
    where: Where
    message: str

    def __str__(self) -> str:
        return f"note: {self.where}: {self.message}"


@dataclass(frozen=True)
class Stage:
    """A product kind. Every field is a module-level function, so a stage pickles by
    reference: a worker started with `spawn` (or on another machine) registers the stages
    it is sent instead of inheriting a registry through fork."""
    kind: str
    version: str                                   # bump: everything it made rebuilds
    parse: Callable[[Fields, SpecContext], Any]
    # StageError from either: a reason the user can fix, already naming the product
    request: Callable[[Job], Request]
    render: Callable[[Any], Rendered]              # no environment, clock or global read
    sizes: tuple[str, ...] = ()                    # size names a product may list
    tools: tuple[str, ...] = ()                    # distributions recorded in the manifest
    # once per worker, given a sample request: imports, font metrics, engines
    warm: Callable[[Any], None] | None = None
    # `campaign check`: what cannot be made (Unfit), and what deserves a look (Note), found
    # before anything renders, one line each
    preflight: Callable[[list[Job]], list[Unfit | Note]] | None = None
    # kinds that speak: the body spoken by recorded takes from a project folder (the desk)
    recorded_takes: Callable[[Any, str], Any] | None = None
    # kinds that speak: a request's mastered spoken lines and their spans, for another
    # stage's timeline through this registry (a clip's voice), never by importing it
    spoken: Callable[[Any], Any] | None = None
    # seconds of CPU a job takes, roughly (bench/results.md): the longest start first, so
    # a build does not end waiting on one long job
    seconds: float = 0.1

    def render_job(self, job: Job) -> Rendered:
        """One job in this process: its request, rendered (tests, `say`, the desk)."""
        return self.render(self.request(job))


STAGES: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    STAGES[stage.kind] = stage
    return stage


def register_all(stages) -> None:
    """Register every stage of `stages` not known yet (a worker's start-up)."""
    for stage in stages:
        if stage.kind not in STAGES:
            register(stage)
