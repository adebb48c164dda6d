"""Where a clean build's time goes: the whole campaign built with -j 2 into a new folder,
each job's worker seconds summed by kind, and when each kind's first and last job ended.

Not part of `make bench` (it is a second clean build, about 7 minutes): run it when the
clean-build row moves, to see which kind moved it.

    .venv/bin/python bench/build_profile.py /tmp/profile-output
"""
from __future__ import annotations

import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def profile(out: Path) -> list[tuple[str, float, float]]:
    """(kind, worker seconds, seconds since the start when it ended) for every job."""
    import pipeline.build.run as run
    from pipeline.cli import main

    ended: list[tuple[str, float, float]] = []
    start = time.perf_counter()
    build = run.build

    def recording_build(*args, **kwargs):
        theirs = kwargs.get("on_outcome")

        def on_outcome(outcome):
            ended.append((outcome.job_id.split("/", 1)[0], outcome.seconds,
                          time.perf_counter() - start))
            if theirs:
                theirs(outcome)
        return build(*args, **{**kwargs, "on_outcome": on_outcome})

    run.build = recording_build
    try:
        main(["build", str(ROOT / "specs"), "--out", str(out), "-j", "2"],
             standalone_mode=False)
    finally:
        run.build = build
    print(f"clean build: {time.perf_counter() - start:.1f} s")
    return ended


def table(ended: list[tuple[str, float, float]]) -> str:
    kinds: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, float("inf"), 0.0])
    for kind, seconds, at in ended:
        row = kinds[kind]
        row[0] += 1
        row[1] += seconds
        row[2], row[3] = min(row[2], at), max(row[3], at)
    lines = ["| kind | jobs | worker seconds | each | first / last ended (s) |",
             "|---|---|---|---|---|"]
    for kind, (jobs, seconds, first, last) in sorted(kinds.items(), key=lambda kv: kv[1][2]):
        lines.append(f"| {kind} | {jobs:.0f} | {seconds:.1f} | {seconds / jobs:.3f} | "
                     f"{first:.0f} / {last:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/campaign-build-profile")
    shutil.rmtree(folder, ignore_errors=True)
    print(table(profile(folder)))
