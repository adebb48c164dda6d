"""The stat scene: a figure from the statistics files counting up to its value.

The number grows leftwards from a fixed right edge while its unit (" triệu", " %") stands
still; each distinct string is painted once, and the last one is the scene's own layout of
the final figure, so the last frame shows exactly what a still would.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...text.vietnamese import upper_vi
from .canvas import Draw
from .easing import progress
from .look import Look
from .scenes import Scene, stack
from .typeset import SetLine, TextBlock, fit, paint, paint_line


@dataclass(frozen=True)
class Counted:
    """A figure as shown: the number part (counts up) and its unit (stays)."""
    value: float                     # in display units (18.26 for "18,26 triệu")
    decimals: int
    suffix: str                      # " triệu", " %", ""
    formatter: Callable[[float, int], str]      # (18.26, 2) -> "18,26"

    def text(self, value: float) -> str:
        return self.formatter(value, self.decimals)


class StatScene(Scene):
    """A number counting up to its value, its year above, its label below, the source."""
    kind = "stat"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str,
                 counted: Counted, year_line: str, label: str, credit: str,
                 count_s: float | None):
        super().__init__(look, duration_s, easing, lead_s)
        u = look.unit_px
        top = self.kicker(upper_vi(organization))
        left, _, right, bottom = look.area
        w = right - left
        small_em = look.em_for_cap(look.small_cap_px, look.text_font)
        credit_fit = fit(credit, look.text_font, w, None, small_em, 3)
        credit_box = (left, round(bottom - credit_fit.height_px), right, bottom)
        self.blocks["credit"] = paint(credit_fit, credit_box, look.text, look.background)
        avail = (left, top, right, credit_box[1] - round(3 * u))
        self.counted = counted
        final = counted.text(counted.value)
        self.final_text = final
        widest = "".join("4" if ch.isdigit() else ch for ch in final) + counted.suffix
        number_em = fit(widest, look.display_font, w, None,
                        look.em_for_cap(20 * u, look.display_font), 1).em_px
        number_fit = fit(final + counted.suffix, look.display_font, w, None, number_em, 1)
        year_fit = fit(year_line, look.text_font, w, None,
                       look.em_for_cap(max(look.small_cap_px, 4 * u), look.text_font), 1)
        label_fit = fit(label, look.text_font, w, 0.3 * (avail[3] - avail[1]),
                        look.em_for_cap(max(look.small_cap_px, 5 * u), look.text_font), 3)
        gap = 2.5 * u
        boxes = stack([(year_fit, gap), (number_fit, gap), (label_fit, 0)], avail)
        self.blocks["year"] = paint(year_fit, boxes[0], look.kicker, look.background)
        self.blocks["label"] = paint(label_fit, boxes[2], look.text, look.background)
        for role in ("credit", "year", "label"):
            self.statics += [line.patch for line in self.blocks[role].lines]
        whole = paint(number_fit, boxes[1], look.text, look.background).lines[0]
        # The number's right end stays put while it grows leftwards; the unit never moves.
        self.number_right = whole.x + whole.width_px - _advance(counted.suffix, whole)
        self.baseline = whole.baseline
        self.em_px = whole.em_px
        if counted.suffix:
            suffix = paint_line(counted.suffix, look.display_font, whole.em_px,
                                round(self.number_right), whole.baseline, look.text,
                                look.background)
            self.statics.append(suffix.patch)
            self.suffix_line = suffix
        self.count_s = count_s if count_s is not None else min(0.6 * self.active_s,
                                                               self.active_s - 0.3)
        self._numbers: dict[str, SetLine] = {}
        self.blocks["number"] = TextBlock((self.number_line(final),), whole.em_px,
                                          number_fit.cap_px)

    def number_line(self, text: str) -> SetLine:
        """The counter showing `text`, painted once and kept (a count-up repeats nothing)."""
        line = self._numbers.get(text)
        if line is None:
            width = _advance(text, None, self.look.display_font, self.em_px)
            line = paint_line(text, self.look.display_font, self.em_px,
                              round(self.number_right - width), self.baseline, self.look.text,
                              self.look.background)
            self._numbers[text] = line
        return line

    def value_at(self, t: float) -> float:
        p = progress(t, 0.0, self.count_s, self.ease)
        return self.counted.value if p >= 1.0 else self.counted.value * max(0.0, p)

    def draws(self, t: float) -> tuple[Draw, ...]:
        text = self.counted.text(self.value_at(t))
        return (Draw.at_rest(self.number_line(text).patch),)


def _advance(text: str, line: SetLine | None, font=None, em_px: float = 0.0) -> float:
    from ...media.fonts import font_metrics
    if not text:
        return 0.0
    if line is not None:
        font, em_px = line.font, line.em_px
    return font_metrics(font).advance_em(text) * em_px
