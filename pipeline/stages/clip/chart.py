"""The chart scene: the infographics' chart model (`media.chart_model`) painted into
frames and animated.

Bars grow from the baseline one after another, a line draws itself left to right with
its points appearing as it reaches them, figures fill one by one, a ring sweeps to its
share; the highlighted figure counts up in the words panel and the bars' labels count
with their bars, in the Vietnamese number format; the source credit stays on screen.
Everything moving is a patch painted once (a bar, a dot, a figure, each label string at
its place) or, for the ring, one patch per distinct sweep; the last frame of every move
is exactly the chart at rest, so holds cost nothing.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ...media import chart_model
from ...media.legibility import rgb
from ...text.vietnamese import upper_vi
from .canvas import Draw
from .compose import panels
from .easing import progress
from .look import Look
from .person import person_pixels
from .scenes import Scene
from .typeset import Patch, Rect, SetLine, TextBlock, fit, paint, paint_line, solid

SOFT_SHARE = 0.42            # the other bars and the ring's rest: text colour over the ground
SUPERSAMPLE = 4
MAX_GROW_S = 3.0
# Counters tick 15 times a second, as a scoreboard does: every string is painted once,
# and at 30 fps half as many strings are painted as frames are drawn.
COUNT_HZ = 15


def ticked(t: float) -> float:
    """`t` down to the counters' last tick."""
    return math.floor(t * COUNT_HZ + 1e-9) / COUNT_HZ


@dataclass(frozen=True)
class Shown:
    """A chart's values as shown: display units and how to write them."""
    values: tuple[float, ...]           # in display units (18.26 for 18,260,000 in millions)
    names: tuple[str, ...]              # under each bar / point: year or column name
    highlight: int
    decimals: int
    suffix: str                         # the big figure's unit: " triệu", " %"
    formatter: Callable[[float, int], str]

    def text(self, value: float) -> str:
        return self.formatter(value, self.decimals)


def mixed(ink: str, ground: str, share: float) -> tuple[int, int, int]:
    a, b = np.array(rgb(ink), float), np.array(rgb(ground), float)
    return tuple(int(round(v)) for v in share * a + (1 - share) * b)


def _patch(pixels: np.ndarray, x: int, y: int) -> Patch:
    pixels = np.ascontiguousarray(pixels, np.uint8)
    pixels.flags.writeable = False
    return Patch(pixels, x, y)


