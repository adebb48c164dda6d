"""The radio spec: read once at load, every problem found by `campaign check`.

A spot is a script of segments (say / pause / jingle) spoken by named voices, framed by a
localized opening and closing. Spoken text is normalized here too, so a line a
synthesizer would spell out letter by letter ("BHXHX") is a spec problem, not a failed build.
"""
from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import did_you_mean
from ...spec import fields as f
from ...spec.fields import Invalid, Problems, fields_of
from ...text.speech import LEXICON_NAME, SpeechTextError, normalize

BACKENDS = ("espeak", "gtts", "recorded")
FALLBACKS = ("none", "espeak")
ANNOUNCER = "announcer"               # the spot's default voice (`voice:`)
PLACEHOLDERS = ("office", "province", "phone", "hotline")
SAMPLE_VALUES = {"office": "Bảo hiểm xã hội tỉnh Quảng Ninh", "province": "Quảng Ninh",
                 "phone": "0203 3835 123", "hotline": "1900 9068"}
DEFAULT_OPENING = "{office} thông báo."
DEFAULT_CLOSING = "Mọi thắc mắc, xin liên hệ {office}, số điện thoại {phone}."
DEFAULT_CLOSING_HOTLINE = "Mọi thắc mắc, xin gọi đường dây nóng {hotline}."
MAX_SAY_LINES = 98                    # takes are numbered 01..98; 00 and 99 frame them


@dataclass(frozen=True)
class VoiceSpec:
    backend: str = "espeak"
    name: str = "vi"            # eSpeak voice: vi | vi-vn-x-central | vi-vn-x-south
    variant: str = ""           # eSpeak variant (m3, f2, ...): timbre
    rate_wpm: int = 150
    pitch: int = 50
    tld: str = "com.vn"         # gtts: the Google host's domain
    slow: bool = False          # gtts

    @property
    def espeak_name(self) -> str:
        return f"{self.name}+{self.variant}" if self.variant else self.name


@dataclass(frozen=True)
class Segment:
    kind: str                   # say | pause | jingle
    label: str                  # 'script[3]': where it is in the spec
    text: str = ""              # say: as written
    voice: str = ANNOUNCER
    seconds: float = 0.0        # pause
    jingle: str = ""            # intro | outro


@dataclass(frozen=True)
class RadioSpec:
    title: str
    script: tuple[Segment, ...]
    voices: dict[str, VoiceSpec]           # 'announcer' first
    root: Path                             # the project (fingerprinted as '.')
    fallback: str = "none"
    max_seconds: float = 30.0
    loudness_lufs: float = -16.0
    jingle: str | Path = "generated"       # generated | none | a file under the project
    music_bed: Path | None = None
    opening: str = DEFAULT_OPENING         # '' = none
    closing: str = DEFAULT_CLOSING
    closing_hotline: str = DEFAULT_CLOSING_HOTLINE
    take_folder: str = field(default="")   # assets/voice/<id>, relative to root

    def voice(self, name: str) -> VoiceSpec:
        return self.voices[name]

    @property
    def uses_recorded(self) -> bool:
        return any(v.backend == "recorded" for v in self.voices.values())


def with_recorded_takes(spec: RadioSpec, folder: str) -> RadioSpec:
    """The spot spoken by the takes under `folder` (project-relative); a line with no take
    yet is spoken by eSpeak, and the build says which, as `fallback: espeak` does."""
    voices = {name: dataclasses.replace(voice, backend="recorded")
              for name, voice in spec.voices.items()}
    return dataclasses.replace(spec, take_folder=folder, voices=voices, fallback="espeak")


def lexicon_path(root: Path) -> Path:
    """The project's abbreviations table (the other tables sit beside it)."""
    return root / LEXICON_NAME


