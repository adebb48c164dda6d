"""`make bench`, radio section: per-spot synthesis and mastering, every spot x every
province with -j 2, and the rebuild after one province's phone number changes.

`bench_radio(rows)` appends `| radio | what | figure |` rows; bench/run.py collects them.
Runs on a temporary copy of the project holding only the campaign, the radio specs and the
assets they use, so the figures are the radio stage's alone.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "pipeline"]
CHANGED_PROVINCE = "quang-ninh"
CHANGED_PHONE = "0203 3835 525"


def radio_project(folder: Path) -> Path:
    """A copy of the project with the campaign, the radio specs and their assets."""
    (folder / "specs").mkdir(parents=True)
    shutil.copy(ROOT / "specs/campaign.yaml", folder / "specs/campaign.yaml")
    shutil.copytree(ROOT / "assets/images", folder / "assets/images")     # brand.logo
    shutil.copytree(ROOT / "specs/radios", folder / "specs/radios")
    for sub in ("data", "lexicon", "voice", "audio"):
        if (ROOT / "assets" / sub).is_dir():
            shutil.copytree(ROOT / "assets" / sub, folder / "assets" / sub)
    return folder


def per_spot(rows: list[str], project: Path) -> None:
    """Each spot for one province, from a cold start: every line synthesized. The phases
    are timed here (timings are not facts of an asset, so the manifest has none)."""
    from pipeline.build.plan import Selection, plan
    from pipeline.spec.load import load_specs
    from pipeline.stages import STAGES, register
    from pipeline.stages.radio import STAGE, warm
    from pipeline.stages.radio.outputs import rendered
    from pipeline.stages.radio.render import build_spot
    from pipeline.stages.radio.voices import reset_voices

    if "radio" not in STAGES:
        register(STAGE)
    specs = load_specs(project / "specs")
    jobs = plan(specs, Selection(kinds=("radio",), provinces=("ha-noi",)))
    warm(STAGE.request(jobs[0]))
    for job in jobs:
        reset_voices()
        start = time.perf_counter()
        request = STAGE.request(job)
        asked = time.perf_counter()
        spot = build_spot(request)
        mastered = time.perf_counter()
        media = rendered(request, spot).media
        done = time.perf_counter()
        rows.append(
            f"| radio | `{job.product.id}` (Hà Nội, cold): {media['duration_s']:.1f} s spot, "
            f"{media['integrated_lufs']:.1f} LUFS, {media['true_peak_dbtp']:.1f} dBTP | "
            f"request {asked - start:.2f} s, synthesis + mastering {mastered - asked:.2f} s, "
            f"encoding + files {done - mastered:.2f} s; real-time factor "
            f"{(done - start) / media['duration_s']:.3f} |")


def timed_build(cli: list[str], project: Path, out: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(cli + ["build", "specs", "--kind", "radio", "-j", "2",
                                   "--out", str(out)],
                            cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"radio build failed:\n{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def built_count(output: str) -> int:
    match = re.search(r"Built (\d+)", output)
    return int(match.group(1)) if match else -1


def set_phone(path: Path, slug: str, phone: str) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["slug"] == slug:
            row["phone"] = phone
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def bench_radio(rows: list[str], cli: list[str] | None = None) -> None:
    cli = cli or CLI
    with tempfile.TemporaryDirectory() as tmp:
        project = radio_project(Path(tmp) / "project")
        per_spot(rows, project)
        out = Path(tmp) / "output"
        full, log = timed_build(cli, project, out)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        audio = [a for a in manifest["assets"] if a["role"] == "audio"]
        spots = len(audio)
        seconds = sum(a["media"]["duration_s"] for a in audio)
        worst_peak = max(a["media"]["true_peak_dbtp"] for a in audio)
        lufs = [a["media"]["integrated_lufs"] for a in audio]
        rows.append(f"| radio | every spot x every province, clean build with -j 2 "
                    f"({spots} spots, {seconds / 60:.0f} min of audio, "
                    f"{len(manifest['assets'])} files) | **{full:.0f} s** |")
        rows.append(f"| radio | ... loudness of the written MP3s (min-max) and worst true "
                    f"peak | {min(lufs):.2f} to {max(lufs):.2f} LUFS, {worst_peak:.2f} dBTP |")
        set_phone(project / "assets/data/province-offices.csv", CHANGED_PROVINCE,
                  CHANGED_PHONE)
        rebuild, log = timed_build(cli, project, out)
        rows.append(f"| radio | rebuild after changing {CHANGED_PROVINCE}'s phone number "
                    f"| {built_count(log)} spots rebuilt in **{rebuild:.1f} s** |")


if __name__ == "__main__":
    collected: list[str] = []
    bench_radio(collected, sys.argv[1:] or None)
    print("\n".join(collected))
