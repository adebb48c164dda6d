"""No request costs the desk more than its route's limit: bodies are refused by their
declared length before a byte is read and cut off while they stream; a stranger's body is
never read; uploads go straight to the state folder and stop at 50 MB a take; a take's
duration is read before it is decoded. Memory is the server process's own RSS."""
from __future__ import annotations

import subprocess

import pytest
from deskkit import Server, chunked, free_port, head, push

from pipeline.media.ffmpeg import ffmpeg_exe

MB = 2**20
BOUNDARY = "desk-test-boundary"


@pytest.fixture(scope="module")
def desk(built, tmp_path_factory):
    """A desk of its own whose temporary folder is watched (nothing may be spooled there)."""
    spool = tmp_path_factory.mktemp("spool")
    port = free_port()
    running = Server(built, built / f"limits-state-{port}", port,
                     env={"TMPDIR": str(spool)}).start()
    running.spool = spool
    yield running
    running.stop()


def files_under(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_a_declared_400_mb_json_body_is_413_before_a_byte_is_read(desk):
    with desk.peak_rss() as rss:
        answer = push(desk.port, head("POST", "/api/requests", "authorization: Bearer junk",
                                      "content-type: application/json",
                                      f"content-length: {400 * MB}"), [], timeout_s=5)
    assert answer.status == 413 and answer.sent == 0
    assert b"request body over 64 kB" in answer.answer
    assert rss.grew_mb < 10


def test_a_strangers_chunked_200_mb_body_is_never_read(desk):
    with desk.peak_rss() as rss:
        answer = push(desk.port, head("POST", "/api/requests", "authorization: Bearer junk",
                                      "content-type: application/json",
                                      "transfer-encoding: chunked"),
                      chunked(b"[" * MB, 200), timeout_s=30)
    assert answer.status == 401
    assert rss.grew_mb < 30           # it was 1.2 GB: the body read and parsed


def test_a_signed_in_chunked_body_past_64_kb_is_413(desk):
    token = desk.token("quang-ninh")
    answer = push(desk.port, head("POST", "/api/requests", f"authorization: Bearer {token}",
                                  "content-type: application/json",
                                  "transfer-encoding: chunked"),
                  chunked(b" " * (80 * 1024), 1), timeout_s=10)
    assert answer.status == 413
    assert b"request body over 64 kB" in answer.answer


def upload_head(token: str, *extra: str) -> bytes:
    return head("POST", "/api/takes", f"authorization: Bearer {token}",
                f"content-type: multipart/form-data; boundary={BOUNDARY}", *extra)


def take_part(name: str) -> bytes:
    return (f'--{BOUNDARY}\r\ncontent-disposition: form-data; name="spot"\r\n\r\nshort-spot'
            f'\r\n--{BOUNDARY}\r\ncontent-disposition: form-data; name="files"; '
            f'filename="{name}"\r\ncontent-type: audio/wav\r\n\r\n').encode()


@pytest.mark.parametrize("declared", [False, True])
def test_a_300_mb_take_stops_at_50_mb_and_leaves_nothing_on_disk(desk, declared):
    token = desk.token("quang-ninh")
    blocks = [take_part("01-announcer.wav"), *([b"\0" * MB] * 300)]
    with desk.peak_rss() as rss:
        push_take(desk, token, blocks, declared)   # asserts what the desk answered
    assert files_under(desk.spool) == []
    assert files_under(desk.state / "incoming") == []
    assert rss.grew_mb < 30


def push_take(desk, token: str, blocks: list[bytes], declared: bool):
    if declared:     # the length is honest but over the upload's 200 MB: refused at once
        answer = push(desk.port, upload_head(token, f"content-length: {300 * MB + 200}"), [])
        assert answer.status == 413 and answer.sent == 0
    else:
        answer = push(desk.port, upload_head(token, "transfer-encoding: chunked"),
                      (b"%x\r\n%s\r\n" % (len(b), b) for b in blocks))
        # The desk stops reading past 50 MB (what it read, plus the sockets' buffers).
        assert answer.status in (413, None) and answer.sent < 80 * MB
        if answer.status == 413:
            assert b"01-announcer.wav" in answer.answer and b"over 50 MB" in answer.answer
    return answer


def test_an_upload_just_over_50_mb_is_413_naming_the_file(desk):
    token = desk.token("quang-ninh")
    body = take_part("01-announcer.wav") + b"\0" * (50 * MB + 1) + f"\r\n--{BOUNDARY}--\r\n" \
        .encode()
    answer = push(desk.port, upload_head(token, f"content-length: {len(body)}"),
                  [body[i:i + MB] for i in range(0, len(body), MB)])
    assert answer.status in (413, None)
    if answer.status == 413:
        assert b"01-announcer.wav: " in answer.answer
    assert files_under(desk.state / "incoming") == []


def test_forty_minutes_of_silence_in_a_small_flac_is_refused_by_its_duration(desk, tmp_path):
    import httpx

    bomb = tmp_path / "01-announcer.flac"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    "anullsrc=r=48000:cl=stereo", "-t", "2400", "-c:a", "flac", str(bomb)],
                   check=True)
    assert bomb.stat().st_size < 3 * MB          # 40 min x 48 kHz x 2 decoded: 880 MB
    headers = {"authorization": f"Bearer {desk.token('quang-ninh')}"}
    with httpx.Client(base_url=desk.url, timeout=60, headers=headers) as client:
        warm = client.post("/api/takes", data={"spot": "short-spot"},
                           files=[("files", ("01-announcer.wav", b"RIFF", "audio/wav"))])
        assert warm.status_code == 422
        with desk.peak_rss() as rss:
            answer = client.post("/api/takes", data={"spot": "short-spot"}, files=[
                ("files", (bomb.name, bomb.read_bytes(), "audio/flac"))])
    assert answer.status_code == 422
    (refused,) = answer.json()["files"]
    assert "2400.0 s long" in refused["reason"]
    assert rss.grew_mb < 30
    assert files_under(desk.state / "incoming") == []


def test_a_take_that_meets_a_full_disk_is_507_and_leaves_nothing_behind(built, tmp_path):
    import httpx
    import psutil

    desk = Server(built, built / f"full-state-{tmp_path.name}", free_port()).start()
    try:
        token = desk.token("quang-ninh")
        # No file of the desk's may grow past 1 MB from now on: a write past it fails as
        # on a full disk (EFBIG; Python ignores SIGXFSZ).
        psutil.Process(desk.process.pid).rlimit(psutil.RLIMIT_FSIZE, (MB, MB))
        with httpx.Client(base_url=desk.url, timeout=30,
                          headers={"authorization": f"Bearer {token}"}) as client:
            answer = client.post("/api/takes", data={"spot": "short-spot"}, files=[
                ("files", ("01-announcer.wav", b"\0" * (3 * MB), "audio/wav"))])
            listed = client.get("/api/assets")
    finally:
        desk.stop()
    assert answer.status_code == 507
    assert "disk is full" in answer.json()["detail"] and "\n" not in answer.json()["detail"]
    assert listed.status_code == 200 and listed.json()["assets"]
    assert files_under(desk.state / "incoming") == []
