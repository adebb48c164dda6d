"""Clip fixtures: the stage registered with its sizes, a tiny test format (320x568, the
9:16 rules scaled down), and helpers to write clip specs and decode what was written."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import helpers
import pytest

from pipeline.catalog import sizes as catalog
from pipeline.catalog.sizes import Size
from pipeline.stages import STAGES, register
from pipeline.stages.clip import STAGE
from pipeline.stages.radio import STAGE as RADIO

ROOT = Path(__file__).resolve().parents[3]
TINY = Size("clip-320x568", "clip", "Thử nghiệm 9:16", 65, 115.4, 0.0, 0.0, 0.0, 0.35,
            pixel_size=(320, 568))
TINY_WIDE = Size("clip-384x216", "clip", "Thử nghiệm 16:9", 1440, 810, 0.0, 0.0, 0.0, 5,
                 pixel_size=(384, 216))
TEST_SIZES = (TINY, TINY_WIDE)


@pytest.fixture(autouse=True)
def clip_stage(monkeypatch):
    """The stage registered as builtin.py does, plus tiny test formats (fast to encode);
    the radio stage too, which a clip's voice asks for its spoken lines."""
    for size in TEST_SIZES:
        monkeypatch.setitem(catalog.SIZES, size.name, size)
    monkeypatch.setitem(STAGES, "radio", RADIO)
    had = STAGES.get("clip")
    register(replace(STAGE, sizes=STAGE.sizes + tuple(s.name for s in TEST_SIZES)))
    yield
    if had is None:
        STAGES.pop("clip", None)
    else:
        register(had)


@pytest.fixture
def data_project(project):
    """The test project with the shipped statistics files (and their sidecars)."""
    shutil.copytree(ROOT / "assets/data", project.root / "assets/data", dirs_exist_ok=True)
    return project


@pytest.fixture
def write_clip(data_project):
    """write_clip(id, body, sizes=..., ...) writes specs/clips/<id>.yaml (header on 6 lines,
    so the body starts on line 7)."""
    def write(product_id: str, body: str, *, sizes="[clip-320x568]", localize="none",
              languages="[vi]", fps=25) -> Path:
        return data_project.write(
            f"specs/clips/{product_id}.yaml",
            f"kind: clip\nid: {product_id}\nsizes: {sizes}\nlocalize: {localize}\n"
            f"languages: {languages}\nfps: {fps}\n" + body)
    return write


@pytest.fixture(scope="session")
def shipped_specs(tmp_path_factory) -> Path:
    """The shipped clips, with the icons and the radio products their voices come from."""
    specs = helpers.shipped_specs(tmp_path_factory.mktemp("shipped-clips"), "clip")
    shutil.copytree(ROOT / "assets/icons", specs.parent / "assets/icons")
    shutil.copytree(ROOT / "specs/radios", specs / "radios")
    return specs
