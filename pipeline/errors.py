"""Errors a user can act on: what went wrong, where, and what is allowed."""
from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in a spec file, 1-based like an editor shows it."""
    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        if not self.column:          # a line without a column: an SVG element's start
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class SpecProblem:
    where: Where
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.where}:{field} {self.message}"


class SpecErrors(Exception):
    """Every problem found while loading specs; raised once, after all files are read."""

    def __init__(self, problems: list[SpecProblem]):
        self.problems = sorted(problems, key=lambda p: (p.where.file, p.where.line,
                                                        p.where.column, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))


class PipelineError(Exception):
    """A one-line error for the user (bad selection, locked output, broken manifest...)."""


def did_you_mean(word: str, choices, hint: str = "") -> str:
    """' did you mean 'x'? (hint)' or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not close:
        return f" ({hint})" if hint else ""
    names = " or ".join(f"'{c}'" for c in close)
    tail = f" ({hint})" if hint else ""
    return f"; did you mean {names}?{tail}"
