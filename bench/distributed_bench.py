"""`make bench`, distributed section: one province's full set, forced, through the local
pool and through Dask with the same number of workers on this machine (the overhead), and
through Dask with 1 and with 2 workers (the speed-up adding a machine would give).

Two ways, both the whole `campaign build` process: `--executor dask` alone starts a local
cluster for the build (start-up included), and `--scheduler` sends the jobs to a standing
cluster (`dask scheduler` and `dask worker` processes started once, as an operator runs
them; docs/distributed.md). The second is how a cluster of machines is used.
`python bench/distributed_bench.py` runs this section alone.
"""
from __future__ import annotations

import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "pipeline", "build", "specs", "--force"]
DASK = [str(Path(sys.executable).parent / "dask")]
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


class StandingCluster:
    """A scheduler and workers as separate processes on 127.0.0.1, started once."""

    def __init__(self, folder: Path):
        self.file = folder / "scheduler.json"
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> StandingCluster:
        self._start(DASK + ["scheduler", "--host", "127.0.0.1", "--port", "0",
                            "--no-dashboard", "--scheduler-file", str(self.file)])
        while not self.file.exists():
            time.sleep(0.1)
        time.sleep(0.5)            # the file is written before it is complete
        return self

    @property
    def address(self) -> str:
        return json.loads(self.file.read_text())["address"]

    def add_worker(self) -> None:
        self._start(DASK + ["worker", "--scheduler-file", str(self.file), "--nthreads", "1",
                            "--no-dashboard", "--host", "127.0.0.1"])
        wanted = len(self.processes) - 1
        from distributed import Client
        with Client(self.address, timeout="30s") as client:
            client.wait_for_workers(wanted, timeout=60)

    def _start(self, args: list[str]) -> None:
        self.processes.append(subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL))

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)


def bench_distributed(rows: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        _timed(["-j", "2"], out)                        # warm the disk cache and the state
        local = _median(["-j", "2"], out)
        local1 = _median(["-j", "1"], out)
        dask2 = _median(["-j", "2", "--executor", "dask"], out)
        dask1 = _median(["-j", "1", "--executor", "dask"], out)
        with StandingCluster(Path(tmp)) as cluster:
            remote = ["--executor", "dask", "--scheduler", cluster.address]
            cluster.add_worker()
            standing1 = _median(["-j", "1", *remote], out)
            cluster.add_worker()
            standing2 = _median(["-j", "2", *remote], out)
        jobs = sum(1 for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    rows.append(f"| distributed | {PROVINCE}'s full set, forced ({jobs} files): local pool "
                f"-j 2 / Dask 2 workers, a cluster started for the build, whole process, "
                f"median of {RUNS} | {local:.1f} s / {dask2:.1f} s: **{dask2 / local:.2f}x** "
                f"(target < 1.4x) |")
    rows.append(f"| distributed | the same, local pool -j 2 / a standing cluster of 2 "
                f"workers (`--scheduler`) | {local:.1f} s / {standing2:.1f} s: "
                f"**{standing2 / local:.2f}x** (target < 1.4x) |")
    rows.append(f"| distributed | speed-up from 1 to 2 workers: a cluster started for the "
                f"build / a standing cluster (a worker added) / this machine's own pool "
                f"(-j 1 to -j 2, the ceiling on 2 cores) | {dask1 / dask2:.2f}x / "
                f"**{standing1 / standing2:.2f}x** / {local1 / local:.2f}x (target > 1.7x) |")


if __name__ == "__main__":
    collected: list[str] = []
    bench_distributed(collected)
    print("\n".join(collected))
