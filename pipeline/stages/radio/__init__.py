"""The radio stage: spots for commune loudspeakers and IP speakers, one per province.

This module is the glue the spine calls (parse, render, inputs, warm); the script lives in
script.py, the voices in voices.py, the timeline and mastering in render.py, the files in
outputs.py and the announcer's script in announcer.py.
"""
from __future__ import annotations

from pathlib import Path

from .. import Rendered, Stage
from .spec import RadioSpec, lexicon_path, parse, with_recorded_takes


def request_for(job):
    from .request import request_for as radio_request

    return radio_request(job)


def render(request) -> Rendered:
    from .outputs import rendered
    from .render import build_spot

    return rendered(request, build_spot(request))


def inputs(job) -> tuple[Path, ...]:
    """The lexicon's tables, the jingle and music files, and the recorded takes this job
    uses."""
    from ...text.speech import lexicon_files

    spec: RadioSpec = job.product.body
    paths = list(lexicon_files(lexicon_path(spec.root)))
    paths += [p for p in (spec.jingle, spec.music_bed) if isinstance(p, Path)]
    if spec.uses_recorded:
        from ...text.speech_lexicon import lexicon_for
        from .script import lines_for
        from .voices import find_takes

        recorded = {n for n, v in spec.voices.items() if v.backend == "recorded"}
        try:
            lines = lines_for(job, lexicon_for(lexicon_path(spec.root)))
        except ValueError:
            return tuple(paths)       # the build reports it; nothing more to fingerprint
        takes = find_takes(spec.root, spec.take_folder,
                           job.province.slug if job.province else None, lines, recorded)
        paths += sorted(takes.found.values())
    return tuple(paths)


def warm(job) -> None:
    """Once per worker, given a sample job: eSpeak NG, the mastering and PDF libraries,
    the brand fonts for the announcer's script, the project's voices and lexicon."""
    from ...media import audio  # noqa: F401  (scipy, pyloudnorm)
    from ...text.speech_lexicon import lexicon_for
    from . import outputs  # noqa: F401  (mutagen, reportlab)
    from .announcer import register_fonts
    from .espeak import engine
    from .voices import VoiceSettings, voices_for

    engine()
    spec: RadioSpec = job.product.body
    register_fonts(job.campaign.brand.fonts.display)
    lexicon_for(lexicon_path(spec.root))
    voices_for(VoiceSettings.from_environment(spec.root))


STAGE = Stage(kind="radio", version="3", parse=parse, request=request_for, render=render,
              inputs=inputs,
              sizes=(), tools=("espeakng-loader", "gtts", "imageio-ffmpeg", "pyloudnorm",
                               "scipy", "numpy", "mutagen", "reportlab",
                               "fontpkg-be-vietnam-pro"),
              warm=warm, recorded_takes=with_recorded_takes, seconds=1.2)
