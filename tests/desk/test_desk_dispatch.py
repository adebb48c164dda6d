"""One state, one dispatcher: a second desk on the same state neither requeues nor builds
the first one's request, takes over only when the first is gone, and a desk that cannot
have its port stops before it touches the state. Cold starts take turns; a request
interrupted three times fails with its reason; progress never goes back."""
from __future__ import annotations

import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deskkit import Server, free_port, wait_for
from test_desk_http import QUANG_YEN

from pipeline.desk.state import DATABASE, MAX_ATTEMPTS, State
from pipeline.desk.tokens import session_key

SLOW = {"office": QUANG_YEN, "products": ["contribute-today"],
        "custom_sizes": [{"width_mm": 2000 + 100 * i, "height_mm": 600, "view_m": 10}
                         for i in range(3)]}


def row_of(state: Path, request_id: int) -> tuple:
    with sqlite3.connect(state / DATABASE) as db:
        return db.execute("SELECT status, attempts, started_at FROM requests WHERE id = ?",
                          (request_id,)).fetchone()


def wait_running(client, request_id: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while client.get(f"/api/requests/{request_id}").json()["status"] != "running":
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_second_desk_on_the_same_state_waits_and_takes_over_only_when_the_first_dies(
        built, tmp_path):
    state = tmp_path / "state"
    first = Server(built, state, free_port()).start()
    second = None
    try:
        with first.client("quang-ninh") as client:
            request_id = client.post("/api/requests", json=SLOW).json()["id"]
            wait_running(client, request_id)
        running = row_of(state, request_id)
        # On the first desk's port: it stops at once, one line, the state untouched.
        taken = subprocess.run([sys.executable, "-m", "pipeline", "serve", "--port",
                                str(first.port), "--state", str(state)], cwd=built,
                               capture_output=True, text=True, timeout=60)
        assert taken.returncode == 1
        assert f"cannot listen on 127.0.0.1:{first.port}" in taken.stderr
        second = Server(built, state, free_port()).start()
        time.sleep(1.5)                    # a second desk's start-up requeued it before
        status, attempts, started_at = row_of(state, request_id)
        assert (attempts, started_at) == running[1:] and status in ("running", "done")
        assert "another desk (pid" in second.log.read_text()
        with second.client("quang-ninh") as client:
            assert wait_for(client, request_id, 120)["status"] == "done"
            assert row_of(state, request_id)[1] == 1      # built once, by the first desk
            again = client.post("/api/requests", json=SLOW).json()["id"]
            wait_running(client, again)
            first.stop(signal.SIGKILL)    # the holder dies mid-build: the second recovers it
            info = wait_for(client, again, 180)
        assert info["status"] == "done", info
        assert row_of(state, again)[1] == 2
    finally:
        first.stop()
        if second is not None:
            second.stop()


def _open(folder: str) -> str:
    try:
        state = State(Path(folder))
        session_key(state.folder)
        state.recover()
        return "ok"
    except Exception as exc:       # what a desk starting up would crash with
        return repr(exc)


def test_desks_cold_starting_together_on_a_fresh_state_all_start():
    outcomes = []
    with multiprocessing.get_context("fork").Pool(4) as pool:
        for _ in range(15):
            folder = tempfile.mkdtemp(prefix="desk-cold-")
            outcomes += pool.map(_open, [folder] * 4)
    assert set(outcomes) == {"ok"}


def test_two_desks_started_at_once_both_answer(built, tmp_path):
    desks = [Server(built, tmp_path / "state", free_port()) for _ in range(2)]
    processes = []
    try:
        for desk in desks:        # started together, then each waited for
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "pipeline", "serve", "--port", str(desk.port),
                 "--state", str(desk.state)], cwd=built, stderr=desk.log.open("ab")))
        for desk, process in zip(desks, processes):
            desk.process = process
        import httpx
        deadline = time.monotonic() + 30
        for desk in desks:
            while True:
                assert desk.process.poll() is None, desk.log.read_text()
                try:
                    if httpx.get(desk.url + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        for desk in desks:
            desk.stop()


def test_a_request_interrupted_three_times_fails_with_its_reason(tmp_path):
    state = State(tmp_path)
    request_id = state.add_request("quang-ninh", "overlay", 1, max_open=3).id
    for attempt in range(1, MAX_ATTEMPTS):
        assert state.claim().id == request_id           # a build starts, the desk dies
        assert state.recover() == (1, 0), attempt
    state.claim()
    assert state.recover() == (0, 1)
    row = state.request(request_id)
    assert row.status == "failed"
    assert f"interrupted {MAX_ATTEMPTS} times" in row.errors
    assert state.claim() is None
    assert state.rebuild(request_id) and state.claim().id == request_id   # the team's call


def test_progress_never_goes_back_when_the_journal_is_folded_away(tmp_path):
    state = State(tmp_path)
    request_id = state.add_request("quang-ninh", "overlay", 5, max_open=3).id
    state.claim()
    seen = []
    for done in (1, 4, 0, 5):           # 0: the journal folded into the manifest at the end
        state.progress(request_id, done, 5)
        seen.append(state.request(request_id).done)
    assert seen == [1, 4, 4, 5]
