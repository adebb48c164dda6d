"""Given the same specs and inputs, two builds give the same bytes, every kind of asset;
and a killed build's scratch folders do not pile up in $TMPDIR."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.files.scratch import PREFIX, scratch_dir, sweep_scratch

ROOT = Path(__file__).resolve().parents[2]
# One job of every kind, the two-voice radio sketch and a localized clip among them.
ONE_OF_EACH = (
    ("banner", "contribute-today", "street-5000x800"),
    ("infographic", "coverage-growth", "ig-square-1080"),
    ("clip", "office-endcard-10s", "clip-1920x1080"),
    ("radio", "savings-for-old-age-60s", None),
)


def _project(folder: Path) -> Path:
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "specs").mkdir()
    shutil.copy(ROOT / "specs/campaign.yaml", folder / "specs/campaign.yaml")
    for kind, product, _ in ONE_OF_EACH:
        (folder / f"specs/{kind}s").mkdir()
        shutil.copy(ROOT / f"specs/{kind}s/{product}.yaml", folder / f"specs/{kind}s/")
    return folder


def _build(project: Path, out: str) -> dict[str, bytes]:
    for kind, product, size in ONE_OF_EACH:
        args = [sys.executable, "-m", "pipeline", "build", "specs", "--out", out, "-j", "1",
                "--product", product, "--province", "quang-ninh"]
        if kind in ("banner", "infographic"):
            args = [a for a in args if a not in ("--province", "quang-ninh")]
            args += ["--lang", "vi"]
        if size:
            args += ["--size", size]
        result = subprocess.run(args, cwd=project, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, result.stderr
    folder = project / out
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".") and not p.name.startswith("manifest")}


def test_every_kind_builds_byte_for_byte_the_same_twice(tmp_path):
    project = _project(tmp_path)
    first, second = _build(project, "first"), _build(project, "second")
    kinds = {path.split("/")[0] for path in first}
    assert kinds == {"banners", "infographics", "clips", "radios"}
    assert sorted(first) == sorted(second)
    different = [path for path in first if first[path] != second[path]]
    assert different == []


def test_scratch_folders_of_dead_processes_are_swept(tmp_path):
    dead = tmp_path / f"{PREFIX}clip-999999-abc"
    live = tmp_path / f"{PREFIX}clip-{os.getppid()}-abc"
    foreign = tmp_path / "clip-someone-else"
    for folder in (dead, live, foreign):
        folder.mkdir()
        (folder / "clip.mp4").write_bytes(b"x")
    assert sweep_scratch(tmp_path) == 1
    assert not dead.exists() and live.exists() and foreign.exists()


def test_encoders_make_their_scratch_folders_where_the_sweep_looks():
    with scratch_dir("clip") as folder:
        name = Path(folder).name
        assert Path(folder).parent == Path(tempfile.gettempdir())
        assert name.startswith(f"{PREFIX}clip-{os.getpid()}-")
