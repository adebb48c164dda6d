"""Same-origin for state-changing browser requests (CSRF): `Sec-Fetch-Site`, with an
`Origin` fallback. A bearer-token call carries no cookie and is exempt: a page on another
site cannot make the browser send a bearer token."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_SAME = {"same-origin", "none"}       # 'none': typed in the address bar, a bookmark


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def same_origin(headers: dict[str, str], scheme: str) -> bool:
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in _SAME
    origin = headers.get("origin")
    if not origin or origin == "null":
        return False
    parts = urlsplit(origin)
    return parts.netloc == headers.get("host", "") and parts.scheme == scheme


def bearer_only(headers: dict[str, str], cookie: str) -> bool:
    has_bearer = headers.get("authorization", "")[:7].lower() == "bearer "
    return has_bearer and f"{cookie}=" not in headers.get("cookie", "")


class SameOrigin:
    """ASGI middleware: a cross-origin POST from a browser is 403 before any route runs."""

    def __init__(self, app, cookie: str):
        self.app = app
        self.cookie = cookie

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        if bearer_only(headers, self.cookie) or same_origin(headers, scope.get("scheme", "http")):
            return await self.app(scope, receive, send)
        body = json.dumps({"detail": "yêu cầu từ trang khác bị từ chối / cross-origin "
                                     "request refused"}, ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


# Only the desk's own scripts, styles and media; no framing; the sign-in link's token
# never leaves in a Referer header.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; "
                                 b"style-src 'self'; img-src 'self'; media-src 'self'; "
                                 b"object-src 'none'; frame-ancestors 'none'; "
                                 b"base-uri 'none'; form-action 'self'"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
]


class SecurityHeaders:
    """ASGI middleware: the headers above on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                present = {name.lower() for name, _ in headers}
                message = {**message, "headers": [
                    *headers, *(h for h in SECURITY_HEADERS if h[0] not in present)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
