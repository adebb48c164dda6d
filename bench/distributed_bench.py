"""`make bench`, distributed section: one province's full set, forced, through the local
pool and through a Dask cluster of the same size on this machine (the overhead), and
through Dask with 1 and with 2 workers (the speed-up adding a machine would give).

Each figure is the whole `campaign build` process, cluster start-up included.
`python bench/distributed_bench.py` runs this section alone.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "pipeline", "build", "specs", "--force"]
PROVINCE = "quang-ninh"
RUNS = 2


def _timed(args: list[str], out: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(CLI + ["--province", PROVINCE, "--out", str(out), *args],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{args} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def _median(args: list[str], out: Path) -> float:
    return statistics.median(_timed(args, out) for _ in range(RUNS))


def bench_distributed(rows: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        _timed(["-j", "2"], out)                        # warm the disk cache and the state
        local = _median(["-j", "2"], out)
        dask2 = _median(["-j", "2", "--executor", "dask"], out)
        dask1 = _median(["-j", "1", "--executor", "dask"], out)
        jobs = sum(1 for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    rows.append(f"| distributed | {PROVINCE}'s full set, forced ({jobs} files): local pool "
                f"-j 2 / Dask 2 workers, whole process, median of {RUNS} | {local:.1f} s / "
                f"{dask2:.1f} s: **{dask2 / local:.2f}x** (target < 1.4x) |")
    rows.append(f"| distributed | the same through Dask with 1 and 2 workers (the speed-up "
                f"of adding a machine) | {dask1:.1f} s / {dask2:.1f} s: "
                f"**{dask1 / dask2:.2f}x** (target > 1.7x) |")


if __name__ == "__main__":
    collected: list[str] = []
    bench_distributed(collected)
    print("\n".join(collected))
