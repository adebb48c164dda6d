"""The one typesetter: text broken into lines between words, as large as fits a box.

Banners (mm), clips (px) and infographics (pt) all set text here, so sizes are in the
caller's *units*: `em` is the font size in those units, widths and heights likewise.

Break model (issue 13): a line breaks only between words (pipeline.text.segment), never
inside one. Near the narrowest widest line (at most MAX_SLACK wider), it prefers breaks
after punctuation, then before và/để/vì/cho..., then between words, and balances widths;
a single syllable alone on a line ("MỖI", "CÙNG") is avoided when another break fits. Breaking a
compound term between its words (bảo hiểm | xã hội) is a last resort the caller asks for
with allow=Gap.COMPOUND.
"""
from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.media.fonts import FontMetrics

from .segment import Gap, gaps

LEADING_EM = 1.08          # minimum baseline-to-baseline distance
INK_GAP_EM = 0.08          # clear space between one line's lowest ink and the next one's highest
LINE_PAD_EM = 0.04         # line box = ink + this, so no ink row touches its box

# Costs of a choice of breaks, traded against OVER_COST per share of the narrowest widest
# line that a line goes over it (at most MAX_SLACK): a punctuation break is worth about
# 6 % of type size over a plain word break, a phrase break about 4 %, and a single
# syllable alone on the last line is avoided whenever 15 % allows.
MAX_SLACK = 0.15
OVER_COST = 4.0
BREAK_COST = {Gap.PUNCT: 0.0, Gap.PHRASE: 0.1, Gap.WORD: 0.25, Gap.COMPOUND: 1.0}
LONE_SYLLABLE_COST = 4.0   # one syllable alone on the last line
SHORT_LINE_COST = 0.3      # one syllable alone on any other line ("CỦA")
ORPHAN_SHARE = 0.5         # fitting: a lone syllable on a line costs half the type size


@dataclass(frozen=True)
class Units:
    """A paragraph as unbreakable units (words, with trailing punctuation tokens attached)
    and the break quality between each pair of neighbours."""
    texts: tuple[str, ...]
    gaps: tuple[Gap, ...]             # len(texts) - 1
    syllables: tuple[int, ...]

    def breaks(self, allow: Gap) -> int:
        return sum(gap >= allow for gap in self.gaps)


@functools.lru_cache(maxsize=4096)
def units(paragraph: str) -> Units:
    """The paragraph's units: a token of punctuation only ("–", ":") stays with the word
    before it, so no line starts with a dash; the syllables of a word stay together."""
    tokens = tuple(paragraph.split())
    if not tokens:
        return Units((), (), ())
    texts, kinds, counts = [tokens[0]], [], [1]
    for gap, token in zip(gaps(tokens), tokens[1:]):
        if gap == Gap.INSIDE or not any(ch.isalnum() for ch in token):
            texts[-1] += " " + token
            counts[-1] += 1
        else:
            texts.append(token)
            kinds.append(gap)
            counts.append(1)
    return Units(tuple(texts), tuple(kinds), tuple(counts))


def balanced_breaks(para: Units, widths: Sequence[float], space: float, count: int,
                    allow: Gap = Gap.WORD) -> tuple[str, ...]:
    """`para` in at most `count` lines (fewer when it has fewer allowed breaks): the
    narrowest widest line, then the best breaks and the least ragged lines."""
    n = len(para.texts)
    ends = [j for j in range(1, n) if para.gaps[j - 1] >= allow] + [n]
    count = max(1, min(count, len(ends)))
    starts = [0] + ends[:-1]
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def width(i: int, j: int) -> float:
        return prefix[j] - prefix[i] + space * (j - i - 1)

    inf = math.inf
    worst = {(0, 0): 0.0}                   # (lines, end) -> narrowest widest line so far
    for m in range(1, count + 1):
        for j in ends:
            options = [max(worst[m - 1, i], width(i, j)) for i in starts
                       if i < j and (m - 1, i) in worst]
            if options:
                worst[m, j] = min(options)
    best_width = worst[count, n]
    limit = best_width * (1 + MAX_SLACK) + 1e-9
    cost: dict[tuple[int, int], tuple[float, int]] = {(0, 0): (0.0, 0)}
    for m in range(1, count + 1):
        for j in ends:
            for i in starts:
                if i >= j or (m - 1, i) not in cost:
                    continue
                w = width(i, j)
                if w > limit:
                    continue
                c = cost[m - 1, i][0] + _line_cost(para, i, j, w, best_width, m == count)
                if c < cost.get((m, j), (inf, 0))[0]:
                    cost[m, j] = (c, i)
    lines, j = [], n
    for m in range(count, 0, -1):
        i = cost[m, j][1]
        lines.append(" ".join(para.texts[i:j]))
        j = i
    return tuple(reversed(lines))


