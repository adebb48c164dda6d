"""What a province may see: the manifest's entries, read in this one place.

A manifest is read again only when its files change on disk (a build finished, a request
was built), so listing a province's assets costs a dictionary lookup, not a JSON parse.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build.plan import NATIONAL
from ..errors import PipelineError
from ..store import JOURNAL, MANIFEST
from ..store.entry import ManifestEntry
from ..store.manifest import Manifest

THUMB_ROLES = ("thumb", "poster")
KIND_ORDER = ("banner", "infographic", "leaflet", "clip", "radio")


@dataclass(frozen=True)
class Asset:
    """One file a province may download: its manifest entry, and where the desk serves it
    (`url`) and finds it (`file`, inside its root; checked again when served)."""
    entry: ManifestEntry
    url: str
    file: Path

    def to_json(self) -> dict[str, Any]:
        entry = self.entry
        return {"path": entry.path, "kind": entry.kind, "product": entry.product,
                "role": entry.role, "size": entry.size, "lang": entry.lang,
                "province": entry.province, "bytes": entry.bytes, "sha256": entry.sha256,
                "url": self.url}


def _asset(entry: ManifestEntry, root: Path, url_prefix: str) -> Asset:
    return Asset(entry, url_prefix + entry.path, root / entry.path)


def _signature(folder: Path) -> tuple:
    stamps = []
    for name in (MANIFEST, JOURNAL):
        try:
            status = os.stat(folder / name)
            stamps.append((status.st_mtime_ns, status.st_size))
        except FileNotFoundError:
            stamps.append(None)
    return tuple(stamps)


class Catalogue:
    """One output folder's assets by province, reloaded when its manifest changes."""

    def __init__(self, folder: Path, url_prefix: str):
        self.folder = Path(folder)
        self.url_prefix = url_prefix
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._by_province: dict[str, tuple[Asset, ...]] = {}
        self._by_path: dict[str, Asset] = {}
        self._listings: dict[tuple[str | None, str | None], bytes] = {}

    def _fresh(self) -> None:
        signature = _signature(self.folder)
        if signature == self._signature:
            return
        with self._lock:
            if signature == self._signature:
                return
            try:
                entries = list(Manifest.load(self.folder))
            except PipelineError:
                entries = []
            by_path = {e.path: _asset(e, self.folder, self.url_prefix) for e in entries}
            grouped: dict[str, list[Asset]] = {}
            for asset in by_path.values():
                grouped.setdefault(asset.entry.province, []).append(asset)
            self._by_path = by_path
            self._by_province = {k: tuple(sorted(v, key=_order)) for k, v in grouped.items()}
            self._listings = {}
            self._signature = signature

    def for_province(self, province: str | None) -> tuple[Asset, ...]:
        """A province's own assets and the nationwide ones; None: everything."""
        self._fresh()
        if province is None:
            return tuple(a for group in self._by_province.values() for a in group)
        return self._by_province.get(province, ()) + self._by_province.get(NATIONAL, ())

    def listing(self, province: str | None, kind: str | None) -> bytes:
        """`for_province` filtered by kind as JSON array items, encoded once per manifest
        version: listing a province's thousand assets is then a dictionary lookup."""
        assets = of_kind(self.for_province(province), kind)
        key = (province, kind)
        found = self._listings.get(key)
        if found is None:
            found = listing_json(assets)
            self._listings[key] = found
        return found

    def find(self, path: str) -> Asset | None:
        self._fresh()
        return self._by_path.get(path)


def _order(asset: Asset) -> tuple:
    kind = asset.entry.kind
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), asset.entry.path)


def visible(asset: Asset, province: str | None) -> bool:
    """Whether a viewer (None: the campaign team) may see this asset."""
    return province is None or asset.entry.province in (province, NATIONAL)


def listing_json(assets) -> bytes:
    return ",".join(json.dumps(a.to_json(), ensure_ascii=False, sort_keys=True)
                    for a in assets).encode()


def of_kind(assets, kind: str | None) -> list[Asset]:
    return [a for a in assets if not kind or a.entry.kind == kind]


def thumbnail_of(assets: list[Asset]) -> Asset | None:
    return next((a for a in assets if a.entry.role in THUMB_ROLES), None)


def grouped_by_job(assets) -> list[tuple[str, list[Asset]]]:
    """(job id, its files) in listing order: one card a job on the page."""
    jobs: dict[str, list[Asset]] = {}
    for asset in assets:
        jobs.setdefault(asset.entry.job, []).append(asset)
    return list(jobs.items())
