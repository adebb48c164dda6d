"""The two ways spoken-text normalization fails: a line that cannot be said, a bad table."""
from __future__ import annotations

from pathlib import Path


class SpeechTextError(ValueError):
    """Text that cannot be said as written; names the token and the segment."""

    def __init__(self, message: str, *, token: str, segment: str = "") -> None:
        prefix = f"segment {segment}: " if segment else ""
        super().__init__(prefix + message)
        self.token = token
        self.segment = segment
        self.reason = message


class LexiconError(ValueError):
    """A lexicon file that cannot be used; names the file and line."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = str(path)
        self.line = line
