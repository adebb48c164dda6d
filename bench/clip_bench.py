"""Clip figures for `make bench`: a 15 s 1080x1920 clip at 30 fps, in one run.

- ours: the shipped `contribute-today-15s` spec rendered by the stage (frames piped to
  ffmpeg), video only and as a whole job (sound, probe, poster, captions);
- the floor: the same ffmpeg, the same settings, fed the same raw frames from memory
  (rendered beforehand), no rendering at all;
- moviepy's own writer fed by our frame function (the other way to write);
- naive moviepy: the same clip built from TextClip and CompositeVideoClip for every
  element, written with the same encoder settings;
- peak memory of each (max resident set of the process doing it, ffmpeg children apart).

Each measurement runs in a fresh process, so peak memory is its own.
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "contribute-today-15s"
SIZE = "clip-1080x1920"


def _job(folder: Path):
    from pipeline.build.plan import Selection, plan
    from pipeline.spec.load import load_specs
    from pipeline.stages.builtin import register_builtin

    register_builtin()
    shutil.copytree(ROOT / "assets/data", folder / "assets/data")
    (folder / "specs/clips").mkdir(parents=True)
    shutil.copy(ROOT / f"specs/clips/{PRODUCT}.yaml", folder / "specs/clips/")
    shutil.copy(ROOT / "specs/campaign.yaml", folder / "specs/campaign.yaml")
    shutil.copytree(ROOT / "assets/images", folder / "assets/images")     # brand.logo
    specs = load_specs(folder / "specs")
    return plan(specs, Selection(products=(PRODUCT,), sizes=(SIZE,)))[0]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(what: str) -> dict:
    """One measurement, in this (fresh) process."""
    from pipeline.media.ffmpeg import ffmpeg_exe
    from pipeline.stages.clip import STAGE, request_for
    from pipeline.stages.clip.encode import (
        EncodeSettings,
        container_args,
        encode,
        pipe_frames,
        raw_input_args,
        video_args,
    )
    from pipeline.stages.clip.render import build_timeline

    settings = EncodeSettings()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        job = _job(folder)
        out = folder / "out.mp4"
        start = time.perf_counter()
        if what == "ours":
            timeline, _, _ = build_timeline(request_for(job))
            encode(timeline.frame, timeline.frame_count, timeline.size, timeline.fps, None,
                   out, settings)
            frames = timeline.frame_count
        elif what == "job":
            rendered = STAGE.render_job(job)
            frames = rendered.media["frame_count"]
        elif what == "floor":
            timeline, _, _ = build_timeline(request_for(job))
            frames = timeline.frame_count
            # Every frame rendered beforehand and kept (distinct frames once), so the
            # timed part is ffmpeg reading and encoding raw frames from a pipe.
            unique: dict[bytes, bytes] = {}
            order = []
            for i in range(frames):
                data = timeline.frame(i).tobytes()
                order.append(unique.setdefault(data, data))
            import numpy as np
            arrays = [np.frombuffer(d, np.uint8) for d in order]
            cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                   *raw_input_args(timeline.size, timeline.fps), "-map", "0:v",
                   *video_args(settings), *container_args(), str(out)]
            start = time.perf_counter()
            pipe_frames(cmd, lambda i: arrays[i], frames)
        elif what == "moviepy-writer":
            from pipeline.stages.clip.render import moviepy_clip
            timeline, _, _ = build_timeline(request_for(job))
            clip = moviepy_clip(timeline, None)
            args = video_args(settings)
            vf = args[args.index("-vf"):args.index("-vf") + 2]
            clip.write_videofile(str(out), fps=timeline.fps, codec="libx264",
                                 preset=settings.preset, threads=settings.threads,
                                 audio=False, logger=None,
                                 ffmpeg_params=vf + ["-crf", str(settings.crf),
                                                     "-profile:v", "high"])
            clip.close()
            frames = timeline.frame_count
        elif what == "naive":
            frames = naive_clip(job, out, settings)
        else:
            raise SystemExit(f"unknown measurement {what}")
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "frames": frames, "peak_mb": _peak_mb(),
                "bytes": out.stat().st_size if out.exists() else None}


def naive_clip(job, out: Path, settings) -> int:
    """The same clip the way moviepy's docs build one: a TextClip per element, one
    CompositeVideoClip per scene, concatenated, fades and slides as effects."""
    from moviepy import ColorClip, CompositeVideoClip, TextClip, concatenate_videoclips, vfx

    from pipeline.stages.clip import request_for

    req = request_for(job)
    w, h = req.size.pixel_size
    display, text_font = str(req.display_font), str(req.text_font)
    bg = tuple(int(req.background[i:i + 2], 16) for i in (1, 3, 5))
    band = (70, 6, 16)
    scenes_spec = req.spec.scenes
    top, left, width = round(0.14 * h), round(170 / 1080 * w), w - 2 * round(170 / 1080 * w)

    def text(words, font, size, color="white", duration=1.0, bg_color=None):
        # margins: without them TextClip clips the stacked marks of Vietnamese capitals
        return TextClip(font=font, text=words, font_size=size, color=color, method="caption",
                        size=(width, None), margin=(10, 20), text_align="center",
                        bg_color=bg_color, duration=duration)

    def base(duration):
        return [ColorClip((w, h), bg, duration=duration),
                ColorClip((w, 8), (255, 212, 0), duration=duration).with_position((0, 0)),
                text(req.organization.upper(), text_font, 38, duration=duration)
                .with_position((left, top))]

    scenes = []
    d = scenes_spec[0].duration_s
    theme = text(req.theme.upper(), display, 100, duration=d)
    scenes.append(CompositeVideoClip(base(d) + [
        theme.with_position(lambda t: (left, 500 + max(0, 60 * (1 - t / 0.7)))),
        ColorClip((220, 10), (255, 212, 0), duration=d - 0.5).with_start(0.5)
        .with_position(("center", 900)),
        text(req.title, text_font, 44, color="#FFD400", duration=d - 0.8).with_start(0.8)
        .with_position((left, 940))], size=(w, h)))
    d = scenes_spec[1].duration_s
    message = scenes_spec[1].text["vi"].split()
    reveal = 0.55 * d
    words = [text(word, display, 96, duration=d - i * reveal / len(message))
             .with_start(i * reveal / len(message))
             .with_position((left + (i % 3) * 240, 450 + (i // 3) * 120))
             for i, word in enumerate(message)]
    caption = text(scenes_spec[1].caption["vi"], text_font, 44, duration=d,
                   bg_color=band).with_position((left, 1150))
    scenes.append(CompositeVideoClip(base(d) + words + [caption], size=(w, h))
                  .with_effects([vfx.CrossFadeIn(0.4)]))
    d = scenes_spec[2].duration_s
    band_clip = CompositeVideoClip([
        ColorClip((w - left, 200), band, duration=d),
        text(scenes_spec[2].text["vi"], display, 60, duration=d).with_position((left, 20)),
        text(req.hotline_line, text_font, 40, color="#FFD400", duration=d)
        .with_position((left, 110))], size=(w - left, 200))
    scenes.append(CompositeVideoClip(base(d) + [
        text(req.theme.upper(), display, 90, duration=d).with_position((left, 450)),
        band_clip.with_position(
            lambda t: (round(-(w - left - 1) * (1 - min(1.0, t / 0.6))), 1000)),
        text(scenes_spec[2].caption["vi"], text_font, 44, duration=d, bg_color=band)
        .with_position((left, 1150))], size=(w, h)).with_effects([vfx.SlideIn(0.4, "right")]))
    d = scenes_spec[3].duration_s
    scenes.append(CompositeVideoClip([
        ColorClip((w, h), bg, duration=d),
        text(req.organization.upper(), display, 90, duration=d)
        .with_position(lambda t: (left, 500 + max(0, 40 * (1 - t / 0.5)))),
        text(req.theme, text_font, 44, color="#FFD400", duration=d).with_position((left, 760)),
        text(req.hotline_line, display, 60, color="#460610", bg_color=(255, 212, 0),
             duration=d).with_position((left, 880))], size=(w, h))
        .with_effects([vfx.CrossFadeIn(0.4)]))
    clip = concatenate_videoclips(scenes)
    clip.write_videofile(str(out), fps=req.spec.fps, codec="libx264", preset=settings.preset,
                         threads=settings.threads, audio=False, logger=None,
                         ffmpeg_params=["-crf", str(settings.crf), "-profile:v", "high",
                                        "-pix_fmt", "yuv420p"])
    frames = round(clip.duration * req.spec.fps)
    clip.close()
    return frames


def _run(what: str) -> dict:
    result = subprocess.run([sys.executable, __file__, what], cwd=ROOT, capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SystemExit(f"clip bench '{what}' failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def bench_clips(rows: list[str]) -> None:
    # Ours and the floor alternate, best of two each: a busy machine slows both alike.
    pairs = [(_run("ours"), _run("floor")) for _ in range(2)]
    ours, floor = _best([p[0] for p in pairs]), _best([p[1] for p in pairs])
    job, writer, naive = (_run(w) for w in ("job", "moviepy-writer", "naive"))
    frames = ours["frames"]

    def fps(r):
        return r["frames"] / r["seconds"]

    label = f"15 s {SIZE} at 30 fps ({frames} frames)"
    rows.append(f"| clip | {label}: ours, frames piped to ffmpeg (video only, best of 2) | "
                f"**{ours['seconds']:.2f} s** ({fps(ours):.1f} fps) |")
    rows.append(f"| clip | the floor: same ffmpeg and settings fed the same raw frames from "
                f"memory, no rendering | {floor['seconds']:.2f} s ({fps(floor):.1f} fps); "
                f"ours = **{ours['seconds'] / floor['seconds']:.2f}x** the floor "
                f"(target <= 1.5x) |")
    rows.append(f"| clip | naive moviepy (TextClip + CompositeVideoClip per element, same "
                f"encoder settings) | {naive['seconds']:.1f} s ({fps(naive):.1f} fps); ours "
                f"is **{naive['seconds'] / ours['seconds']:.1f}x faster** (target >= 4x) |")
    rows.append(f"| clip | our frames through moviepy's own ffmpeg writer instead of our pipe "
                f"| {writer['seconds']:.2f} s ({fps(writer):.1f} fps) |")
    rows.append(f"| clip | whole job: sound (mixed to -14 LUFS), MP4, probe, poster, "
                f"captions | {job['seconds']:.2f} s |")
    rows.append(f"| clip | peak memory (max RSS; ffmpeg apart): ours / whole job / floor "
                f"(frames held) / naive | {ours['peak_mb']:.0f} / {job['peak_mb']:.0f} / "
                f"{floor['peak_mb']:.0f} / {naive['peak_mb']:.0f} MB |")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(sys.argv[1])))
    else:
        table: list[str] = []
        bench_clips(table)
        print("\n".join(table))
