"""`make bench`: speed figures of the whole pipeline, written to bench/results.md.

Each section measures in one run, on this machine, against a floor where the issue asks
for one. Nothing here is a pass/fail test.
"""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - start


def median_of(n: int, cmd: list[str], cwd: Path) -> float:
    return statistics.median(timed(cmd, cwd) for _ in range(n))


def synthetic_project(folder: Path, products: int) -> None:
    (folder / "specs/synthetics").mkdir(parents=True)
    (folder / "assets/data").mkdir(parents=True)
    shutil.copy(ROOT / "assets/data/provinces-2024.csv", folder / "assets/data/")
    shutil.copytree(ROOT / "assets/images", folder / "assets/images")     # brand.logo
    campaign = (ROOT / "specs/campaign.yaml").read_text(encoding="utf-8")
    campaign = "\n".join(line for line in campaign.splitlines()
                         if not line.startswith("localization:"))
    (folder / "specs/campaign.yaml").write_text(campaign, encoding="utf-8")
    for i in range(products):
        (folder / f"specs/synthetics/p{i:03d}.yaml").write_text(
            f"kind: synthetic\nid: p{i:03d}\ntext: Sản phẩm {i}\n"
            "sizes: [social-1080x1080]\nlocalize: provinces\n", encoding="utf-8")


def bench_spine(rows: list[str]) -> None:
    cli = [sys.executable, str(ROOT / "bench/synthetic_cli.py")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthetic_project(folder, 160)                   # 160 x 63 = 10,080 assets
        first = timed(cli + ["build", "-j", "2"], folder)
        noop = median_of(3, cli + ["build", "-j", "2"], folder)
        verify = timed(cli + ["verify"], folder)
    rows.append(f"| spine | synthetic campaign, 10,080 assets: first build (-j 2, trivial "
                f"renderer) | {first:.2f} s |")
    rows.append(f"| spine | synthetic campaign, 10,080 assets: no-op rebuild (median of 3, "
                f"whole CLI process) | **{noop:.2f} s** (target < 2 s) |")
    rows.append(f"| spine | synthetic campaign: `campaign verify` (re-hash 10,080 files) | "
                f"{verify:.2f} s |")


def bench_campaign(rows: list[str]) -> None:
    campaign = [str(BIN / "campaign"), "build", "specs", "-j", "2"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        full = timed(campaign + ["--out", str(out)], ROOT)
        noop = median_of(5, campaign + ["--out", str(out)], ROOT)
        # The ordinary path (content fingerprints), as after any edit: one file touched.
        ordinary = median_of(3, ["sh", "-c", "touch specs/campaign.yaml && "
                                 + " ".join(campaign + ["--out", str(out)])], ROOT)
        assets = sum(1 for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
        bench_desk(rows, out)
    rows.append(f"| campaign | shipped campaign, clean build with -j 2 ({assets:,} files) | "
                f"**{full:.1f} s** (target < 300 s) |")
    rows.append(f"| campaign | shipped campaign, no-op rebuild, whole process (median of 5; "
                f"the quick path: file stats only) | **{noop:.2f} s** (target < 0.5 s) |")
    rows.append(f"| campaign | the same after `touch specs/campaign.yaml` (the ordinary path: "
                f"specs loaded, content fingerprints; median of 3) | {ordinary:.2f} s |")


def bench_desk(rows: list[str], out: Path) -> None:
    """The desk's load test (tests/desk/load.py) against the whole campaign's output."""
    result = subprocess.run([sys.executable, str(ROOT / "tests/desk/load.py"), "--out",
                             str(out), "--specs", str(ROOT / "specs"), "--seconds", "30"],
                            cwd=ROOT, capture_output=True, text=True)
    table = [line for line in result.stdout.splitlines() if line.startswith("| 20 ")]
    if not table:
        raise SystemExit(f"desk load test failed:\n{result.stdout[-2000:]}"
                         f"{result.stderr[-2000:]}")
    cells = [c.strip() for c in table[0].strip("|").split("|")]
    rows.append(f"| desk | 20 clients for 30 s listing and downloading, whole campaign's "
                f"output ({cells[2]} requests/s, {cells[3]} errors) | asset list p50 "
                f"{cells[4]} ms, **p95 {cells[5]} ms** (target < 200 ms) |")


def main() -> None:
    from banner_bench import bench_banners
    from clip_bench import bench_clips
    from distributed_bench import bench_distributed
    from infographic_bench import bench_infographics
    from intelligibility import bench_intelligibility
    from leaflet_bench import bench_leaflets
    from motion_bench import bench_motion
    from pdfx_bench import bench_pdfx
    from province_bench import bench_province
    from radio_bench import bench_radio
    from template_bench import bench_templates

    sections = [bench_spine, bench_campaign, bench_province, bench_banners, bench_templates,
                bench_infographics,
                bench_radio, bench_intelligibility, bench_clips, bench_leaflets,
                bench_distributed, bench_pdfx, bench_motion]
    rows: list[str] = []
    for section in sections:
        print(f"running {section.__name__} ...", flush=True)
        try:
            section(rows)
        except (Exception, SystemExit) as exc:     # one broken section must not lose all
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            rows.append(f"| {section.__name__} | **failed**: {reason} | - |")
        write_results(rows)
    print((ROOT / "bench/results.md").read_text(encoding="utf-8"))


def write_results(rows: list[str]) -> None:
    header = [
        "# Benchmark results",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}. Produced by `make bench` "
        f"({time.strftime('%Y-%m-%d')}).",
        "",
        "| area | what | figure |",
        "|---|---|---|",
    ]
    text = "\n".join(header + rows) + "\n"
    (ROOT / "bench/results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
