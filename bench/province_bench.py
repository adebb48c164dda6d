"""One province's full localized set, forced: what a province waits for when it asks for a
new office name (issue 17). The whole process with -j 2, then where its CPU goes by kind
(rendered in this process: its own CPU and its ffmpeg children's), and the endcard clips,
which share their opening between provinces within a worker."""
from __future__ import annotations

import multiprocessing
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = "quang-ninh"
ENDCARD = "office-endcard-10s"
ENDCARD_PROVINCES = ("quang-ninh", "ha-noi", "da-nang")


def _cpu() -> tuple[float, float]:
    """(this process, its finished children): user + system seconds."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _forced_set(out: Path) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "pipeline", "build", "specs", "--out", str(out), "-j", "2",
           "--province", PROVINCE, "--force"]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    files = sum(1 for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")
                and not p.name.startswith("manifest"))
    return seconds, files


def _jobs(selection):
    from pipeline.build.plan import plan
    from pipeline.spec.load import load_specs
    from pipeline.stages.builtin import register_builtin

    register_builtin()
    return plan(load_specs(ROOT / "specs"), selection)


def _render(job) -> tuple[float, float]:
    """(own, children) CPU seconds of rendering `job` here."""
    from pipeline.stages import STAGES

    before = _cpu()
    try:
        STAGES[job.kind].render_job(job)
    except Exception as exc:
        raise SystemExit(f"{job.id}: {exc}") from None
    after = _cpu()
    return after[0] - before[0], after[1] - before[1]


def _cpu_by_kind() -> tuple[float, dict[str, list]]:
    """(warm-up CPU, kind -> [jobs, own CPU, children CPU]) of the province's set."""
    from pipeline.build.plan import Selection
    from pipeline.stages import STAGES

    jobs = _jobs(Selection(provinces=(PROVINCE,)))
    before = _cpu()
    for job in {job.kind: job for job in jobs}.values():
        if STAGES[job.kind].warm:
            STAGES[job.kind].warm(STAGES[job.kind].request(job))
    warm = sum(_cpu()) - sum(before)
    kinds: dict[str, list] = defaultdict(lambda: [0, 0.0, 0.0])
    for job in jobs:
        own, children = _render(job)
        kinds[job.kind][0] += 1
        kinds[job.kind][1] += own
        kinds[job.kind][2] += children
    return warm, dict(sorted(kinds.items()))


def _endcards() -> list[float]:
    """CPU seconds (own + ffmpeg) of each province's endcard, one after another in one
    process with no opening stored yet: the first encodes the shared opening, the others
    reuse it; then the first again as a later build's worker makes it (nothing in memory,
    the opening read from the project's store)."""
    from pipeline.build.plan import Selection
    from pipeline.stages.clip import OPENINGS_FOLDER
    from pipeline.stages.clip.shared import clear_caches

    shutil.rmtree(ROOT / OPENINGS_FOLDER, ignore_errors=True)
    clear_caches()
    jobs = _jobs(Selection(kinds=("clip",), products=(ENDCARD,),
                           provinces=ENDCARD_PROVINCES))
    cpu = [sum(_render(job)) for job in jobs]
    clear_caches()
    return cpu + [sum(_render(jobs[0]))]


def _measure() -> tuple[float, dict[str, list], list[float]]:
    warm, kinds = _cpu_by_kind()
    return warm, kinds, _endcards()


def bench_province(rows: list[str]) -> None:
    runs = []
    for _ in range(4):        # the first, not counted, fills the caches as a build would
        with tempfile.TemporaryDirectory() as tmp:
            runs.append(_forced_set(Path(tmp) / "output"))
    runs = runs[1:]
    seconds, files = statistics.median(s for s, _ in runs), runs[0][1]
    # In a process of its own: rendering a clip here would leave this process's peak
    # memory (ru_maxrss never goes down) on every later section's figures.
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        warm, kinds, endcards = pool.apply(_measure)
    jobs = sum(n for n, _, _ in kinds.values())
    each = ", ".join(f"{s:.1f}" for s, _ in runs)
    rows.append(f"| campaign | one province's full set ({PROVINCE}: {jobs} jobs, {files} "
                f"files), forced, -j 2, whole process, the project's caches as the "
                f"campaign's build left them (median of 3: {each} s) "
                f"| **{seconds:.1f} s** (target < 8 s) |")
    parts = [f"{kind} {n} x {(own + children) / n * 1000:.0f} ms"
             + (f" (ffmpeg {children / (own + children):.0%})" if children > 0.05 else "")
             for kind, (n, own, children) in kinds.items()]
    total = warm + sum(own + children for _, own, children in kinds.values())
    rows.append(f"| campaign | ... its CPU by kind, rendered in one process (own + ffmpeg "
                f"children): {'; '.join(parts)}; warm-up (imports, fonts) {warm:.1f} s "
                f"| {total:.1f} s CPU |")
    first, *others, later = endcards
    rows.append(f"| clip | `{ENDCARD}` for {len(others) + 1} provinces in one worker, CPU "
                f"each (own + encoder), no opening stored: the first encodes the opening "
                f"shared by every province (title and fade), the others only their own "
                f"part, whose 5.5 s still is encoded once as a 23-frame part played six "
                f"times; then the first again in a later build (the opening read from "
                f"`.cache/clip-openings/`) | {first:.2f} / "
                f"{' / '.join(f'{s:.2f}' for s in others)} s; later build {later:.2f} s "
                f"(were 8.02 / 4.20 / 3.99 s) |")
