"""The scenes: pure functions of time over layers painted once (the stat scene is in
stat.py).

Each scene lays out and paints its text when it is built (static layers go into its
base image), and `draws(t)` says where the moving pieces are at time t: a line risen by
an eased offset, a wipe's edge, the counter's current string. `frame_at(t)` hands those
draws to the scene's canvas, which copies only what changed. Times are seconds from the
scene's start.
"""
from __future__ import annotations

import math

import numpy as np

from ...text.typeset import units
from ...text.vietnamese import upper_vi
from .canvas import Canvas, Draw, paste_static
from .easing import EASINGS, progress
from .look import Look
from .typeset import Fitted, Patch, Rect, SetLine, TextBlock, fit, paint, solid

MAX_MESSAGE_LINES = 8
LINE_RISE_S = 0.35


def backdrop(look: Look) -> np.ndarray:
    """The background every scene starts from: brand colour and an accent rule on top."""
    from ...media.legibility import rgb

    w, h = look.pixel_size
    frame = np.empty((h, w, 3), np.uint8)
    frame[:] = rgb(look.background)
    frame[:max(2, round(0.8 * look.unit_px))] = rgb(look.accent)
    return frame


class Scene:
    """Base: the look, the duration, the easing, static patches and the canvas."""
    kind = ""
    local = False           # shows the province's office: its frames are the province's own

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float = 0.0):
        self.look = look
        self.duration_s = duration_s
        # Animations start once the entering transition is over, or a fade would hide them.
        self.lead_s = lead_s
        self.active_s = duration_s - lead_s
        self.ease = EASINGS[easing]
        self.pace = min(1.0, self.active_s / 3.0)      # short scenes move faster
        self.statics: list[Patch] = []
        self.blocks: dict[str, TextBlock] = {}      # role -> painted text (tests, facts)
        self.canvas: Canvas | None = None

    # -- building ------------------------------------------------------------------
    def finish(self, base: np.ndarray) -> None:
        base = base.copy()
        paste_static(base, self.statics)
        self.canvas = Canvas(base)

    @property
    def base(self) -> np.ndarray:
        assert self.canvas is not None
        return self.canvas.base

    def kicker(self, text: str) -> int:
        """The organization tag at the top of the area (static); returns the y below it."""
        look = self.look
        left, top, right, bottom = look.area
        fitted = fit(text, look.text_font, right - left, None,
                     look.em_for_cap(look.small_cap_px, look.text_font), 2)
        block = paint(fitted, (left, top, right, bottom), look.kicker, look.background)
        self.blocks["kicker"] = block
        self.statics += [line.patch for line in block.lines]
        return block.rect[3] + round(3 * look.unit_px)

    # -- time ----------------------------------------------------------------------
    def same_everywhere(self, t: float) -> bool:
        """Whether the frame `t` seconds into the scene is the same in every province's
        clip: always, unless the scene is local and shows something of it at t."""
        return not self.local or (not self.statics
                                  and not self.draws(max(0.0, t - self.lead_s)))

    def draws(self, t: float) -> tuple[Draw, ...]:
        """Where the moving pieces are `t` seconds into the animation (after the lead)."""
        return ()

    def frame_at(self, t: float, extra: tuple[Draw, ...] = ()) -> np.ndarray:
        """The frame `t` seconds into the scene (a buffer valid until the next call: copy
        it to keep it)."""
        assert self.canvas is not None, "finish() the scene first"
        return self.canvas.render(self.shown(t, extra))

    def shown(self, t: float, extra: tuple[Draw, ...] = ()) -> tuple[Draw, ...]:
        """Everything drawn over the scene's base at `t`: equal draws, equal frames."""
        return self.draws(max(0.0, t - self.lead_s)) + extra

    def rise(self, line: SetLine, t: float, start_s: float, length_s: float) -> Draw | None:
        """A line rising into place from under its own bottom edge; None before it starts."""
        if t < start_s:
            return None
        p = progress(t, start_s, length_s, self.ease)
        h = line.patch.h
        dy = round((1.0 - min(p, 1.0)) * h)
        return Draw.at_rest(line.patch, dy=dy, y1=h - dy) if dy < h else None


