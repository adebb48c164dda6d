"""The radio stage: spots for commune loudspeakers and IP speakers, one per province.

This module is the glue the spine calls (parse, request, render, warm); the request lives
in request.py, the script in script.py, the voices in voices.py, the timeline and
mastering in render.py, the files in outputs.py and the announcer's script in announcer.py.
"""
from __future__ import annotations

from .. import Rendered, Stage
from .request import request_for
from .spec import parse, with_recorded_takes

__all__ = ["STAGE", "parse", "render", "request_for"]


def render(request) -> Rendered:
    from .outputs import rendered
    from .render import build_spot

    return rendered(request, build_spot(request))


def spoken(request):
    from .spoken import spoken as speak

    return speak(request)


def warm(request) -> None:
    """Once per worker, given a sample request: eSpeak NG, the mastering and PDF libraries,
    the brand fonts for the announcer's script, the request's voices. (The lexicon is the
    request's business: its lines arrive normalized.)"""
    from ...media import audio  # noqa: F401  (scipy, pyloudnorm)
    from . import outputs  # noqa: F401  (mutagen, reportlab)
    from .announcer import register_fonts
    from .espeak import engine
    from .voices import voices_for

    engine()
    register_fonts(request.display_font)
    voices_for(request.voice_settings)


STAGE = Stage(kind="radio", version="3", parse=parse, request=request_for, render=render,
              sizes=(), tools=("espeakng-loader", "gtts", "imageio-ffmpeg", "pyloudnorm",
                               "scipy", "numpy", "mutagen", "reportlab",
                               "fontpkg-be-vietnam-pro"),
              warm=warm, recorded_takes=with_recorded_takes, spoken=spoken, seconds=1.2)
