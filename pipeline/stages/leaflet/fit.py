"""`campaign check` lays the copy out once per product and size, so copy that does not fit is
reported before a build, not as 63 failed jobs. It runs at `check` (a stage preflight), not
at every spec load, so a build with nothing to do stays fast.

Each product and size is laid out for the province whose contact box is longest (or the
nationwide box): if that fits, every province's does.
"""
from __future__ import annotations

from ...errors import Where
from .. import Unfit
from .request import request_for


def preflight(jobs) -> list[Unfit]:
    from .render import LayoutError, layout
    from .request import contact_lines

    chosen: dict[tuple[str, str | None], object] = {}
    for job in jobs:
        key = (job.product.id, job.size_name)
        weight = len("".join(t for _, t in contact_lines(job.campaign, job.province)))
        if key not in chosen or weight > chosen[key][0]:
            chosen[key] = (weight, job)
    problems = []
    for key in sorted(chosen, key=str):
        job = chosen[key][1]
        try:
            layout(request_for(job))
        except LayoutError as exc:
            where = Where(job.product.source.file, exc.block.line, exc.block.column)
            problems.append(Unfit(where, "blocks", job.size_name,
                                  f"{exc.detail} ({job.size_name}, {job.province_slug})"))
    return problems
