"""Confinement: every identifier that becomes a path component is checked against one
pattern, and every path the pipeline reads from the project or writes, moves or deletes in
an output folder is resolved and must lie inside the folder it belongs to.

The desk puts the pipeline behind a web page where provinces type names and upload files,
so everything that reaches a file name is treated as untrusted here, in one place.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import PipelineError

# Province slugs, product ids, size names, languages: one path component each.
IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
IDENTIFIER_RULE = "lowercase ASCII letters, digits and '-', starting with a letter or digit, " \
                  "at most 64 characters"


class OutsideError(PipelineError):
    """A path that would leave the folder it belongs to."""


def is_identifier(value: object) -> bool:
    return isinstance(value, str) and IDENTIFIER.fullmatch(value) is not None


def _inside(root: str, target: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


class Confinement:
    """Which relative paths stay inside `root`. Each folder is resolved once: a manifest of
    20,000 files lives in a few hundred folders, and its check must not cost a second."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.base = os.path.realpath(root)
        self._folders: dict[str, bool] = {}

    def __call__(self, rel: object) -> Path | None:
        """`root / rel` when `accepts(rel)`, else None."""
        return self.root / rel if self.accepts(rel) else None

    def accepts(self, rel: object) -> bool:
        """True when `rel` is a relative path to a file whose folder, resolved, stays inside
        `root` (no '..', '.', empty parts or '~', not absolute, no folder linked out).

        The last component is not resolved: the writer replaces it and `unlink` removes
        it, neither ever follows it, so a link planted there is replaced, not written
        through."""
        if not isinstance(rel, str) or not rel or "\0" in rel or "\\" in rel \
                or rel.startswith(("/", "~")):
            return False
        parts = rel.split("/")
        if ".." in parts or "." in parts or "" in parts:
            return False
        parent = "/".join(parts[:-1]) or "."
        inside = self._folders.get(parent)
        if inside is None:
            folder = os.path.realpath(os.path.join(self.base, parent))
            inside = self._folders[parent] = _inside(self.base, folder)
        return inside


def relative_inside(root: Path, rel: object) -> Path | None:
    """One path checked on its own (see `Confinement`)."""
    return Confinement(root)(rel)


def confined(root: Path, rel: str, doing: str = "write") -> Path:
    """`root / rel`, or OutsideError naming what was refused."""
    path = relative_inside(root, rel)
    if path is None:
        raise OutsideError(f"refusing to {doing} '{rel}': it is not inside {root}/")
    return path


def escapes(root: Path, path: Path) -> bool:
    """True when `path` is (lexically) in the project at `root` but resolves outside it:
    a link out. Files outside the project to begin with (fonts in installed packages) are
    not this rule's business."""
    base = os.path.realpath(root)
    absolute = os.path.abspath(path)
    if not _inside(os.path.abspath(root), absolute):
        return False
    return not _inside(base, os.path.realpath(absolute))


def check_project_file(root: Path, path: Path, display: str) -> None:
    """The rule for every file a spec or a convention pulls in (data, sidecars, takes,
    lexicons): it may not be a link that leaves the project."""
    if escapes(root, path):
        raise OutsideError(f"{display}: points outside the project (through a link); "
                           "copy the file into the project instead")


# Folders no build may write into, whatever the user types.
_SYSTEM = ("/", "/proc", "/sys", "/dev", "/boot", "/etc", "/bin", "/sbin", "/lib", "/usr",
           "/var", "/run", "/home", "/root", "/tmp")


def refuse_system_folder(folder: Path, what: str) -> None:
    """A build or pull target must not be the root, a system folder or a home folder."""
    resolved = os.path.realpath(folder)
    homes = {os.path.realpath(os.path.expanduser("~"))}
    if os.path.isdir("/home"):
        homes |= {os.path.realpath(os.path.join("/home", d)) for d in os.listdir("/home")}
    if resolved in _SYSTEM or resolved in homes:
        raise PipelineError(f"{what} {folder}: refusing to use {resolved} itself; give a "
                            "folder of its own, e.g. ./output")
