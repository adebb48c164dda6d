"""Vietnamese words: which space-separated syllables belong together, and where a line may
break between them.

Vietnamese writes every syllable apart, but a word is often two to four of them (*bảo
hiểm*, *người lao động*); a line break inside a word reads as wrong as "insur- / ance". The
segmenter is a dictionary match over two word lists in `assets/lexicon/`: `vi-words.txt`
(the pyvi word list, MIT) and `words.csv`, the campaign's own terms, which a designer
extends without code. Among all segmentations it takes one with the fewest words, so a
greedy match cannot steal the first syllable of the next word.

Keys ignore case and where the tone mark sits (*hoà* = *hòa*, *uỷ* = *ủy*), so the
lists match capitals, NFD input and either spelling convention.
"""
from __future__ import annotations

import csv
import functools
import io
import unicodedata
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from .. import project

WORD_LIST, CAMPAIGN_WORDS = "vi-words.txt", "words.csv"

MAX_WORD_SYLLABLES = 5
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A phrase starts before these: conjunctions and prepositions ("... / vì cuộc sống",
# "... / và BHYT", "... / của người lao động", "... / khi về già").
PHRASE_STARTS = frozenset({"và", "để", "vì", "cho", "của", "khi", "với", "là", "cùng"})
_PHRASE_END_MARKS = ",;:.!?-–—"


class Gap(IntEnum):
    """How good a line break is between two neighbouring syllables, worst first."""
    INSIDE = 0       # inside a word: never
    COMPOUND = 1     # between the words of a term (bảo hiểm | xã hội): a last resort
    WORD = 2
    PHRASE = 3       # before và, để, vì, cho
    PUNCT = 4        # after a comma, semicolon, colon, dash


class LexiconError(ValueError):
    """A word list that cannot be used; names the file and line."""


@dataclass(frozen=True, eq=False)     # compared and hashed by identity: it keys caches
class Lexicon:
    words: frozenset[tuple[str, ...]]      # keyed syllables of words of 2+ syllables
    longest: int

    def __contains__(self, keys: tuple[str, ...]) -> bool:
        return keys in self.words


def syllable_key(syllable: str) -> str:
    """Case-, normalization- and tone-placement-free key of one syllable."""
    return _key(syllable)


@functools.lru_cache(maxsize=16384)
def _key(syllable: str) -> str:
    core = syllable.strip("\"'“”‘’()[]«»,;:.!?-–—…").lower()
    decomposed = unicodedata.normalize("NFD", core)
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    bare = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", bare) + tones


_PHRASE_KEYS = frozenset(_key(word) for word in PHRASE_STARTS)


def _entry(text: str) -> tuple[str, ...]:
    return tuple(_key(s) for s in text.split())


def lexicon_files(folder: Path | None = None) -> tuple[Path, Path]:
    """The two word lists in `folder`, by default the project's assets/lexicon/: the
    files that decide line breaks, so editing them rebuilds what they set."""
    folder = project.lexicon_dir() if folder is None else folder
    return folder / WORD_LIST, folder / CAMPAIGN_WORDS


def load_lexicon(word_list: Path | None = None, campaign: Path | None = None) -> Lexicon:
    """Both lists (the project's by default); a missing list, or a campaign row with no
    word or a one-syllable word, raises LexiconError."""
    if word_list is None or campaign is None:
        default_words, default_campaign = lexicon_files()
        word_list, campaign = word_list or default_words, campaign or default_campaign
    for path in (word_list, campaign):
        if not path.is_file():
            raise LexiconError(f"{_shown(path)}: missing; the project's word lists live in "
                               f"{project.LEXICON}/ (`campaign new` writes them)")
    words: set[tuple[str, ...]] = set()
    for line in word_list.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.add(_entry(line))
    shown = _shown(campaign)
    try:
        raw = campaign.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise LexiconError(f"{shown}:1: not UTF-8 ({error.reason})") from None
    reader = csv.reader(io.StringIO(raw))
    header = next(reader, None)
    if not header or header[0].strip() != "word":
        raise LexiconError(f"{shown}:1: the header must start with 'word', got {header}")
    for row in reader:
        if not row or not "".join(row).strip():
            continue
        entry = _entry(row[0])
        if not 2 <= len(entry) <= MAX_WORD_SYLLABLES:
            raise LexiconError(f"{shown}:{reader.line_num}: word: {row[0]!r} must have 2 to "
                               f"{MAX_WORD_SYLLABLES} syllables (one syllable is always whole)")
        words.add(entry)
    return Lexicon(frozenset(words), max(map(len, words), default=1))


def _shown(path: Path) -> str:
    """A project file by its project-relative name, as other messages name files."""
    try:
        root = project.root()
    except project.NoProject:
        return str(path)
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def default_lexicon() -> Lexicon:
    """The project's word lists, read once per process and project."""
    return _project_lexicon(project.lexicon_dir())


@functools.lru_cache(maxsize=4)
def _project_lexicon(folder: Path) -> Lexicon:
    return load_lexicon(*lexicon_files(folder))


def _ends_phrase(token: str) -> bool:
    return token[-1] in _PHRASE_END_MARKS


def _segment(keys: tuple[str, ...], closed: tuple[bool, ...], lexicon: Lexicon,
             longest: int) -> list[int]:
    """Word lengths (in syllables) of a fewest-words segmentation, ties going to fewer
    one-syllable words (người lao động | tự do, not người | lao động tự do); `closed[i]`
    forbids a word from running past syllable i (it ends a phrase)."""
    n = len(keys)
    # best[j]: (words, one-syllable words, last word length) for the first j syllables
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(n + 1, n + 1, 0)] * n
    for j in range(1, n + 1):
        for size in range(min(longest, j), 0, -1):
            i = j - size
            if size > 1 and (any(closed[i:j - 1]) or keys[i:j] not in lexicon):
                continue
            option = (best[i][0] + 1, best[i][1] + (size == 1), size)
            if option[:2] < best[j][:2]:
                best[j] = option
    sizes, j = [], n
    while j:
        sizes.append(best[j][2])
        j -= best[j][2]
    return sizes[::-1]


