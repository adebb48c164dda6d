"""One card on the page per job: its preview, its facts in words, its files."""
from __future__ import annotations

from dataclasses import dataclass

from .assets import Asset, thumbnail_of

_PLAYABLE = {".mp3": "audio", ".wav": "audio", ".mp4": "video"}
ROLE_LABELS = {"print": "PDF in", "raster": "PNG", "preview": "Ảnh xem trước", "thumb": "Ảnh nhỏ",
               "audio": "MP3", "broadcast": "WAV phát sóng", "transcript": "Lời đọc",
               "script-txt": "Kịch bản (txt)", "script-pdf": "Kịch bản cho phát thanh viên",
               "video": "MP4", "poster": "Ảnh bìa", "captions-srt": "Phụ đề SRT",
               "captions-vtt": "Phụ đề VTT", "vector": "SVG", "alt_text": "Mô tả ảnh"}


@dataclass(frozen=True)
class Card:
    job: str
    title: str
    thumb: Asset | None
    player: tuple[str, Asset] | None     # ('audio' | 'video', the file)
    facts: tuple[str, ...]
    files: tuple[Asset, ...]
    script: Asset | None                 # a radio spot's announcer script (PDF)


def _metres(media: dict) -> str | None:
    width, height = media.get("width_mm"), media.get("height_mm")
    if not isinstance(width, (int, float)) or not isinstance(height, (int, float)):
        return None
    return f"{width / 1000:g} x {height / 1000:g} m".replace(".", ",")


def facts_of(media: dict) -> tuple[str, ...]:
    """The legibility and sound facts the manifest records, as a reader says them."""
    facts = []
    metres = _metres(media)
    if metres:
        facts.append(f"Kích thước {metres}")
    template = media.get("template")
    if isinstance(template, dict) and isinstance(template.get("file"), str):
        facts.append(f"Mẫu thiết kế {template['file'].rsplit('/', 1)[-1]}")
    if isinstance(media.get("cap_height_mm"), (int, float)):
        facts.append(f"Chữ hoa cao {media['cap_height_mm']:g} mm")
    contrast = media.get("contrast_ratio")
    if isinstance(contrast, dict) and contrast:
        facts.append(f"Tương phản ≥ {min(contrast.values()):g}:1")
    legibility = media.get("legibility")
    if isinstance(legibility, dict) and isinstance(legibility.get("min_cap_height"), str):
        facts.append(f"Tối thiểu: {legibility['min_cap_height']}")
    if isinstance(media.get("duration_s"), (int, float)):
        facts.append(f"Thời lượng {media['duration_s']:g} s")
    if isinstance(media.get("integrated_lufs"), (int, float)):
        facts.append(f"Độ lớn {media['integrated_lufs']:g} LUFS")
    return tuple(facts)


def card_of(job: str, files: list[Asset]) -> Card:
    first = files[0].entry
    title = " · ".join(p for p in (first.product, first.size, first.lang) if p)
    player = next(((_PLAYABLE[_ext(a.entry.path)], a) for a in files
                   if _ext(a.entry.path) in _PLAYABLE and a.entry.role != "broadcast"), None)
    script = next((a for a in files if a.entry.role == "script-pdf"), None)
    media = next((a.entry.media for a in files if a.entry.media), {})
    return Card(job, title, thumbnail_of(files), player, facts_of(media), tuple(files), script)


def _ext(path: str) -> str:
    dot = path.rfind(".")
    return path[dot:].lower() if dot >= 0 else ""


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def size_label(size_bytes: int) -> str:
    if size_bytes >= 1_000_000:
        return f"{size_bytes / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size_bytes / 1000))} kB"
