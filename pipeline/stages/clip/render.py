"""One clip job, end to end: scenes built from the request, the moviepy clip over our
frame function, the soundtrack, the MP4, the poster, the captions and the facts."""
from __future__ import annotations

import dataclasses
import io
from decimal import Decimal
from pathlib import Path

import numpy as np

from ...files.scratch import scratch_dir
from ...media.ffmpeg import FfmpegError
from ...text.vietnamese import format_number
from .. import OutputFile, Rendered, StageError
from . import captions as cap
from .chart import ChartScene, Shown
from .encode import EncodeSettings
from .icons import IconsScene
from .image import ImageError, ImageScene
from .look import Look, make_look
from .poster import poster_frame
from .request import ClipRequest
from .scenes import EndcardScene, LowerThirdScene, MessageScene, Scene, TitleScene, backdrop
from .shared import encode_video
from .sizes import safe_zone
from .spec import ClipSpec, SceneSpec
from .stat import Counted, StatScene
from .timeline import Slot, Timeline
from .voice import VoicedLine, place, voice_track, with_bed

UNITS = {"vi": {"millions": " triệu", "percent": " %", "number": "", "money": " triệu đồng"},
         "en": {"millions": " million", "percent": "%", "number": "", "money": " million VND"}}
IN_MILLIONS = ("millions", "money")
YEAR_LINE = {"vi": "Năm {year}", "en": "In {year}"}


class ClipError(Exception):
    """A clip that cannot be made as asked; one line naming the scene and the rule."""


# -- building the timeline ------------------------------------------------------------

def _local(text: dict[str, str] | None, lang: str) -> str | None:
    if not text:
        return None
    return text.get(lang) or text.get("vi") or next(iter(text.values()))


def formatter(lang: str):
    """Numbers as the language writes them: (18.26, 2) -> "18,26" in Vietnamese."""
    if lang == "vi":
        return format_number

    def english(v, decimals):
        q = Decimal(str(v)).quantize(Decimal(1).scaleb(-decimals))
        return f"{q:,.{decimals}f}"
    return english


def counted(figure, lang: str) -> Counted:
    """The figure in display units with its formatter: 18,260,000 -> 18.26 + ' triệu'."""
    value = figure.value / 1e6 if figure.format in IN_MILLIONS else figure.value
    return Counted(value, figure.decimals, UNITS[lang][figure.format], formatter(lang))


def chart_shown(data, lang: str) -> Shown:
    """A chart's series in display units, its names (years, or the columns' names)."""
    divisor = 1e6 if data.format in IN_MILLIONS else 1.0
    names = (tuple(_local(n, lang) for n in data.names) if data.names
             else data.columns if data.by_column else tuple(str(y) for y in data.years))
    return Shown(tuple(v / divisor for v in data.values()), names, data.highlight_index,
                 data.decimals, UNITS[lang][data.format], formatter(lang))


def build_scene(scene: SceneSpec, req: ClipRequest, look: Look) -> tuple[Scene, str]:
    """The scene and its caption text (the scene's words, unless the spec gives one)."""
    lang, common = req.lang, dict(organization=req.organization)
    lead = scene.transition_s if scene.transition != "cut" else 0.0
    args = (look, scene.duration_s, scene.easing, lead)
    if scene.type == "title":
        built = TitleScene(*args, **common, theme=req.theme, title=req.title)
        words = f"{req.theme}. {req.title}"
    elif scene.type == "message":
        text = _local(scene.text, lang)
        built = MessageScene(*args, **common, text=text, reveal=scene.reveal,
                             reveal_s=scene.reveal_s)
        words = text
    elif scene.type == "stat":
        figure = scene.figure
        shown = counted(figure, lang)
        label = _local(scene.label, lang)
        credit = figure.source.credit.get(lang) or figure.source.credit["vi"]
        built = StatScene(*args, **common, counted=shown,
                          year_line=YEAR_LINE[lang].format(year=figure.year), label=label,
                          credit=credit, count_s=scene.count_s)
        words = f"{label}: {shown.text(shown.value)}{shown.suffix} ({figure.year})"
    elif scene.type in PICTURE_SCENES:
        built, words = _picture_scene(scene, req, args, common)
    elif scene.type == "lower-third":
        heading = _local(scene.text, lang) or req.organization
        subtitle = _local(scene.subtitle, lang) or req.hotline_line
        built = LowerThirdScene(*args, **common, theme=req.theme, heading=heading,
                                subtitle=subtitle)
        words = f"{heading}. {subtitle}"
    else:
        built = EndcardScene(*args, organization=req.organization, theme=req.theme,
                             office=req.office, phone_line=req.phone_line,
                             hotline_line=req.hotline_line)
        words = ". ".join(p for p in (req.organization, req.office, req.phone_line,
                                      req.hotline_line) if p)
    return built, _local(scene.caption, lang) or words


PICTURE_SCENES = ("chart", "icons", "image")


