"""Handing a province its verified set: copied or zipped, with an index, and the print
shop's order sheet beside the print files."""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PipelineError, did_you_mean
from ..files.fsio import atomic_write
from ..files.paths import confined, is_identifier, refuse_system_folder
from ..store.manifest import Manifest
from ..store.sheets import csv_bytes, media_summary
from .print_order import order_sheet_files
from .verify import file_problem

INDEX = "index.csv"
INDEX_COLUMNS = ("file", "product", "role", "size", "lang", "province", "bytes", "sha256",
                 "media_summary")
# Zip members get a fixed date so the same assets always pack to the same archive.
_ZIP_DATE = (2024, 5, 6, 0, 0, 0)


@dataclass(frozen=True)
class PullResult:
    count: int
    bytes: int
    where: Path
    replaced: tuple[str, ...] = field(default=())   # files that were in --to before


def pull_assets(manifest: Manifest, out: Path, kind: str, province: str, dest: Path,
                as_zip: bool) -> PullResult:
    """Copy (or zip) one province's assets of one kind, refusing any that fail their hash.
    Print PDFs come with the province's order sheet (phieu-dat-in-<province>.pdf/.csv),
    titled with the names the build recorded."""
    _check_destination(dest, out)
    entries = _province_entries(manifest, out, kind, province)
    bad = [e.path for e in entries if file_problem(out, e) is not None]
    if bad:
        raise PipelineError(f"refusing to hand over {len(bad)} file(s) that do not match "
                            f"the manifest (first: {bad[0]}); rebuild them with "
                            f"`campaign build --verify --province {province}`")
    _make_destination(dest)
    index = _index(entries)
    total = sum(e.bytes for e in entries)
    # Issue 18: the print shop's order sheet travels with the print files it lists.
    sheet = order_sheet_files(entries, province, manifest.title or manifest.campaign,
                              manifest.province_names.get(province, ""))
    files = ({f"{kind}-{province}.zip": _zip(entries, out, {INDEX: index, **sheet})}
             if as_zip else
             {**{Path(e.path).name: None for e in entries}, INDEX: index, **sheet})
    replaced = _write_all(dest, files, entries, out)
    where = dest / f"{kind}-{province}.zip" if as_zip else dest
    return PullResult(len(entries), total, where, replaced)


def _province_entries(manifest: Manifest, out: Path, kind: str, province: str) -> list:
    entries = [e for e in manifest if e.kind == kind]
    if not entries:
        kinds = sorted({e.kind for e in manifest})
        raise PipelineError(f"no {kind} assets in {out}/" + did_you_mean(
            kind, kinds, "built kinds: " + ", ".join(kinds)))
    entries = [e for e in entries if e.province == province]
    if not entries or not is_identifier(province):
        provinces = sorted({e.province for e in manifest if e.kind == kind})
        raise PipelineError(f"no {kind} assets for province '{province}'"
                            + did_you_mean(province, provinces,
                                           "campaign provinces lists the slugs"))
    return entries


def _check_destination(dest: Path, out: Path) -> None:
    """--to is a folder of its own: not a system folder, not inside the output folder
    (a pull must never rewrite what the manifest lists), not below a file."""
    refuse_system_folder(dest, "--to")
    resolved, out_resolved = os.path.realpath(dest), os.path.realpath(out)
    if resolved == out_resolved or resolved.startswith(out_resolved + os.sep):
        raise PipelineError(f"--to {dest}: is inside the output folder {out}/; pull into "
                            "a folder of its own, e.g. ~/gui-tinh")
    for folder in (dest, *dest.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                raise PipelineError(f"--to {dest}: a file is in the way ({folder} is a "
                                    "file, not a folder)")
            break


def _make_destination(dest: Path) -> None:
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise PipelineError(f"--to {dest}: a file is in the way (it or a folder above it "
                            "is a file, not a folder)") from None
    except OSError as exc:
        raise PipelineError(f"--to {dest}: cannot create the folder ({exc.strerror})") \
            from None
    if not os.access(dest, os.W_OK | os.X_OK):
        raise PipelineError(f"--to {dest}: the folder is not writable")


def _write_all(dest: Path, files: dict[str, bytes | None], entries, out: Path
               ) -> tuple[str, ...]:
    """Every file through the atomic writer (a temp name, then a rename over: an existing
    link is replaced, never written through); a full disk leaves no truncated file."""
    sources = {Path(e.path).name: out / e.path for e in entries}
    replaced = tuple(sorted(name for name in files if os.path.lexists(dest / name)))
    for name, data in files.items():
        target = confined(dest, name)
        try:
            atomic_write(target, data if data is not None else sources[name].read_bytes())
        except OSError as exc:
            raise PipelineError(f"cannot write {target}: {exc.strerror or exc}; nothing "
                                "half-written was left there") from None
    return replaced


def _index(entries) -> bytes:
    return csv_bytes(INDEX_COLUMNS, (
        [Path(e.path).name, e.product, e.role, e.size or "", e.lang, e.province, e.bytes,
         e.sha256, media_summary(e.media)] for e in entries))


def _zip(entries, out: Path, made: dict[str, bytes]) -> bytes:
    """The assets, then the files made for the hand-over (index, order sheet)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(Path(entry.path).name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (out / entry.path).read_bytes())
        for name, data in made.items():
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
