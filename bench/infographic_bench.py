"""Infographic figures for `make bench`: per chart kind against a floor, and the whole set.

Per chart kind, in a fresh process: cold (imports, fonts, warm-up and the first render of
one 1080x1350 infographic, PNG + SVG + PDF) and warm (best of REPEAT renders), against a
floor measured in the same process: matplotlib saving a bare bar chart of the same size
to the same three formats with the same settings. Then the shipped set with -j 2.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = "ig-portrait-1080x1350"
KINDS = ("bars", "line", "donut", "big-number", "pictogram", "compare")
REPEAT = 7


def shipped_project(folder: Path) -> Path:
    """A copy of the campaign with only its infographic specs (and their data)."""
    (folder / "specs").mkdir(parents=True)
    shutil.copy(ROOT / "specs/campaign.yaml", folder / "specs")
    shutil.copytree(ROOT / "specs/infographics", folder / "specs/infographics")
    shutil.copytree(ROOT / "assets", folder / "assets")
    return folder / "specs"


def _register() -> None:
    from pipeline.stages.builtin import register_builtin

    register_builtin()


def floor(width_px: int, height_px: int, dpi: int) -> None:
    """matplotlib at its plainest: five bars, saved as PNG, SVG and PDF."""
    import io

    import matplotlib
    from matplotlib.figure import Figure

    rc = {"svg.fonttype": "none", "svg.hashsalt": "floor", "pdf.fonttype": 42,
          "ps.fonttype": 42}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
        ax = fig.add_subplot()
        ax.bar(["2019", "2020", "2021", "2022", "2023"], [15.7, 16.2, 16.5, 17.5, 18.3])
        for fmt, metadata in (("png", None), ("svg", {"Date": None}),
                              ("pdf", {"CreationDate": None})):
            fig.savefig(io.BytesIO(), format=fmt, dpi=dpi, metadata=metadata)


def measure_kind(kind: str) -> dict:
    """Run in a fresh process: cold and warm render of `kind`, and the floor."""
    start = time.perf_counter()
    from pipeline.build.plan import plan
    from pipeline.spec.load import load_specs
    from pipeline.stages.infographic import STAGE
    from pipeline.stages.infographic.sizes import render_dpi

    _register()
    with tempfile.TemporaryDirectory() as tmp:
        specs = load_specs(shipped_project(Path(tmp)))
        job = next(j for j in plan(specs) if j.product.body.chart == kind
                   and j.size_name == SIZE and j.lang == "vi")
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        STAGE.warm(STAGE.request(job))
        STAGE.render_job(job)
        cold_s = time.perf_counter() - start
        warm = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            result = STAGE.render_job(job)
            warm.append(time.perf_counter() - start)
    size = result.media
    floors = []
    for _ in range(REPEAT + 1):
        start = time.perf_counter()
        floor(size["width_px"], size["height_px"], render_dpi(job.size))
        floors.append(time.perf_counter() - start)
    return {"kind": kind, "product": job.product.id, "load_s": load_s, "cold_s": cold_s,
            "warm_s": min(warm), "floor_s": min(floors[1:]), "floor_cold_s": floors[0],
            "bytes": {f.suffix: len(f.data) for f in result.files}}


def _build_set(tmp: Path) -> tuple[float, str, str]:
    """The shipped set with -j 2: the real CLI, else a driver registering the stage."""
    cmd = [sys.executable, "-m", "pipeline", "build", "--kind", "infographic", "-j", "2",
           "--out", str(tmp / "out")]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds, how = time.perf_counter() - start, "campaign build"
    if result.returncode != 0:
        # Not merged yet (stage or sizes unknown to the CLI): our own copy and driver.
        specs = shipped_project(tmp / "project")
        cmd = [sys.executable, __file__, "cli", "build", str(specs), "--kind", "infographic",
               "-j", "2", "--out", str(tmp / "out2")]
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        seconds, how = time.perf_counter() - start, "bench driver (stage not in builtin yet)"
        if result.returncode != 0:
            raise SystemExit(result.stderr[-2000:])
    built = result.stdout.split("Built ")[1].split(",")[0]
    return seconds, built, how


def bench_infographics(rows: list[str]) -> None:
    ratios = []
    for kind in KINDS:
        out = subprocess.run([sys.executable, __file__, "one", kind], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        m = json.loads(out)
        ratio = m["warm_s"] / m["floor_s"]
        ratios.append(ratio)
        kb = ", ".join(f"{s[1:]} {n / 1024:.0f} kB" for s, n in sorted(m["bytes"].items()))
        rows.append(
            f"| infographic | {kind} ({m['product']}), {SIZE}, PNG + SVG + PDF + alt text: "
            f"cold {m['cold_s'] * 1000:.0f} ms (imports, fonts, first render; spec load "
            f"{m['load_s'] * 1000:.0f} ms), warm {m['warm_s'] * 1000:.0f} ms (best of "
            f"{REPEAT}); floor {m['floor_s'] * 1000:.0f} ms; {kb} | "
            f"**{ratio:.2f}x floor** (target ≤ 2x, well under 1 s) |")
    with tempfile.TemporaryDirectory() as tmp:
        seconds, built, how = _build_set(Path(tmp))
    rows.append(f"| infographic | whole infographic set ({built} jobs, 4 files each), -j 2, "
                f"via {how} | **{seconds:.1f} s** |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["one"]:
        print(json.dumps(measure_kind(sys.argv[2])))
    elif sys.argv[1:2] == ["cli"]:
        from pipeline.cli import main as cli_main
        from pipeline.stages.builtin import register_builtin

        register_builtin()
        _register()
        sys.argv = ["campaign", *sys.argv[2:]]
        cli_main()
    else:
        rows: list[str] = []
        bench_infographics(rows)
        print("\n".join(rows))
