"""A bounded load test of the desk on 127.0.0.1 (not collected by pytest: run it).

    .venv/bin/python tests/desk/load.py [--out output --specs specs] [--clients 20]
                                        [--seconds 30]

Without --out it builds the desk suite's tiny campaign in a temporary folder. Each client
(a process of its own) signs in as a province (round robin), then loops: list its assets,
download one of them.
Prints errors, requests a second, and the latency of the asset list (p50, p95, max);
exits 1 when there were errors or the list's p95 is over the 200 ms budget.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1])]
from deskkit import Server, campaign, free_port, write_project  # noqa: E402

from pipeline.spec.load import load_specs  # noqa: E402
from pipeline.stages.builtin import register_builtin  # noqa: E402

P95_BUDGET_MS = 200.0


def client_loop(args: tuple[str, str, int, float]) -> dict:
    """One client, in its own process (threads would measure our GIL, not the desk)."""
    url, token, seed, seconds = args
    rng = random.Random(seed)
    results = {"list_ms": [], "errors": [], "requests": 0}
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=30,
                      headers={"authorization": f"Bearer {token}"}) as client:
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                listing = client.get("/api/assets")
                results["list_ms"].append((time.perf_counter() - start) * 1000)
                assets = listing.json()["assets"]
                results["requests"] += 1
                if listing.status_code != 200:
                    results["errors"].append(f"list: {listing.status_code}")
                if assets:
                    pick = rng.choice(assets)
                    download = client.get(pick["url"])
                    results["requests"] += 1
                    if download.status_code != 200 or len(download.content) != pick["bytes"]:
                        results["errors"].append(f"{pick['url']}: {download.status_code}")
            except httpx.HTTPError as exc:
                results["errors"].append(repr(exc))
    return results


def run(server: Server, provinces: list[str], clients: int, seconds: float) -> dict:
    work = [(server.url, server.token(provinces[i % len(provinces)]), i, seconds)
            for i in range(clients)]
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        parts = pool.map(client_loop, work)
    return {"list_ms": [ms for p in parts for ms in p["list_ms"]],
            "errors": [e for p in parts for e in p["errors"]],
            "requests": sum(p["requests"] for p in parts)}


def report(results: dict, clients: int, seconds: float) -> bool:
    latencies = sorted(results["list_ms"])
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("inf")
    print(f"| clients | seconds | requests/s | errors | list p50 ms | list p95 ms | "
          f"list max ms |\n|---|---|---|---|---|---|---|\n"
          f"| {clients} | {seconds:g} | {results['requests'] / seconds:.0f} | "
          f"{len(results['errors'])} | {statistics.median(latencies):.1f} | {p95:.1f} | "
          f"{latencies[-1]:.1f} |")
    for error in results["errors"][:5]:
        print("error:", error)
    return not results["errors"] and p95 <= P95_BUDGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--specs", type=Path, default=Path("specs"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if args.out is None:
            root = write_project(Path(scratch) / "project")
            campaign("build", "specs", "--out", "output", "-j", "2", cwd=root)
            out, specs = root / "output", root / "specs"
        else:
            out, specs = args.out.resolve(), args.specs.resolve()
        register_builtin()
        provinces = list(load_specs(specs).provinces)
        server = Server(specs.parent, Path(scratch) / "state", free_port(), str(out),
                        str(specs)).start()
        try:
            ok = report(run(server, provinces, args.clients, args.seconds), args.clients,
                        args.seconds)
        finally:
            server.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
