"""Sign-in tokens and session cookies.

A token is 256 random bits shown once, in a link; the database keeps only its SHA-256.
The session cookie names the token's row and when it was issued, signed with a key kept
under `--state`: revoking a province's tokens ends its sessions too, and a session ends
after SESSION_S whatever the browser keeps.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

from .state import State, Token, open_lock

ADMIN = "*"                     # the campaign team's tokens: every province
SECRET_FILE = "session.key"
SESSION_S = 30 * 24 * 3600
CLOCK_SKEW_S = 300


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_token(state: State, province: str, admin: bool = False) -> str:
    token = secrets.token_urlsafe(32)
    state.add_token(token_hash(token), ADMIN if admin else province, admin)
    return token


def session_key(folder: Path) -> bytes:
    """The signing key, made once (0600) and kept with the state it protects."""
    path = Path(folder) / SECRET_FILE
    with open_lock(folder):                 # two desks starting: one key, made once
        try:
            return path.read_bytes()
        except FileNotFoundError:
            key = secrets.token_bytes(32)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(key)
            return key


def sign(key: bytes, token_id: int, issued_s: int) -> str:
    """The cookie's value: `token id.issued (unix s).mac`."""
    payload = f"{token_id}.{issued_s}"
    return f"{payload}.{hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()}"


def verify_cookie(state: State, key: bytes, value: str, now_s: float | None = None) \
        -> Token | None:
    """The session's token, or None: forged, malformed, expired or revoked."""
    token_id, _, rest = value.partition(".")
    issued, _, _ = rest.partition(".")
    if not (_digits(token_id, 18) and _digits(issued, 12)):
        return None
    if not hmac.compare_digest(sign(key, int(token_id), int(issued)).encode(),
                               value.encode("utf-8", "replace")):
        return None
    age_s = (time.time() if now_s is None else now_s) - int(issued)
    if not -CLOCK_SKEW_S <= age_s <= SESSION_S:
        return None
    return state.token_by_id(int(token_id))


def _digits(text: str, most: int) -> bool:
    """ASCII digits only: '²'.isdigit() is True, and int() refuses it."""
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def verify_token(state: State, token: str) -> Token | None:
    if not token or len(token) > 200:
        return None
    return state.token_by_hash(token_hash(token))