def _picture_scene(scene: SceneSpec, req: ClipRequest, args: tuple, common: dict
                   ) -> tuple[Scene, str]:
    """A chart, icons or image scene and its own words."""
    lang = req.lang
    if scene.type == "chart":
        data = scene.chart
        shown = chart_shown(data, lang)
        label = _local(scene.label, lang)
        credit = data.source.credit.get(lang) or data.source.credit["vi"]
        built = ChartScene(*args, **common, chart=data.chart, shown=shown, label=label,
                           credit=credit, icons=data.icons)
        figure = shown.text(shown.values[shown.highlight]) + shown.suffix
        words = f"{label}: {figure} ({data.highlight})" if label else \
            f"{figure} ({data.highlight})"
    elif scene.type == "icons":
        heading = _local(scene.text, lang)
        labels = [_local(icon.label, lang) for icon in scene.icons]
        built = IconsScene(*args, **common, heading=heading,
                           icons=[(icon.path, label) for icon, label in
                                  zip(scene.icons, labels)])
        words = ". ".join(([heading] if heading else []) + labels)
    else:
        band = _local(scene.text, lang)
        try:
            built = ImageScene(*args, path=scene.image, zoom=scene.zoom, band_text=band)
        except ImageError as exc:
            raise ClipError(str(exc)) from None
        words = band or ""
    return built, words


def build_timeline(req: ClipRequest, spoken=None) -> tuple[Timeline, list[cap.Cue], Look]:
    """The scenes in a row with their captions; with a voice, each scene as long as its
    lines and the captions the spoken words (`spoken`: the radio stage's, asked for here
    when not given)."""
    spec = req.spec
    voiced: list[list[VoicedLine]] = [[] for _ in spec.scenes]
    scene_specs = list(spec.scenes)
    if req.speak is not None:
        spoken = spoken if spoken is not None else req.speak(req.voice_request)
        durations, voiced = place(spec.scenes, spoken, spec.fps)
        scene_specs = [dataclasses.replace(s, duration_s=d)
                       for s, d in zip(spec.scenes, durations)]
    burn = spec.captions == "burn" and (any(s.caption for s in spec.scenes)
                                        or req.speak is not None)
    look = make_look(req.size, req.background, req.text, req.accent, req.display_font,
                     req.text_font, burn)
    base = backdrop(look)
    slots, cues, elapsed = [], [], 0.0
    for index, scene_spec in enumerate(scene_specs):
        scene, words = build_scene(scene_spec, req, look)
        _check_legible(scene, look, index)
        scene.finish(base)
        start = round(elapsed * spec.fps)
        elapsed += scene_spec.duration_s
        frames = round(elapsed * spec.fps) - start
        slots.append(Slot(scene, start, frames, scene_spec.transition,
                          min(frames - 1, round(scene_spec.transition_s * spec.fps)),
                          scene_spec.easing))
        if req.speak is None:
            cues += cap.scene_cues(words, start, start + frames, look,
                                   burn and scene_spec.caption is not None)
        for line in voiced[index]:
            first, end = line.frames(spec.fps)
            cues += cap.scene_cues(_spoken_caption(line, spec, req.lang), first, end, look,
                                   burn)
    timeline = Timeline(slots, spec.fps, base, cap.Burner(cues, look))
    timeline.voiced = tuple(line for lines in voiced for line in lines)
    timeline.spoken = spoken
    return timeline, cues, look


def _spoken_caption(line: VoicedLine, spec: ClipSpec, lang: str) -> str:
    """The spoken words, with the speaker's name when the spec names the speakers."""
    name = _local((spec.speakers or {}).get(line.voice), lang)
    return f"{name}: {line.text}" if name else line.text


def _check_legible(scene: Scene, look: Look, index: int) -> None:
    for role, block in scene.blocks.items():
        if block.cap_px < look.min_cap_px - 0.5:
            raise ClipError(f"scene {index + 1} ({scene.kind}): the {role} text is too long "
                            f"to be legible: {block.cap_px / look.px_per_mm:.2f} mm cap height, "
                            f"the minimum is {look.min_cap_px / look.px_per_mm:.2f} mm "
                            f"(5 mm per m of viewing distance)")


# -- sound ----------------------------------------------------------------------------

def soundtrack_samples(req: ClipRequest, seconds: float,
                       timeline: Timeline | None = None) -> np.ndarray | None:
    from . import soundtrack

    track = req.spec.soundtrack
    if timeline is not None and timeline.spoken is not None:
        voice, mask = voice_track(timeline.spoken, [list(timeline.voiced)], seconds,
                                  soundtrack.RATE_HZ)
        if track is not None and track.music:
            voice = with_bed(voice, mask, soundtrack.music_bed(seconds), soundtrack.RATE_HZ)
        return soundtrack.mix(voice, req.spec.loudness_lufs)
    if track is None:
        return None
    if track.music:
        mono = soundtrack.music_bed(seconds)
    else:
        assert req.soundtrack_file is not None
        try:
            mono = soundtrack.spot(req.soundtrack_file, seconds)
        except soundtrack.SoundtrackError as exc:
            raise ClipError(str(exc)) from None
    return soundtrack.mix(mono, req.spec.loudness_lufs)


