"""The desk's state: one SQLite database in WAL mode under `--state`.

Tokens (hashed), requests (a queue the dispatcher claims from atomically), uploads and an
audit log. Every write is one short transaction, so a kill -9 loses at most the write in
flight, never a request already answered 202.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

DATABASE = "desk.sqlite3"
INIT_LOCK = "init.lock"
OPEN_STATUSES = ("queued", "running")
SQLITE_MAX_ID = 2**63 - 1         # an id past SQLite's integer range names no row
MAX_ATTEMPTS = 3                  # builds of one request a desk's crash may interrupt
INTERRUPTED = ("the build was interrupted {n} times (the desk stopped during it); the "
               "campaign team can rebuild it / bản dựng bị gián đoạn {n} lần")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
  id INTEGER PRIMARY KEY, hash TEXT UNIQUE NOT NULL, province TEXT NOT NULL,
  admin INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0, created_at TEXT);
CREATE TABLE IF NOT EXISTS requests (
  id INTEGER PRIMARY KEY, province TEXT NOT NULL, overlay TEXT NOT NULL,
  status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT,
  done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS requests_by_status ON requests (status, id);
CREATE TABLE IF NOT EXISTS uploads (
  id INTEGER PRIMARY KEY, province TEXT NOT NULL, spot TEXT NOT NULL, name TEXT NOT NULL,
  path TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '');
"""


