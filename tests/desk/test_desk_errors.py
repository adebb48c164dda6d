"""Inputs that used to be 500s answer 4xx; a full disk is 507 while reads go on; the 500
that remains carries the security headers; sign-in: the confirm step against login CSRF,
sessions ending after 30 days, failures throttled and logged; a progress stream ends with
its province's sign-in; half-sent requests are let go."""
from __future__ import annotations

import json
import socket
import sqlite3
import time

import httpx
import pytest
from deskkit import Server, free_port, head, push
from fastapi.testclient import TestClient
from test_desk_http import OPENED, QUANG_YEN

from pipeline.desk.app import create_app
from pipeline.desk.lock import DispatchLock
from pipeline.desk.protocol import HEADER_TIMEOUT_S
from pipeline.desk.state import State
from pipeline.desk.throttle import LIMIT
from pipeline.desk.tokens import SESSION_S, new_token, sign, token_hash

SAME = {"sec-fetch-site": "same-origin"}
BEYOND = [2**63, 10**30, -1, 0]
ID_ROUTES = [("GET", "/requests/{}/files/x.pdf"), ("GET", "/api/requests/{}/zip"),
             ("GET", "/api/requests/{}"), ("POST", "/api/requests/{}/cancel"),
             ("GET", "/api/requests/{}/events"), ("GET", "/fragments/requests/{}"),
             ("POST", "/fragments/requests/{}/cancel"), ("GET", "/api/takes/{}")]


def browser(server: Server, province: str) -> httpx.Client:
    """A signed-in browser: the session cookie from the province's link."""
    login = httpx.get(server.url + "/login", params={"token": server.token(province)},
                      headers=OPENED)
    assert login.status_code == 200
    return httpx.Client(base_url=server.url, timeout=30, cookies=login.cookies)


@pytest.mark.parametrize("cookie", ["é", "²³.1.x", "1.²", "٣.1.ab", "1." + "9" * 40])
def test_a_strange_session_cookie_is_not_a_sign_in_and_not_a_500(server, cookie):
    raw = f"desk_session={cookie}".encode()
    for path in ("/", "/api/assets", "/fragments/requests/1"):
        answer = httpx.get(server.url + path, headers={"cookie": raw})
        assert answer.status_code in (401, 404), (path, answer.status_code)


@pytest.mark.parametrize("method, route", ID_ROUTES)
def test_ids_beyond_sqlites_range_are_404(server, method, route):
    with browser(server, "quang-ninh") as client:
        client.headers.update({"authorization": f"Bearer {server.token('quang-ninh')}",
                               **SAME})
        for request_id in BEYOND:
            answer = client.request(method, route.format(request_id))
            assert answer.status_code == 404, (route, request_id, answer.text)


@pytest.mark.parametrize("form, field, says", [
    ({"office": ("office.txt", b"x", "text/plain")}, "office", "expected text, not a file"),
    ({"office": "x" * 2001}, "office", "at most 2000 characters"),
    ({"products": ["contribute-today"] * 51}, "products", "at most 50 items"),
])
def test_a_form_that_is_not_a_request_is_422_naming_the_field(server, form, field, says):
    texts = {k: v for k, v in form.items() if not isinstance(v, tuple)}
    files = {k: v for k, v in form.items() if isinstance(v, tuple)}
    with browser(server, "quang-ninh") as client:
        answer = client.post("/requests", data={"products": "contribute-today", **texts},
                             files=files or None, headers=SAME)
    assert answer.status_code == 422
    assert f'id="error-{field}">' in answer.text and says in answer.text


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_or_infinity_in_a_custom_size_is_422(server, value):
    body = json.dumps({"office": QUANG_YEN, "products": ["contribute-today"],      # NaN,
                       "custom_sizes": [{"width_mm": 3000, "height_mm": 700,      # as JS
                                         "view_m": float(value)}]})               # writes
    assert value in body
    with server.client("quang-ninh") as client:
        answer = client.post("/api/requests", content=body.encode(),
                             headers={"content-type": "application/json"})
        form = browser(server, "quang-ninh").post("/requests", headers=SAME, data={
            "office": QUANG_YEN, "products": "contribute-today", "custom_width_mm": "3000",
            "custom_height_mm": "700", "custom_view_m": value.lower()})
    assert answer.status_code == 422
    assert answer.json()["errors"]["custom_sizes"].startswith("custom_sizes[0].view_m: ")
    assert form.status_code == 422


class FullDisk(State):
    """The desk's database on a disk with no room left: SQLite's own 'database or disk is
    full' on every write that needs a page, reads as usual."""

    def connect(self) -> sqlite3.Connection:
        db = super().connect()
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    def fill(self) -> None:
        db = self.connect()
        for size in (4000, 400, 40, 4):
            try:
                while True:
                    db.execute("INSERT INTO audit (at, who, action, detail) VALUES "
                               "('', '', '', ?)", ("x" * size,))
            except sqlite3.OperationalError as exc:
                assert exc.sqlite_errorcode == sqlite3.SQLITE_FULL


