"""Google's TTS through the gTTS library, made safe for a build.

gTTS's own code path does the requests and decodes the answers; around it we add what a
build needs: a timeout (gTTS waits forever by default), retries with backoff on 429 and 5xx,
text split at sentence boundaries under the endpoint's 100-character limit, an on-disk
cache so no text is ever sent twice, and atomic cache writes (a failed request leaves no
file behind). `endpoint` points the same code at another server (tests use 127.0.0.1).
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ...files.fsio import atomic_write

MAX_CHARS = 100          # the endpoint's limit per request (gtts.gTTS.GOOGLE_TTS_MAX_CHARS)
LANG = "vi"


class TtsUnavailable(RuntimeError):
    """The service could not speak; the message is one line saying why."""


def split_text(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Pieces under `limit` characters, cut at sentence ends, then commas, then spaces."""
    pieces: list[str] = []
    for sentence in re.split(r"(?<=[.!?;:])\s+", text.strip()):
        pieces.extend(_fit(sentence, limit, (r"(?<=,)\s+", r"\s+")))
    return [p for p in pieces if p]


def _fit(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if len(text) < limit or not separators:
        return [text] if len(text) < limit else _hard_cut(text, limit)
    out: list[str] = []
    current = ""
    for part in re.split(separators[0], text):
        joined = f"{current} {part}" if current else part
        if len(joined) < limit:
            current = joined
            continue
        if current:
            out.append(current)
        if len(part) < limit:
            current = part
        else:
            out.extend(_fit(part, limit, separators[1:]))
            current = ""
    if current:
        out.append(current)
    return out


def _hard_cut(text: str, limit: int) -> list[str]:
    return [text[i:i + limit - 1] for i in range(0, len(text), limit - 1)]


def cache_key(text: str, lang: str, backend: str, voice: str) -> str:
    return hashlib.sha256(json.dumps([text, lang, backend, voice],
                                     ensure_ascii=False).encode()).hexdigest()


class Gtts:
    """Speaks through gTTS with a cache folder; one instance per process is enough."""

    def __init__(self, cache_dir: Path, *, endpoint: str | None = None,
                 timeout_s: float = 10.0, attempts: int = 4, backoff_s: float = 1.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.cache_dir = Path(cache_dir)
        self.endpoint = endpoint
        self.timeout_s = timeout_s
        self.attempts = attempts
        self.backoff_s = backoff_s
        self.sleep = sleep
        self.requests_sent = 0

    def mp3_pieces(self, text: str, *, tld: str = "com.vn", slow: bool = False,
                   lang: str = LANG, offline_reason: str | None = None) -> list[bytes]:
        """MP3 bytes for each piece of `text`, from the cache or the service; with an
        `offline_reason` (the service already failed) only from the cache."""
        voice = f"{tld}/{'slow' if slow else 'normal'}"
        pieces = []
        for piece in split_text(text):
            path = self._cache_path(cache_key(piece, lang, "gtts", voice))
            if path.is_file() and path.stat().st_size > 0:
                pieces.append(path.read_bytes())
                continue
            if offline_reason:
                raise TtsUnavailable(offline_reason)
            data = self._fetch(piece, lang, tld, slow)
            atomic_write(path, data)      # temp + rename: no empty file on failure
            pieces.append(data)
        return pieces

    def _cache_path(self, key: str) -> Path:
        return self.cache_dir / "gtts" / key[:2] / f"{key}.mp3"

    def host(self, tld: str) -> str:
        if self.endpoint:
            return urlsplit(self.endpoint).netloc
        return f"translate.google.{tld}"

    def _fetch(self, text: str, lang: str, tld: str, slow: bool) -> bytes:
        import requests
        from gtts.tts import gTTSError

        host = self.host(tld)
        for attempt in range(1, self.attempts + 1):
            tts = _endpoint_class()(text=text, lang=lang, tld=tld, slow=slow,
                                    lang_check=False, timeout=self.timeout_s,
                                    endpoint=self.endpoint)
            buffer = io.BytesIO()
            self.requests_sent += 1
            try:
                tts.write_to_fp(buffer)
            except gTTSError as exc:
                response = exc.rsp
                if response is None:
                    cause = exc.__context__
                    if isinstance(cause, requests.exceptions.Timeout):
                        raise TtsUnavailable(f"gtts: no answer from {host} within "
                                             f"{self.timeout_s:g} s (timeout)") from None
                    raise TtsUnavailable(f"gtts: cannot reach {host} "
                                         f"({type(cause).__name__ if cause else 'no connection'})"
                                         ) from None
                status = response.status_code
                retry = status == 429 or status >= 500
                if retry and attempt < self.attempts:
                    self.sleep(self._delay(attempt, response))
                    continue
                after = f" after {attempt} attempts" if retry else ""
                raise TtsUnavailable(f"gtts: {status} {response.reason} from {host}{after}"
                                     ) from None
            data = buffer.getvalue()
            if not data:
                raise TtsUnavailable(f"gtts: {host} answered without audio")
            return data
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, response) -> float:
        wait = self.backoff_s * 2 ** (attempt - 1)
        retry_after = response.headers.get("Retry-After", "")
        if retry_after.isdigit():
            wait = max(wait, min(float(retry_after), 30.0))
        return wait


@lru_cache(maxsize=1)
def _endpoint_class():
    """gTTS with its request URL pointed elsewhere when `endpoint` is set (imported on
    first use: gTTS and requests load only when the gtts backend speaks)."""
    from gtts import gTTS

    class EndpointGTTS(gTTS):
        def __init__(self, *args, endpoint: str | None = None, **kwargs):
            super().__init__(*args, **kwargs)
            self.endpoint = endpoint

        def _prepare_requests(self):
            prepared = super()._prepare_requests()
            if self.endpoint:
                for request in prepared:
                    request.prepare_url(self.endpoint, None)
            return prepared

    return EndpointGTTS
