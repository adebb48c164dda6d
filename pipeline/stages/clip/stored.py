"""Encoded openings kept on disk between builds, under a name made of everything that draws
them: a province asking for a new office name waits for its own part only.

The name is a SHA-256 of the request less the office, the phone and the sound, the parts,
the encoder settings, the fonts' bytes, the source of the package that draws and encodes
(any change of code is a new name) and the versions of Pillow, NumPy and the bundled
ffmpeg. A stored opening is therefore the bytes a fresh encode gives (encoding is
deterministic), and `--force` may use it as it uses the TTS cache; delete `.cache/` to
start from nothing. Files are written under a temporary name and renamed (fsio), so two
workers never see half of one; a file that does not read back whole is treated as absent.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import PIL

from ...files.fsio import atomic_write
from ...media.ffmpeg import ffmpeg_exe

PACKAGE = Path(__file__).resolve().parents[2]
KEEP = 32                # openings kept: a campaign has one per localized clip, size, language

Encoded = list[tuple[bytes, int]]          # (MP4 bytes of a part, times it is played)


@lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    exe = Path(ffmpeg_exe())
    digest.update(f"{exe.name} {exe.stat().st_size} {PIL.__version__} "
                  f"{np.__version__}".encode())
    return digest.hexdigest()


@lru_cache(maxsize=16)
def _file_digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def name_for(what: str, fonts: tuple[Path, ...]) -> str:
    """The stored name of an opening described by `what` (a repr), drawn with `fonts`."""
    digest = hashlib.sha256(what.encode("utf-8") + _code_digest().encode())
    for font in fonts:
        stat = font.stat()
        digest.update(_file_digest(font, stat.st_size, stat.st_mtime_ns).encode())
    return digest.hexdigest()


def load(folder: Path, name: str) -> Encoded | None:
    try:
        data = (folder / f"{name}.parts").read_bytes()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    try:
        index = json.loads(head)
        sizes = [(int(size), int(repeats)) for size, repeats in index["parts"]]
    except (ValueError, KeyError, TypeError):
        return None
    if sum(size for size, _ in sizes) != len(body):
        return None
    parts, at = [], 0
    for size, repeats in sizes:
        parts.append((body[at:at + size], repeats))
        at += size
    return parts


def save(folder: Path, name: str, parts: Encoded) -> None:
    """Keep `parts` under `name`, and only the KEEP newest openings (each change of code or
    font names new ones); a folder that cannot be written only costs the speed."""
    head = json.dumps({"parts": [[len(data), repeats] for data, repeats in parts]})
    try:
        atomic_write(folder / f"{name}.parts",
                     head.encode() + b"\n" + b"".join(data for data, _ in parts))
        stored = sorted(folder.glob("*.parts"), key=lambda path: path.stat().st_mtime_ns)
        for old in stored[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
