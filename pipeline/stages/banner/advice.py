"""What would work, said with a headline that no layout can set legibly at a size: the
longest headline that fits there (in characters), the product's sizes where this one
fits, and `allow_small`. A designer then picks a fix instead of guessing one."""
from __future__ import annotations

import dataclasses


def advice(job, laid_out: dict) -> str:
    """'; what would work: ...' for a job whose headline did not fit (`laid_out`: the
    preflight's (job, layout or BannerError) by key)."""
    from .render import BannerError

    fits = sorted({other.size_name for other, layout in laid_out.values()
                   if other.product.id == job.product.id and other.lang == job.lang
                   and not isinstance(layout, BannerError)})
    options = []
    longest = _longest_fitting(job)
    headline = job.product.body.text_for(job.size_name, job.lang)
    if longest is not None:
        options.append(f"a headline of at most {longest} characters here (this one has "
                       f"{len(headline)}; a shorter line for this size family: text: "
                       "{vi: ..., flag: {vi: ...}})")
    if fits:
        options.append(f"this headline fits {', '.join(fits)}")
    options.append("`allow_small: true` in the spec (made below the minimum, with a "
                   "warning)")
    return "; what would work: " + "; or ".join(options)


def _longest_fitting(job) -> int | None:
    """Characters of the longest run of the headline's first words that the size sets
    legibly (None: not even the first word)."""
    from .render import BannerError, layout_for
    from .request import request_for

    request = request_for(job)
    words = request.headline.split()
    low, high, best = 1, len(words) - 1, None
    while low <= high:                       # fitting is monotone in the words kept
        middle = (low + high) // 2
        text = " ".join(words[:middle])
        try:
            layout_for(dataclasses.replace(request, headline=text))
        except BannerError:
            high = middle - 1
        else:
            best, low = len(text), middle + 1
    return best
