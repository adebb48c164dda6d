"""Radio fixtures: the stage registered, a TTS cache per test, tiny spots, a stand-in for
Google's TTS endpoint on 127.0.0.1, and helpers that decode and measure written files."""
from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest
from scipy import signal

from pipeline.build.plan import Selection, plan
from pipeline.media.ffmpeg import encode_mp3
from pipeline.spec.load import load_specs
from pipeline.stages import STAGES, register
from pipeline.stages.radio import STAGE
from pipeline.stages.radio.voices import reset_voices


@pytest.fixture(autouse=True)
def radio_stage(tmp_path_factory, monkeypatch):
    """The radio stage registered as builtin.py will; a fresh TTS cache, no proxy."""
    had = "radio" in STAGES
    register(STAGE)
    monkeypatch.setenv("CAMPAIGN_TTS_CACHE", str(tmp_path_factory.mktemp("tts-cache")))
    monkeypatch.delenv("CAMPAIGN_GTTS_URL", raising=False)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    reset_voices()
    yield STAGE
    reset_voices()
    if not had:
        STAGES.pop("radio", None)


def write_spot(project, product_id: str, script: str, *, header: str = "",
               localize: str = "[quang-ninh]", max_seconds: float = 30) -> Path:
    """A radio spec: `script` is the YAML list under `script:` (indented two spaces)."""
    return project.write(
        f"specs/radios/{product_id}.yaml",
        f"kind: radio\nid: {product_id}\ntitle: \"Thử nghiệm {product_id}\"\n"
        f"max_seconds: {max_seconds}\nlocalize: {localize}\nlanguages: [vi]\n{header}"
        f"script:\n{script}")


def job_for(project, product_id: str, province: str | None = "quang-ninh"):
    specs = load_specs(project.specs)
    selection = Selection(kinds=("radio",), products=(product_id,),
                          provinces=(province,) if province else ())
    (job,) = plan(specs, selection)
    return job


# ---- measuring --------------------------------------------------------------------------

def band_rms_db(samples: np.ndarray, rate: int, low: float = 300, high: float = 3400) -> float:
    """RMS level in dBFS of the speech band (telephone band, 300-3400 Hz)."""
    if samples.size == 0:
        return -200.0
    sos = signal.butter(4, [low, high], "bandpass", fs=rate, output="sos")
    band = signal.sosfilt(sos, samples.astype(np.float64))
    return 20 * np.log10(np.sqrt(np.mean(band ** 2)) + 1e-12)


def rms_db(samples: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.asarray(samples, np.float64) ** 2)) + 1e-12)


# ---- a stand-in for translate.google.<tld>/_/TranslateWebserverUi/data/batchexecute ----

def tiny_mp3(seconds: float = 0.4, freq: float = 440.0) -> bytes:
    rate = 24000
    t = np.arange(int(seconds * rate)) / rate
    tone = 0.3 * np.sin(2 * np.pi * freq * t) * np.hanning(t.size)
    return encode_mp3(tone.astype(np.float32), rate, bitrate_kbps=32, out_rate_hz=rate)


def batchexecute_answer(mp3: bytes) -> bytes:
    """The body shape gTTS parses: a line with jQ1olc and the base64 MP3 in escaped JSON."""
    audio = base64.b64encode(mp3).decode("ascii")
    line = json.dumps([["wrb.fr", "jQ1olc", json.dumps([audio]), None, None, None,
                        "generic"]], separators=(",", ":"))
    return f")]}}'\n\n{len(line)}\n{line}\n".encode()


@dataclass
class FakeGoogle:
    """Answers POSTs in order from `script` ('ok', 429, 503, or ('sleep', s)); then 'ok'."""
    url: str = ""
    script: list = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    mp3: bytes = b""


@pytest.fixture
def fake_google():
    state = FakeGoogle(mp3=tiny_mp3())
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):   # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            request = urllib.parse.parse_qs(body)["f.req"][0]
            text = json.loads(json.loads(request)[0][0][1])[0]
            with lock:
                state.texts.append(text)
                step = state.script.pop(0) if state.script else "ok"
            if isinstance(step, tuple) and step[0] == "sleep":
                time.sleep(step[1])
                step = "ok"
            status = 200 if step == "ok" else int(step)
            state.statuses.append(status)
            payload = batchexecute_answer(state.mp3) if status == 200 else b"busy"
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            try:
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = (f"http://127.0.0.1:{server.server_address[1]}"
                 "/_/TranslateWebserverUi/data/batchexecute")
    yield state
    server.shutdown()
    server.server_close()


class RadioHelpers:
    """The helpers above, as a fixture (test modules cannot import this conftest by name)."""
    write_spot = staticmethod(write_spot)
    job_for = staticmethod(job_for)
    band_rms_db = staticmethod(band_rms_db)
    rms_db = staticmethod(rms_db)
    tiny_mp3 = staticmethod(tiny_mp3)


@pytest.fixture(scope="session")
def radio():
    return RadioHelpers
