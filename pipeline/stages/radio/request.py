"""A radio job -> its `RadioRequest`: the script resolved against the lexicon, the recorded
takes found on disk, the voice settings read from the environment. Everything a spot's
render needs, as one picklable value; the render itself reads nothing else.

Built in the build's own process for every job, so it stays clear of the audio stack
(scipy, numpy): the takes and the settings live in modules of their own."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...text.speech_lexicon import lexicon_files, lexicon_for
from .. import StageError
from .script import Line, ScriptError, lines_for
from .settings import VoiceSettings
from .spec import RadioSpec, lexicon_path
from .takes import find_takes, listed_takes

NATIONAL_NAME = "toàn quốc"


@dataclass(frozen=True)
class RadioRequest:
    spec: RadioSpec
    lines: tuple[Line, ...]              # the script, normalized for speech
    takes: tuple[tuple[str, Path], ...]  # line label -> recorded take file
    missing_takes: tuple[str, ...]       # spoken by eSpeak instead (fallback: espeak)
    voice_settings: VoiceSettings        # the TTS cache folder and the gTTS endpoint
    product: str
    lang: str
    province_slug: str | None
    province_name: str                   # 'toàn quốc' for a national spot
    office: str                          # who speaks: the province's office or the agency
    organization: str
    campaign_id: str
    campaign_title: str
    year: int
    display_font: str                    # the brand's font name (the announcer's PDF)
    # the lexicon's tables, the jingle and music files, the recorded takes found
    inputs: tuple[Path, ...] = ()

    @property
    def who(self) -> str:
        return f"{self.product} ({self.province_name})"


def request_for(job) -> RadioRequest:
    """StageError when the script cannot be said or its recorded takes are misnamed."""
    spec: RadioSpec = job.product.body
    campaign, province = job.campaign, job.province
    name = province.name if province else NATIONAL_NAME
    who = f"{job.product.id} ({name})"
    lexicon = lexicon_path(spec.root)
    try:
        lines = lines_for(job, lexicon_for(lexicon))
    except ScriptError as exc:
        raise StageError(f"{who}: {exc}") from None
    found, missing = _takes(spec, province.slug if province else None, lines, who)
    sounds = [p for p in (spec.jingle, spec.music_bed) if isinstance(p, Path)]
    return RadioRequest(
        spec=spec, lines=lines, takes=tuple(sorted(found.items())), missing_takes=missing,
        voice_settings=VoiceSettings.from_environment(spec.root), product=job.product.id,
        lang=job.lang, province_slug=province.slug if province else None,
        province_name=name,
        office=province.office_name if province else campaign.organization["vi"],
        organization=campaign.organization["vi"], campaign_id=campaign.id,
        campaign_title=campaign.title["vi"], year=campaign.window_start.year,
        display_font=campaign.brand.fonts.display,
        inputs=(*lexicon_files(lexicon), *sounds, *sorted(found.values())))


def _takes(spec: RadioSpec, province_slug: str | None, lines, who: str
           ) -> tuple[dict[str, Path], tuple[str, ...]]:
    recorded = {name for name, v in spec.voices.items() if v.backend == "recorded"}
    if not recorded:
        return {}, ()
    said = [line for line in lines if line.kind == "say"]
    takes = find_takes(spec.root, spec.take_folder, province_slug, said, recorded)
    if takes.strays:
        more = f" (and {len(takes.strays) - 1} more)" if len(takes.strays) > 1 else ""
        raise StageError(f"{who}: mismatched take {takes.strays[0]}{more}")
    if takes.missing and spec.fallback != "espeak":
        raise StageError(f"{who}: missing recorded take(s): {listed_takes(takes.missing)}; "
                         "record them as the announcer's script lists, or set "
                         "`fallback: espeak`")
    return takes.found, takes.missing
