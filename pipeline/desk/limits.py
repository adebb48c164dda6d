"""How much of a request body each route may cost the desk, enforced before and while it is
read: a declared `Content-Length` over the limit is 413 before a byte is read, a chunked
body is cut off with 413 the moment it passes the limit."""
from __future__ import annotations

import json

from fastapi import HTTPException

from .takes import MAX_UPLOAD_BYTES

REQUEST_BYTES = 64 * 1024      # a request as JSON or a form is a few kB; generous
SMALL_BYTES = 8 * 1024         # a button's post, a confirm, what no route reads
# (method, path or prefix ending in '/'): the limit; any other route gets SMALL_BYTES.
LIMITS = {("POST", "/api/requests"): REQUEST_BYTES, ("POST", "/requests"): REQUEST_BYTES,
          ("POST", "/login"): SMALL_BYTES, ("POST", "/api/takes"): MAX_UPLOAD_BYTES,
          ("POST", "/takes"): MAX_UPLOAD_BYTES}


def limit_of(method: str, path: str) -> int:
    return LIMITS.get((method, path.rstrip("/") or "/"), SMALL_BYTES)


def too_large(limit: int) -> str:
    shown = f"{limit // 2**20} MB" if limit >= 2**20 else f"{limit // 1024} kB"
    return f"nội dung quá {shown} / request body over {shown}"


class BodyLimit:
    """ASGI middleware: every body within its route's limit (LIMITS)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = limit_of(scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _refuse(send, limit)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, too_large(limit), headers={"connection": "close"})
            return message

        await self.app(scope, limited, send)


async def _refuse(send, limit: int) -> None:
    body = json.dumps({"detail": too_large(limit)}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