def stack(items: list[tuple[Fitted, float]], box: Rect) -> list[Rect]:
    """Boxes for fitted blocks stacked top to bottom (with a gap after each), the whole
    stack centred vertically in `box`."""
    left, top, right, bottom = box
    total = sum(fitted.height_px + gap for fitted, gap in items) - items[-1][1]
    y = top + max(0.0, (bottom - top - total) / 2)
    boxes = []
    for fitted, gap in items:
        boxes.append((left, round(y), right, round(y + fitted.height_px)))
        y += fitted.height_px + gap
    return boxes


class TitleScene(Scene):
    """The theme rises line by line, an accent rule wipes in, the campaign name follows."""
    kind = "title"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str,
                 theme: str, title: str):
        super().__init__(look, duration_s, easing, lead_s)
        u = look.unit_px
        top = self.kicker(upper_vi(organization))
        left, _, right, bottom = look.area
        avail = (left, top, right, bottom)
        w, h = right - left, bottom - top
        theme_fit = fit(upper_vi(theme), look.display_font, w, 0.55 * h,
                        look.em_for_cap(12 * u, look.display_font), 5)
        title_fit = fit(title, look.text_font, w, 0.25 * h,
                        look.em_for_cap(max(look.small_cap_px, 4 * u), look.text_font), 3)
        bar_h = max(2, round(1.2 * u))
        gap = 3 * u
        boxes = stack([(theme_fit, gap + bar_h + gap), (title_fit, 0)], avail)
        self.blocks["theme"] = paint(theme_fit, boxes[0], look.text, look.background)
        self.blocks["title"] = paint(title_fit, boxes[1], look.kicker, look.background)
        bar_w = round(0.3 * w)
        self.bar = solid(bar_w, bar_h, look.accent, (left + right - bar_w) // 2,
                         round(boxes[0][3] + gap))

    def draws(self, t: float) -> tuple[Draw, ...]:
        s = self.pace
        out = [self.rise(line, t, 0.1 * i * s, 0.7 * s)
               for i, line in enumerate(self.blocks["theme"].lines)]
        p = progress(t, 0.5 * s, 0.5 * s, self.ease)
        if p > 0:
            out.append(Draw.at_rest(self.bar, x1=math.ceil(min(p, 1.0) * self.bar.w)))
        p = progress(t, 0.8 * s, 0.8 * s, self.ease)
        if p > 0:
            for line in self.blocks["title"].lines:
                out.append(Draw.at_rest(line.patch, x1=math.ceil(min(p, 1.0) * line.patch.w)))
        return tuple(d for d in out if d is not None)