def test_a_full_disk_is_507_at_sign_in_and_submit_and_reads_go_on(built, tmp_path,
                                                                  builtin_stages):
    app = create_app(built / "output", tmp_path / "state", built / "specs", dispatch=False)
    state = State(tmp_path / "state")
    token = new_token(state, "quang-ninh")
    full = FullDisk(tmp_path / "state")
    full.fill()
    app.state.desk.state = full
    with TestClient(app, raise_server_exceptions=False) as client:
        login = client.get(f"/login?token={token}", headers=OPENED)
        bearer = {"authorization": f"Bearer {token}"}
        posted = client.post("/api/requests", headers=bearer, json={
            "office": QUANG_YEN, "products": ["contribute-today"], "sizes": ["poster-a3"]})
        listed = client.get("/api/assets", headers=bearer)
        requests = client.get("/api/requests", headers=bearer)
    for answer in (login, posted):
        assert answer.status_code == 507
        assert "\n" not in answer.json()["detail"]
        assert "disk is full" in answer.json()["detail"]
    assert listed.status_code == 200 and listed.json()["assets"]
    assert requests.status_code == 200


def test_a_500_carries_the_security_headers(built, tmp_path, builtin_stages):
    app = create_app(built / "output", tmp_path / "state", built / "specs", dispatch=False)

    def broken():
        raise RuntimeError("a bug")

    app.add_api_route("/broken", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/broken")
    assert answer.status_code == 500
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "a bug" not in answer.text


def test_a_link_from_another_site_asks_before_it_replaces_a_session(server):
    theirs = server.token("da-nang")
    with browser(server, "quang-ninh") as client:
        for headers in ({"sec-fetch-site": "cross-site"}, {}):
            confirm = client.get("/login", params={"token": theirs}, headers=headers)
            assert confirm.status_code == 200 and "set-cookie" not in confirm.headers
            assert 'action="/login"' in confirm.text and "của Thành phố Đà Nẵng" in confirm.text
        assert "Quảng Ninh" in client.get("/").text         # still signed in as before
        cross = client.post("/login", data={"token": theirs},
                            headers={"sec-fetch-site": "cross-site"})
        assert cross.status_code == 403
        confirmed = client.post("/login", data={"token": theirs}, headers=SAME)
        assert confirmed.status_code == 200 and "set-cookie" in confirmed.headers
        assert "Đà Nẵng" in client.get("/").text


def test_a_session_ends_on_the_server_after_30_days(server):
    token = server.token("quang-ninh")
    key = (server.state / "session.key").read_bytes()
    token_id = State(server.state).token_by_hash(token_hash(token)).id
    now = int(time.time())
    for age_s, status in ((SESSION_S - 3600, 200), (SESSION_S + 3600, 401),
                          (-86400, 401)):                  # from the future: forged
        cookie = sign(key, token_id, now - age_s)
        answer = httpx.get(server.url + "/", cookies={"desk_session": cookie})
        assert answer.status_code == status, age_s
    assert httpx.get(server.url + "/", cookies={"desk_session": f"{token_id}.x"}
                     ).status_code == 401


def test_a_progress_stream_ends_when_its_province_is_revoked(built, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    held = DispatchLock(state)              # no desk builds: the request stays queued
    assert held.try_take()
    desk = Server(built, state, free_port()).start()
    try:
        team = desk.token("*", admin=True)
        body = {"office": QUANG_YEN, "products": ["contribute-today"],
                "province": "quang-ninh"}
        request_id = httpx.post(desk.url + "/api/requests", json=body, headers={
            "authorization": f"Bearer {team}"}).json()["id"]
        events = []
        with httpx.stream("GET", f"{desk.url}/api/requests/{request_id}/events",
                          headers={"authorization": f"Bearer {team}"}, timeout=10) as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    events.append(json.loads(line[6:]))
                    if len(events) == 1:
                        State(state).revoke("*")
        assert events[0]["status"] == "queued"
        assert events[-1] == {"status": "signed-out"}
    finally:
        desk.stop()
        held.release()


def test_500_half_sent_requests_do_not_hold_the_desk(server):
    sockets = []
    try:
        for _ in range(500):
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ")
            sockets.append(sock)
        start = time.monotonic()
        assert httpx.get(server.url + "/healthz", timeout=5).status_code == 200
        assert time.monotonic() - start < 2
        time.sleep(HEADER_TIMEOUT_S + 2)
        closed = 0
        for sock in sockets:
            sock.settimeout(2)
            try:
                data = sock.recv(4096)
                closed += data == b"" or data.startswith(b"HTTP/1.1 408")
            except (ConnectionResetError, TimeoutError):
                closed += 0
        assert closed == 500
    finally:
        for sock in sockets:
            sock.close()


def test_failed_sign_ins_are_throttled_and_logged(built, tmp_path):
    desk = Server(built, tmp_path / "state", free_port()).start()
    try:
        answers = [httpx.get(desk.url + "/api/assets",
                             headers={"authorization": f"Bearer guess-{i}"}).status_code
                   for i in range(LIMIT)]
        throttled = httpx.get(desk.url + "/login", params={"token": "guess"})
        right = httpx.get(desk.url + "/api/assets",
                          headers={"authorization": f"Bearer {desk.token('quang-ninh')}"})
        raw = push(desk.port, head("GET", "/api/assets", "authorization: Bearer x"), [])
    finally:
        desk.stop()
    assert answers == [401] * LIMIT
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0
    assert right.status_code == 429                    # no oracle for a right guess
    assert raw.status == 429
    refused = [row for row in State(tmp_path / "state").audit_log()
               if row[2] == "sign-in refused"]
    assert len(refused) == LIMIT and refused[0][3] == "127.0.0.1 by bearer token"
