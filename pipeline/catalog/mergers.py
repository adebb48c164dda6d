"""Which 2024 unit became part of which of the 34 units in force since 1 July 2025
(Resolution 202/2025/QH15), from the sourced table the package ships
(catalog/data/province-mergers-2025.csv with its .source.yaml): the catalogue's own
history, like the vietnam-provinces package that lists the 34 units, not a campaign's
input, so it travels with the code and no project needs a copy.

A slug of a unit that no longer exists is then answered with what it became, not with a
look-alike ("did you mean 'an-giang'?" for ha-giang).
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import did_you_mean

TABLE = Path(__file__).with_name("data") / "province-mergers-2025.csv"
MERGED_ON = "1 July 2025"
RESOLUTION = "202/2025/QH15"


@dataclass(frozen=True)
class Merger:
    old: str                     # 2024 slug, e.g. 'ha-giang'
    old_name: str                # 'Hà Giang'
    current: str                 # the unit it is part of since 1 July 2025: 'tuyen-quang'
    partners: tuple[str, ...]    # every 2024 slug of that unit, itself included

    @property
    def renamed(self) -> bool:
        """Not merged, only renamed (thua-thien-hue -> hue, January 2025)."""
        return len(self.partners) == 1

    def sentence(self) -> str:
        if self.renamed:
            return f"'{self.old}' is now '{self.current}' (Thành phố Huế since 1 January 2025)"
        others = [p for p in self.partners if p not in (self.old, self.current)]
        also = f"with {', '.join(others)}; " if others else ""
        return (f"'{self.old}' merged into '{self.current}' on {MERGED_ON} ({also}"
                f"Resolution {RESOLUTION})")


@functools.cache
def mergers() -> dict[str, Merger]:
    """2024 slug -> its Merger, for the 63 units of 2024."""
    with TABLE.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    partners: dict[str, list[str]] = {}
    for row in rows:
        partners.setdefault(row["slug_current"], []).append(row["slug_2024"])
    return {row["slug_2024"]: Merger(row["slug_2024"], row["name_2024"], row["slug_current"],
                                     tuple(partners[row["slug_current"]]))
            for row in rows}


def merged_from(current: str) -> tuple[str, ...]:
    """The 2024 slugs that form the current unit `current` (empty if unknown)."""
    return tuple(m.old for m in mergers().values() if m.current == current)


def what_became_of(value: str, known) -> str | None:
    """What the 2024 unit `value` became, when that unit is among `known`; else None."""
    merger = mergers().get(value)
    if merger is not None and merger.current in known and merger.old != merger.current:
        return merger.sentence()
    return None


def unknown_province(value: str, known) -> str:
    """The message for a province slug that is not among `known`: what a 2024 unit
    became, when that is known, else the close matches."""
    return what_became_of(value, known) or (
        f"unknown province '{value}'" + did_you_mean(value, known,
                                                     "campaign provinces lists them"))