def parse(fields, context) -> RadioSpec | None:
    from ...text.speech_lexicon import lexicon_for

    root = context.root
    problems = context.problems
    _check_languages(fields, context)
    title = fields.get("title", f.text)
    announcer = fields.get("voice", lambda n: _voice(n, VoiceSpec(), "voice"), VoiceSpec())
    named = fields.get("voices", lambda n: _voices(n, announcer or VoiceSpec()), {})
    voices = {ANNOUNCER: announcer or VoiceSpec(), **(named or {})}
    fallback = fields.get("fallback", f.one_of(FALLBACKS), "none")
    max_seconds = fields.get("max_seconds", f.number(5, 600, " s"), 30)
    loudness = fields.get("loudness_lufs", f.number(-31, -9, " LUFS"), -16)
    jingle = fields.get("jingle", _sound(root, allow_generated=True), "generated")
    bed = fields.get("music_bed", _sound(root, allow_generated=False), None)
    opening = fields.get("opening", _template, DEFAULT_OPENING)
    closing = fields.get("closing", _template, DEFAULT_CLOSING)
    closing_hotline = fields.get("closing_hotline", _template, DEFAULT_CLOSING_HOTLINE)
    script = fields.get("script", lambda n: _script(n, set(voices), jingle))
    product_id = fields.node.value.get("id")
    if None in (title, script, max_seconds, loudness, jingle, opening, closing,
                closing_hotline) or named is None or announcer is None:
        return None
    spec = RadioSpec(
        title=title, script=script, voices=voices, root=root, fallback=fallback or "none",
        max_seconds=float(max_seconds), loudness_lufs=float(loudness), jingle=jingle,
        music_bed=bed if bed != "none" else None, opening=opening, closing=closing,
        closing_hotline=closing_hotline,
        take_folder=f"assets/voice/{product_id.value}" if product_id is not None else "")
    try:
        lexicon = lexicon_for(lexicon_path(root))
    except ValueError as exc:          # LexiconError: the file and line are in the message
        problems.add(fields.node.where, "script", f"lexicon: {exc}")
        return None
    _check_speech(fields, spec, lexicon)
    return spec


def _check_languages(fields, context) -> None:
    node = fields.node.value.get("languages")
    if node is None or not node.is_seq:
        return
    for item in node.value:
        if item.value != "vi":
            context.problems.add(item.where, "languages",
                                 f"'{item.value}': radio spots are Vietnamese only (vi)")


def _voice(node, base: VoiceSpec, prefix: str) -> VoiceSpec:
    from .espeak import VOICES, variants

    reader = fields_of(node, Problems(), prefix)
    if reader is None:
        raise Invalid("expected {backend: espeak, name: vi, rate: 150, pitch: 50}")
    values = {
        "backend": reader.get("backend", f.one_of(BACKENDS), base.backend),
        "name": reader.get("name", f.one_of(VOICES), base.name),
        "variant": reader.get("variant", f.one_of(("",) + variants(),
                                                   "eSpeak variants: m1-m7, f1-f5, ..."),
                              base.variant),
        "rate_wpm": reader.get("rate", f.number(80, 260, " wpm"), base.rate_wpm),
        "pitch": reader.get("pitch", f.number(0, 99), base.pitch),
        "tld": reader.get("tld", f.text, base.tld),
        "slow": reader.get("slow", f.boolean, base.slow),
    }
    reader.done()
    problems = reader.problems.items
    if problems:
        first = problems[0]
        raise Invalid(first.message, first.where, first.field[len(prefix):])
    return VoiceSpec(**{k: (int(v) if k in ("rate_wpm", "pitch") else v)
                        for k, v in values.items()})


def _voices(node, base: VoiceSpec) -> dict[str, VoiceSpec]:
    if not node.is_map:
        raise Invalid("expected a mapping of voice names, e.g. {officer: {name: vi}}")
    voices = {}
    for name, item in node.value.items():
        if not isinstance(name, str) or not name.replace("-", "").isalnum() \
                or not name.isascii() or name != name.lower():
            raise Invalid(f"voice name '{name}': use lowercase ASCII letters and digits "
                          "(it names the recorded takes)", node.key_where[name], f".{name}")
        if name == ANNOUNCER:
            raise Invalid(f"'{ANNOUNCER}' is the spot's `voice:`; give this voice another "
                          "name", node.key_where[name], f".{name}")
        try:
            voices[name] = _voice(item, base, f"voices.{name}")
        except Invalid as exc:
            raise Invalid(exc.message, exc.where, f".{name}{exc.field_suffix}") from None
    return voices


def _sound(root: Path, *, allow_generated: bool):
    keywords = ("generated", "none") if allow_generated else ("none",)
    path = f.project_path(root)

    def convert(node):
        value = f.text(node)
        if value in keywords:
            return value
        resolved = path(node)
        if resolved.suffix.lower() not in (".wav", ".flac", ".mp3", ".ogg", ".m4a"):
            raise Invalid(f"'{value}' is not an audio file (.wav, .flac, .mp3, .ogg, .m4a)")
        return resolved
    return convert


