"""Shared fixtures: the tiny project of helpers.py and the tests' note stage."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import NOTE_STAGE, Project  # noqa: E402  (tests/ must be on the path first)

from pipeline.stages import STAGES, register  # noqa: E402


@pytest.fixture(autouse=True)
def no_settled_project(monkeypatch):
    """A command run in the test's process settles its project in the environment; set
    empty (= unsettled) here, so the setting is undone after each test."""
    monkeypatch.setenv("CAMPAIGN_PROJECT", "")


@pytest.fixture(autouse=True)
def note_stage():
    """The note stage for every test; whatever a test registers is gone after it, so no
    test sees another's stages."""
    before = dict(STAGES)
    register(NOTE_STAGE)
    yield NOTE_STAGE
    STAGES.clear()
    STAGES.update(before)
    STAGES.pop("note", None)


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


@pytest.fixture
def builtin_stages():
    """The pipeline's own stages registered for one test, the registry restored after."""
    from pipeline.stages.builtin import register_builtin

    before = dict(STAGES)
    register_builtin()
    yield STAGES
    STAGES.clear()
    STAGES.update(before)
