"""A template as the painters see it: its slots and artwork; its problems, one line each."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    file: str          # project-relative
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else \
            f"{self.file}: {self.message}"


class TemplateError(Exception):
    """Every problem of one template file, in file order."""

    def __init__(self, problems: list[Problem], template: Template | None = None):
        self.problems = tuple(sorted(problems, key=lambda p: p.line))
        self.template = template      # what could be read of it, for further checks
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Slot:
    name: str                   # 'headline' for slot-headline
    kind: str                   # text | image | qr
    box: tuple[float, float, float, float]    # x, y, width, height in viewBox units, y down
    line: int
    font: str | None = None     # data-font: 'display', 'text' or a font name
    color: str | None = None    # data-color: '#RRGGBB' or a brand colour's name
    align: str = "center"
    valign: str = "middle"
    upper: bool = False
    max_lines: int | None = None
    fit: str = "cover"          # image slots: cover | contain

    @property
    def element_id(self) -> str:
        return {"text": "slot-", "image": "image-", "qr": "qr-"}[self.kind] + self.name


@dataclass(frozen=True)
class Template:
    path: Path
    display: str                # project-relative, for messages and the manifest
    digest: str                 # sha256 of the file
    viewbox: tuple[float, float, float, float]
    slots: tuple[Slot, ...]
    artwork: bytes              # the SVG without its slots, as svglib draws it
    fonts: tuple[Path, ...]     # the brand fonts its static text is set in

    @property
    def aspect(self) -> float:
        return self.viewbox[2] / self.viewbox[3]

    def slot(self, kind: str, name: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind and s.name == name), None)

    def of_kind(self, kind: str) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.kind == kind)
