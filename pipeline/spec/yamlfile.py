"""Safe YAML parsing that keeps the file position of every value.

Only plain data is accepted: mappings, sequences, strings, numbers, booleans, null and
dates. Tags that construct objects, duplicate keys and alias bombs are errors, not hangs.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import Where
from ..text.deceptive import first_in_file

MAX_SPEC_BYTES = 1_000_000
# An alias may be expanded at most this many nodes in total: a "billion laughs" file
# stops here instead of eating memory.
MAX_NODES = 20_000

# libyaml's parser (in PyYAML's wheels) reads specs several times faster; positions agree.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass
class Node:
    """A YAML value with where it stands. Maps hold `dict[str, Node]`, seqs `list[Node]`."""
    value: Any
    where: Where
    key_where: dict[str, Where] = field(default_factory=dict)
    # on a file's root node: what parsed but is almost certainly a mistake, one line each
    warnings: tuple[str, ...] = ()

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)


class YamlError(Exception):
    def __init__(self, where: Where, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def parse_file(path: Path, display: str) -> Node:
    """Parse one spec file into located nodes; raise YamlError on anything unsafe or malformed."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(Where(display), f"cannot read: {exc.strerror}") from None
    if size > MAX_SPEC_BYTES:
        raise YamlError(Where(display), f"file is {size:,} bytes; specs are limited to "
                                        f"{MAX_SPEC_BYTES:,}")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(Where(display), f"not UTF-8 text (byte {exc.start})") from None
    if deceptive := first_in_file(text):            # every text a spec prints or speaks
        raise YamlError(Where(display, *deceptive[:2]), deceptive[2])
    return parse_text(text, display)


# C0 controls but tab, LF and CR; DEL; C1 controls; the non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _check_characters(text: str, display: str) -> None:
    """A raw control character is a paste accident, and must never reach a file name, a
    transcript or a terminal: name where it is."""
    match = _CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        raise YamlError(Where(display, line, column),
                        f"control character U+{ord(match.group()):04X} is not allowed; "
                        "delete it (retype the text around it)")


def parse_text(text: str, display: str) -> Node:
    _check_characters(text, display)
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.composer.ComposerError as exc:
            if "expected a single document" in str(exc):
                raise YamlError(_where(display, exc.problem_mark),
                                "one document per file: remove the '---' separator") from None
            raise YamlError(_where(display, exc.problem_mark),
                            f"malformed YAML: {exc.problem}") from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = (exc.problem or exc.context or "malformed YAML").strip()
            if "'\\t'" in problem or "tab character" in problem \
                    or _indented_with_tab(text, mark):
                raise YamlError(_where(display, mark), "tabs are not allowed for "
                                "indentation; use spaces") from None
            raise YamlError(_where(display, mark), f"malformed YAML: {problem}") from None
        except yaml.YAMLError as exc:       # the reader's own complaints carry no mark
            raise YamlError(Where(display), f"malformed YAML: {exc}".splitlines()[0]) \
                from None
        if root is None:
            raise YamlError(Where(display, 1, 1), "the file is empty")
        converter = _Converter(loader, display)
        node = converter.convert(root)
        return dataclasses.replace(node, warnings=tuple(converter.warnings))
    finally:
        loader.dispose()


def _indented_with_tab(text: str, mark) -> bool:
    if mark is None:
        return False
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return "\t" in line[:len(line) - len(line.lstrip())]


def _where(display: str, mark) -> Where:
    if mark is None:
        return Where(display)
    return Where(display, mark.line + 1, mark.column + 1)


class _Converter:
    def __init__(self, loader, display: str):
        self.loader = loader
        self.display = display
        self.budget = MAX_NODES
        self.warnings: list[str] = []

    def convert(self, node: yaml.Node) -> Node:
        self.budget -= 1
        where = _where(self.display, node.start_mark)
        if self.budget < 0:
            raise YamlError(where, f"too many values (over {MAX_NODES:,}, aliases counted "
                                   "as expanded): is an alias repeated on purpose?")
        if node.tag not in _PLAIN_TAGS:
            raise YamlError(where, f"tag '{node.tag}' is not allowed: specs hold plain "
                                   "data only")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return Node([self.convert(item) for item in node.value], where)
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > 30:
            raise YamlError(where, f"a number of {len(node.value):,} digits is not a "
                                   "plausible value")
        if node.style in ("'", None, "") and "\\n" in str(node.value):
            # Only double quotes turn \n into a new line; here it would print as "\N".
            quoted = "in single quotes" if node.style == "'" else "unquoted"
            self.warnings.append(
                f"{where}: a backslash-n {quoted} is printed as the two characters \\n, "
                "not a new line: write the text in double quotes (\"...\\n...\") or drop it")
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                raise YamlError(where, f"'{node.value}' is not a day of the calendar "
                                       f"({exc}); write a date like 2024-05-06") from None
            raise YamlError(where, f"bad value: {exc}".splitlines()[0]) from None
        return Node(value, where)

    def _mapping(self, node: yaml.MappingNode, where: Where) -> Node:
        values: dict[str, Node] = {}
        key_where: dict[str, Where] = {}
        for key_node, value_node in node.value:
            kw = _where(self.display, key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(kw, "merge keys ('<<') are not supported: write the "
                                    "values out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(kw, "a key must be a plain name")
            key = str(key_node.value)
            if key in values:
                first = key_where[key]
                raise YamlError(kw, f"{key}: duplicate key (first at line {first.line})")
            key_where[key] = kw
            values[key] = self.convert(value_node)
        return Node(values, where, key_where)