def _line_cost(para: Units, i: int, j: int, w: float, best_width: float, last: bool) -> float:
    share = (w - best_width) / best_width if best_width > 0 else 0.0
    c = share * share if share <= 0 else OVER_COST * share
    if j < len(para.texts):
        c += BREAK_COST[para.gaps[j - 1]]
    if j - i == 1 and para.syllables[i] == 1 and len(para.texts) > 1:
        c += LONE_SYLLABLE_COST if last else SHORT_LINE_COST
    return c


@dataclass(frozen=True)
class Block:
    """Lines of one text at one size, stacked with a uniform baseline pitch; `em` and the
    derived sizes are in the caller's units, the rest in em."""
    lines: tuple[str, ...]
    em: float
    widths_em: tuple[float, ...]
    tops_em: tuple[float, ...]
    bottoms_em: tuple[float, ...]
    pitch_em: float

    @property
    def width(self) -> float:
        return max(self.widths_em) * self.em

    @property
    def height(self) -> float:
        return stack_height_em(self.tops_em, self.bottoms_em, self.pitch_em) * self.em


def stack_height_em(tops, bottoms, pitch) -> float:
    return LINE_PAD_EM + tops[0] + pitch * (len(tops) - 1) + bottoms[-1] + LINE_PAD_EM


def measure(lines: tuple[str, ...], metrics: FontMetrics, em: float) -> Block:
    widths = tuple(metrics.advance_em(line) for line in lines)
    inks = [metrics.ink_em(line) for line in lines]
    tops = tuple(max(top, 0.0) for top, _ in inks)
    bottoms = tuple(max(bottom, 0.0) for _, bottom in inks)
    # One pitch for the whole block, wide enough for the tallest pair of neighbours:
    # a line of stacked marks (Ệ, Ẫ) under a line with descenders must not collide.
    pitch = max([LEADING_EM] + [bottoms[i - 1] + INK_GAP_EM + tops[i]
                                for i in range(1, len(lines))])
    return Block(lines, em, widths, tops, bottoms, pitch)


