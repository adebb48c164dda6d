"""One produced file as the manifest and the journal record it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..files.paths import Confinement

# What an entry read back must hold, and of which type: the manifest and the journal are
# input too (a hand-edited or damaged file), so nothing they say is acted on unchecked.
_ENTRY_TYPES = {"id": str, "job": str, "kind": str, "product": str, "role": str,
                "variant": dict, "path": str, "bytes": int, "sha256": str, "mtime_ns": int,
                "media": dict, "warnings": list, "inputs": dict, "spec": dict,
                "tool_versions": dict, "built_at": str}

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
