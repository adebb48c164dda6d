"""The product kinds this pipeline ships, registered explicitly in one place."""
from __future__ import annotations

from . import STAGES, register


def register_builtin() -> None:
    from .banner import STAGE as banner
    from .infographic import STAGE as infographic

    for stage in (banner, infographic):
        if stage.kind not in STAGES:
            register(stage)