class ChartScene(Scene):
    kind = "chart"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str, chart: str, shown: Shown, label: str | None,
                 credit: str, icons: int = 10):
        super().__init__(look, duration_s, easing, lead_s)
        self.chart, self.shown_values = chart, shown
        u = look.unit_px
        top = self.kicker(upper_vi(organization))
        self.panels = panels(look, top)
        # Long scenes (a voice's lines) hold the chart at rest rather than crawl.
        self.grow_s = min(0.6 * self.active_s, self.active_s - 0.3, MAX_GROW_S)
        self.soft = mixed(look.text, look.background, SOFT_SHARE)
        self.small_em = look.em_for_cap(look.small_cap_px, look.text_font)
        self._lines: dict[tuple, SetLine] = {}
        self._words(label, shown)
        left, ptop, right, pbottom = self.panels.picture
        credit_fit = fit(credit, look.text_font, right - left, None, self.small_em, 2)
        credit_box = (left, round(pbottom - credit_fit.height_px), right, pbottom)
        self.blocks["credit"] = paint(credit_fit, credit_box, look.text, look.background)
        self.statics += [line.patch for line in self.blocks["credit"].lines]
        box = (left, ptop, right, credit_box[1] - round(2 * u))
        {"bars": self._bars, "line": self._line, "pictogram": self._pictogram,
         "donut": self._donut}[chart](box, shown, icons)

    def draws(self, t: float) -> tuple[Draw, ...]:
        return self._moving(t)

    # -- the words panel: label and the counting figure --------------------------------
    def _words(self, label: str | None, shown: Shown) -> None:
        look, u = self.look, self.look.unit_px
        left, top, right, bottom = self.panels.words
        w, h = right - left, bottom - top
        final = shown.text(shown.values[shown.highlight])
        widest = "".join("4" if ch.isdigit() else ch for ch in final) + shown.suffix
        cap = (16 if self.panels.shape == "landscape" else 13) * u
        number_fit = fit(widest, look.display_font, w, 0.45 * h,
                         look.em_for_cap(cap, look.display_font), 1)
        items = [number_fit]
        label_fit = None
        if label:
            label_fit = fit(label, look.text_font, w, 0.5 * h,
                            look.em_for_cap(max(look.small_cap_px, 5 * u), look.text_font), 3)
            items.insert(0, label_fit)
        gap = 2 * u
        total = sum(i.height_px for i in items) + gap * (len(items) - 1)
        y = top + max(0.0, (h - total) / 2)
        align = "left" if self.panels.shape == "landscape" else "center"
        if label_fit is not None:
            self.blocks["label"] = paint(label_fit, (left, round(y), right,
                                                     round(y + label_fit.height_px)),
                                         look.text, look.background, align=align)
            self.statics += [line.patch for line in self.blocks["label"].lines]
            y += label_fit.height_px + gap
        whole = paint(fit(final + shown.suffix, look.display_font, w, None,
                          number_fit.em_px, 1),
                      (left, round(y), right, round(y + number_fit.height_px)), look.kicker,
                      look.background, align=align).lines[0]
        metrics = _metrics(look.display_font)
        self.number_em = whole.em_px
        self.number_baseline = whole.baseline
        self.number_right = whole.x + whole.width_px - metrics.advance_em(shown.suffix) \
            * whole.em_px
        if shown.suffix:
            suffix = paint_line(shown.suffix, look.display_font, whole.em_px,
                                round(self.number_right), whole.baseline, look.kicker,
                                look.background)
            self.statics.append(suffix.patch)
        self.blocks["number"] = TextBlock((self._number(final),), whole.em_px,
                                          number_fit.cap_px)

    def _number(self, text: str) -> SetLine:
        return self._line_at(("number", text), text, self.look.display_font, self.number_em,
                             self.number_right, self.number_baseline, self.look.kicker,
                             anchor="right")

    def _line_at(self, key: tuple, text: str, font, em: float, x: float, baseline: int,
                 ink: str, anchor: str = "center") -> SetLine:
        """A painted line kept by key, so equal frames hold equal draws."""
        line = self._lines.get(key)
        if line is None:
            width = _metrics(font).advance_em(text) * em
            x0 = x - width if anchor == "right" else x - width / 2
            line = paint_line(text, font, em, round(x0), round(baseline), ink,
                              self.look.background)
            self._lines[key] = line
        return line

    def _value_draw(self, t: float, p: float | None = None) -> Draw:
        """The big figure at `t` (or at progress `p`: the highlighted bar's own)."""
        shown = self.shown_values
        if p is None:
            p = progress(ticked(t), 0.0, self.grow_s, self.ease)
        value = shown.values[shown.highlight]
        text = shown.text(value if p >= 1.0 else value * max(0.0, min(p, 1.0)))
        return Draw.at_rest(self._number(text).patch)

    # -- bars ------------------------------------------------------------------------
    def _names_row(self, box: Rect, xs: list[float], names: tuple[str, ...],
                   strong: int) -> int:
        """The names under the plot (static); returns the plot's baseline y."""
        look = self.look
        em = self.small_em
        pitch = round(_metrics(look.text_font).cap_height_em * em * 2.2)
        baseline = box[3] - round(0.4 * pitch)
        for i, (x, name) in enumerate(zip(xs, names)):
            ink = look.kicker if i == strong else look.text
            line = self._line_at(("name", i), name, look.text_font, em, x, baseline, ink)
            self.statics.append(line.patch)
        return box[3] - pitch

    def _bars(self, box: Rect, shown: Shown, _icons: int) -> None:
        look, u = self.look, self.look.unit_px
        model = chart_model.bars(shown.names, shown.values, shown.highlight)
        left, top, right, bottom = box
        xs = [left + chart_model.fraction((i, 0), model.xlim, model.ylim)[0] * (right - left)
              for i in range(len(shown.values))]
        base_y = self._names_row(box, xs, shown.names, shown.highlight)
        rule_h = max(2, round(0.3 * u))
        self.statics.append(solid(right - left, rule_h, look.text, left, base_y))
        plot_h = base_y - top
        self.plot = (left, top, right, base_y)
        self.bars: list[tuple[Patch, int]] = []
        for i in range(len(shown.values)):
            x0, x1, height = model.bar(i)
            fx0 = chart_model.fraction((x0, 0), model.xlim, model.ylim)[0]
            fx1 = chart_model.fraction((x1, 0), model.xlim, model.ylim)[0]
            fh = chart_model.fraction((0, height), model.xlim, model.ylim)[1]
            h = max(1, round(fh * plot_h))
            px0, px1 = round(left + fx0 * (right - left)), round(left + fx1 * (right - left))
            colour = rgb(look.accent) if i == shown.highlight else self.soft
            pixels = np.empty((h, px1 - px0, 3), np.uint8)
            pixels[:] = colour
            self.bars.append((_patch(pixels, px0, base_y - h), h))
        self.label_lift = round(chart_model.LABEL_LIFT * plot_h / chart_model.HEADROOM)
        self.bar_xs = xs
        n = len(self.bars)
        self.bar_len = 0.6 * self.grow_s
        self.bar_step = (self.grow_s - self.bar_len) / max(1, n - 1)
        self._moving = self._bar_draws

    def bar_height(self, i: int, t: float) -> int:
        """Bar i's height in pixels `t` seconds into the animation."""
        p = progress(t, i * self.bar_step, self.bar_len, self.ease)
        full = self.bars[i][1]
        return full if p >= 1.0 else max(0, min(full, round(p * full)))

    def _bar_draws(self, t: float) -> tuple[Draw, ...]:
        look, shown = self.look, self.shown_values
        k = shown.highlight
        out = [self._value_draw(t, self.bar_height(k, ticked(t)) / self.bars[k][1])]
        base_y = self.plot[3]
        for i, (patch, full) in enumerate(self.bars):
            h = self.bar_height(i, t)
            if h <= 0:
                continue
            out.append(Draw(patch, patch.x, base_y - h, 0, None, h))
            # The label rides on the bar; its count ticks at COUNT_HZ.
            counted = h if h == full else self.bar_height(i, ticked(t))
            text = shown.text(shown.values[i] if counted == full
                              else shown.values[i] * counted / full)
            ink = look.kicker if i == shown.highlight else look.text
            y = base_y - h - self.label_lift - round(0.6 * look.unit_px)
            line = self._line_at(("bar", i, text, y), text, look.text_font, self.small_em,
                                 self.bar_xs[i], y, ink)
            out.append(Draw.at_rest(line.patch))
        return tuple(out)

    # -- line ------------------------------------------------------------------------
    def _line(self, box: Rect, shown: Shown, _icons: int) -> None:
        from PIL import Image, ImageDraw

        look, u = self.look, self.look.unit_px
        years = tuple(int(n) for n in shown.names)
        model = chart_model.line(years, shown.values, (), shown.highlight)
        left, top, right, bottom = box
        pad = round(3 * u)
        xs = [left + pad + chart_model.fraction(pt, model.xlim, model.ylim)[0]
              * (right - left - 2 * pad) for pt in model.points]
        base_y = self._names_row(box, xs, shown.names, shown.highlight)
        label_room = round(2.5 * _metrics(look.text_font).cap_height_em * self.small_em)
        plot_top = top + label_room
        self.statics.append(solid(right - left, max(2, round(0.3 * u)), look.text, left,
                                  base_y))
        self.plot = (left, plot_top, right, base_y)
        pts = [(x, base_y - chart_model.fraction(pt, model.xlim, model.ylim)[1]
                * (base_y - plot_top)) for x, pt in zip(xs, model.points)]
        s = SUPERSAMPLE
        width, r = max(2.0, 0.9 * u), max(3.0, 1.8 * u)
        x0, y0 = round(left), round(plot_top - r - width)
        x1, y1 = round(right), round(base_y)
        size = ((x1 - x0) * s, (y1 - y0) * s)
        drawn = Image.new("RGB", size, look.background)
        pen = ImageDraw.Draw(drawn)
        scaled = [((x - x0) * s, (y - y0) * s) for x, y in pts]
        pen.line(scaled, fill=look.text, width=round(width * s), joint="curve")
        bare = np.asarray(drawn.resize((x1 - x0, y1 - y0), Image.LANCZOS))
        for i, (x, y) in enumerate(scaled):
            ink = look.accent if i == shown.highlight else look.text
            rr = r * s * (1.35 if i == shown.highlight else 1.0)
            pen.ellipse((x - rr, y - rr, x + rr, y + rr), fill=ink)
        dotted = np.asarray(drawn.resize((x1 - x0, y1 - y0), Image.LANCZOS))
        self.line_patch = _patch(bare, x0, y0)
        self.dots = []
        for i, (x, y) in enumerate(pts):
            rr = math.ceil(r * 1.35) + 2
            dx0, dy0 = max(0, round(x - rr) - x0), max(0, round(y - rr) - y0)
            dx1, dy1 = min(x1 - x0, round(x + rr) - x0), min(y1 - y0, round(y + rr) - y0)
            dot = _patch(dotted[dy0:dy1, dx0:dx1], x0 + dx0, y0 + dy0)
            text = shown.text(shown.values[i])
            ink = look.kicker if i == shown.highlight else look.text
            label = None
            if i in (0, shown.highlight):
                label = self._line_at(("point", i), text, look.text_font, self.small_em, x,
                                      round(y - r * 1.6 - 0.8 * u), ink)
            self.dots.append((dot, round(x) - x0, label))
        self._moving = self._line_draws

    def line_column(self, t: float) -> int:
        """How many columns of the line are drawn at `t`."""
        p = progress(t, 0.0, self.grow_s, self.ease)
        w = self.line_patch.w
        return w if p >= 1.0 else max(0, min(w, math.ceil(p * w)))

    def _line_draws(self, t: float) -> tuple[Draw, ...]:
        out = [self._value_draw(t)]
        reached = self.line_column(t)
        if reached > 0:
            out.append(Draw.at_rest(self.line_patch, x1=reached))
        for dot, column, label in self.dots:
            if reached >= column or reached == self.line_patch.w:
                out.append(Draw.at_rest(dot))
                if label is not None:
                    out.append(Draw.at_rest(label.patch))
        return tuple(out)

    # -- pictogram -------------------------------------------------------------------
    def _pictogram(self, box: Rect, shown: Shown, icons: int) -> None:
        look = self.look
        model = chart_model.pictogram(shown.values[shown.highlight], icons)
        left, top, right, bottom = box
        scale = min((right - left) / model.width, (bottom - top) / model.height)
        w_px, h_px = model.width * scale, model.height * scale
        ox = left + (right - left - w_px) / 2
        oy = top + (bottom - top - h_px) / 2
        cell_w, cell_h = round(chart_model.ICON_W * scale), round(chart_model.ICON_H * scale)
        soft = person_pixels(cell_w, cell_h, self.soft, look.background)
        full = person_pixels(cell_w, cell_h, rgb(look.accent), look.background)
        self.figures = []
        for i in range(model.icons):
            cx, cy = model.cell(i)
            x = round(ox + cx * scale)
            y = round(oy + h_px - (cy + chart_model.ICON_H) * scale)
            self.statics.append(_patch(soft, x, y))
            self.figures.append(_patch(full, x, y))
        self.filled = model.filled
        self.plot = (round(ox), round(oy), round(ox + w_px), round(oy + h_px))
        self._moving = self._pictogram_draws

    def figures_filled(self, t: float) -> int:
        p = progress(t, 0.0, self.grow_s, self.ease)
        return self.filled if p >= 1.0 else max(0, min(self.filled, math.floor(p * self.filled)))

    def _pictogram_draws(self, t: float) -> tuple[Draw, ...]:
        return (self._value_draw(t),) + tuple(
            Draw.at_rest(self.figures[i]) for i in range(self.figures_filled(t)))

    # -- donut -----------------------------------------------------------------------
    def _donut(self, box: Rect, shown: Shown, _icons: int) -> None:
        look = self.look
        model = chart_model.donut(shown.values[shown.highlight])
        left, top, right, bottom = box
        side = min(right - left, bottom - top)
        x0, y0 = round((left + right - side) / 2), round((top + bottom - side) / 2)
        c = (side - 1) / 2
        yy, xx = np.mgrid[0:side, 0:side].astype(np.float32)
        dx, dy = xx - c, yy - c
        radius = np.hypot(dx, dy)
        outer, inner = side / 2 - 1, (side / 2 - 1) * (1 - model.ring)
        self._ring = (np.clip(outer - radius + 0.5, 0, 1)
                      * np.clip(radius - inner + 0.5, 0, 1))[..., None]
        # Clockwise from twelve o'clock, 0..1 of the turn.
        turn = (np.arctan2(dx, -dy) / (2 * np.pi)) % 1.0
        self._turn, self._arc_px = turn, 2 * np.pi * radius
        self._ground = np.array(rgb(look.background), np.float32)
        self._soft = np.array(self.soft, np.float32)
        self._full = np.array(rgb(look.accent), np.float32)
        self.share = model.share
        self.ring_at = (x0, y0)
        self._sweeps: dict[int, Patch] = {}
        self.statics.append(self._sweep_patch(0))
        self.plot = (x0, y0, x0 + side, y0 + side)
        self._moving = self._donut_draws

    SWEEP_STEPS = 1000

    def _sweep_patch(self, step: int) -> Patch:
        patch = self._sweeps.get(step)
        if patch is None:
            share = step / self.SWEEP_STEPS
            lit = np.clip((share - self._turn) * self._arc_px + 0.5, 0, 1)[..., None] \
                if share > 0 else np.zeros_like(self._ring)
            ink = self._soft * (1 - lit) + self._full * lit
            pixels = self._ground * (1 - self._ring) + ink * self._ring
            patch = _patch(np.rint(pixels), *self.ring_at)
            self._sweeps[step] = patch
        return patch

    def sweep_at(self, t: float) -> float:
        p = progress(t, 0.0, self.grow_s, self.ease)
        return self.share if p >= 1.0 else self.share * max(0.0, min(p, 1.0))

    def _donut_draws(self, t: float) -> tuple[Draw, ...]:
        step = round(self.sweep_at(t) * self.SWEEP_STEPS)
        out = [self._value_draw(t)]
        if step > 0:
            out.insert(0, Draw.at_rest(self._sweep_patch(step)))
        return tuple(out)


def _metrics(font):
    from ...media.fonts import font_metrics
    return font_metrics(font)
