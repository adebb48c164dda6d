"""An announcer's recorded takes on disk: which file speaks which line of a spot's script,
which lines have none yet, and which files fit no line. Reads folder listings only, so a
request finds its takes without the audio stack."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TAKE_SUFFIXES = (".wav", ".flac", ".mp3")


@dataclass(frozen=True)
class Takes:
    found: dict[str, Path]             # line label -> take file
    missing: tuple[str, ...]           # project-relative paths a take should have
    strays: tuple[str, ...]            # one message per file whose name fits no line


def take_folders(root: Path, take_folder: str, province_slug: str | None):
    spot = Path(root) / take_folder
    return spot, (spot / province_slug if province_slug else None)


def find_takes(root: Path, take_folder: str, province_slug: str | None, lines,
               recorded_voices: set[str]) -> Takes:
    """Match the lines spoken by recorded voices with files named `<NN>-<voice>.wav`.

    Body lines: the province's folder first, then the spot's. Opening and closing name the
    province, so a localized job takes them only from its own folder."""
    spot, province = take_folders(root, take_folder, province_slug)
    said = [line for line in lines if line.kind == "say"]
    wanted = [line for line in said if line.voice in recorded_voices]
    found, missing = {}, []
    for line in wanted:
        folders = [province] if (line.localized and province) else [province, spot]
        path = _first_take([f for f in folders if f is not None], line.take)
        if path is None:
            where = (province if (line.localized and province) else spot) / f"{line.take}.wav"
            missing.append(os.path.relpath(where, root))
        else:
            found[line.label] = path
    strays = []
    names = {line.take for line in said}
    by_number = {line.take.split("-", 1)[0]: line for line in said}
    for folder in (spot, province):
        for path in _audio_files(folder):
            if path.stem in names:
                continue
            shown = os.path.relpath(path, root)
            number = path.stem.split("-", 1)[0]
            if number in by_number:
                line = by_number[number]
                strays.append(f"{shown}: line {number} is spoken by {line.voice}; "
                              f"name the take {line.take}{path.suffix}")
            else:
                strays.append(f"{shown}: fits no line of the script (takes are named "
                              f"<NN>-<voice>.wav as the announcer's script lists)")
    return Takes(found, tuple(missing), tuple(strays))


def _first_take(folders: list[Path], stem: str) -> Path | None:
    for folder in folders:
        for suffix in TAKE_SUFFIXES:
            path = folder / f"{stem}{suffix}"
            if path.is_file():
                return path
    return None


def _audio_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix.lower() in TAKE_SUFFIXES)


def listed_takes(missing: tuple[str, ...]) -> str:
    return ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3
                                     else "")
