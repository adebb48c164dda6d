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
from pathlib import Path
from typing import Any, Iterable

from .errors import PipelineError
from .fsio import atomic_write

SCHEMA = 1
MANIFEST = "manifest.json"
MANIFEST_CSV = "manifest.csv"
JOURNAL = ".manifest.journal"
# What skip decisions need, and nothing else: a no-op build reads this small file instead
# of the full manifest. It names the manifest it was written with; any other manifest
# (or a journal left by a killed build) makes it void.
STATE = ".manifest.state.json"

CSV_COLUMNS = ("path", "kind", "product", "role", "size", "lang", "province", "bytes",
               "sha256", "media_summary", "built_at")


class Manifest:
    """Entries keyed by path (relative to the output folder), grouped by job."""

    def __init__(self, folder: Path, campaign: str = ""):
        self.folder = folder
        self.campaign = campaign
        self.entries: dict[str, dict[str, Any]] = {}
        self.by_job: dict[str, list[str]] = {}

    # -- reading --------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        manifest = cls(folder)
        path = folder / MANIFEST
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise PipelineError(f"{path}: the manifest is damaged ({exc}); delete it "
                                    "and rebuild with --force") from None
            if data.get("schema") != SCHEMA:
                raise PipelineError(f"{path}: manifest schema {data.get('schema')!r} is "
                                    f"not {SCHEMA}; rebuild with --force")
            manifest.campaign = data.get("campaign", "")
            for entry in data.get("assets", []):
                manifest._add(entry)
        manifest._replay(folder / JOURNAL)
        return manifest

    def _replay(self, journal: Path) -> None:
        if not journal.exists():
            return
        with open(journal, encoding="utf-8") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    break   # the last line of a killed build may be cut short
                self.replace_job(record["job"], record["entries"])

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


def load_state(folder: Path) -> dict[str, list] | None:
    """job id -> [fingerprint, [[path, bytes, mtime_ns], ...]], or None when it cannot be
    trusted (missing, another schema, a newer manifest, an unreplayed journal)."""
    try:
        if (folder / JOURNAL).exists():
            return None
        state = json.loads((folder / STATE).read_bytes())
        stat = (folder / MANIFEST).stat()
    except (OSError, ValueError):
        return None
    if (state.get("schema") != SCHEMA
            or state.get("manifest") != [stat.st_size, stat.st_mtime_ns]):
        return None
    return state["jobs"]


class Journal:
    """Append-only record of finished jobs; flushed per job so a kill loses nothing done."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.handle = open(folder / JOURNAL, "a", encoding="utf-8")

    def record(self, job_id: str, entries: Iterable[dict[str, Any]]) -> None:
        line = json.dumps({"job": job_id, "entries": list(entries)}, ensure_ascii=False,
                          sort_keys=True)
        self.handle.write(line + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def csv_bytes(columns, rows) -> bytes:
    """CSV for spreadsheets: a BOM so they open the Vietnamese text as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
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
