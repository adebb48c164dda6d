"""A radio job's script, resolved: the spec's segments framed by the province's opening and
closing lines, every spoken line normalized, every recorded take named. Pure."""
from __future__ import annotations

from dataclasses import dataclass

from ...text.speech import Lexicon, SpeechTextError, normalize
from .spec import ANNOUNCER, RadioSpec, fill

OPENING_TAKE, CLOSING_TAKE = "00", "99"
GAP_S = 0.3              # between two spoken lines, unless the script pauses there
JINGLE_GAP_S = 0.25      # between a jingle and the voice


class ScriptError(ValueError):
    """A line that cannot be said; names the segment."""


@dataclass(frozen=True)
class Line:
    kind: str                 # say | pause | jingle
    label: str                # 'opening', 'script[3]', 'closing', 'intro', 'outro'
    voice: str = ""
    spoken: str = ""          # normalized: what is said and what the transcript holds
    seconds: float = 0.0      # pause
    jingle: str = ""          # intro | outro
    take: str = ""            # recorded take's file stem, e.g. '03-officer'
    localized: bool = False   # differs per province (opening, closing)


def placeholders(job) -> dict[str, str]:
    """Values for {office}, {province}, {phone}, {hotline} in the opening and closing."""
    campaign, province = job.campaign, job.province
    return {
        "office": province.office_name if province else campaign.organization["vi"],
        "province": province.name if province else "cả nước",
        "phone": province.phone if province and province.phone else campaign.hotline,
        "hotline": campaign.hotline,
    }


def lines_for(job, lexicon: Lexicon) -> tuple[Line, ...]:
    """The spot's timeline items in order; raises ScriptError naming a line it cannot say."""
    spec: RadioSpec = job.product.body
    values = placeholders(job)
    has_phone = bool(job.province and job.province.phone)
    closing = spec.closing if has_phone else spec.closing_hotline
    lines: list[Line] = []
    if spec.jingle != "none":
        lines.append(Line("jingle", "intro", jingle="intro"))
    if spec.opening:
        lines.append(_say("opening", fill(spec.opening, values), ANNOUNCER, lexicon,
                          f"{OPENING_TAKE}-{ANNOUNCER}", localized=True))
    number = 0
    for segment in spec.script:
        if segment.kind == "pause":
            lines.append(Line("pause", segment.label, seconds=segment.seconds))
        elif segment.kind == "jingle":
            lines.append(Line("jingle", segment.label, jingle=segment.jingle))
        else:
            number += 1
            lines.append(_say(segment.label, segment.text, segment.voice, lexicon,
                              f"{number:02d}-{segment.voice}"))
    if closing:
        lines.append(_say("closing", fill(closing, values), ANNOUNCER, lexicon,
                          f"{CLOSING_TAKE}-{ANNOUNCER}", localized=True))
    if spec.jingle != "none":
        lines.append(Line("jingle", "outro", jingle="outro"))
    return tuple(lines)


def _say(label: str, text: str, voice: str, lexicon: Lexicon, take: str, *,
         localized: bool = False) -> Line:
    try:
        spoken = _SPOKEN.normalize(text, lexicon, label)
    except SpeechTextError as exc:
        raise ScriptError(str(exc)) from None
    return Line("say", label, voice=voice, spoken=spoken, take=take, localized=localized)


class _Spoken:
    """What `normalize` made of each text, for the last lexicon asked (`lexicon_for` keeps
    one per unchanged file): a spot's body is said in every province, and a province's
    opening and closing in each of its spots. The segment only names a line in an error,
    and an error is never kept, so the text alone is the key."""

    LIMIT = 4096          # texts kept: a long-lived desk sees new offices' names

    def __init__(self):
        self.lexicon: Lexicon | None = None
        self.spoken: dict[str, str] = {}

    def normalize(self, text: str, lexicon: Lexicon, segment: str) -> str:
        if lexicon is not self.lexicon or len(self.spoken) >= self.LIMIT:
            self.lexicon, self.spoken = lexicon, {}
        if text not in self.spoken:
            self.spoken[text] = normalize(text, lexicon, segment=segment)
        return self.spoken[text]


_SPOKEN = _Spoken()


def gap_before(previous: Line | None, line: Line) -> float:
    """Silence the timeline puts before `line` (a script pause replaces it)."""
    if previous is None or previous.kind == "pause" or line.kind == "pause":
        return 0.0
    if previous.kind == "jingle" or line.kind == "jingle":
        return JINGLE_GAP_S
    return GAP_S


def syllables(text: str) -> int:
    """Vietnamese is written a syllable per word: a fair measure of speaking time."""
    return len([w for w in text.replace(",", " ").split() if any(c.isalpha() for c in w)])


def targets(lines: tuple[Line, ...], max_seconds: float,
            jingle_seconds: dict[str, float]) -> dict[str, float]:
    """Seconds each spoken line may take so the spot fits: the time left after jingles,
    pauses and gaps, shared by syllable count (a guide for the announcer)."""
    fixed = 0.5                                   # lead-in and tail
    previous = None
    for line in lines:
        fixed += gap_before(previous, line)
        if line.kind == "pause":
            fixed += line.seconds
        elif line.kind == "jingle":
            fixed += jingle_seconds.get(line.jingle, 0.0)
        previous = line
    said = [line for line in lines if line.kind == "say"]
    total = sum(syllables(line.spoken) for line in said) or 1
    budget = max(0.0, max_seconds - fixed)
    return {line.label: budget * syllables(line.spoken) / total for line in said}
