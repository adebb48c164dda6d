"""Checking built files against the manifest: each listed file's bytes against its hash."""
from __future__ import annotations

from pathlib import Path

from ..files.fsio import sha256_file
from ..store.entry import ManifestEntry
from ..store.manifest import Manifest


def check_files(manifest: Manifest, out: Path) -> list[tuple[str, str]]:
    """(path, 'missing' | 'changed') for every listed file that is not as recorded. A
    listed asset must be a regular file: a link, even to identical bytes, is 'changed'."""
    return [(entry.path, problem) for entry in manifest
            if (problem := file_problem(out, entry)) is not None]


def file_problem(out: Path, entry: ManifestEntry) -> str | None:
    path = out / entry.path
    if path.is_symlink():
        return "changed"
    if not path.is_file():
        return "missing"
    if path.stat().st_size != entry.bytes or sha256_file(path) != entry.sha256:
        return "changed"
    return None
