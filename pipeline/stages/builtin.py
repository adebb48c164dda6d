"""The product kinds this pipeline ships, registered explicitly in one place."""
from __future__ import annotations

from . import register_all


def register_builtin() -> None:
    from .banner import STAGE as banner
    from .clip import STAGE as clip
    from .infographic import STAGE as infographic
    from .leaflet import STAGE as leaflet
    from .radio import STAGE as radio

    register_all((banner, infographic, radio, clip, leaflet))
