"""The desk tests' kit: a tiny campaign built once (a banner, a radio spot, a clip for two
provinces), and the real server started on 127.0.0.1 as `campaign serve` starts it."""
from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from helpers import CAMPAIGN, PROVINCES, ROOT

from pipeline.desk.state import State
from pipeline.desk.tokens import new_token

OFFICES = """\
slug,office,phone,address
quang-ninh,Bảo hiểm xã hội tỉnh Quảng Ninh,0203 000 0001,
da-nang,Bảo hiểm xã hội thành phố Đà Nẵng,0236 000 0002,
"""
BANNER = """\
kind: banner
id: contribute-today
text: {vi: "Đóng góp hôm nay, an tâm tương lai"}
upper: true
sizes: [poster-a3, social-1080x1080]
localize: [quang-ninh, da-nang]
languages: [vi]
"""
NATIONAL_BANNER = """\
kind: banner
id: for-everyone
text: {vi: "An sinh cho mọi nhà"}
sizes: [social-1080x1080]
localize: none
languages: [vi]
"""
RADIO = """\
kind: radio
id: short-spot
title: "Bản tin ngắn"
max_seconds: 20
jingle: none
opening: none
closing: none
closing_hotline: none
script:
  - say: "Đóng góp hôm nay, an tâm tương lai."
localize: [quang-ninh]
languages: [vi]
"""
CLIP = """\
kind: clip
id: endcard
fps: 25
captions: sidecar
scenes:
  - type: title
    duration: 1
  - type: endcard
    duration: 1
sizes: [clip-1080x1080]
localize: [quang-ninh]
languages: [vi]
"""


def write_project(root: Path) -> Path:
    files = {"specs/campaign.yaml": CAMPAIGN, "data/provinces.csv": PROVINCES,
             "data/offices.csv": OFFICES, "specs/banners/contribute-today.yaml": BANNER,
             "specs/banners/for-everyone.yaml": NATIONAL_BANNER,
             "specs/radios/short-spot.yaml": RADIO, "specs/clips/endcard.yaml": CLIP}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "assets/lexicon", root / "assets/lexicon")    # the project's own
    return root


def campaign(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, check=check,
                          capture_output=True, text=True)


WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The tiny campaign, built into <project>/output once for the whole run: the first
    xdist worker builds it, the other waits on the lock and reads it."""
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if WORKER != "main" else shared
    root = shared / "desk-project"
    with open(shared / "desk-project.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "output" / "manifest.json").is_file():
            root.mkdir(exist_ok=True)
            write_project(root)
            campaign("build", "specs", "--out", "output", "-j", "2", cwd=root)
    return root


@pytest.fixture(scope="session")
def spoken_take(tmp_path_factory, built) -> Path:
    """A reading of the radio spot's one line, as a radio team would record it."""
    path = tmp_path_factory.mktemp("take") / "01-announcer.wav"
    campaign("say", "Đóng góp hôm nay, an tâm tương lai.", "--to", str(path), cwd=built)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    root: Path
    state: Path
    port: int
    out: str = "output"
    specs: str = "specs"
    process: subprocess.Popen | None = None
    env: dict[str, str] | None = None

    @property
    def log(self) -> Path:
        """The server's own messages (a pipe nobody reads would stall it when full)."""
        return self.state.parent / f"desk-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "serve", "--port", str(self.port), "--out",
             self.out, "--state", str(self.state), "--specs", self.specs],
            cwd=self.root, stdout=subprocess.DEVNULL, stderr=self.log.open("ab"),
            env={**os.environ, **(self.env or {})})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text(errors="replace"))
            time.sleep(0.1)
        raise RuntimeError("the desk did not answer /healthz in 30 s")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, sig)
            self.process.wait(timeout=20)

    def rss_mb(self) -> float:
        """The server process's own resident memory."""
        import psutil

        return psutil.Process(self.process.pid).memory_info().rss / 2**20

    def peak_rss(self) -> PeakRss:
        """`with desk.peak_rss() as rss:` ...; `rss.grew_mb`: the most the block cost."""
        return PeakRss(self)

    def token(self, province: str, admin: bool = False) -> str:
        return new_token(State(self.state), province, admin=admin)

    def client(self, province: str) -> httpx.Client:
        """A script's client: JSON API with a bearer token, no cookie."""
        return httpx.Client(base_url=self.url, timeout=30,
                            headers={"authorization": f"Bearer {self.token(province)}"})


class PeakRss:
    """The server's RSS sampled every few milliseconds while a block runs: a peak freed
    before the block ends (numpy hands big arrays back at once) still counts."""

    def __init__(self, server: Server):
        self.server = server
        self.grew_mb = 0.0

    def __enter__(self) -> PeakRss:
        import threading

        self._start = self.server.rss_mb()
        self._peak = self._start
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._done.wait(0.005):
            self._peak = max(self._peak, self.server.rss_mb())

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.grew_mb = max(self._peak, self.server.rss_mb()) - self._start


@pytest.fixture(scope="session")
def server(built, tmp_path_factory):
    """One desk for the suite; each test works as its own province or request."""
    running = Server(built, built / f"desk-state-{WORKER}", free_port()).start()
    yield running
    running.stop()


def wait_for(client: httpx.Client, request_id: int, timeout_s: float = 60) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        info = client.get(f"/api/requests/{request_id}").json()
        if info["status"] not in ("queued", "running"):
            return info
        time.sleep(0.2)
    raise AssertionError(f"request {request_id} still {info['status']} after {timeout_s} s")


@dataclass
class Pushed:
    status: int | None       # None: the desk closed the connection before answering
    sent: int                # body bytes sent before the answer (or the close) came
    answer: bytes


def push(port: int, head: bytes, chunks, timeout_s: float = 20) -> Pushed:
    """A request's head, then its body chunk by chunk for as long as the desk reads it,
    as a careless or hostile client sends it (raw socket: no client-side limits)."""
    import select

    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout_s)
    sock.sendall(head)
    sock.setblocking(False)
    chunks, pending, sent, answer = iter(chunks), b"", 0, b""
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline and b"\r\n\r\n" not in answer:
            more = pending or chunks is not None
            readable, writable, _ = select.select([sock], [sock] if more else [], [], 0.5)
            if readable:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
            elif writable:
                if not pending:
                    pending = next(chunks, b"")
                    if not pending:
                        chunks = None
                        continue
                count = sock.send(pending)
                sent, pending = sent + count, pending[count:]
        answer += _rest_of_answer(sock, answer)
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        sock.close()
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None
    return Pushed(status, sent, answer)


def _rest_of_answer(sock: socket.socket, answer: bytes) -> bytes:
    """The answer's body, by its content-length, once its head has come."""
    top, _, body = answer.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in top.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    rest = b""
    sock.settimeout(2)
    while len(body) + len(rest) < length:
        data = sock.recv(65536)
        if not data:
            break
        rest += data
    return rest


def chunked(block: bytes, count: int):
    """`count` chunks of `block` in chunked transfer encoding, then the last chunk."""
    for _ in range(count):
        yield b"%x\r\n%s\r\n" % (len(block), block)
    yield b"0\r\n\r\n"


def head(method: str, path: str, *headers: str) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "host: 127.0.0.1", *headers, "", ""]
    return "\r\n".join(lines).encode("latin-1")
