"""Sign-in tokens and session cookies.

A token is 256 random bits shown once, in a link; the database keeps only its SHA-256.
The session cookie names the token's row and is signed with a key kept under `--state`,
so revoking a province's tokens ends its sessions too.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from .state import State, Token

ADMIN = "*"                     # the campaign team's tokens: every province
SECRET_FILE = "session.key"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def new_token(state: State, province: str, admin: bool = False) -> str:
    token = secrets.token_urlsafe(32)
    state.add_token(token_hash(token), ADMIN if admin else province, admin)
    return token


def session_key(folder: Path) -> bytes:
    """The signing key, made once (0600) and kept with the state it protects."""
    path = Path(folder) / SECRET_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key


def sign(key: bytes, token_id: int) -> str:
    mac = hmac.new(key, str(token_id).encode(), hashlib.sha256).hexdigest()
    return f"{token_id}.{mac}"


def verify_cookie(state: State, key: bytes, value: str) -> Token | None:
    token_id = value.partition(".")[0]
    if not token_id.isdigit() or len(token_id) > 18:
        return None
    if not hmac.compare_digest(sign(key, int(token_id)), value):
        return None
    return state.token_by_id(int(token_id))


def verify_token(state: State, token: str) -> Token | None:
    if not token or len(token) > 200:
        return None
    return state.token_by_hash(token_hash(token))