def moviepy_clip(timeline: Timeline, samples: np.ndarray | None):
    """The clip in moviepy's model: our frame function, our samples as its audio."""
    from moviepy import AudioArrayClip, VideoClip

    clip = VideoClip(frame_function=timeline.frame_at, duration=timeline.duration_s)
    clip = clip.with_fps(timeline.fps)
    if samples is not None:
        clip = clip.with_audio(AudioArrayClip(samples, fps=48000))
    return clip


# -- the job --------------------------------------------------------------------------

def poster_index(spec: ClipSpec, timeline: Timeline) -> int:
    """The spec's poster time, else a frame where a scene is fully shown (poster.py)."""
    return poster_frame(timeline, spec.poster_s)


DEFAULT_ENCODING = EncodeSettings()


def render_clip(req: ClipRequest, settings: EncodeSettings = DEFAULT_ENCODING) -> Rendered:
    """The MP4, its poster and captions; StageError naming the product for a scene that
    cannot be set legibly or a soundtrack ffmpeg cannot read."""
    try:
        return _render(req, settings)
    except (ClipError, FfmpegError) as exc:
        raise StageError(f"{req.product}: {exc}") from None


def _render(req: ClipRequest, settings: EncodeSettings) -> Rendered:
    from PIL import Image

    timeline, cues, look = build_timeline(req)
    samples = soundtrack_samples(req, timeline.duration_s, timeline)
    clip = moviepy_clip(timeline, samples)
    fps = timeline.fps
    try:
        with scratch_dir("clip") as folder:
            path = Path(folder) / "clip.mp4"
            audio = clip.audio.array if clip.audio is not None else None
            encode_video(req, timeline, lambda i: clip.get_frame(i / fps), audio, path,
                         settings)
            data = path.read_bytes()
            facts = _facts(path, data, timeline, samples is not None)
    finally:
        clip.close()
    poster = io.BytesIO()
    Image.fromarray(timeline.frame(poster_index(req.spec, timeline))).save(
        poster, "PNG", compress_level=6)
    media = {**facts,
             "scenes": [{"type": s.scene.kind, "start_s": round(s.start_frame / fps, 3),
                         "end_s": round((s.start_frame + s.frames) / fps, 3),
                         "transition": s.transition, **_set_lines(s.scene)}
                        for s in timeline.slots],
             "caption_lines": [line for cue in cues for line in cue.lines],
             "captions": {"mode": req.spec.captions, "cues": len(cues),
                          "burned": sum(1 for c in cues if c.burn), **cap.caption_facts(look)},
             "safe_zone": {"box_px": list(look.safe), "rule": safe_zone(req.size).rule},
             "soundtrack": _soundtrack_kind(req),
             **({"voice": {"product": req.spec.voice.id,
                           "lines": [{"take": v.take, "voice": v.voice, "text": v.text,
                                      "start_s": round(v.start_s, 3),
                                      "end_s": round(v.end_s, 3)} for v in timeline.voiced]}}
                if req.spec.voice is not None else {})}
    files = (OutputFile("captions-srt", ".srt", cap.srt(cues, fps).encode("utf-8")),
             OutputFile("captions-vtt", ".vtt", cap.vtt(cues, fps).encode("utf-8")),
             OutputFile("poster", ".poster.png", poster.getvalue()),
             OutputFile("video", ".mp4", data))
    return Rendered(files, media)


def _set_lines(scene: Scene) -> dict[str, list[str]]:
    """Each text block's lines as set (title_lines, message_lines...), for the manifest."""
    return {f"{role}_lines": [line.text for line in block.lines]
            for role, block in sorted(scene.blocks.items())}


def _soundtrack_kind(req: ClipRequest) -> str | None:
    track = req.spec.soundtrack
    if track is None:
        return None
    return "music:generated" if track.music else f"file:{track.file}"


def _facts(path: Path, data: bytes, timeline: Timeline, has_audio: bool) -> dict:
    from ...media.ffmpeg import decode_audio
    from ...media.video import is_faststart, probe_video
    from .soundtrack import RATE_HZ, measure_stereo

    info = probe_video(path)
    video = info["video"]
    facts = {
        "duration_s": info["duration_s"], "fps": timeline.fps,
        "frame_count": timeline.frame_count, "width": video.get("width"),
        "height": video.get("height"), "video_codec": video.get("codec"),
        "profile": video.get("profile"), "pix_fmt": video.get("pix_fmt"),
        "audio_codec": info["audio"]["codec"] if info["audio"] else None,
        "bitrate_kbps": info["bitrate_kbps"], "faststart": is_faststart(data),
    }
    if has_audio:
        facts.update(measure_stereo(decode_audio(path, RATE_HZ, channels=2)))
    return facts
