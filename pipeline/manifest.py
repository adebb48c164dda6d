"""`output/manifest.json`: every produced asset with its hash, media facts and inputs.

Progress is recorded as it happens in an append-only journal beside the manifest; the
manifest itself is rewritten (atomically, sorted) at the end of a build and from time to
time during one. Reading replays the journal, so a killed build still lists every asset
it finished, and nothing it did not.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import PipelineError
from .fsio import atomic_write
from .paths import Confinement

SCHEMA = 1
MANIFEST = "manifest.json"
MANIFEST_CSV = "manifest.csv"
JOURNAL = ".manifest.journal"
# What skip decisions need, and nothing else: a no-op build reads this small file instead
# of the full manifest. It names the manifest it was written with; any other manifest
# (or a journal left by a killed build) makes it void.
STATE = ".manifest.state.json"

# What an entry read back must hold, and of which type: the manifest and the journal are
# input too (a hand-edited or damaged file), so nothing they say is acted on unchecked.
_ENTRY_TYPES = {"id": str, "job": str, "kind": str, "product": str, "role": str,
                "variant": dict, "path": str, "bytes": int, "sha256": str, "mtime_ns": int,
                "media": dict, "warnings": list, "inputs": dict, "spec": dict,
                "tool_versions": dict, "built_at": str}

CSV_COLUMNS = ("path", "kind", "product", "role", "size", "lang", "province", "bytes",
               "sha256", "media_summary", "built_at")


class Manifest:
    """Entries keyed by path (relative to the output folder), grouped by job."""

    def __init__(self, folder: Path, campaign: str = ""):
        self.folder = folder
        self.campaign = campaign
        self.entries: dict[str, dict[str, Any]] = {}
        self.by_job: dict[str, list[str]] = {}
        self.ignored: list[str] = []    # entries read back that failed their checks
        self._confinement = Confinement(folder)

    # -- reading --------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path) -> Manifest:
        manifest = cls(folder)
        path = folder / MANIFEST
        if path.exists():
            data = _read_json(path)
            if not isinstance(data, dict) or not isinstance(data.get("assets", []), list):
                raise PipelineError(f"{path}: not a manifest of this pipeline (expected "
                                    "an object with an 'assets' list); delete it and "
                                    "rebuild with --force")
            if data.get("schema") != SCHEMA:
                raise PipelineError(f"{path}: manifest schema {data.get('schema')!r} is "
                                    f"not {SCHEMA}; rebuild with --force")
            campaign = data.get("campaign", "")
            manifest.campaign = campaign if isinstance(campaign, str) else ""
            for number, entry in enumerate(data.get("assets", []), 1):
                manifest._add_checked(entry, f"{MANIFEST} asset {number}")
        manifest._replay(folder / JOURNAL)
        return manifest

    def _replay(self, journal: Path) -> None:
        """Apply the journal's records in order. A torn or damaged line (a full disk, a
        kill mid-write) is skipped, and the records after it still count."""
        if not journal.exists():
            return
        with open(journal, "rb") as handle:
            for number, raw in enumerate(handle, 1):
                where = f"{JOURNAL} line {number}"
                try:
                    record = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    if raw.endswith(b"\n"):
                        self.ignored.append(f"{where}: damaged, skipped")
                    continue
                if not (isinstance(record, dict) and isinstance(record.get("job"), str)
                        and isinstance(record.get("entries"), list)):
                    self.ignored.append(f"{where}: not a journal record, skipped")
                    continue
                entries = [e for i, e in enumerate(record["entries"], 1)
                           if self._check(e, f"{where} entry {i}")]
                self.replace_job(record["job"], entries)

    def _check(self, entry: Any, where: str) -> bool:
        problem = entry_problem(entry, self._confinement)
        if problem:
            self.ignored.append(f"{where}: {problem}; ignored")
        return problem is None

    def _add_checked(self, entry: Any, where: str) -> None:
        if self._check(entry, where):
            self._add(entry)

    def _add(self, entry: dict[str, Any]) -> None:
        self.entries[entry["path"]] = entry
        self.by_job.setdefault(entry["job"], []).append(entry["path"])

    def job(self, job_id: str) -> list[dict[str, Any]]:
        return [self.entries[p] for p in self.by_job.get(job_id, ())]

    def __iter__(self):
        return iter(sorted(self.entries.values(), key=lambda e: e["path"]))

    # -- changing -------------------------------------------------------------------
    def replace_job(self, job_id: str, entries: list[dict[str, Any]]) -> list[str]:
        """Put a job's new entries in place of its old ones; return paths no longer made."""
        old = self.by_job.pop(job_id, [])
        for path in old:
            self.entries.pop(path, None)
        for entry in entries:
            self._add(entry)
        new_paths = {e["path"] for e in entries}
        return [p for p in old if p not in new_paths]

    # -- writing --------------------------------------------------------------------
    def to_json(self) -> bytes:
        """Sorted keys, one asset per line: diffs show which assets changed, and the file
        stays small enough to read in a fraction of a second at 20,000 assets."""
        assets = ",\n".join("  " + json.dumps(entry, sort_keys=True, ensure_ascii=False,
                                               separators=(",", ":")) for entry in self)
        text = (f'{{\n "assets": [\n{assets}\n ],\n'
                f' "campaign": {json.dumps(self.campaign, ensure_ascii=False)},\n'
                f' "schema": {SCHEMA}\n}}\n')
        return text.encode("utf-8")

    def to_csv(self) -> bytes:
        return csv_bytes(CSV_COLUMNS, (
            [e["path"], e["kind"], e["product"], e["role"], e["variant"].get("size") or "",
             e["variant"]["lang"], e["variant"]["province"], e["bytes"], e["sha256"],
             media_summary(e["media"]), e["built_at"]] for e in self))

    def save(self) -> None:
        """Write manifest.json, manifest.csv and the skip state atomically, then drop the
        journal."""
        (self.folder / STATE).unlink(missing_ok=True)
        atomic_write(self.folder / MANIFEST, self.to_json())
        atomic_write(self.folder / MANIFEST_CSV, self.to_csv())
        stat = (self.folder / MANIFEST).stat()
        jobs = {job_id: [self.entries[paths[0]]["inputs"]["fingerprint"],
                         [[p, self.entries[p]["bytes"], self.entries[p]["mtime_ns"]]
                          for p in paths]]
                for job_id, paths in self.by_job.items() if paths}
        state = {"schema": SCHEMA, "manifest": [stat.st_size, stat.st_mtime_ns],
                 "jobs": jobs}
        atomic_write(self.folder / STATE, json.dumps(state, sort_keys=True).encode())
        (self.folder / JOURNAL).unlink(missing_ok=True)