class open_lock:
    """The state folder's start-up lock (a blocking flock), held while a process sets up
    what every process then shares: the schema, the session key."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / INIT_LOCK

    def __enter__(self):
        self._handle = open(self.path, "a")
        fcntl.flock(self._handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()             # closing releases the lock


def _in_range(row_id: int) -> bool:
    return 0 < row_id <= SQLITE_MAX_ID


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Token:
    id: int
    province: str
    admin: bool


@dataclass(frozen=True)
class RequestRow:
    id: int
    province: str
    overlay: str
    status: str
    created_at: str
    started_at: str | None
    finished_at: str | None
    done: int
    total: int
    errors: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class UploadRow:
    id: int
    province: str
    spot: str
    name: str
    path: str
    status: str
    reason: str
    created_at: str


_REQUEST_COLUMNS = ("id, province, overlay, status, created_at, started_at, finished_at, "
                    "done, total, errors")
_UPLOAD_COLUMNS = "id, province, spot, name, path, status, reason, created_at"


class State:
    """The database, one connection per thread that uses it (sqlite3 connections are not
    shared across threads; opening one per query would cost more than the query)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / DATABASE
        self._local = threading.local()
        # Two desks (or a desk and `campaign link`) starting on a fresh folder: switching to
        # WAL and creating the schema take turns, or one of them meets 'database is locked'.
        with open_lock(self.folder), self.connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    def connect(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    # -- tokens -------------------------------------------------------------------------
    def add_token(self, token_hash: str, province: str, admin: bool) -> None:
        with self.connect() as db:
            db.execute("INSERT INTO tokens (hash, province, admin, created_at) "
                       "VALUES (?, ?, ?, ?)", (token_hash, province, int(admin), now_iso()))

    def token_by_hash(self, token_hash: str) -> Token | None:
        return self._token("hash = ?", token_hash)

    def token_by_id(self, token_id: int) -> Token | None:
        return self._token("id = ?", token_id)

    def _token(self, where: str, value) -> Token | None:
        with self.connect() as db:
            row = db.execute(f"SELECT id, province, admin FROM tokens WHERE {where} "
                             "AND revoked = 0", (value,)).fetchone()
        return Token(row[0], row[1], bool(row[2])) if row else None

    def revoke(self, province: str) -> int:
        with self.connect() as db:
            return db.execute("UPDATE tokens SET revoked = 1 WHERE province = ? AND "
                              "revoked = 0", (province,)).rowcount

    # -- requests -----------------------------------------------------------------------
    def add_request(self, province: str, overlay: str, total: int,
                    max_open: int) -> RequestRow | None:
        """Queue a request; None when the province already has `max_open` open ones."""
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            open_count = db.execute(
                "SELECT COUNT(*) FROM requests WHERE province = ? AND status IN (?, ?)",
                (province, *OPEN_STATUSES)).fetchone()[0]
            if open_count >= max_open:
                db.execute("ROLLBACK")
                return None
            cursor = db.execute("INSERT INTO requests (province, overlay, status, created_at, "
                                "total) VALUES (?, ?, 'queued', ?, ?)",
                                (province, overlay, now_iso(), total))
            db.execute("COMMIT")
        return self.request(cursor.lastrowid)

    def request(self, request_id: int) -> RequestRow | None:
        if not _in_range(request_id):
            return None
        with self.connect() as db:
            row = db.execute(f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE id = ?",
                             (request_id,)).fetchone()
        return RequestRow(*row) if row else None

    def requests(self, province: str | None = None, limit: int = 200) -> list[RequestRow]:
        where, args = ("WHERE province = ?", (province,)) if province else ("", ())
        with self.connect() as db:
            rows = db.execute(f"SELECT {_REQUEST_COLUMNS} FROM requests {where} "
                              "ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
        return [RequestRow(*row) for row in rows]

    def claim(self) -> RequestRow | None:
        """The oldest queued request, marked running in the same statement: two
        dispatchers never claim the same one."""
        with self.connect() as db:
            row = db.execute(
                f"UPDATE requests SET status = 'running', started_at = ?, "
                f"attempts = attempts + 1 WHERE id = (SELECT id FROM requests WHERE "
                f"status = 'queued' ORDER BY id LIMIT 1) AND status = 'queued' "
                f"RETURNING {_REQUEST_COLUMNS}", (now_iso(),)).fetchone()
        return RequestRow(*row) if row else None

    def recover(self, max_attempts: int = MAX_ATTEMPTS) -> tuple[int, int]:
        """After a restart, by the state's one dispatcher: requests left running go back to
        the queue, those interrupted `max_attempts` times fail with the reason.
        (requeued, failed)."""
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            failed = db.execute("UPDATE requests SET status = 'failed', errors = "
                                "replace(?, '{n}', attempts), finished_at = ? WHERE "
                                "status = 'running' AND attempts >= ?",
                                (INTERRUPTED, now_iso(), max_attempts)).rowcount
            requeued = db.execute("UPDATE requests SET status = 'queued', started_at = NULL "
                                  "WHERE status = 'running'").rowcount
            db.execute("COMMIT")
        return requeued, failed

    def progress(self, request_id: int, done: int, total: int) -> None:
        """Jobs done so far; never fewer than already said (the journal a build counts
        in is folded into its manifest as it ends)."""
        with self.connect() as db:
            db.execute("UPDATE requests SET done = max(done, ?), total = ? WHERE id = ? AND "
                       "status = 'running'", (done, total, request_id))

    def finish(self, request_id: int, status: str, errors: str = "") -> None:
        with self.connect() as db:
            db.execute("UPDATE requests SET status = ?, errors = ?, finished_at = ? "
                       "WHERE id = ? AND status = 'running'",
                       (status, errors, now_iso(), request_id))

    def cancel(self, request_id: int) -> bool:
        with self.connect() as db:
            return db.execute("UPDATE requests SET status = 'cancelled', finished_at = ? "
                              "WHERE id = ? AND status IN (?, ?)",
                              (now_iso(), request_id, *OPEN_STATUSES)).rowcount == 1

    def rebuild(self, request_id: int) -> bool:
        with self.connect() as db:
            return db.execute("UPDATE requests SET status = 'queued', done = 0, errors = '', "
                              "attempts = 0, started_at = NULL, finished_at = NULL "
                              "WHERE id = ? AND "
                              "status NOT IN (?, ?)",
                              (request_id, *OPEN_STATUSES)).rowcount == 1

    # -- uploads and audit -------------------------------------------------------------
    def add_upload(self, province: str, spot: str, name: str, path: str, status: str,
                   reason: str = "") -> int:
        with self.connect() as db:
            return db.execute("INSERT INTO uploads (province, spot, name, path, status, "
                              "reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              (province, spot, name, path, status, reason,
                               now_iso())).lastrowid

    def uploads(self, province: str | None = None) -> list[UploadRow]:
        where, args = ("WHERE province = ?", (province,)) if province else ("", ())
        with self.connect() as db:
            rows = db.execute(f"SELECT {_UPLOAD_COLUMNS} FROM uploads {where} "
                              "ORDER BY id DESC LIMIT 500", args).fetchall()
        return [UploadRow(*row) for row in rows]

    def upload(self, upload_id: int) -> UploadRow | None:
        if not _in_range(upload_id):
            return None
        with self.connect() as db:
            row = db.execute(f"SELECT {_UPLOAD_COLUMNS} FROM uploads WHERE id = ?",
                             (upload_id,)).fetchone()
        return UploadRow(*row) if row else None

    def audit(self, who: str, action: str, detail: str = "") -> None:
        with self.connect() as db:
            db.execute("INSERT INTO audit (at, who, action, detail) VALUES (?, ?, ?, ?)",
                       (now_iso(), who, action, detail))

    def audit_log(self, limit: int = 200) -> list[tuple[str, str, str, str]]:
        with self.connect() as db:
            return db.execute("SELECT at, who, action, detail FROM audit ORDER BY id DESC "
                              "LIMIT ?", (limit,)).fetchall()
