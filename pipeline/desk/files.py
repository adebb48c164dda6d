"""Serving files: only those a manifest lists, only inside their root; zips streamed."""
from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .assets import Asset

CHUNK = 256 * 1024


def confined_file(asset: Asset, root: Path) -> Path | None:
    """The asset's file when it resolves inside `root` and is a regular file."""
    root_resolved = Path(root).resolve()
    try:
        resolved = asset.file.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if os.path.commonpath([resolved, root_resolved]) != str(root_resolved):
        return None
    return resolved if resolved.is_file() else None


class _Pipe:
    """A write-only file whose bytes are taken away as they come: zipfile writes into it,
    the response reads from it, and no copy of the whole set is ever held."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.written = 0

    def write(self, data: bytes) -> int:
        if data:
            self.chunks.append(bytes(data))
            self.written += len(data)
        return len(data)

    def tell(self) -> int:
        return self.written

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def stream_zip(members: Iterable[tuple[str, Path]]) -> Iterator[bytes]:
    """A zip of (name inside, file) pairs, yielded as it is written. Stored, not deflated:
    PDFs, JPEGs, MP3s and MP4s are compressed already."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, path in members:
            info = zipfile.ZipInfo.from_file(path, name)
            info.date_time = (2024, 1, 1, 0, 0, 0)   # the bytes, not the disk, decide the zip
            with open(path, "rb") as source, archive.open(info, "w", force_zip64=True) \
                    as target:
                while block := source.read(CHUNK):
                    target.write(block)
                    if pipe.written and len(pipe.chunks) > 4:
                        yield pipe.take()
            yield pipe.take()
    yield pipe.take()