def _compound_gaps(keys: tuple[str, ...], lexicon: Lexicon) -> set[int]:
    """Offsets inside a term of three or more syllables where it splits into shorter words
    (bảo hiểm | xã hội, người | lao động); none when two lone syllables would meet."""
    sizes = _segment(keys, (False,) * len(keys), lexicon, len(keys) - 1)
    if len(sizes) < 2 or any(a == b == 1 for a, b in zip(sizes, sizes[1:])):
        return set()
    if sizes[0] == 1 and keys[0] in _PHRASE_KEYS:
        return set()    # "của | để dành" would read as the preposition: the noun stays whole
    offsets, at = set(), 0
    for size in sizes:
        if size > 2:      # sổ | bảo hiểm | xã hội: the parts' own words too
            offsets |= {at + i for i in _compound_gaps(keys[at:at + size], lexicon)}
        at += size
        if at < len(keys):
            offsets.add(at)
    return offsets


def gaps(tokens: tuple[str, ...], lexicon: Lexicon | None = None) -> tuple[Gap, ...]:
    """The break quality of each gap between neighbouring tokens (len(tokens) - 1 of them).

    A run of numbers ("1900 9068") counts as one word.
    """
    lexicon = lexicon or default_lexicon()
    return _gaps(tokens, lexicon)


@functools.lru_cache(maxsize=4096)
def _gaps(tokens: tuple[str, ...], lexicon: Lexicon) -> tuple[Gap, ...]:
    keys = tuple(_key(t) for t in tokens)
    closed = tuple(_ends_phrase(t) for t in tokens)
    sizes = _segment(keys, closed, lexicon, lexicon.longest)
    result: list[Gap] = []
    at = 0
    for k, size in enumerate(sizes):
        inner = _compound_gaps(keys[at:at + size], lexicon) if size > 2 else set()
        result += [Gap.COMPOUND if i in inner else Gap.INSIDE for i in range(1, size)]
        at += size
        if at < len(tokens):
            # "để" starts a phrase; "để dành" (to save) is a word that merely starts so.
            starts = sizes[k + 1] == 1 and keys[at] in _PHRASE_KEYS
            result.append(_between(tokens[at - 1], tokens[at], starts))
    return tuple(result)


def _between(before: str, after: str, starts_phrase: bool) -> Gap:
    if _ends_phrase(before):
        return Gap.PUNCT
    if before.isdigit() and after.isdigit():
        return Gap.INSIDE
    return Gap.PHRASE if starts_phrase else Gap.WORD


def words(text: str, lexicon: Lexicon | None = None) -> tuple[str, ...]:
    """`text` as words, each its syllables joined by one space (compound terms whole)."""
    tokens = tuple(text.split())
    if not tokens:
        return ()
    out = [tokens[0]]
    for gap, token in zip(gaps(tokens, lexicon), tokens[1:]):
        if gap <= Gap.COMPOUND:
            out[-1] += " " + token
        else:
            out.append(token)
    return tuple(out)


NO_BREAK_SPACE = "\u00a0"


def bind(text: str, joiner: str = NO_BREAK_SPACE, lexicon: Lexicon | None = None) -> str:
    """`text` with the spaces inside each word made unbreakable, for a wrapper that breaks
    at every plain space (reportlab's Paragraph); runs of spaces become one."""
    out = []
    for paragraph in text.split("\n"):
        tokens = tuple(paragraph.split())
        joined = tokens[:1]
        for gap, token in zip(gaps(tokens, lexicon), tokens[1:]):
            glued = gap == Gap.INSIDE or not any(ch.isalnum() for ch in token)  # "... -"
            joined += (joiner if glued else " ", token)
        out.append("".join(joined))
    return "\n".join(out)


def line_splits(lines, worst: Gap = Gap.INSIDE) -> list[str]:
    """Each boundary between consecutive lines whose gap is `worst` or worse, as "LAST /
    FIRST": `Gap.INSIDE` finds words split, `Gap.COMPOUND` also terms split between their
    words (bảo hiểm | xã hội). For checking lines already set (tests, the manifest)."""
    found = []
    for upper, lower in zip(lines, lines[1:]):
        before, after = upper.split(), lower.split()
        if before and after and gaps(tuple(before + after))[len(before) - 1] <= worst:
            found.append(f"{before[-1]} / {after[0]}")
    return found
