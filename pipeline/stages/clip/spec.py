"""The clip spec: top-level keys and the scene list, read, checked and typed once.

Statistics files are read here, at spec time, so `campaign check` reports a missing
column or year at the line of the scene that asks for it; the job carries the figure to
the renderer, which never opens a data file.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ...catalog.datasets import (
    Source,
    Table,
    is_percent,
    read_sourced,
    sidecar_path,
)
from ...errors import did_you_mean
from ...spec import fields as f
from ...spec.model import Product
from ...spec.texts import check_text
from ...spec.yamlfile import Node
from .chart_spec import ChartData, Icon, chart_data, icon_list, image_path
from .easing import EASINGS
from .transitions import TRANSITIONS
from .voice_spec import check_lines, radio_product

LANGUAGES = ("vi", "en")
SCENE_TYPES = ("title", "stat", "message", "lower-third", "endcard", "chart", "icons",
               "image")
REVEALS = ("word", "line")
FORMATS = ("millions", "number", "percent")
CAPTION_MODES = ("burn", "sidecar")
FPS_CHOICES = (25, 30)
MAX_TOTAL_S = 180.0
LOUDNESS_RANGE_LUFS = (-16.0, -14.0)
MUSIC_STYLES = ("generated",)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
FILE_PLACEHOLDERS = ("province", "lang")

# Keys that belong to some scene types only: using one elsewhere gets a message that says so.
ONLY_FOR = {
    "text": ("message", "lower-third", "icons", "image"),
    "reveal": ("message",),
    "reveal_s": ("message",),
    "subtitle": ("lower-third",),
    "data": ("stat", "chart"), "column": ("stat", "chart"), "year": ("stat",),
    "format": ("stat", "chart"), "decimals": ("stat", "chart"), "label": ("stat", "chart"),
    "count_s": ("stat",), "chart": ("chart",), "columns": ("chart",), "years": ("chart",),
    "highlight": ("chart",), "names": ("chart",), "icons": ("chart", "icons"),
    "image": ("image",), "zoom": ("image",),
}


@dataclass(frozen=True)
class Figure:
    """One statistic a stat scene counts up to, with where it comes from."""
    path: Path               # absolute; the fingerprint stores it project-relative
    table: Table
    source: Source
    column: str
    year: int
    format: str              # millions | number | percent
    decimals: int

    @property
    def value(self) -> float:
        return self.table.value(self.column, self.year)


@dataclass(frozen=True)
class SceneSpec:
    type: str
    duration_s: float
    transition: str = "cut"          # how this scene enters
    transition_s: float = 0.4
    easing: str = "ease-out"
    caption: dict[str, str] | None = None     # explicit: burned in and in the sidecars
    text: dict[str, str] | None = None        # message; lower-third main line
    subtitle: dict[str, str] | None = None    # lower-third second line
    reveal: str = "word"
    reveal_s: float | None = None
    label: dict[str, str] | None = None       # stat
    figure: Figure | None = None
    count_s: float | None = None
    chart: ChartData | None = None
    icons: tuple[Icon, ...] = ()
    image: Path | None = None
    zoom: float = 1.15                        # image: the Ken Burns push-in, end / start
    lines: tuple[int, ...] = ()               # the voice's lines it carries (take numbers)


@dataclass(frozen=True)
class Soundtrack:
    music: str | None = None          # 'generated'
    file: str | None = None           # project-relative, may hold {province} and {lang}


@dataclass(frozen=True)
class ClipSpec:
    root: Path
    fps: int
    scenes: tuple[SceneSpec, ...]
    soundtrack: Soundtrack | None = None
    loudness_lufs: float = -14.0
    captions: str = "burn"
    poster_s: float | None = None
    voice: Product | None = None      # the radio product whose spoken lines are the voice
    speakers: dict[str, dict[str, str]] | None = None    # voice name -> caption label

    @property
    def duration_s(self) -> float:
        return sum(scene.duration_s for scene in self.scenes)

    def data_files(self) -> tuple[Path, ...]:
        paths: list[Path] = []
        for scene in self.scenes:
            found = [data.path for data in (scene.figure, scene.chart) if data is not None]
            for path in [p for data in found for p in (data, sidecar_path(data))] + \
                    [icon.path for icon in scene.icons] + \
                    ([scene.image] if scene.image else []):
                if path not in paths:
                    paths.append(path)
        return tuple(paths)

    def soundtrack_file(self, province_slug: str, lang: str) -> Path | None:
        if self.soundtrack is None or self.soundtrack.file is None:
            return None
        return self.root / self.soundtrack.file.format(province=province_slug, lang=lang)


def parse(fields, context) -> ClipSpec | None:
    fps = fields.get("fps", _fps, 30)
    scenes_node = fields.get("scenes", lambda node: node)
    soundtrack = fields.get("soundtrack", lambda node: _soundtrack(node, fields.problems),
                            None)
    low, high = LOUDNESS_RANGE_LUFS
    loudness = fields.get("loudness_lufs", f.number(low, high, " LUFS"), -14.0)
    captions = fields.get("captions", f.one_of(CAPTION_MODES), "burn")
    poster_s = fields.get("poster_s", f.number(0, MAX_TOTAL_S, " s"), None)
    voice_id = fields.get("voice", f.slug, None)
    voice = radio_product(fields, context, voice_id) if voice_id else None
    missing = [lang for lang in context.languages if voice and lang not in voice.languages]
    if missing:
        fields.problems.add(fields.node.value["voice"].where, "voice",
                            f"{voice.id} does not speak {missing[0]} (its languages: "
                            f"{', '.join(voice.languages)})")
        fields.ok = False
    speakers = fields.get("speakers", f.mapping_of(f.localized_text(LANGUAGES)), None)
    if speakers and voice is not None:
        names = sorted(voice.body.voices)
        for name in speakers:
            if name not in names:
                fields.problems.add(fields.node.value["speakers"].key_where[name],
                                    f"speakers.{name}", f"no voice '{name}' in {voice.id} "
                                    f"(voices: {', '.join(names)})" + did_you_mean(name, names))
                fields.ok = False
    scenes: tuple[SceneSpec, ...] | None = None
    if scenes_node is not None:
        scenes = _scenes(scenes_node, fields, context)
    if scenes and context.campaign:
        _check_texts(fields, context, scenes)
    if scenes and not check_lines(fields, scenes_node, scenes, voice):
        fields.ok = False
    if scenes:
        total = sum(s.duration_s for s in scenes)
        if total > MAX_TOTAL_S:
            fields.problems.add(scenes_node.where, "scenes",
                                f"the scenes last {total:g} s; a clip is at most "
                                f"{MAX_TOTAL_S:g} s")
            fields.ok = False
        if poster_s is not None and poster_s >= total:
            fields.problems.add(fields.node.value["poster_s"].where, "poster_s",
                                f"{poster_s:g} s is not within the clip (0 to {total:g} s)")
            fields.ok = False
    if not fields.ok or scenes is None:
        return None
    return ClipSpec(context.root.resolve(), fps, scenes, soundtrack, float(loudness), captions,
                    poster_s, voice, speakers)


def _fps(node: Node) -> int:
    if node.value not in FPS_CHOICES or isinstance(node.value, bool):
        raise f.Invalid(f"{node.value!r} is not one of: 25, 30 (frames per second)")
    return int(node.value)


def _soundtrack(node: Node, problems) -> Soundtrack:
    sub = f.fields_of(node, problems, "soundtrack")
    if sub is None:
        raise f.Invalid("expected {music: generated} or {file: <audio file>}")
    music = sub.get("music", f.one_of(MUSIC_STYLES), None)
    file = sub.get("file", _audio_path, None)
    sub.done()
    if sub.ok and (music is None) == (file is None):
        raise f.Invalid("give one of music (a generated bed) or file (e.g. a radio spot)")
    return Soundtrack(music, file)


def _audio_path(node: Node) -> str:
    """A project-relative path that may name {province} and {lang}; checked at render time,
    because a radio spot is an output of the same build."""
    value = f.text(node)
    for name in _PLACEHOLDER.findall(value):
        if name not in FILE_PLACEHOLDERS:
            raise f.Invalid(f"unknown placeholder {{{name}}} (allowed: {{province}}, {{lang}})")
    raw = Path(value)
    if raw.is_absolute() or value.startswith("~"):
        raise f.Invalid(f"'{value}' is absolute: give a path relative to the project")
    if ".." in raw.parts:
        raise f.Invalid(f"'{value}' leaves the project ('..' is not allowed)")
    return value


# -- scenes ---------------------------------------------------------------------------

def _scenes(node: Node, fields, context) -> tuple[SceneSpec, ...] | None:
    if not node.is_seq:
        fields.problems.add(node.where, "scenes", "expected a list of scenes")
        fields.ok = False
        return None
    if not node.value:
        fields.problems.add(node.where, "scenes", "empty list: a clip needs a scene")
        fields.ok = False
        return None
    scenes = []
    for i, item in enumerate(node.value):
        scene = _scene(item, f"scenes[{i}]", fields, context)
        if scene is None:
            fields.ok = False
        else:
            scenes.append(scene)
    return tuple(scenes) if fields.ok else None


def _scene(node: Node, prefix: str, fields, context) -> SceneSpec | None:
    problems = fields.problems
    sub = f.fields_of(node, problems, prefix)
    if sub is None:
        return None
    hint = "scene types: " + ", ".join(SCENE_TYPES)
    kind = sub.get("type", _scene_type(hint))
    localized = f.localized_text(LANGUAGES)
    duration = sub.get("duration", f.number(0.5, 60, " s"))
    values = dict(
        transition=sub.get("transition", f.one_of(TRANSITIONS), "cut"),
        transition_s=sub.get("transition_s", f.number(0.1, 2.0, " s"), 0.4),
        easing=sub.get("easing", f.one_of(EASINGS), "ease-out"),
        caption=sub.get("caption", localized, None),
        lines=sub.get("lines", f.list_of(f.integer(0, 99)), ()),
    )
    if kind is None:
        sub.read.update(node.value)       # one problem for this scene is enough
        return None
    for key, kinds in ONLY_FOR.items():
        if key in node.value and kind not in kinds:
            problems.add(node.key_where[key], f"{prefix}.{key}",
                         f"not used by {_article(kind)} {kind} scene (only by: "
                         f"{', '.join(kinds)})")
            sub.ok = False
            sub.read.add(key)
    values.update(_own_keys(kind, sub, context, localized))
    sub.done()
    if not sub.ok or duration is None:
        return None
    lead = values["transition_s"] if values["transition"] != "cut" else 0.0
    limits = {"transition_s": (duration, "the scene"),
              "reveal_s": (duration - lead, "the scene after its transition"),
              "count_s": (duration - lead, "the scene after its transition")}
    for key, (limit, what) in limits.items():
        if values.get(key) is not None and values[key] >= limit:
            problems.add(node.value[key].where if key in node.value else node.where,
                         f"{prefix}.{key}", f"{values[key]:g} s is not shorter than "
                                            f"{what} ({limit:g} s)")
            return None
    return SceneSpec(kind, float(duration), **values)


def _own_keys(kind: str, sub, context, localized) -> dict:
    """The keys of one scene type (a missing required key is a problem in `sub`)."""
    own: dict = {}
    if kind == "lower-third":
        own["text"] = sub.get("text", localized, None)
        own["subtitle"] = sub.get("subtitle", localized, None)
    if kind == "message":
        own["text"] = sub.get("text", localized)
        own["reveal"] = sub.get("reveal", f.one_of(REVEALS), "word")
        own["reveal_s"] = sub.get("reveal_s", f.number(0.1, 60, " s"), None)
    if kind == "chart":
        own["label"] = sub.get("label", localized, None)
        own["chart"] = chart_data(sub, context)
    if kind == "icons":
        own["icons"] = icon_list(sub, context)
        own["text"] = sub.get("text", localized, None)
    if kind == "image":
        own["text"] = sub.get("text", localized, None)
        own["image"] = sub.get("image", lambda node: image_path(node, context.root))
        own["zoom"] = sub.get("zoom", f.number(1.0, 1.5), 1.15)
    if kind == "stat":
        own["label"] = sub.get("label", localized)
        own["count_s"] = sub.get("count_s", f.number(0.1, 60, " s"), None)
        own["figure"] = _figure(sub, context)
    return own


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _scene_type(hint: str) -> f.Converter:
    def convert(node: Node) -> str:
        value = f.text(node)
        if value not in SCENE_TYPES:
            raise f.Invalid(f"unknown scene type '{value}'"
                            + did_you_mean(value, SCENE_TYPES, hint))
        return value
    return convert


def _figure(sub, context) -> Figure | None:
    path = sub.get("data", f.project_path(context.root))
    column = sub.get("column", f.text)
    year = sub.get("year", f.integer(1900, 2100), None)
    fmt = sub.get("format", f.one_of(FORMATS), None)
    decimals = sub.get("decimals", f.integer(0, 4), None)
    if path is None or column is None:
        return None
    found = read_sourced(sub, "data", path, context.root)
    if found is None:
        return None
    table, source = found
    display = os.path.relpath(path, context.root.resolve())
    node = sub.node.value
    if column == "year" or column not in table.columns:
        columns = [c for c in table.columns if c != "year"]
        sub.problems.add(node["column"].where, sub.name("column"),
                         f"no column '{column}' in {display} (columns: "
                         f"{', '.join(columns)})" + did_you_mean(column, columns))
        sub.ok = False
        return None
    if year is None:
        year = table.years[-1]
    elif year not in table.years:
        sub.problems.add(node["year"].where, sub.name("year"),
                         f"{year} is not in {display} (years {table.years[0]}-"
                         f"{table.years[-1]})")
        sub.ok = False
        return None
    value = table.value(column, year)
    if fmt is None:
        fmt = "percent" if is_percent(column) else "millions" if value >= 1e6 else "number"
    if decimals is None:
        decimals = 0 if fmt == "number" else 2
    return Figure(path, table, source, column, year, fmt, decimals)


def _check_texts(fields, context, scenes: tuple[SceneSpec, ...]) -> None:
    """Every listed language has its text, and the fonts have every glyph."""
    scenes_node = fields.node.value["scenes"]
    for i, scene in enumerate(scenes):
        item = scenes_node.value[i]
        for key in ("text", "subtitle", "label", "caption"):
            text = getattr(scene, key)
            if text and not check_text(fields, context, item.value[key],
                                       f"scenes[{i}].{key}", text):
                fields.ok = False
