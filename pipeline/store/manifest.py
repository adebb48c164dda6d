"""`output/manifest.json`: every produced asset with its hash, media facts and inputs.

Progress is recorded as it happens in the journal beside the manifest (store.journal); the
manifest itself is rewritten (atomically, sorted) at the end of a build and from time to
time during one. Reading replays the journal, so a killed build still lists every asset
it finished, and nothing it did not.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import PipelineError
from ..files.fsio import atomic_write
from ..files.paths import Confinement
from . import JOURNAL, MANIFEST, MANIFEST_CSV, SCHEMA, skip_state
from .entry import EntryProblem, ManifestEntry
from .sheets import csv_bytes, media_summary

CSV_COLUMNS = ("path", "kind", "product", "role", "size", "lang", "province", "bytes",
               "sha256", "media_summary", "built_at")


class Manifest:
    """Entries keyed by path (relative to the output folder), grouped by job."""

    def __init__(self, folder: Path, campaign: str = ""):
        self.folder = folder
        self.campaign = campaign
        # For people (the hand-off's sheets), recorded by the build: a pull needs no specs.
        self.title = ""
        self.province_names: dict[str, str] = {}
        self.entries: dict[str, ManifestEntry] = {}
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
            manifest.title, manifest.province_names = _names(data.get("names"))
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
                entries = [self._read(e, f"{where} entry {i}")
                           for i, e in enumerate(record["entries"], 1)]
                self.replace_job(record["job"], [e for e in entries if e is not None])

    def _read(self, raw: Any, where: str) -> ManifestEntry | None:
        try:
            return ManifestEntry.from_json(raw, self._confinement)
        except EntryProblem as problem:
            self.ignored.append(f"{where}: {problem}; ignored")
            return None

    def _add_checked(self, raw: Any, where: str) -> None:
        entry = self._read(raw, where)
        if entry is not None:
            self._add(entry)

    def _add(self, entry: ManifestEntry) -> None:
        self.entries[entry.path] = entry
        self.by_job.setdefault(entry.job, []).append(entry.path)

    def job(self, job_id: str) -> list[ManifestEntry]:
        return [self.entries[p] for p in self.by_job.get(job_id, ())]

    def __iter__(self) -> Iterator[ManifestEntry]:
        return iter(sorted(self.entries.values(), key=lambda e: e.path))

    # -- changing -------------------------------------------------------------------
    def replace_job(self, job_id: str, entries: list[ManifestEntry]) -> list[str]:
        """Put a job's new entries in place of its old ones; return paths no longer made."""
        old = self.by_job.pop(job_id, [])
        for path in old:
            self.entries.pop(path, None)
        for entry in entries:
            self._add(entry)
        new_paths = {e.path for e in entries}
        return [p for p in old if p not in new_paths]

    # -- writing --------------------------------------------------------------------
    def to_json(self) -> bytes:
        """Sorted keys, one asset per line: diffs show which assets changed, and the file
        stays small enough to read in a fraction of a second at 20,000 assets."""
        assets = ",\n".join("  " + json.dumps(entry.to_json(), sort_keys=True, ensure_ascii=False,
                                               separators=(",", ":")) for entry in self)
        names = json.dumps({"campaign": self.title, "provinces": self.province_names},
                           sort_keys=True, ensure_ascii=False)
        text = (f'{{\n "assets": [\n{assets}\n ],\n'
                f' "campaign": {json.dumps(self.campaign, ensure_ascii=False)},\n'
                f' "names": {names},\n'
                f' "schema": {SCHEMA}\n}}\n')
        return text.encode("utf-8")

    def to_csv(self) -> bytes:
        return csv_bytes(CSV_COLUMNS, (
            [e.path, e.kind, e.product, e.role, e.size or "", e.lang, e.province, e.bytes,
             e.sha256, media_summary(e.media), e.built_at] for e in self))

    def save(self, watch: dict[str, Any] | None = None) -> None:
        """Write manifest.json, manifest.csv and the skip state atomically, then drop the
        journal. `watch`: what the quick no-op check compares (build/quick.py), given
        only by a build that ended with nothing failed."""
        skip_state.void(self.folder)
        atomic_write(self.folder / MANIFEST, self.to_json())
        atomic_write(self.folder / MANIFEST_CSV, self.to_csv())
        skip_state.write(self.folder, {job_id: self.job(job_id) for job_id in self.by_job},
                         watch)
        (self.folder / JOURNAL).unlink(missing_ok=True)


def _names(raw: Any) -> tuple[str, dict[str, str]]:
    """The campaign's title and the provinces' names read back, or none: they are shown
    to people, never acted on."""
    if not isinstance(raw, dict):
        return "", {}
    title, provinces = raw.get("campaign"), raw.get("provinces")
    if not isinstance(provinces, dict):
        provinces = {}
    return (title if isinstance(title, str) else "",
            {k: v for k, v in provinces.items() if isinstance(v, str)})


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes().decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        reason = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else "not valid JSON"
        raise PipelineError(f"{path}: the manifest is damaged ({reason}); delete it "
                            "and rebuild with --force") from None
    except OSError as exc:
        raise PipelineError(f"{path}: cannot read: {exc.strerror}") from None
