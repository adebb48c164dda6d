"""Recorded takes over HTTP: checked on upload, refused with a reason, and the spot
remastered with the province's voice at -16 LUFS, never above -1 dBTP."""
from __future__ import annotations

import json

import numpy as np
import pytest
from deskkit import wait_for

from pipeline.media.audio import integrated_lufs, true_peak_dbtp, wav_bytes
from pipeline.media.ffmpeg import decode_audio


def tone(seconds: float, rate: int, amplitude: float) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return wav_bytes((amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate)


@pytest.mark.parametrize("name, data, reason", [
    ("01-announcer.wav", tone(2.0, 8000, 0.3), "sample rate 8000 Hz"),
    ("01-announcer.wav", tone(2.0, 44100, 1.4), "clipped"),
    ("01-announcer.wav", tone(2.0, 44100, 0.0), "silent"),
    ("01-announcer.wav", tone(0.2, 44100, 0.3), "0.2 s long"),
    ("01-announcer.wav", tone(30.0, 44100, 0.3), "30.0 s long"),
    ("02-announcer.wav", tone(2.0, 44100, 0.3), "the script's takes are named 01-announcer"),
    ("01-announcer.txt", b"not audio", "only WAV, FLAC or MP3"),
    ("01-announcer.mp3", b"not audio at all" * 100, "not an audio file"),
])
def test_a_take_that_cannot_be_used_is_refused_with_its_reason(server, name, data, reason):
    with server.client("da-nang") as client:
        answer = client.post("/api/takes", data={"spot": "short-spot"},
                             files=[("files", (name, data, "audio/wav"))])
    assert answer.status_code == 422
    (refused,) = answer.json()["files"]
    assert refused["status"] == "refused" and reason in refused["reason"]


def test_an_unknown_spot_names_the_close_one(server):
    with server.client("da-nang") as client:
        answer = client.post("/api/takes", data={"spot": "short-spto"},
                             files=[("files", ("01-announcer.wav", b"x", "audio/wav"))])
    assert answer.status_code == 422
    assert "did you mean 'short-spot'" in answer.json()["detail"]


def test_an_accepted_take_remasters_the_spot_for_that_province_only(server, spoken_take):
    with server.client("quang-ninh") as client:
        take = ("01-announcer.wav", spoken_take.read_bytes(), "audio/wav")
        answer = client.post("/api/takes", data={"spot": "short-spot"}, files=[("files", take)])
        assert answer.status_code == 202, answer.text
        assert answer.json()["files"][0]["status"] == "accepted"
        info = wait_for(client, answer.json()["request"]["id"], 120)
        assert info["status"] == "done", info
        mp3 = next(f for f in info["files"] if f["path"].endswith(".mp3"))
        data = client.get(mp3["url"]).content
    manifest_out = server.state / "requests" / str(info["id"]) / "out"
    assert (server.state / "takes/short-spot/quang-ninh/01-announcer.wav").is_file()
    path = manifest_out / mp3["path"]
    assert path.read_bytes() == data
    samples = decode_audio(path, 44100)
    assert integrated_lufs(samples, 44100) == pytest.approx(-16, abs=0.7)
    assert true_peak_dbtp(samples, 44100) <= -1.0 + 0.1
    entry = next(e for e in json.loads((manifest_out / "manifest.json").read_text())["assets"]
                 if e["path"] == mp3["path"])
    assert entry["media"]["backend"] == "recorded"
    with server.client("quang-ninh") as client:
        upload = client.get("/api/takes").json()["uploads"][0]
    assert (upload["name"], upload["status"]) == ("01-announcer.wav", "accepted")
    with server.client("da-nang") as other:
        assert other.get(mp3["url"]).status_code == 404
        assert other.get(f"/api/takes/{upload['id']}").status_code == 404
        assert upload["id"] not in {u["id"] for u in other.get("/api/takes").json()["uploads"]}
    with server.client("quang-ninh") as client:
        assert client.get(f"/api/takes/{upload['id']}").json()["spot"] == "short-spot"
