"""Every built-in stage follows the one contract: `request(job)` is a frozen value that
survives pickling, and `render(request)` in a fresh process that never saw the specs, the
registry or the environment gives the bytes it gives here."""
from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from pathlib import Path

import pytest

from pipeline.build.plan import plan
from pipeline.spec.load import load_specs
from pipeline.stages import STAGES, Rendered
from pipeline.stages.builtin import register_builtin

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("banner", "infographic", "clip", "radio", "leaflet")


def _smallest_job(kind: str):
    """The quickest job of a kind in the shipped campaign: the smallest size, a province
    when the kind localizes (so the localized texts travel too)."""
    register_builtin()
    jobs = [j for j in plan(load_specs(ROOT / "specs")) if j.kind == kind]

    def cost(job):
        body = job.product.body
        seconds = getattr(body, "duration_s", None) or getattr(body, "max_seconds", 0)
        area = job.size.width_mm * job.size.height_mm if job.size else 0
        return (seconds, area, job.province is None, job.id)
    return min(jobs, key=cost)


def _render_fresh(kind: str, request) -> dict[str, bytes]:
    """In a spawned process: no registry, no specs loaded, no CAMPAIGN_* variables."""
    from pipeline.stages.builtin import register_builtin as register
    for name in [n for n in os.environ if n.startswith("CAMPAIGN_")]:
        del os.environ[name]
    register()
    rendered = STAGES[kind].render(request)
    return {file.suffix: file.data for file in rendered.files}


@pytest.fixture(scope="module")
def spawned():
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        yield pool


@pytest.mark.parametrize("kind", KINDS)
def test_a_request_travels_and_renders_the_same_anywhere(kind, spawned, monkeypatch, tmp_path):
    monkeypatch.setenv("CAMPAIGN_TTS_CACHE", str(tmp_path / "tts"))
    job = _smallest_job(kind)
    stage = STAGES[kind]
    request = stage.request(job)
    assert dataclasses.is_dataclass(request) and request.__dataclass_params__.frozen
    travelled = pickle.loads(pickle.dumps(request))
    assert travelled == request
    rendered = stage.render(request)
    assert type(rendered) is Rendered          # no stage has a result type of its own
    here = {file.suffix: file.data for file in rendered.files}
    assert here and all(here.values())
    there = spawned.apply(_render_fresh, (kind, travelled))
    assert there == here, f"{job.id}: a fresh process rendered other bytes"


@pytest.mark.parametrize("kind", KINDS)
def test_a_request_names_the_files_it_was_made_from(kind):
    """What the fingerprint hashes is what the request names: fonts (every kind draws or
    prints text), and each file there exists."""
    job = _smallest_job(kind)
    request = STAGES[kind].request(job)
    assert isinstance(request.inputs, tuple) and request.inputs
    assert all(isinstance(path, Path) and path.is_file() for path in request.inputs)
    if kind != "radio":
        assert {Path(request.display_font), Path(request.text_font)} <= set(request.inputs)
