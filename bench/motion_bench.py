"""Motion-graphics figures for `make bench` (issue 25), each measured in a fresh process:

- a chart scene (bars growing, labels counting, 6 s at 1080x1920, 30 fps) rendered and
  piped to ffmpeg, against the floor: the same ffmpeg and settings fed the same raw
  frames from memory (the clip bench's measure); target <= 1.3x;
- the TV sketch (savings-for-old-age-tv-60s) and the 9:16 explainer as whole jobs (voice
  spoken and mastered by the radio stage, music, MP4, probe, poster, captions) pinned to
  one core, against their own duration; target < 3x;
- the added build time: the two new clips built by `campaign build -j 2` from scratch.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEW_CLIPS = ("savings-for-old-age-tv-60s", "voluntary-savings-explainer-30s")
CHART = """\
kind: clip
id: chart-bench
sizes: [clip-1080x1920]
localize: none
languages: [vi]
fps: 30
captions: sidecar
scenes:
  - type: chart
    duration: 6
    chart: bars
    data: assets/data/social-insurance-participants.csv
    column: participants
    label: "Người tham gia bảo hiểm xã hội"
"""


def _project(folder: Path) -> Path:
    for assets in ("data", "images", "icons", "lexicon"):
        shutil.copytree(ROOT / "assets" / assets, folder / "assets" / assets)
    (folder / "specs/clips").mkdir(parents=True)
    shutil.copytree(ROOT / "specs/radios", folder / "specs/radios")
    shutil.copy(ROOT / "specs/campaign.yaml", folder / "specs/campaign.yaml")
    for product in NEW_CLIPS:
        shutil.copy(ROOT / f"specs/clips/{product}.yaml", folder / "specs/clips/")
    (folder / "specs/clips/chart-bench.yaml").write_text(CHART, encoding="utf-8")
    return folder / "specs"


def measure(what: str) -> dict:
    import numpy as np

    from pipeline.build.plan import Selection, plan
    from pipeline.media.ffmpeg import ffmpeg_exe
    from pipeline.spec.load import load_specs
    from pipeline.stages.builtin import register_builtin
    from pipeline.stages.clip import STAGE, request_for
    from pipeline.stages.clip.encode import (
        EncodeSettings,
        container_args,
        encode,
        pipe_frames,
        raw_input_args,
        video_args,
    )
    from pipeline.stages.clip.render import build_timeline

    register_builtin()
    settings = EncodeSettings()
    with tempfile.TemporaryDirectory() as tmp:
        specs = load_specs(_project(Path(tmp)))
        product = "chart-bench" if what in ("chart", "chart-floor") else what
        job = plan(specs, Selection(products=(product,)))[0]
        out = Path(tmp) / "out.mp4"
        if what == "chart":
            start = time.perf_counter()
            timeline, _, _ = build_timeline(request_for(job))
            encode(timeline.frame, timeline.frame_count, timeline.size, timeline.fps, None,
                   out, settings)
            return {"seconds": time.perf_counter() - start, "frames": timeline.frame_count}
        if what == "chart-floor":
            timeline, _, _ = build_timeline(request_for(job))
            frames = [np.frombuffer(timeline.frame(i).tobytes(), np.uint8)
                      for i in range(timeline.frame_count)]
            cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                   *raw_input_args(timeline.size, timeline.fps), "-map", "0:v",
                   *video_args(settings), *container_args(), str(out)]
            start = time.perf_counter()
            pipe_frames(cmd, lambda i: frames[i], len(frames))
            return {"seconds": time.perf_counter() - start, "frames": len(frames)}
        request = request_for(job)
        start = time.perf_counter()
        rendered = STAGE.render(request)
        return {"seconds": time.perf_counter() - start,
                "duration_s": rendered.media["duration_s"]}


def _run(what: str, one_core: bool = False) -> dict:
    cmd = [sys.executable, __file__, what]
    if one_core and shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"motion bench '{what}' failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _build_seconds() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        specs = _project(Path(tmp))
        (specs / "clips/chart-bench.yaml").unlink()
        env = {**os.environ, "CAMPAIGN_TTS_CACHE": str(Path(tmp) / "tts")}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipeline", "build", str(specs), "--out",
                        str(Path(tmp) / "out"), "-j", "2", "--kind", "clip"],
                       cwd=ROOT, check=True, capture_output=True, env=env)
        return time.perf_counter() - start


def bench_motion(rows: list[str]) -> None:
    # Ours and the floor alternate, best of two each: a busy machine slows both alike.
    pairs = [(_run("chart"), _run("chart-floor")) for _ in range(2)]
    ours = min((p[0] for p in pairs), key=lambda r: r["seconds"])
    floor = min((p[1] for p in pairs), key=lambda r: r["seconds"])
    rows.append(f"| motion | chart scene, bars growing (6 s clip-1080x1920 at 30 fps, "
                f"{ours['frames']} frames): ours / the floor (same raw frames from memory) | "
                f"{ours['seconds']:.2f} s / {floor['seconds']:.2f} s = "
                f"**{ours['seconds'] / floor['seconds']:.2f}x** (target <= 1.3x) |")
    for product in NEW_CLIPS:
        job = _run(product, one_core=True)
        rows.append(f"| motion | {product}: whole job on one core (voice spoken and "
                    f"mastered, music, MP4, poster, captions) | {job['seconds']:.1f} s for "
                    f"{job['duration_s']:.1f} s = **{job['seconds'] / job['duration_s']:.2f}x"
                    f"** its duration (target < 3x) |")
    rows.append(f"| motion | the two new clips built from scratch (`campaign build --kind "
                f"clip -j 2`, no TTS cache): added build time | **{_build_seconds():.1f} s** |")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(sys.argv[1])))
    else:
        table: list[str] = []
        bench_motion(table)
        print("\n".join(table))
