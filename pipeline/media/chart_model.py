"""The geometry of the data charts, in data units: one model, two painters.

The infographic stage paints these with matplotlib (a PNG, SVG and PDF); the clip stage
paints them into video frames and animates them (bars grow to `height`, a line draws
itself through `points`, figures fill up to `filled`, a ring sweeps to `share`). Both
read the same numbers from here, so a chart reads the same in a post and in a clip:
the same headroom over the tallest bar, the same bar width and gaps, the same share of
figures filled (rounded half up), the same start and direction of the ring.

Coordinates: x in slots (bar i is centred on i; a line's x is its year), y in the
data's own unit, y up. `fraction` maps a point to 0..1 of the plot box.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

BAR_WIDTH = 0.64              # of a slot
HEADROOM = 1.2                # the value axis runs to 1.2 x the tallest bar
LABEL_LIFT = 0.025            # a bar's value label sits this share of the top above it
SLOT_MARGIN = 0.6             # x runs from -0.6 to n - 0.4: half a gap beyond each bar
ICON_W, ICON_H = 1.0, 1.55    # a person's cell in data units, before gaps
ICON_GAP = 0.28
# A person in its 1 x 1.5 cell: a round head over a body with rounded shoulders.
PERSON_HEAD = (0.5, 1.27, 0.2)                   # centre x, centre y, radius
PERSON_BODY = (0.12, 0.0, 0.88, 0.95, 0.22)      # left, bottom, right, shoulder, corner
RING_WIDTH = 0.30             # of the donut's radius
RING_START_DEG = 90.0         # twelve o'clock, sweeping clockwise


@dataclass(frozen=True)
class Bars:
    labels: tuple[str, ...]            # under each bar: the year or the column's name
    values: tuple[float, ...]
    highlight: int                     # the bar in the brand colour

    @property
    def tallest(self) -> float:
        return max(self.values)

    @property
    def xlim(self) -> tuple[float, float]:
        return (-SLOT_MARGIN, len(self.values) - (1 - SLOT_MARGIN))

    @property
    def ylim(self) -> tuple[float, float]:
        return (0.0, self.tallest * HEADROOM)

    def bar(self, i: int) -> tuple[float, float, float]:
        """(left, right, height) of bar i."""
        return (i - BAR_WIDTH / 2, i + BAR_WIDTH / 2, self.values[i])

    def label_y(self, i: int) -> float:
        """Where bar i's value label stands (its bottom)."""
        return self.values[i] + self.tallest * LABEL_LIFT


def bars(labels: tuple[str, ...], values: tuple[float, ...], highlight: int) -> Bars:
    return Bars(tuple(labels), tuple(values), highlight)


@dataclass(frozen=True)
class Line:
    years: tuple[int, ...]
    values: tuple[float, ...]
    targets: tuple[tuple[int, float], ...]     # dashed levels: (year, value)
    highlight: int

    @property
    def xlim(self) -> tuple[float, float]:
        last = max([self.years[-1]] + [y for y, _ in self.targets])
        return (self.years[0] - SLOT_MARGIN, last + SLOT_MARGIN)

    @property
    def top(self) -> float:
        return max(list(self.values) + [v for _, v in self.targets])

    @property
    def ylim(self) -> tuple[float, float]:
        top = self.top
        return (0.0, min(100.0, top * HEADROOM) if top < 100 else 100.0)

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        return tuple(zip((float(y) for y in self.years), self.values))

    @property
    def ticks(self) -> tuple[int, ...]:
        return tuple(sorted(set(self.years) | {y for y, _ in self.targets}))


def line(years: tuple[int, ...], values: tuple[float, ...],
         targets: tuple[tuple[int, float], ...] = (), highlight: int = -1) -> Line:
    return Line(tuple(years), tuple(values), tuple(targets), highlight % len(years))


@dataclass(frozen=True)
class Pictogram:
    icons: int
    filled: int
    columns: int
    rows: int

    @property
    def width(self) -> float:
        return self.columns * (ICON_W + ICON_GAP) - ICON_GAP

    @property
    def height(self) -> float:
        return self.rows * (ICON_H + ICON_GAP) - ICON_GAP

    def cell(self, i: int) -> tuple[float, float]:
        """The bottom-left corner of figure i (row by row from the top left)."""
        col, row = i % self.columns, i // self.columns
        return (col * (ICON_W + ICON_GAP),
                self.height - (row + 1) * (ICON_H + ICON_GAP) + ICON_GAP)


def pictogram(share_percent: float, icons: int) -> Pictogram:
    """`icons` people, the share filled rounded half up to whole people; five a row up
    to ten, then two rows."""
    filled = min(icons, math.floor(share_percent / 100 * icons + 0.5))
    columns = 5 if icons <= 10 else math.ceil(icons / 2)
    return Pictogram(icons, filled, columns, math.ceil(icons / columns))


@dataclass(frozen=True)
class Donut:
    value: float                       # percent
    wedges: tuple[float, float]        # the share and the rest
    start_deg: float = RING_START_DEG
    clockwise: bool = True
    ring: float = RING_WIDTH

    @property
    def share(self) -> float:
        return self.value / 100


def donut(share_percent: float) -> Donut:
    return Donut(share_percent, (share_percent, 100 - share_percent))


def fraction(point: tuple[float, float], xlim: tuple[float, float],
             ylim: tuple[float, float]) -> tuple[float, float]:
    """A data point as 0..1 of the plot box (x right, y up)."""
    (x, y), (x0, x1), (y0, y1) = point, xlim, ylim
    return ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0))