def entry_problem(entry: Any, inside: Confinement) -> str | None:
    """Why an entry read back cannot be trusted, or None. Its path must stay inside the
    output folder: pruning deletes and `verify` hashes what the manifest lists."""
    if not isinstance(entry, dict):
        return "not an object"
    for key, kind in _ENTRY_TYPES.items():
        value = entry.get(key)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return f"field '{key}' is missing or not a {kind.__name__}"
    variant = entry["variant"]
    if not all(isinstance(variant.get(k), str) for k in ("lang", "province")):
        return "field 'variant' lacks its lang or province"
    if not inside.accepts(entry["path"]):
        return f"path {entry['path']!r} is not inside {inside.root}/"
    return None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else "not valid JSON"
        raise PipelineError(f"{path}: the manifest is damaged ({reason}); delete it "
                            "and rebuild with --force") from None
    except OSError as exc:
        raise PipelineError(f"{path}: cannot read: {exc.strerror}") from None


def load_state(folder: Path) -> dict[str, list] | None:
    """job id -> [fingerprint, [[path, bytes, mtime_ns], ...]], or None when it cannot be
    trusted (missing, another schema, a newer manifest, an unreplayed journal)."""
    try:
        if (folder / JOURNAL).exists():
            return None
        state = json.loads((folder / STATE).read_bytes())
        stat = (folder / MANIFEST).stat()
    except (OSError, ValueError, RecursionError):
        return None
    if (not isinstance(state, dict) or state.get("schema") != SCHEMA
            or state.get("manifest") != [stat.st_size, stat.st_mtime_ns]
            or not isinstance(state.get("jobs"), dict)):
        return None
    return state["jobs"]


class Journal:
    """Append-only record of finished jobs; flushed per job so a kill loses nothing done."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / JOURNAL
        _drop_torn_tail(path)
        self.handle = open(path, "a", encoding="utf-8")

    def record(self, job_id: str, entries: Iterable[dict[str, Any]]) -> None:
        line = json.dumps({"job": job_id, "entries": list(entries)}, ensure_ascii=False,
                          sort_keys=True)
        self.handle.write(line + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def _drop_torn_tail(path: Path) -> None:
    """Cut a journal back to its last complete line, so what is appended next starts on a
    line of its own instead of gluing onto half a record."""
    try:
        with open(path, "rb+") as handle:
            size = handle.seek(0, 2)
            if size == 0:
                return
            handle.seek(max(0, size - 1))
            if handle.read(1) == b"\n":
                return
            keep, position = 0, size
            while position > 0 and not keep:
                start = max(0, position - (1 << 16))
                handle.seek(start)
                chunk = handle.read(position - start)
                cut = chunk.rfind(b"\n")
                if cut >= 0:
                    keep = start + cut + 1
                position = start
            handle.seek(keep)
            if _is_record(handle.read()):
                handle.write(b"\n")         # whole but for its newline: keep it
            else:
                handle.truncate(keep)
    except FileNotFoundError:
        return


# A cell starting with one of these is a formula in Excel and LibreOffice (OWASP's CSV
# injection rule): print shops and provinces open these files there.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, made inert with a leading "'"."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _is_record(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw.decode("utf-8")), dict)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False


def csv_bytes(columns, rows) -> bytes:
    """CSV for spreadsheets: a BOM so they open the Vietnamese text as UTF-8, and no cell
    that runs as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(c) for c in columns])
    writer.writerows([spreadsheet_cell(c) for c in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


_SUMMARY_KEYS = ("width_mm", "height_mm", "raster_px", "pixel_size", "duration_s", "fps",
                 "codec", "sample_rate_hz", "integrated_lufs")


def media_summary(media: dict[str, Any]) -> str:
    """A short human line of the most useful media facts, for the CSV."""
    parts = []
    for key in _SUMMARY_KEYS:
        if key in media:
            value = media[key]
            if isinstance(value, (list, tuple)):
                value = "x".join(str(v) for v in value)
            parts.append(f"{key}={value}")
    return " ".join(parts)
