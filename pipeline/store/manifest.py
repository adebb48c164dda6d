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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PipelineError
from ..files.fsio import atomic_write
from ..files.paths import Confinement

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


class EntryProblem(ValueError):
    """Why a record read back cannot be trusted (one line, no location)."""


@dataclass(frozen=True)
class ManifestEntry:
    """One produced file: where it is, what it is, what it was made from.

    The JSON shape (`to_json`) is the manifest's and the journal's; `from_json` checks
    every field of what it reads back, because those files are input too (hand-edited,
    damaged, or planted), and a path is acted on only when it stays inside the folder."""
    id: str
    job: str
    kind: str
    product: str
    role: str
    size: str | None
    lang: str
    province: str
    path: str
    bytes: int
    sha256: str
    mtime_ns: int
    media: dict[str, Any]
    warnings: tuple[str, ...]
    inputs: dict[str, Any]
    spec_file: str
    spec_line: int
    tool_versions: dict[str, str]
    built_at: str

    @property
    def fingerprint(self) -> str | None:
        return self.inputs.get("fingerprint")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "job": self.job, "kind": self.kind, "product": self.product,
                "role": self.role,
                "variant": {"size": self.size, "lang": self.lang, "province": self.province},
                "path": self.path, "bytes": self.bytes, "sha256": self.sha256,
                "mtime_ns": self.mtime_ns, "media": self.media,
                "warnings": list(self.warnings), "inputs": self.inputs,
                "spec": {"file": self.spec_file, "line": self.spec_line},
                "tool_versions": self.tool_versions, "built_at": self.built_at}

    @classmethod
    def from_json(cls, raw: Any, inside: Confinement) -> ManifestEntry:
        """The entry `raw` describes, or EntryProblem saying what is wrong with it."""
        if not isinstance(raw, dict):
            raise EntryProblem("not an object")
        for key, kind in _ENTRY_TYPES.items():
            value = raw.get(key)
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise EntryProblem(f"field '{key}' is missing or not a {kind.__name__}")
        variant, spec = raw["variant"], raw["spec"]
        if not all(isinstance(variant.get(k), str) for k in ("lang", "province")) \
                or not isinstance(variant.get("size"), str | None):
            raise EntryProblem("field 'variant' lacks its lang or province")
        if not inside.accepts(raw["path"]):
            raise EntryProblem(f"path {raw['path']!r} is not inside {inside.root}/")
        return cls(raw["id"], raw["job"], raw["kind"], raw["product"], raw["role"],
                   variant.get("size"), variant["lang"], variant["province"], raw["path"],
                   raw["bytes"], raw["sha256"], raw["mtime_ns"], raw["media"],
                   tuple(str(w) for w in raw["warnings"]), raw["inputs"],
                   str(spec.get("file", "")), _int_or_zero(spec.get("line")),
                   raw["tool_versions"], raw["built_at"])


def _int_or_zero(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


class Manifest:
    """Entries keyed by path (relative to the output folder), grouped by job."""

    def __init__(self, folder: Path, campaign: str = ""):
        self.folder = folder
        self.campaign = campaign
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
        text = (f'{{\n "assets": [\n{assets}\n ],\n'
                f' "campaign": {json.dumps(self.campaign, ensure_ascii=False)},\n'
                f' "schema": {SCHEMA}\n}}\n')
        return text.encode("utf-8")

    def to_csv(self) -> bytes:
        return csv_bytes(CSV_COLUMNS, (
            [e.path, e.kind, e.product, e.role, e.size or "", e.lang, e.province, e.bytes,
             e.sha256, media_summary(e.media), e.built_at] for e in self))

    def save(self, watch: dict[str, Any] | None = None) -> None:
        """Write manifest.json, manifest.csv and the skip state atomically, then drop the
        journal. `watch`: what the quick no-op check compares (pipeline/quick.py), given
        only by a build that ended with nothing failed."""
        (self.folder / STATE).unlink(missing_ok=True)
        atomic_write(self.folder / MANIFEST, self.to_json())
        atomic_write(self.folder / MANIFEST_CSV, self.to_csv())
        stat = (self.folder / MANIFEST).stat()
        jobs = {job_id: [self.entries[paths[0]].fingerprint,
                         [[p, self.entries[p].bytes, self.entries[p].mtime_ns]
                          for p in paths]]
                for job_id, paths in self.by_job.items() if paths}
        state = {"schema": SCHEMA, "manifest": [stat.st_size, stat.st_mtime_ns],
                 "jobs": jobs}
        if watch is not None:
            state["watch"] = watch
        atomic_write(self.folder / STATE, json.dumps(state, sort_keys=True).encode())
        (self.folder / JOURNAL).unlink(missing_ok=True)


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


def remember_watch(folder: Path, watch: dict[str, Any]) -> None:
    """Add `watch` to a skip state that is still valid (a no-op build saves nothing else)."""
    if load_state(folder) is None:
        return
    state = json.loads((folder / STATE).read_bytes())
    state["watch"] = watch
    atomic_write(folder / STATE, json.dumps(state, sort_keys=True).encode())


class Journal:
    """Append-only record of finished jobs; flushed per job so a kill loses nothing done."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / JOURNAL
        _drop_torn_tail(path)
        self.handle = open(path, "a", encoding="utf-8")

    def record(self, job_id: str, entries: Iterable[ManifestEntry]) -> None:
        line = json.dumps({"job": job_id, "entries": [e.to_json() for e in entries]},
                          ensure_ascii=False,
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
