"""No well-formed HTTP request makes the desk answer 5xx: methods, paths from the desk's own
routes with random segments, query strings, headers (sign-ins good and bad, cookies, CSRF
and range headers) and bodies (bytes, JSON, request-shaped JSON, forms, multipart), sent
to the real server. Bounded in examples; each from its own loopback address, so failed
sign-ins throttle only that example's address."""
from __future__ import annotations

import json
import re
import string
from urllib.parse import quote

import httpx
import pytest
from deskkit import Server, free_port
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.desk import routes_api, routes_pages, routes_takes

ROUTES = sorted({(route.path, method) for module in (routes_api, routes_pages, routes_takes)
                 for route in module.router.routes for method in route.methods})
PARAM = re.compile(r"\{(\w+)(:path)?\}")
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
PRINTABLE = st.text(alphabet=string.printable.strip("\r\n\x0b\x0c") + " ", max_size=60)
TEXT = st.text(max_size=40)
# What a cookie may carry on the wire: visible ASCII and Latin-1 (a browser sends UTF-8
# bytes, which the server reads as Latin-1).
COOKIE_TEXT = st.text(alphabet=[chr(c) for c in [*range(0x21, 0x7f), *range(0xa0, 0x100)]
                                if chr(c) not in ';"\\'], max_size=30)
EDGE_IDS = st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 10**30, 0, -1]).map(str)
ENCODED = st.sampled_from(["..", "%2e%2e", "%2f", "%00", "%ff", "%c3%a9", "1", "0", "-1",
                           str(2**63), str(10**30), "banners/quang-ninh/x.pdf",
                           "manifest.json", "cancel", "rebuild", "zip", "events"])


@st.composite
def paths(draw) -> tuple[str, str]:
    route, method = draw(st.sampled_from(ROUTES))
    method = draw(st.sampled_from([method, method, *METHODS]))

    def value(match: re.Match) -> str:
        raw = draw(st.one_of(ENCODED, EDGE_IDS, st.integers(-2**70, 2**70).map(str),
                             TEXT.map(lambda t: quote(t, safe="/" if match.group(2) else ""))))
        return raw or "x"

    return method, PARAM.sub(value, route)


def request_like() -> st.SearchStrategy:
    number = st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                       TEXT, st.none())
    size = st.fixed_dictionaries({}, optional={
        "width_mm": number, "height_mm": number, "view_m": number, "extra": number})
    return st.fixed_dictionaries({}, optional={
        "office": st.one_of(TEXT, number), "phone": TEXT, "address": TEXT,
        "products": st.lists(st.one_of(st.sampled_from(["contribute-today", "short-spot"]),
                                       TEXT), max_size=4),
        "sizes": st.lists(st.one_of(st.sampled_from(["poster-a3", "poster-a4"]), TEXT),
                          max_size=3),
        "custom_sizes": st.lists(size, max_size=3), "province": TEXT, "spot": TEXT})


def multipart(fields: list[tuple[str, str, bytes | None]]) -> bytes:
    out = b""
    for name, filename, data in fields:
        disposition = f'form-data; name="{name}"' + (
            f'; filename="{filename}"' if data is not None else "")
        out += (f"--b\r\ncontent-disposition: {disposition}\r\n\r\n".encode()
                + (data if data is not None else filename.encode()) + b"\r\n")
    return out + b"--b--\r\n"


BODIES = st.one_of(
    st.none(), st.binary(max_size=2000),
    request_like().map(lambda d: json.dumps(d).encode()),
    st.recursive(st.one_of(st.none(), st.booleans(), st.floats(), TEXT),
                 lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)
    .map(lambda d: json.dumps(d).encode()),
    st.dictionaries(st.sampled_from(["office", "products", "sizes", "custom_width_mm",
                                     "custom_view_m", "token", "spot"]), TEXT)
    .map(lambda d: "&".join(f"{quote(k)}={quote(v)}" for k, v in d.items()).encode()),
    st.lists(st.tuples(st.sampled_from(["spot", "files", "office", "token"]), TEXT,
                       st.one_of(st.none(), st.binary(max_size=200))), max_size=3)
    .map(multipart))
CONTENT_TYPES = st.sampled_from([None, "application/json", "multipart/form-data; boundary=b",
                                 "application/x-www-form-urlencoded", "multipart/form-data",
                                 "text/plain", "application/json; charset=latin-1"])


@pytest.fixture(scope="module")
def desk(built):
    port = free_port()
    running = Server(built, built / f"property-state-{port}", port).start()
    login = httpx.get(running.url + "/login", params={"token": running.token("quang-ninh")},
                      headers={"sec-fetch-site": "none"})
    running.signed = {"province": running.token("quang-ninh"),
                      "team": running.token("*", admin=True),
                      "cookie": login.cookies["desk_session"]}
    yield running
    running.stop()


@settings(max_examples=250, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=paths(), query=st.dictionaries(st.one_of(st.sampled_from(["kind", "token"]),
                                                     TEXT), TEXT, max_size=3),
       sign_in=st.sampled_from(["none", "province", "province", "team", "cookie", "cookie",
                                "junk bearer", "junk cookie", "dotted cookie"]),
       junk=PRINTABLE, cookie=COOKIE_TEXT, content_type=CONTENT_TYPES, body=BODIES,
       site=st.sampled_from([None, "same-origin", "cross-site", "none", "same-site"]),
       ranges=st.sampled_from([None, "bytes=0-10", "bytes=-5", "bytes=x", "bytes=9-2"]),
       extra=st.tuples(st.from_regex(r"\Ax-[a-z]{1,12}\Z"), PRINTABLE),
       address=st.integers(2, 254))
def test_no_well_formed_request_makes_the_desk_answer_5xx(desk, path, query, sign_in, junk,
                                                          cookie, content_type, body, site,
                                                          ranges, extra, address):
    method, target = path
    headers = {extra[0]: extra[1].strip()}
    if sign_in in ("province", "team"):
        headers["authorization"] = f"Bearer {desk.signed[sign_in]}"
    elif sign_in == "junk bearer":
        headers["authorization"] = f"Bearer {junk}"
    elif sign_in == "cookie":
        headers["cookie"] = f"desk_session={desk.signed['cookie']}"
    elif sign_in == "junk cookie":
        headers["cookie"] = f"desk_session={cookie}".encode("latin-1")
    elif sign_in == "dotted cookie":           # shaped like a session: id.issued.mac
        headers["cookie"] = f"desk_session=1.{cookie}".encode("latin-1")
    for name, value in (("content-type", content_type), ("sec-fetch-site", site),
                        ("range", ranges)):
        if value is not None:
            headers[name] = value
    headers = {name: value.strip() for name, value in headers.items()}   # as HTTP has it
    transport = httpx.HTTPTransport(local_address=f"127.0.0.{address}")
    with httpx.Client(base_url=desk.url, transport=transport, timeout=20) as client:
        request = client.build_request(method, httpx.URL(desk.url + target), params=query,
                                       headers=headers, content=body)
        answer = client.send(request, stream=True)
        answer.close()
    assert answer.status_code < 500, (method, target, answer.status_code)
