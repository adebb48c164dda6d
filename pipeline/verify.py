"""Checking built files against the manifest, and handing a province its verified set."""
from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError, did_you_mean
from .fsio import atomic_write, sha256_file
from .manifest import Manifest, csv_bytes, media_summary

INDEX = "index.csv"
INDEX_COLUMNS = ("file", "product", "role", "size", "lang", "province", "bytes", "sha256",
                 "media_summary")
# Zip members get a fixed date so the same assets always pack to the same archive.
_ZIP_DATE = (2024, 5, 6, 0, 0, 0)


def check_files(manifest: Manifest, out: Path) -> list[tuple[str, str]]:
    """(path, 'missing' | 'changed') for every listed file that is not as recorded."""
    problems = []
    for entry in manifest:
        path = out / entry["path"]
        if not path.is_file():
            problems.append((entry["path"], "missing"))
        elif path.stat().st_size != entry["bytes"] or sha256_file(path) != entry["sha256"]:
            problems.append((entry["path"], "changed"))
    return problems


@dataclass(frozen=True)
class PullResult:
    count: int
    bytes: int
    where: Path


def pull_assets(manifest: Manifest, out: Path, kind: str, province: str, dest: Path,
                as_zip: bool) -> PullResult:
    """Copy (or zip) one province's assets of one kind, refusing any that fail their hash."""
    entries = [e for e in manifest if e["kind"] == kind]
    if not entries:
        kinds = sorted({e["kind"] for e in manifest})
        raise PipelineError(f"no {kind} assets in {out}/" + did_you_mean(
            kind, kinds, "built kinds: " + ", ".join(kinds)))
    entries = [e for e in entries if e["variant"]["province"] == province]
    if not entries:
        provinces = sorted({e["variant"]["province"] for e in manifest if e["kind"] == kind})
        raise PipelineError(f"no {kind} assets for province '{province}'"
                            + did_you_mean(province, provinces,
                                           "campaign provinces lists the slugs"))
    bad = [e["path"] for e in entries
           if not (out / e["path"]).is_file()
           or sha256_file(out / e["path"]) != e["sha256"]]
    if bad:
        raise PipelineError(f"refusing to hand over {len(bad)} file(s) that do not match "
                            f"the manifest (first: {bad[0]}); rebuild them with "
                            f"`campaign build --province {province}`")
    index = _index(entries)
    total = sum(e["bytes"] for e in entries)
    if as_zip:
        dest.mkdir(parents=True, exist_ok=True)
        archive = dest / f"{kind}-{province}.zip"
        atomic_write(archive, _zip(entries, out, index))
        return PullResult(len(entries), total, archive)
    dest.mkdir(parents=True, exist_ok=True)
    for entry in entries:
        shutil.copyfile(out / entry["path"], dest / Path(entry["path"]).name)
    atomic_write(dest / INDEX, index)
    return PullResult(len(entries), total, dest)


def _index(entries) -> bytes:
    return csv_bytes(INDEX_COLUMNS, (
        [Path(e["path"]).name, e["product"], e["role"], e["variant"].get("size") or "",
         e["variant"]["lang"], e["variant"]["province"], e["bytes"], e["sha256"],
         media_summary(e["media"])] for e in entries))


def _zip(entries, out: Path, index: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(Path(entry["path"]).name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (out / entry["path"]).read_bytes())
        info = zipfile.ZipInfo(INDEX, _ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, index)
    return buffer.getvalue()