def fit_text(text: str, metrics: FontMetrics, max_w: float, max_h: float | None,
             max_em: float, max_lines: int, allow: Gap = Gap.WORD,
             min_em: float = 0.0) -> Block | None:
    """The largest size (up to max_em) at which `text` fits, with its line breaks.

    "\n" forces a break; more lines are tried while they let the text grow, the widest
    paragraph getting the next line. A layout with one syllable alone on a paragraph's last
    line wins only when it is 1/ORPHAN_SHARE larger, and never over one that keeps min_em
    when it does not. None when the text is empty.
    """
    paragraphs = [units(p) for p in text.split("\n")]
    paragraphs = [p for p in paragraphs if p.texts]
    if not paragraphs:
        return None
    space = metrics.advance_em(" ")
    unit_widths = [[metrics.advance_em(w) for w in p.texts] for p in paragraphs]
    memo: dict[tuple[int, int], tuple[str, ...]] = {}

    def option(p: int, k: int) -> tuple[str, ...]:
        if (p, k) not in memo:
            memo[p, k] = balanced_breaks(paragraphs[p], unit_widths[p], space, k, allow)
        return memo[p, k]

    counts = [1] * len(paragraphs)
    best: tuple[tuple[bool, float], Block] | None = None
    while True:
        chosen = [option(p, k) for p, k in enumerate(counts)]
        block = measure(tuple(line for lines in chosen for line in lines), metrics, 1.0)
        by_width = max_w / max(block.widths_em)
        by_height = (max_h / stack_height_em(block.tops_em, block.bottoms_em, block.pitch_em)
                     if max_h is not None else math.inf)
        em = min(by_width, by_height, max_em)
        key = _preference(em, min_em, any(_orphaned(lines) for lines in chosen))
        # Ties (within 0.5 %) go to fewer lines, which were tried first.
        if best is None or key[0] > best[0][0] or (key[0] == best[0][0]
                                                    and key[1] > best[0][1] * 1.005):
            best = key, dataclasses.replace(block, em=em)
        if by_height <= by_width or em >= max_em or sum(counts) >= max_lines:
            break   # more lines can only make it smaller
        growable = [p for p in range(len(paragraphs))
                    if counts[p] <= paragraphs[p].breaks(allow)]
        if not growable:
            break
        widest = max(growable, key=lambda p: max(metrics.advance_em(line)
                                                 for line in option(p, counts[p])))
        counts[widest] += 1
    return best[1]


def _orphaned(lines: tuple[str, ...]) -> bool:
    """One syllable alone on a line of several ("MỖI / NGƯỜI DÂN", "CÙNG"): it reads as a
    fragment on a flag, wherever it stands."""
    return len(lines) > 1 and any(len(line.split()) == 1 for line in lines)


def _preference(em: float, min_em: float, orphan: bool) -> tuple[bool, float]:
    """Sort key of a layout: legible first, then its size, one with a syllable alone on a
    line counted at ORPHAN_SHARE of its size ("CẢ NHÀ / CÙNG AN TÂM" over a larger
    "CẢ NHÀ / CÙNG / AN TÂM")."""
    legible = em >= min_em - 1e-9
    return legible, em * ORPHAN_SHARE if legible and orphan else em


def widest_word(lines: Sequence[str], metrics: FontMetrics) -> str | None:
    """The widest line when it is one word that no allowed break can shorten, else None:
    the word to name when text set whole is too small."""
    line = max(lines, key=metrics.advance_em)
    para = units(line)
    whole = all(gap <= Gap.COMPOUND for gap in para.gaps) and sum(para.syllables) > 1
    return line if whole else None


def wrap(text: str, width_of: Callable[[str], float], max_width: float,
         allow: Gap = Gap.WORD) -> tuple[str, ...]:
    """`text` in the fewest lines no wider than max_width (a word wider than that stands
    alone), spread evenly over them; "\n" forces a break."""
    space = width_of(" ")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        para = units(paragraph)
        if not para.texts:
            lines.append("")
            continue
        greedy = greedy_lines(para, lambda line: width_of(line) <= max_width, allow)
        even = balanced_breaks(para, [width_of(t) for t in para.texts], space, len(greedy),
                               allow)
        # The phrase slack may not push a line past the width the greedy lines kept to.
        room = max(max_width, max(map(width_of, greedy)))
        lines += even if max(map(width_of, even)) <= room + 1e-9 else greedy
    return tuple(lines)


def greedy_lines(para: Units, fits: Callable[[str], bool],
                 allow: Gap = Gap.WORD) -> list[str]:
    """First-fit lines of whole units; a unit that does not fit alone stands alone."""
    lines: list[str] = [para.texts[0]]
    for k in range(1, len(para.texts)):
        text = para.texts[k]
        longer = lines[-1] + " " + text
        if para.gaps[k - 1] >= allow and not fits(longer):
            lines.append(text)
        else:
            lines[-1] = longer
    return lines
