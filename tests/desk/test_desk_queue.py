"""The queue: at most three open requests a province, claims that never double, and
requests left running by a crash back in the queue."""
from __future__ import annotations

from fastapi.testclient import TestClient

from pipeline.desk.app import create_app
from pipeline.desk.state import State
from pipeline.desk.tokens import new_token, token_hash

REQUEST = {"office": "Bảo hiểm xã hội thị xã Quảng Yên", "products": ["contribute-today"],
           "sizes": ["poster-a3"]}


def test_the_fourth_open_request_is_429_with_when_to_retry(built, tmp_path, builtin_stages):
    app = create_app(built / "output", tmp_path / "state", built / "specs", dispatch=False)
    with TestClient(app) as client:
        state = State(tmp_path / "state")
        mine = {"authorization": f"Bearer {new_token(state, 'quang-ninh')}"}
        theirs = {"authorization": f"Bearer {new_token(state, 'da-nang')}"}
        answers = [client.post("/api/requests", json=REQUEST, headers=mine) for _ in range(4)]
        other = client.post("/api/requests", json=REQUEST, headers=theirs)
        assert [a.status_code for a in answers] == [202, 202, 202, 429]
        assert answers[3].headers["retry-after"] == "60"
        assert "retry in 60 s" in answers[3].json()["detail"]
        assert other.status_code == 202                   # the limit is per province
        first = answers[0].json()["id"]
        assert client.post(f"/api/requests/{first}/cancel", headers=mine).status_code == 200
        assert client.post("/api/requests", json=REQUEST, headers=mine).status_code == 202


def test_claims_are_atomic_and_a_restart_requeues_what_was_running(tmp_path):
    state = State(tmp_path)
    ids = [state.add_request("quang-ninh", "overlay", 1, max_open=3).id for _ in range(2)]
    first, second, none = state.claim(), state.claim(), state.claim()
    assert [first.id, second.id, none] == [ids[0], ids[1], None]
    assert first.status == "running"
    state.finish(first.id, "done")
    assert state.recover() == (1, 0)
    assert [state.request(i).status for i in ids] == ["done", "queued"]
    assert state.claim().id == ids[1]


def test_the_campaign_team_sees_every_request_and_cancels_or_rebuilds(built, tmp_path,
                                                                      builtin_stages):
    app = create_app(built / "output", tmp_path / "state", built / "specs", dispatch=False)
    with TestClient(app) as client:
        state = State(tmp_path / "state")
        team = {"authorization": f"Bearer {new_token(state, '*', admin=True)}"}
        mine = {"authorization": f"Bearer {new_token(state, 'quang-ninh')}"}
        theirs = {"authorization": f"Bearer {new_token(state, 'da-nang')}"}
        first = client.post("/api/requests", json=REQUEST, headers=mine).json()["id"]
        second = client.post("/api/requests", json=REQUEST, headers=theirs).json()["id"]
        listed = client.get("/api/requests", headers=team).json()["requests"]
        assert {(r["id"], r["province"]) for r in listed} == \
            {(first, "quang-ninh"), (second, "da-nang")}
        assert client.post(f"/api/requests/{first}/cancel", headers=team).json()["status"] \
            == "cancelled"
        assert client.post(f"/api/requests/{first}/rebuild", headers=mine).status_code == 404
        assert client.post(f"/api/requests/{first}/rebuild", headers=team).json()["status"] \
            == "queued"
        client.get(f"/login?token={new_token(state, '*', admin=True)}",
                   headers={"sec-fetch-site": "none"})
        page = client.get("/").text
    assert "da-nang" in page and "quang-ninh" in page
    actions = [(who, action) for _, who, action, _ in state.audit_log()]
    assert ("campaign-team", "cancel") in actions and ("campaign-team", "rebuild") in actions
    assert ("quang-ninh", "request") in actions


def test_a_link_carries_a_long_random_token_the_desk_keeps_only_hashed(built, tmp_path):
    from deskkit import campaign

    state = tmp_path / "state"
    printed = campaign("link", "quang-ninh", "--state", str(state), "--base-url",
                       "http://10.0.0.5:8000/", cwd=built).stdout.strip()
    prefix = "http://10.0.0.5:8000/login?token="
    assert printed.startswith(prefix)
    token = printed[len(prefix):]
    assert len(token) >= 43                                # 256 bits, url-safe base64
    stored = b"".join(p.read_bytes() for p in state.iterdir() if p.is_file())
    assert token.encode() not in stored
    assert State(state).token_by_hash(token_hash(token)).province == "quang-ninh"
    typo = campaign("link", "quang-nin", "--state", str(state), cwd=built, check=False)
    assert typo.returncode == 2
    assert "unknown province 'quang-nin'; did you mean 'quang-ninh'?" in typo.stderr