class MessageScene(Scene):
    """A campaign message, revealed word by word (a wipe along each line) or line by line."""
    kind = "message"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str,
                 text: str, reveal: str, reveal_s: float | None):
        super().__init__(look, duration_s, easing, lead_s)
        top = self.kicker(upper_vi(organization))
        left, _, right, bottom = look.area
        fitted = fit(text, look.display_font, right - left, bottom - top,
                     look.em_for_cap(10 * look.unit_px, look.display_font), MAX_MESSAGE_LINES)
        self.blocks["message"] = paint(fitted, (left, top, right, bottom), look.text,
                                       look.background, valign="center")
        self.reveal = reveal
        self.reveal_s = reveal_s if reveal_s is not None else 0.55 * self.active_s
        # Word stops: (line index, patch column where the word's wipe ends); a word of
        # several syllables (bảo hiểm) is revealed whole.
        self.stops: list[tuple[int, int | None]] = []
        for i, line in enumerate(self.blocks["message"].lines):
            words = units(line.text).texts
            space = line.prefix_px(len(words[0]) + 1) - line.prefix_px(len(words[0]))
            end = 0
            for k, word in enumerate(words):
                end += len(word)
                last = k == len(words) - 1
                self.stops.append((i, None if last else line.prefix_px(end) + space // 2))
                end += 1

    def draws(self, t: float) -> tuple[Draw, ...]:
        lines = self.blocks["message"].lines
        if self.reveal == "line":
            step = self.reveal_s / len(lines)
            out = [self.rise(line, t, i * step, min(LINE_RISE_S, step * 2))
                   for i, line in enumerate(lines)]
            return tuple(d for d in out if d is not None)
        p = progress(t, 0.0, self.reveal_s, self.ease)
        shown = min(len(self.stops), math.ceil(min(p, 1.0) * len(self.stops) - 1e-9))
        if shown <= 0:
            return ()
        cut: dict[int, int | None] = {}
        for line_index, column in self.stops[:shown]:
            cut[line_index] = column
        return tuple(Draw.at_rest(lines[i].patch, x1=column) for i, column in cut.items())


class LowerThirdScene(Scene):
    """The theme above; a band with a name and a second line slides in from the left."""
    kind = "lower-third"

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str,
                 theme: str, heading: str, subtitle: str):
        super().__init__(look, duration_s, easing, lead_s)
        u = look.unit_px
        top = self.kicker(upper_vi(organization))
        left, _, right, bottom = look.area
        w = right - left
        pad = round(2.5 * u)
        heading_fit = fit(heading, look.display_font, w - 2 * pad, None,
                          look.em_for_cap(max(look.small_cap_px, 6 * u), look.display_font), 2)
        sub_fit = fit(subtitle, look.text_font, w - 2 * pad, None,
                      look.em_for_cap(look.small_cap_px, look.text_font), 2) if subtitle else None
        band_h = round(heading_fit.height_px + (sub_fit.height_px + u if sub_fit else 0)
                       + 2 * pad)
        band_top = bottom - band_h
        theme_fit = fit(upper_vi(theme), look.display_font, w, band_top - 4 * u - top,
                        look.em_for_cap(10 * u, look.display_font), 5)
        self.blocks["theme"] = paint(theme_fit, (left, top, right, round(band_top - 4 * u)),
                                     look.text, look.background, valign="center")
        self.statics += [line.patch for line in self.blocks["theme"].lines]
        # The band runs from the frame's left edge; its text starts inside the safe box.
        band = solid(right, band_h, look.band, 0, band_top)
        pixels = band.pixels.copy()
        y = band_top + pad
        heading_block = paint(heading_fit, (left + pad, y, right - pad, bottom), look.text,
                              look.band, align="left")
        self.blocks["heading"] = heading_block
        lines = list(heading_block.lines)
        if sub_fit is not None:
            sub_block = paint(sub_fit, (left + pad, round(y + heading_fit.height_px + u),
                                        right - pad, bottom), look.accent if _reads(
                                            look.accent, look.band) else look.text,
                              look.band, align="left")
            self.blocks["subtitle"] = sub_block
            lines += sub_block.lines
        for line in lines:
            p = line.patch
            pixels[p.y - band_top:p.y - band_top + p.h, p.x:p.x + p.w] = p.pixels
        pixels.flags.writeable = False
        self.band = Patch(pixels, 0, band_top)

    def draws(self, t: float) -> tuple[Draw, ...]:
        p = progress(t, 0.15 * self.pace, 0.6 * self.pace, self.ease)
        if p <= 0:
            return ()
        dx = round((1.0 - p) * -self.band.w)
        return (Draw.at_rest(self.band, dx=dx),)


def _reads(ink: str, ground: str) -> bool:
    from ...media import legibility as rules
    return rules.contrast_ratio(ink, ground) >= rules.MIN_CONTRAST


class EndcardScene(Scene):
    """Organization, theme, the province office and its phone, the hotline on an accent
    plate; each rises into place in turn."""
    kind = "endcard"
    local = True

    def __init__(self, look: Look, duration_s: float, easing: str, lead_s: float, *,
                 organization: str,
                 theme: str, office: str | None, phone_line: str | None, hotline_line: str):
        super().__init__(look, duration_s, easing, lead_s)
        u = look.unit_px
        left, top, right, bottom = look.area
        w, h = right - left, bottom - top
        small = look.em_for_cap(max(look.small_cap_px, 4 * u), look.text_font)
        pad = round(2 * u)
        items: list[tuple[str, Fitted, str, float]] = [
            ("organization", fit(upper_vi(organization), look.display_font, w, 0.3 * h,
                                 look.em_for_cap(9 * u, look.display_font), 3),
             look.text, 2 * u),
            ("theme", fit(theme, look.text_font, w, None, small, 2), look.kicker, 5 * u),
        ]
        if office:
            items.append(("office", fit(office, look.text_font, w, None, small, 2),
                          look.text, 1.5 * u))
        if phone_line:
            items.append(("phone", fit(phone_line, look.text_font, w, None, small, 1),
                          look.text, 1.5 * u))
        hotline = fit(hotline_line, look.display_font, w - 2 * pad, None,
                      look.em_for_cap(max(look.small_cap_px, 6 * u), look.display_font), 1)
        plate = _Plate(hotline, pad)
        items.append(("hotline", plate, look.band, 0))
        boxes = stack([(fitted, gap) for _, fitted, _, gap in items], look.area)
        self.order: list[SetLine | Patch] = []
        for (role, fitted, ink, _), box in zip(items, boxes):
            if role == "hotline":
                self.blocks[role], patch = plate.paint(box, look)
                self.order.append(patch)
                continue
            block = paint(fitted, box, ink, look.background)
            self.blocks[role] = block
            self.order += list(block.lines)

    def draws(self, t: float) -> tuple[Draw, ...]:
        s = self.pace
        out = []
        for i, item in enumerate(self.order):
            start, length = 0.12 * i * s, 0.5 * s
            if isinstance(item, Patch):        # the hotline plate wipes open from the left
                p = progress(t, start, length, self.ease)
                if p > 0:
                    out.append(Draw.at_rest(item, x1=math.ceil(min(p, 1.0) * item.w)))
                continue
            draw = self.rise(item, t, start, length)
            if draw is not None:
                out.append(draw)
        return tuple(out)


class _Plate:
    """Text on an accent plate: the hotline. Duck-typed as Fitted for `stack`."""

    def __init__(self, fitted: Fitted, pad: int):
        self.fitted, self.pad = fitted, pad
        self.height_px = fitted.height_px + 2 * pad

    def paint(self, box: Rect, look: Look) -> tuple[TextBlock, Patch]:
        left, top, right, _ = box
        text_w = max(line_w for line_w in self._widths())
        w = round(text_w + 2 * self.pad)
        x = round((left + right - w) / 2)
        ink = look.band if _reads(look.band, look.accent) else look.text
        block = paint(self.fitted, (x + self.pad, top + self.pad, x + w - self.pad,
                                    top + self.pad + round(self.fitted.height_px)),
                      ink, look.accent)
        plate = solid(w, round(self.height_px), look.accent, x, top)
        pixels = plate.pixels.copy()
        for line in block.lines:
            p = line.patch
            pixels[p.y - top:p.y - top + p.h, p.x - x:p.x - x + p.w] = p.pixels
        pixels.flags.writeable = False
        return block, Patch(pixels, x, top)

    def _widths(self):
        from ...media.fonts import font_metrics
        metrics = font_metrics(self.fitted.font)
        return [metrics.advance_em(line) * self.fitted.em_px for line in self.fitted.block.lines]
