"""Leaflet fixtures: the shipped leaflet specs loaded once, jobs for them, renders cached
(helpers that read a PDF back are in leaflet_helpers.py)."""
from __future__ import annotations

import contextlib
import functools

import pytest
from helpers import shipped_specs

from pipeline.build.plan import Selection, plan
from pipeline.spec.load import load_specs
from pipeline.stages import STAGES, register
from pipeline.stages.leaflet import STAGE


@contextlib.contextmanager
def _registered():
    """The leaflet stage registered for the duration, whatever was there restored after:
    other tests count the registered kinds."""
    had = STAGES.get("leaflet")
    register(STAGE)
    try:
        yield
    finally:
        STAGES.pop("leaflet", None)
        if had is not None:
            register(had)


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    root = tmp_path_factory.mktemp("leaflets")
    with _registered():
        return load_specs(shipped_specs(root, "leaflet"))


@pytest.fixture(autouse=True)
def leaflet_stage():
    with _registered():
        yield


@pytest.fixture(scope="session")
def job_for(shipped):
    def find(product: str, province: str | None = "ha-noi"):
        selection = Selection(kinds=("leaflet",), products=(product,),
                              provinces=(province,) if province else ())
        return plan(shipped, selection)[0]
    return find


@pytest.fixture(scope="session")
def rendered(job_for):
    """(product, province) -> the stage's Rendered, each rendered once per session."""
    @functools.cache
    def render(product: str, province: str = "ha-noi"):
        return STAGE.render_job(job_for(product, province))
    return render
