"""An office file written for the 63 units of 2024 carried onto the 34 units in force
since 1 July 2025: what it merged, and what needs a person's choice.

Pure: rows in, rows and a report out; the command writes the file. A new unit's office
name is the one its name gives ("Bảo hiểm xã hội tỉnh Tuyên Quang"); its phone and
address are carried from the 2024 unit whose name it kept, when no other unit that formed
it gave a different one. Otherwise they are left blank with the candidates named: which
line a merged office answers (Bình Dương's, for Hồ Chí Minh City?) is a person's
decision, not the pipeline's.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .mergers import mergers
from .provinces import Province

CARRIED = ("phone", "address")


@dataclass(frozen=True)
class Carried:
    rows: tuple[dict[str, str], ...]                  # slug, office, phone, address
    merged: tuple[str, ...] = ()                       # which rows went into which unit
    choices: tuple[str, ...] = ()                      # what a person must decide
    dropped: tuple[str, ...] = field(default=())      # rows of no unit, old or new


def carry(old_rows: list[tuple[int, dict[str, str]]], units: list[Province]) -> Carried:
    """`old_rows` ((line, row) of a 2024 office file) onto `units` (the current ones)."""
    history = mergers()
    current = {unit.slug for unit in units}
    by_unit: dict[str, list[tuple[int, dict[str, str]]]] = {}
    dropped = []
    for line, row in old_rows:
        slug = row["slug"]
        target = slug if slug in current else getattr(history.get(slug), "current", None)
        if target is None:
            dropped.append(f"line {line}: '{slug}' is neither a 2024 nor a current unit; "
                           "not carried")
            continue
        by_unit.setdefault(target, []).append((line, row))
    rows, merged, choices = [], [], []
    for unit in units:
        sources = by_unit.get(unit.slug, [])
        out = {"slug": unit.slug, "office": unit.office_name, "phone": "", "address": ""}
        joined = [f"{row['slug']} (line {line})" for line, row in sources
                  if row["slug"] != unit.slug]
        if joined:
            merged.append(f"{unit.slug}: rows of {', '.join(joined)} merged into it")
        for name in CARRIED:
            given = sorted((line, row["slug"], row[name]) for line, row in sources if row[name])
            own = [value for _, slug, value in given if slug == unit.slug]
            if own and all(value == own[0] for _, _, value in given):
                out[name] = own[0]        # the unit that kept its name, and nobody disagrees
            elif given:
                options = " or ".join(f"{slug} '{value}' (line {line})"
                                      for line, slug, value in given)
                choices.append(f"{unit.slug}: {name} left blank; the merged office's is a "
                               f"person's choice: {options}")
        rows.append(out)
    return Carried(tuple(rows), tuple(merged), tuple(choices), tuple(dropped))
