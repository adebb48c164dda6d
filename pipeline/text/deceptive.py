"""Characters that make a text read other than it is: refused wherever text is printed,
spoken or shown.

- Bidirectional controls (U+202A-U+202E, U+2066-U+2069): an office name with a
  right-to-left override prints its letters reversed ("Trojan Source", CVE-2021-42574).
- Zero-width characters (U+200B-U+200D, U+2060, U+FEFF past a file's first character):
  invisible, yet they split words for the line breaker, the TTS and every search.
- Any other invisible format character (Unicode category Cf: soft hyphen, invisible
  operators, tag characters ...): nothing this campaign prints needs one.
- Cyrillic and Greek letters that look like Latin ones (confusables.py, from Unicode's
  confusables data): a Cyrillic "о" in "Bảo hiểm" looks right and is not Vietnamese.

A field that needs one of these says so with `allow` and a comment why; none does today.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .confusables import LATIN_LOOKALIKE

BIDI_CONTROLS = frozenset(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
ZERO_WIDTH = frozenset(map(chr, (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)))
BOM = "\ufeff"


@dataclass(frozen=True)
class Deception:
    index: int          # in the text
    char: str

    @property
    def what(self) -> str:
        ch = self.char
        if ch in BIDI_CONTROLS:
            return "a bidirectional control: it reorders the letters around it"
        if ch in ZERO_WIDTH:
            return "a zero-width character: invisible, it splits the word"
        if ch in LATIN_LOOKALIKE:
            script = unicodedata.name(ch).split()[0].capitalize()
            return f"a {script} letter that looks like Latin '{LATIN_LOOKALIKE[ch]}'"
        return "an invisible format character"

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.char):04X} {unicodedata.name(self.char, 'UNNAMED')}"

    def message(self) -> str:
        advice = ("Vietnamese is Latin script: retype the word" if self.char in LATIN_LOOKALIKE
                  else "delete it")
        return f"{self.code_point} is {self.what}; {advice}"


def _suspect(ch: str) -> bool:
    return (ch in BIDI_CONTROLS or ch in ZERO_WIDTH or ch in LATIN_LOOKALIKE
            or unicodedata.category(ch) == "Cf")


def find(text: str, allow: Iterable[str] = (), file_start: bool = False) -> list[Deception]:
    """Every deceptive character of `text`, in order; `file_start`: the text is a whole
    file, whose first character may be a byte order mark."""
    allowed = frozenset(allow)
    # Most texts have none: look at the distinct characters before walking the text.
    bad = {ch for ch in set(text) if ch not in allowed and _suspect(ch)}
    if not bad:
        return []
    found = [Deception(i, ch) for i, ch in enumerate(text) if ch in bad]
    if file_start and found and found[0].index == 0 and found[0].char == BOM:
        found = found[1:]
    return found


def first_problem(text: str, allow: Iterable[str] = ()) -> str | None:
    """One line for a field's value: its first deceptive character, or None."""
    found = find(text, allow)
    if not found:
        return None
    first = found[0]
    return f"character {first.index + 1}: {first.message()}"


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `text[index]`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def first_in_file(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) of a file's first deceptive character, or None."""
    found = find(text, file_start=True)
    if not found:
        return None
    line, column = line_column(text, found[0].index)
    return line, column, found[0].message()


_REFERENCE = re.compile(r"&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});")


def first_in_markup(text: str) -> tuple[int, int, str] | None:
    """As first_in_file, for XML (an SVG template): a character written as a reference
    (&#x202E;) counts, found at the reference."""
    found = [(d.index, d) for d in find(text, file_start=True)]
    for match in _REFERENCE.finditer(text):
        number = match.group(1)
        code = int(number[1:], 16) if number[0] == "x" else int(number)
        if code <= 0x10FFFF and (hits := find(chr(code))):
            found.append((match.start(), hits[0]))
    if not found:
        return None
    index, first = min(found, key=lambda pair: pair[0])
    line, column = line_column(text, index)
    return line, column, first.message()
