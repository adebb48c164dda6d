"""What `campaign check` finds in banner texts before anything renders: a text no size can
set legibly (`Unfit`), and a line break between the words of a term (bảo hiểm | xã hội) or
a word that cannot be set whole (`Note`), one line each.

Per product, size and language the layout is tried for the national footer and for the
province whose footer is longest: the headline has the least room there, so if it fits,
every province's does.
"""
from __future__ import annotations

from ...errors import Where
from ...text.segment import Gap, LexiconError, default_lexicon, line_splits
from .. import Note, Unfit
from .advice import advice
from .request import footer, request_for


def term_splits(lines: tuple[str, ...]) -> list[str]:
    """Where consecutive lines split a compound term between its words (bảo hiểm | xã hội),
    as "BẢO HIỂM / XÃ HỘI"; a split inside a word never happens (the typesetter refuses)."""
    return line_splits(lines, Gap.COMPOUND)


def preflight(jobs) -> list[Unfit | Note]:
    """The texts that cannot be set at some size's legibility minimum, then the notes; or
    the one problem of a campaign word list that cannot be read: no banner can be laid
    out, so `check` fails on it."""
    try:
        default_lexicon()
    except LexiconError as exc:
        # 'file:line: field: why': the place is kept whole, so it reads as the error does
        place, _, why = str(exc).partition(": ")
        field, _, why = why.partition(": ")
        return [Unfit(Where(place), field, "", why)]
    worst = _longest_footer(jobs, national_apart=True)
    laid_out = {key: (job, _laid_out(job)) for key, job in worst.items()}
    return _unfit(laid_out) + _notes(laid_out, _longest_footer(jobs, national_apart=False))


def _longest_footer(jobs, national_apart: bool) -> dict[tuple, object]:
    """(product, size, language[, national?]) -> the variant with the longest footer: the
    headline has the least room there. The first of equals wins, so the choice is stable."""
    chosen: dict[tuple, tuple[int, object]] = {}
    for job in jobs:
        key = (job.product.id, job.size_name, job.lang)
        if national_apart:
            key += (job.province is None,)
        length = len("".join(footer(job)))
        if key not in chosen or length > chosen[key][0]:
            chosen[key] = (length, job)
    return {key: job for key, (_, job) in chosen.items()}


def _laid_out(job):
    """The job's layout, or the BannerError that refused it."""
    from .render import BannerError, layout_for

    try:
        return layout_for(request_for(job))
    except BannerError as exc:
        return exc


def _unfit(laid_out: dict) -> list[Unfit]:
    from .render import BannerError

    problems = []
    for key in sorted(laid_out, key=str):
        job, layout = laid_out[key]
        spec = job.product.body
        if spec.allow_small or not isinstance(layout, BannerError):
            continue
        where = job.province.slug if job.province else "toàn quốc"
        slots = getattr(layout, "problems", None)
        if slots:
            # A template's slot problems stand at the slot's own line in the SVG.
            template = layout.template.display
            problems += [Unfit(Where(template, line), f"slot-{name}", job.size_name,
                               f"{job.size_name} ({job.lang}, {where}): {message}")
                         for name, line, message in slots]
            continue
        hint = advice(job, laid_out) if "headline does not fit" in str(layout) else ""
        problems.append(Unfit(spec.source or job.product.source, "text", job.size_name,
                              f"{job.size_name} ({job.lang}, {where}): {layout}{hint}"))
    return problems


def _notes(laid_out: dict, worst: dict) -> list[Note]:
    """Per product, size and language, from the variant with the longest footer of all
    (one of those laid out already): a word that cannot be set whole, or each term its
    kicker or headline splits."""
    from .render import BannerError

    layouts = {job.id: layout for job, layout in laid_out.values()}
    notes = []
    for (product_id, size_name, lang), job in sorted(worst.items()):
        layout = layouts[job.id]
        where, what = job.product.source, f"{product_id} {size_name} ({lang})"
        if isinstance(layout, BannerError):
            if "without splitting the word" in str(layout):
                notes.append(Note(where, f"{what}: {layout}"))
            continue
        for role in ("kicker", "headline"):
            lines = tuple(line.text for line in layout.role_lines(role))
            notes += [Note(where, f"{what}: the {role} splits a term between its words: "
                                  f"{split}") for split in term_splits(lines)]
    return notes
