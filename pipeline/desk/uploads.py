"""A multipart upload read as it arrives: each file written straight into the state folder
(never spooled whole to /tmp first), refused the moment it passes its limit, and every file
of it removed when the upload ends, unless moved away first (an accepted take)."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request
from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header

INCOMING = "incoming"          # under --state: the same disk the takes are kept on
MAX_FIELDS = 8
MAX_FIELD_BYTES = 1024


@dataclass
class Received:
    """One file of an upload, on disk."""
    filename: str
    path: Path
    size: int = 0


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    files: int


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


class _Parts:
    """python-multipart's callbacks: fields kept as text, files written to `folder`."""

    def __init__(self, folder: Path, limits: Limits):
        self.folder = folder
        self.limits = limits
        self.fields: dict[str, str] = {}
        self.files: dict[str, list[Received]] = {}
        self.received: list[Received] = []
        self._headers: list[tuple[bytes, bytes]] = []
        self._name = b""
        self._value = b""
        self._field: tuple[str, bytearray] | None = None
        self._file: Received | None = None
        self._handle = None

    def callbacks(self) -> dict:
        return {"on_part_begin": self._begin, "on_header_field": self._header_field,
                "on_header_value": self._header_value, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished, "on_part_data": self._data,
                "on_part_end": self._end}

    def _begin(self) -> None:
        self._headers, self._field, self._file = [], None, None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers.append((self._name.lower(), self._value))
        self._name, self._value = b"", b""

    def _headers_finished(self) -> None:
        disposition = dict(self._headers).get(b"content-disposition", b"")
        _, options = parse_options_header(disposition)
        name = _text(options.get(b"name", b""))
        if b"filename" not in options:
            if len(self.fields) >= MAX_FIELDS:
                raise HTTPException(413, f"quá {MAX_FIELDS} trường / over {MAX_FIELDS} fields")
            self._field = (name, bytearray())
            return
        if len(self.received) >= self.limits.files:
            raise HTTPException(413, f"quá {self.limits.files} tệp / over "
                                     f"{self.limits.files} files")
        fd, path = tempfile.mkstemp(prefix=".upload-", dir=self.folder)
        self._handle = os.fdopen(fd, "wb")
        self._file = Received(_text(options[b"filename"]), Path(path))
        self.received.append(self._file)
        self.files.setdefault(name, []).append(self._file)

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._field is not None:
            self._field[1].extend(data[start:end])
            if len(self._field[1]) > MAX_FIELD_BYTES:
                raise HTTPException(413, f"{self._field[0]}: over {MAX_FIELD_BYTES} bytes")
        elif self._file is not None:
            self._file.size += end - start
            if self._file.size > self.limits.file_bytes:
                shown = self.limits.file_bytes // 2**20
                raise HTTPException(413, f"{self._file.filename[:200]}: quá {shown} MB / "
                                         f"over {shown} MB")
            self._handle.write(data[start:end])

    def _end(self) -> None:
        if self._field is not None:
            self.fields.setdefault(self._field[0], _text(bytes(self._field[1])))
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def discard(self) -> None:
        if self._handle is not None:
            self._handle.close()
        for received in self.received:
            received.path.unlink(missing_ok=True)


class Upload:
    """`async with Upload(request, state, limits) as (fields, files)`: the files by field
    name, on disk for the block's length; whatever the block did not move is removed."""

    def __init__(self, request: Request, state_folder: Path, limits: Limits):
        self.request = request
        self.folder = Path(state_folder) / INCOMING
        self.limits = limits
        self._parts: _Parts | None = None

    async def __aenter__(self) -> tuple[dict[str, str], dict[str, list[Received]]]:
        kind, options = parse_options_header(self.request.headers.get("content-type", ""))
        if kind != b"multipart/form-data" or b"boundary" not in options:
            raise HTTPException(415, "gửi tệp dạng multipart/form-data / send the takes as "
                                     "multipart/form-data")
        self.folder.mkdir(parents=True, exist_ok=True)
        parts = self._parts = _Parts(self.folder, self.limits)
        try:
            parser = MultipartParser(options[b"boundary"], parts.callbacks())
            async for chunk in self.request.stream():
                parser.write(chunk)
            parser.finalize()
        except ValueError:              # python-multipart's parse errors, a bad boundary
            parts.discard()
            raise HTTPException(400, "tệp gửi lên không đọc được / malformed multipart "
                                     "body") from None
        except BaseException:
            parts.discard()
            raise
        return parts.fields, parts.files

    async def __aexit__(self, *exc) -> None:
        if self._parts is not None:
            self._parts.discard()
