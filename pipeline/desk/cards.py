"""One card on the page per job: its preview, its facts in words, its files."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog.sizes import SIZES
from .assets import Asset, thumbnail_of
from .words import number, variant

_PLAYABLE = {".mp3": "audio", ".wav": "audio", ".mp4": "video"}
ROLE_LABELS = {"print": "PDF in", "raster": "PNG", "preview": "Ảnh xem trước", "thumb": "Ảnh nhỏ",
               "audio": "MP3", "broadcast": "WAV phát sóng", "transcript": "Lời đọc",
               "script-txt": "Kịch bản (txt)", "script-pdf": "Kịch bản cho phát thanh viên",
               "video": "MP4", "poster": "Ảnh bìa", "captions-srt": "Phụ đề SRT",
               "captions-vtt": "Phụ đề VTT", "vector": "SVG", "alt_text": "Mô tả ảnh"}


@dataclass(frozen=True)
class Card:
    job: str
    title: str                           # the variant in words: size and language
    thumb: Asset | None
    player: tuple[str, Asset] | None     # ('audio' | 'video', the file)
    facts: tuple[str, ...]
    files: tuple[Asset, ...]
    script: Asset | None                 # a radio spot's announcer script (PDF)
    product: str = ""                    # the id; the page shows its slogan
    lang: str = ""


def _metres(media: dict) -> str | None:
    width, height = media.get("width_mm"), media.get("height_mm")
    if not isinstance(width, (int, float)) or not isinstance(height, (int, float)):
        return None
    return f"{number(width / 1000, 2)} x {number(height / 1000, 2)} m"


_RULE = re.compile(r"([\d.]+) mm per m at ([\d.]+) m")


def facts_of(media: dict, screen: bool = False) -> tuple[str, ...]:
    """The legibility and sound facts the manifest records, as a reader says them (a
    screen's size in pixels, a print's in metres)."""
    facts = []
    metres = _metres(media)
    pixels = media.get("raster_px")
    if screen and isinstance(pixels, list) and len(pixels) == 2:
        facts.append(f"Kích thước {number(pixels[0], 0)} x {number(pixels[1], 0)} px")
    elif metres:
        facts.append(f"Kích thước {metres}")
    template = media.get("template")
    if isinstance(template, dict) and isinstance(template.get("file"), str):
        facts.append(f"Mẫu thiết kế {template['file'].rsplit('/', 1)[-1]}")
    if isinstance(media.get("cap_height_mm"), (int, float)):
        facts.append(f"Chữ hoa cao {number(media['cap_height_mm'])} mm")
    contrast = media.get("contrast_ratio")
    if isinstance(contrast, dict) and contrast:
        facts.append(f"Tương phản ≥ {number(min(contrast.values()))}:1")
    minimum = _minimum(media)
    if minimum:
        facts.append(minimum)
    if isinstance(media.get("duration_s"), (int, float)):
        facts.append(f"Thời lượng {number(media['duration_s'])} giây")
    if isinstance(media.get("integrated_lufs"), (int, float)):
        facts.append(f"Độ lớn {number(media['integrated_lufs'])} LUFS")
    return tuple(facts)


def _minimum(media: dict) -> str | None:
    """"Tối thiểu 40 mm (5 mm cho mỗi mét, xem từ 8 m)" from the recorded rule."""
    low = media.get("min_cap_height_mm")
    rule = (media.get("legibility") or {}).get("min_cap_height", "")
    found = _RULE.search(rule) if isinstance(rule, str) else None
    if not isinstance(low, (int, float)):
        return None
    if found is None:
        return f"Chữ hoa tối thiểu {number(low)} mm"
    per_m, distance = (float(g) for g in found.groups())
    return (f"Chữ hoa tối thiểu {number(low)} mm ({number(per_m)} mm cho mỗi mét, "
            f"xem từ {number(distance)} m)")


def card_of(job: str, files: list[Asset]) -> Card:
    first = files[0].entry
    title = variant(first.size, first.lang)
    player = next(((_PLAYABLE[_ext(a.entry.path)], a) for a in files
                   if _ext(a.entry.path) in _PLAYABLE and a.entry.role != "broadcast"), None)
    script = next((a for a in files if a.entry.role == "script-pdf"), None)
    media = next((a.entry.media for a in files if a.entry.media), {})
    screen = first.size in SIZES and SIZES[first.size].is_screen
    return Card(job, title, thumbnail_of(files), player, facts_of(media, screen), tuple(files),
                script,
                first.product or "", first.lang or "")


def _ext(path: str) -> str:
    dot = path.rfind(".")
    return path[dot:].lower() if dot >= 0 else ""


def role_label(role: str) -> str:
    page = re.fullmatch(r"preview-(\d+)", role)
    if page:                                  # a leaflet's page previews
        return f"Ảnh xem trước trang {page.group(1)}"
    return ROLE_LABELS.get(role, role)


def size_label(size_bytes: int) -> str:
    if size_bytes >= 1_000_000:
        return f"{number(size_bytes / 1_000_000)} MB"
    return f"{number(max(1, round(size_bytes / 1000)), 0)} kB"
