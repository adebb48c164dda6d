"""What the desk answers when its machine, not the request, is the problem: a full disk is
507 and a busy database 503, in one line, while reads go on; anything else unforeseen is
a 500 that still carries the security headers (it is answered outside their middleware)."""
from __future__ import annotations

import errno
import logging
import sqlite3

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .guard import SECURITY_HEADERS

log = logging.getLogger("pipeline.desk")
DISK_FULL = ("ổ đĩa của bàn làm việc đã đầy; vẫn xem và tải được, chưa ghi được / the "
             "desk's disk is full: reading works, writing does not until space is freed")
BUSY = "bàn làm việc đang bận; thử lại sau ít giây / the desk is busy; retry in a few seconds"
STORAGE = ("bàn làm việc không ghi được vào ổ đĩa; thử lại sau / the desk could not write "
           "to its disk; retry later")
BUSY_RETRY_S = 5
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_SQLITE_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def _answer(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def database_error(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
    code = getattr(exc, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL:
        log.error("desk: %s %s: %s", request.method, request.url.path, exc)
        return _answer(507, DISK_FULL)
    if code in _SQLITE_BUSY:
        return _answer(503, BUSY, {"retry-after": str(BUSY_RETRY_S)})
    if code is not None and code & 0xFF == sqlite3.SQLITE_IOERR:   # extended codes too
        log.error("desk: %s %s: %s", request.method, request.url.path, exc)
        return _answer(503, STORAGE, {"retry-after": str(BUSY_RETRY_S)})
    return await unforeseen(request, exc)


async def os_error(request: Request, exc: OSError) -> JSONResponse:
    if exc.errno in _FULL_ERRNOS:
        log.error("desk: %s %s: %s", request.method, request.url.path, exc)
        return _answer(507, DISK_FULL)
    return await unforeseen(request, exc)


async def unforeseen(request: Request, exc: Exception) -> JSONResponse:
    log.error("desk: %s %s failed", request.method, request.url.path, exc_info=exc)
    response = _answer(500, "lỗi của bàn làm việc / the desk failed on this request")
    response.headers.update({k.decode(): v.decode() for k, v in SECURITY_HEADERS})
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(sqlite3.OperationalError, database_error)
    app.add_exception_handler(OSError, os_error)
    app.add_exception_handler(Exception, unforeseen)
