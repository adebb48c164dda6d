"""The leaflet spec: a title and the copy as a list of blocks, read and checked once.

    blocks:
      - heading: "Vì sao cần tham gia BHXH?"
        panel: inside-left          # optional: start this block on that panel
      - paragraph: "..."
        source: "Luật BHXH 2014, Điều 18"   # where the statement comes from (not printed)

Data files, photos and glyph coverage are checked here, so `campaign check` reports them
with file and line before anything renders; the renderer never opens a spec file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...catalog.datasets import EXAMPLE_MARK, read_sourced, sidecar_path
from ...spec import fields as f
from ...spec.texts import check_glyphs
from ...spec.yamlfile import Node
from .formats import LEAFLET_SIZES, sheet_for

KINDS = ("heading", "paragraph", "bullets", "qa", "figure", "qr", "contact", "photo")
FORMATS = ("number", "millions", "percent")
MIN_PHOTO_DPI = 250
PANELS = tuple(dict.fromkeys(p.name for s in LEAFLET_SIZES for p in sheet_for(s).panels))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class Figure:
    title: str
    bars: tuple[Bar, ...]
    source_line: str              # printed under the chart
    number_format: str = "number"
    decimals: int = 0
    unit: str = ""                # printed after each value: "đồng", "người"
    data_file: Path | None = None


@dataclass(frozen=True)
class Qr:
    url: str
    size_mm: float = 24.0


@dataclass(frozen=True)
class Photo:
    file: Path
    credit: str
    width_mm: float
    pixel_size: tuple[int, int]

    @property
    def height_mm(self) -> float:
        return self.width_mm * self.pixel_size[1] / self.pixel_size[0]


@dataclass(frozen=True)
class Block:
    kind: str
    number: int                   # 1-based, as people count blocks in messages
    line: int                     # line of the block in the spec file
    content: object               # str | tuple[str] | tuple[(q, a)] | Figure | Qr | Photo | None
    panel: str | None = None
    level: int = 2                # headings: 1 = the cover title, 2 = a section
    column: int = 0               # of the block in the spec file, for `campaign check`

    def label(self) -> str:
        """'block 7 (paragraph "Người lao động tự do…")' for error messages."""
        first = self.first_text()
        words = first.split()
        short = " ".join(words[:5]) + ("…" if len(words) > 5 else "")
        return f'block {self.number} ({self.kind} "{short}")' if short else \
            f"block {self.number} ({self.kind})"

    def first_text(self) -> str:
        content = self.content
        if isinstance(content, str):
            return content
        if isinstance(content, tuple) and content:
            item = content[0]
            return item if isinstance(item, str) else item[0]
        if isinstance(content, Figure):
            return content.title
        if isinstance(content, Qr):
            return content.url
        return ""


@dataclass(frozen=True)
class LeafletSpec:
    title: str
    blocks: tuple[Block, ...]

    def files(self) -> tuple[Path, ...]:
        """Data files, their sidecars and photos: the output depends on their bytes."""
        paths: list[Path] = []
        for block in self.blocks:
            if isinstance(block.content, Figure) and block.content.data_file:
                paths += [block.content.data_file, sidecar_path(block.content.data_file)]
            if isinstance(block.content, Photo):
                paths.append(block.content.file)
        return tuple(paths)


def parse(fields, context) -> LeafletSpec | None:
    title = fields.get("title", f.text)
    blocks_node = fields.get("blocks", lambda n: n)
    _vietnamese_only(fields)
    blocks: list[Block] = []
    if blocks_node is not None:
        if not blocks_node.is_seq or not blocks_node.value:
            fields.problems.add(blocks_node.where, "blocks", "expected a list of blocks")
            fields.ok = False
        else:
            for number, node in enumerate(blocks_node.value, start=1):
                block = _block(node, number, fields, context)
                if block is None:
                    fields.ok = False
                else:
                    blocks.append(block)
    if title and context.campaign:
        _check_glyphs(fields, context, [(fields.node.value["title"], "title", title)])
    if not fields.ok or title is None:
        return None
    return LeafletSpec(title, tuple(blocks))


def _vietnamese_only(fields) -> None:
    node = fields.node.value.get("languages")
    if node is not None and node.is_seq and any(n.value != "vi" for n in node.value):
        fields.problems.add(node.where, "languages",
                            "leaflets are set in Vietnamese only: use [vi]")
        fields.ok = False


def _block(node: Node, number: int, fields, context) -> Block | None:
    prefix = f"blocks[{number - 1}]"
    sub = f.fields_of(node, fields.problems, prefix)
    if sub is None:
        return None
    kinds = [k for k in KINDS if k in node.value]
    if len(kinds) != 1:
        found = ", ".join(kinds) if kinds else "none"
        fields.problems.add(node.where, prefix, f"a block has exactly one of: "
                                                f"{', '.join(KINDS)} (found: {found})")
        return None
    kind = kinds[0]
    panel = sub.get("panel", f.one_of(PANELS, "panels: " + ", ".join(PANELS)), None)
    sub.get("source", f.text, None)          # the statement's citation, for reviewers
    level = sub.get("level", f.integer(1, 2), 2) if kind == "heading" else 2
    content = sub.get(kind, _CONTENT[kind](context, sub))
    sub.done()
    if not sub.ok:
        return None
    if context.campaign:
        texts = [(node.value[kind], f"{prefix}.{kind}", t) for t in _texts(content)]
        _check_glyphs(sub, context, texts)
        if not sub.ok:
            return None
    return Block(kind, number, node.where.line, content, panel, level, node.where.column)


def _texts(content) -> list[str]:
    if isinstance(content, str):
        return [content]
    if isinstance(content, tuple):
        return [t for item in content for t in ((item,) if isinstance(item, str) else item)]
    if isinstance(content, Figure):
        return [content.title, content.source_line, content.unit,
                *(bar.label for bar in content.bars)]
    if isinstance(content, Photo):
        return [content.credit]
    return []


def _check_glyphs(fields, context, texts) -> None:
    for node, name, text in texts:
        check_glyphs(fields, context, node, name, text + "•")   # the list bullet too


# -- block contents -----------------------------------------------------------------

def _plain(context, sub):
    return f.text


def _bullets(context, sub):
    return f.list_of(f.text, unique=False)


def _qa(context, sub):
    def convert(node: Node) -> tuple[tuple[str, str], ...]:
        items = f.list_of(lambda n: n, unique=False)(node)
        pairs = []
        for i, item in enumerate(items):
            pair = f.fields_of(item, sub.problems, f"{sub.prefix}.qa[{i}]")
            if pair is None:
                raise f.Invalid("expected {q: question, a: answer}", item.where)
            q, a = pair.get("q", f.text), pair.get("a", f.text)
            pair.done()
            if not pair.ok:
                raise f.Invalid("see the problems above", item.where)
            pairs.append((q, a))
        return tuple(pairs)
    return convert


def _qr(context, sub):
    def convert(node: Node) -> Qr:
        q = f.fields_of(node, sub.problems, f"{sub.prefix}.qr")
        if q is None:
            raise f.Invalid("expected {url: https://...}")
        url = q.get("url", f.text)
        size = q.get("size_mm", f.number(18, 60, " mm"), 24.0)
        q.done()
        if url and not url.startswith(("https://", "http://")):
            raise f.Invalid(f"'{url}' is not a web address (https://...)", node.where)
        if not q.ok:
            raise f.Invalid("see the problems above", node.where)
        return Qr(url, float(size))
    return convert


def _contact(context, sub):
    def convert(node: Node) -> None:
        if node.value not in (None, {}, True):
            raise f.Invalid("write `contact: true`: the panel is filled from the province's "
                            "localization data")
    return convert


def _figure(context, sub):
    def convert(node: Node) -> Figure:
        g = f.fields_of(node, sub.problems, f"{sub.prefix}.figure")
        if g is None:
            raise f.Invalid("expected a mapping with title, and data + column or bars")
        title = g.get("title", f.text)
        data = g.get("data", f.project_path(context.root), None)
        column = g.get("column", f.text, None)
        bars = g.get("bars", f.list_of(_bar(g), unique=False), None)
        source = g.get("source", f.text, None)
        fmt = g.get("format", f.one_of(FORMATS), "number")
        decimals = g.get("decimals", f.integer(0, 3), 0)
        unit = g.get("unit", f.text, "")
        g.done()
        if (data is None) == (bars is None):
            raise f.Invalid("give either data (a CSV under assets/data/) with column, or bars",
                            node.where)
        if bars is not None and source is None:
            raise f.Invalid("bars need a source: the line printed under the chart",
                            node.where)
        if data is not None:
            bars, source = _dataset_bars(g, context, data, column, source, node)
        if not g.ok:
            raise f.Invalid("see the problems above", node.where)
        return Figure(title, tuple(bars), source, fmt, decimals, unit, data)
    return convert


def _bar(g):
    def convert(node: Node) -> Bar:
        b = f.fields_of(node, g.problems, f"{g.prefix}.bars")
        if b is None:
            raise f.Invalid("expected {label: text, value: number}")
        label, value = b.get("label", f.text), b.get("value", f.number(0, 1e15))
        b.done()
        if not b.ok:
            raise f.Invalid("see the problems above", node.where)
        return Bar(label, float(value))
    return convert


def _dataset_bars(g, context, path: Path, column: str | None, source: str | None, node):
    if column is None:
        raise f.Invalid("data needs a column: which of the table's columns to chart",
                        node.where)
    found = read_sourced(g, "data", path, context.root, required=(column,))
    if found is None:
        raise f.Invalid("the data file has problems (listed above)", node.where)
    table, credit = found[0], found[1].credit
    bars = [Bar(str(year), value) for year, value in zip(table.years, table.values(column))]
    if source and found[1].example:        # the spec's own credit still says it
        source = f"{EXAMPLE_MARK['vi']}. {source}"
    return bars, source or credit["vi"]


def _photo(context, sub):
    def convert(node: Node) -> Photo:
        p = f.fields_of(node, sub.problems, f"{sub.prefix}.photo")
        if p is None:
            raise f.Invalid("expected {file: path, credit: text, width_mm: number}")
        path = p.get("file", f.project_path(context.root))
        credit = p.get("credit", f.text)
        width = p.get("width_mm", f.number(20, 280, " mm"))
        p.done()
        if not p.ok:
            raise f.Invalid("see the problems above", node.where)
        return _checked_photo(path, credit, float(width), node)
    return convert


def _checked_photo(path: Path, credit: str, width_mm: float, node: Node) -> Photo:
    from ...media.images import ImageProblem, pixel_size

    try:
        pixels = pixel_size(path)
    except ImageProblem as exc:
        raise f.Invalid(str(exc), node.where) from None
    dpi = pixels[0] / (width_mm / 25.4)
    if dpi < MIN_PHOTO_DPI:
        raise f.Invalid(f"{path.name}: {pixels[0]} px across {width_mm:g} mm is {dpi:.0f} dpi; "
                        f"print needs at least {MIN_PHOTO_DPI} dpi (at most "
                        f"{pixels[0] / MIN_PHOTO_DPI * 25.4:.0f} mm wide)", node.where)
    return Photo(path, credit, width_mm, pixels)


_CONTENT = {"heading": _plain, "paragraph": _plain, "bullets": _bullets, "qa": _qa,
            "figure": _figure, "qr": _qr, "contact": _contact, "photo": _photo}
