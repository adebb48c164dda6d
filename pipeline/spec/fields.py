"""Reading located YAML nodes into typed values, collecting every problem on the way.

A converter takes a Node and returns a value or raises Invalid; `Fields` reads one mapping
and reports the keys nobody read as unknown, with the close matches.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..errors import SpecProblem, Where, did_you_mean
from .yamlfile import Node

T = TypeVar("T")
Converter = Callable[[Node], Any]


class Invalid(Exception):
    """A value is wrong; `where` overrides the node's own position (an item inside it)."""

    def __init__(self, message: str, where: Where | None = None, field_suffix: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where
        self.field_suffix = field_suffix


@dataclass
class Problems:
    items: list[SpecProblem] = field(default_factory=list)

    def add(self, where: Where, field_name: str, message: str) -> None:
        self.items.append(SpecProblem(where, field_name, message))


_MISSING = object()


class Fields:
    """One YAML mapping being read; call `done()` to report unknown keys."""

    def __init__(self, node: Node, problems: Problems, prefix: str = ""):
        self.node = node
        self.problems = problems
        self.prefix = prefix
        self.read: set[str] = set()
        self.ok = True

    def name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def get(self, key: str, convert: Converter, default: Any = _MISSING) -> Any:
        """The converted value; a missing required key or a bad value is recorded, None returned."""
        self.read.add(key)
        value_node = self.node.value.get(key)
        if value_node is None:
            if default is _MISSING:
                self.problems.add(self.node.where, self.name(key), "missing (required)")
                self.ok = False
                return None
            return default
        return self.convert(key, value_node, convert)

    def convert(self, key: str, value_node: Node, convert: Converter) -> Any:
        try:
            return convert(value_node)
        except Invalid as exc:
            self.problems.add(exc.where or value_node.where,
                              self.name(key) + exc.field_suffix, exc.message)
            self.ok = False
            return None

    def done(self) -> None:
        for key in sorted(set(self.node.value) - self.read):
            self.problems.add(self.node.key_where[key], self.name(key),
                              "unknown key" + did_you_mean(key, self.read,
                                                           "see docs/specs.md"))
            self.ok = False


def fields_of(node: Node, problems: Problems, prefix: str = "") -> Fields | None:
    if not node.is_map:
        problems.add(node.where, prefix, f"expected a mapping of keys, got {_kind(node)}")
        return None
    return Fields(node, problems, prefix)


def _kind(node: Node) -> str:
    if node.is_map:
        return "a mapping"
    if node.is_seq:
        return "a list"
    if node.value is None:
        return "nothing (null)"
    if isinstance(node.value, str):
        return f"'{node.value}'"          # what the person wrote, not a Python type
    return str(node.value).lower() if isinstance(node.value, bool) else str(node.value)


# ---- converters -------------------------------------------------------------------

# Control characters a YAML escape ("\x1b", "\u0007") can still produce after parsing:
# they must never reach a file, a transcript, an announcer script or a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def text(node: Node) -> str:
    """Non-empty text, NFC-normalized, trimmed, free of control characters."""
    if isinstance(node.value, bool) or node.value is None or node.is_map or node.is_seq:
        raise Invalid(f"expected text, got {_kind(node)}")
    value = unicodedata.normalize("NFC", str(node.value)).strip()
    if not value:
        raise Invalid("empty text")
    bad = _CONTROL.search(value)
    if bad:
        raise Invalid(f"control character U+{ord(bad.group()):04X} is not allowed")
    return value


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(node: Node) -> str:
    value = text(node)
    if not _SLUG.match(value) or len(value) > 64:
        raise Invalid(f"'{value}' is not a slug: use lowercase ASCII letters, digits and "
                      "hyphens, at most 64 characters (e.g. 'contribute-today')")
    return value


def boolean(node: Node) -> bool:
    if not isinstance(node.value, bool):
        raise Invalid(f"expected true or false, got {_kind(node)}")
    return node.value


def date(node: Node) -> dt.date:
    if isinstance(node.value, dt.date) and not isinstance(node.value, dt.datetime):
        return node.value
    hint = ""
    written = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", str(node.value).strip())
    if written:                # day first, as Vietnamese write it: 01/07/2025
        day, month, year = written.groups()
        hint = f" (write it year first: {year}-{int(month):02d}-{int(day):02d})"
    raise Invalid(f"expected a date like 2024-05-06, got {_kind(node)}{hint}")


def number(low: float, high: float, unit: str = "") -> Converter:
    def convert(node: Node) -> float:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"expected a number, got {_kind(node)}")
        if not low <= value <= high:
            raise Invalid(f"{value}{unit} is out of range ({low}{unit} to {high}{unit})")
        return value
    return convert


