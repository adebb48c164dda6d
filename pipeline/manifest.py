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
        data = {"schema": SCHEMA, "campaign": self.campaign, "assets": list(self)}
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
                + "\n").encode("utf-8")

    def to_csv(self) -> bytes:
        return csv_bytes(CSV_COLUMNS, (
            [e["path"], e["kind"], e["product"], e["role"], e["variant"].get("size") or "",
             e["variant"]["lang"], e["variant"]["province"], e["bytes"], e["sha256"],
             media_summary(e["media"]), e["built_at"]] for e in self))

    def save(self) -> None:
        """Write manifest.json and manifest.csv atomically, then drop the journal."""
        atomic_write(self.folder / MANIFEST, self.to_json())
        atomic_write(self.folder / MANIFEST_CSV, self.to_csv())
        (self.folder / JOURNAL).unlink(missing_ok=True)


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