def _template(node) -> str:
    if node.value is None or (isinstance(node.value, str) and node.value.strip() == "none"):
        return ""
    value = f.text(node)
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError as exc:
        raise Invalid(f"bad placeholder: {exc} (write {{office}}, {{phone}}, ...)") from None
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        raise Invalid(f"unknown placeholder {{{unknown[0]}}}"
                      + did_you_mean(unknown[0], PLACEHOLDERS,
                                     "placeholders: " + ", ".join(PLACEHOLDERS)))
    return value


def fill(template: str, values: dict[str, str]) -> str:
    return template.format_map(values)


def _script(node, voice_names: set[str], jingle) -> tuple[Segment, ...]:
    if not node.is_seq or not node.value:
        raise Invalid("expected a list of segments: - say: \"...\" / - pause: 0.5 / "
                      "- jingle: intro")
    segments = []
    for i, item in enumerate(node.value):
        label = f"script[{i}]"
        try:
            segments.append(_segment(item, label, voice_names, jingle))
        except Invalid as exc:
            raise Invalid(exc.message, exc.where or item.where,
                          f"[{i}]{exc.field_suffix}") from None
    said = [s for s in segments if s.kind == "say"]
    if not said:
        raise Invalid("the script says nothing: add a `- say: \"...\"` segment")
    if len(said) > MAX_SAY_LINES:
        raise Invalid(f"{len(said)} spoken lines; at most {MAX_SAY_LINES} (split the spot)")
    return tuple(segments)


def _segment(item, label: str, voice_names: set[str], jingle) -> Segment:
    if not item.is_map:
        raise Invalid("expected a mapping: say, pause or jingle")
    keys = set(item.value)
    kinds = keys & {"say", "pause", "jingle"}
    if len(kinds) != 1:
        raise Invalid("a segment has exactly one of: say, pause, jingle")
    kind = kinds.pop()
    allowed = {"say", "voice"} if kind == "say" else {kind}
    extra = sorted(keys - allowed)
    if extra:
        raise Invalid(f"unknown key '{extra[0]}' in a {kind} segment"
                      + did_you_mean(extra[0], sorted(allowed)), item.key_where[extra[0]],
                      f".{extra[0]}")
    value = item.value[kind]
    if kind == "pause":
        seconds = _field(value, ".pause", f.number(0.1, 10, " s"))
        return Segment("pause", label, seconds=float(seconds))
    if kind == "jingle":
        if jingle == "none":
            raise Invalid("a jingle segment needs `jingle:` (generated or a file), not none",
                          value.where, ".jingle")
        return Segment("jingle", label, jingle=_field(value, ".jingle",
                                                       f.one_of(("intro", "outro"))))
    text = _field(value, ".say", f.text)
    voice = ANNOUNCER
    if "voice" in item.value:
        voice = _field(item.value["voice"], ".voice", f.text)
        if voice not in voice_names:
            raise Invalid(f"unknown voice '{voice}'" + did_you_mean(
                voice, sorted(voice_names), "declare it under voices:"),
                item.value["voice"].where, ".voice")
    return Segment("say", label, text=text, voice=voice)


def _field(node, suffix: str, convert):
    try:
        return convert(node)
    except Invalid as exc:
        raise Invalid(exc.message, exc.where or node.where, suffix + exc.field_suffix) from None


def _check_speech(fields, spec: RadioSpec, lexicon) -> None:
    """Normalize every static line now, so `campaign check` names what cannot be said."""
    problems = fields.problems
    script_node = fields.node.value["script"]
    for i, segment in enumerate(spec.script):
        if segment.kind != "say":
            continue
        try:
            normalize(segment.text, lexicon, segment=segment.label)
        except SpeechTextError as exc:
            problems.add(script_node.value[i].value["say"].where, f"script[{i}].say",
                         str(exc).removeprefix(f"segment {segment.label}: "))
            fields.ok = False
    for key in ("opening", "closing", "closing_hotline"):
        template = getattr(spec, key)
        if not template:
            continue
        try:
            normalize(fill(template, SAMPLE_VALUES), lexicon, segment=key)
        except SpeechTextError as exc:
            node = fields.node.value.get(key, fields.node)
            problems.add(node.where, key, str(exc).removeprefix(f"segment {key}: "))
            fields.ok = False