def integer(low: int, high: int) -> Converter:
    def convert(node: Node) -> int:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected a whole number, got {value!r}")
        if not low <= value <= high:
            raise Invalid(f"{value} is out of range ({low} to {high})")
        return value
    return convert


def color(node: Node) -> str:
    value = text(node)
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise Invalid(f"'{value}' is not a colour: write it as #RRGGBB")
    return value.upper()


def one_of(choices, hint: str = "") -> Converter:
    choices = list(choices)

    def convert(node: Node) -> str:
        value = text(node)
        if value not in choices:
            if len(choices) <= 6:
                allowed = ", ".join(choices)
                raise Invalid(f"'{value}' is not one of: {allowed}")
            raise Invalid(f"unknown name '{value}'" + did_you_mean(value, choices, hint))
        return value
    return convert


def list_of(convert_item: Converter, *, unique: bool = True,
            allow_empty: bool = False) -> Converter:
    def convert(node: Node) -> tuple:
        items = node.value if node.is_seq else None
        if items is None:
            raise Invalid(f"expected a list, got {_kind(node)}")
        if not items and not allow_empty:
            raise Invalid("empty list")
        values = []
        for i, item in enumerate(items):
            try:
                value = convert_item(item)
            except Invalid as exc:
                raise Invalid(exc.message, exc.where or item.where,
                              f"[{i}]{exc.field_suffix}") from None
            if unique and value in values:
                raise Invalid(f"'{value}' is listed twice", item.where, f"[{i}]")
            values.append(value)
        return tuple(values)
    return convert


def localized_text(languages) -> Converter:
    """{vi: "...", en: "..."}; a plain string means Vietnamese."""
    def convert(node: Node) -> dict[str, str]:
        if not node.is_map:
            return {"vi": text(node)}
        result = {}
        for lang, item in node.value.items():
            if lang not in languages:
                raise Invalid("unknown language" + did_you_mean(lang, languages,
                                                                "languages: vi, en"),
                              node.key_where[lang], f".{lang}")
            try:
                result[lang] = text(item)
            except Invalid as exc:
                raise Invalid(exc.message, item.where, f".{lang}") from None
        if not result:
            raise Invalid("no text given")
        return dict(sorted(result.items()))
    return convert


PICTURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


def picture_path(root: Path) -> Converter:
    """A project file a template can place: an SVG (a logo, vector), a PNG or a JPEG."""
    inside = project_path(root)

    def convert(node: Node) -> Path:
        path = inside(node)
        if path.suffix.lower() not in PICTURE_SUFFIXES:
            raise Invalid(f"'{node.value}' is not an SVG, PNG or JPEG picture")
        return path
    return convert


def mapping_of(convert_value: Converter) -> Converter:
    """{name: value}: names are lower-case identifiers (a template's slot names)."""
    def convert(node: Node) -> dict:
        if not node.is_map:
            raise Invalid(f"expected a mapping of names to values, got {_kind(node)}")
        result = {}
        for key, value in node.value.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(key)):
                raise Invalid(f"'{key}' is not a slot name (lower-case letters, digits, _)",
                              node.key_where.get(key))
            try:
                result[key] = convert_value(value)
            except Invalid as exc:
                raise Invalid(exc.message, exc.where or value.where,
                              f".{key}{exc.field_suffix}") from None
        return dict(sorted(result.items()))
    return convert


def project_path(root: Path, *, must_exist: bool = True) -> Converter:
    """A file path relative to the project that may not leave it (.., absolute, symlinks)."""
    root = root.resolve()

    def convert(node: Node) -> Path:
        value = text(node)
        raw = Path(value)
        if raw.is_absolute() or value.startswith("~"):
            raise Invalid(f"'{value}' is absolute: give a path relative to the project")
        if ".." in raw.parts:
            raise Invalid(f"'{value}' leaves the project ('..' is not allowed)")
        resolved = (root / raw).resolve()
        if os.path.commonpath([resolved, root]) != str(root):
            raise Invalid(f"'{value}' points outside the project (through a link)")
        if must_exist and not resolved.is_file():
            raise Invalid(f"file '{value}' does not exist")
        return resolved
    return convert
