"""How many built files set a line break inside a Vietnamese word, read from the manifest's
`*_lines` facts: `python bench/count_word_splits.py output` (issue 13's measure)."""
from __future__ import annotations

import collections
import sys
from pathlib import Path

from pipeline.store.manifest import Manifest
from pipeline.text.segment import line_splits


def line_fields(media: dict, prefix: str = ""):
    for key, value in media.items():
        if key.endswith("_lines") and isinstance(value, list) \
                and all(isinstance(s, str) for s in value):
            yield prefix + key, value
        elif key == "scenes":
            for i, scene in enumerate(value):
                yield from line_fields(scene, f"scenes[{i}].")


def main(out: Path) -> None:
    files, bad = collections.Counter(), collections.Counter()
    words = collections.Counter()
    for entry in Manifest.load(out):
        kind = entry["path"].split("/")[0]
        found = [(name, lines) for name, lines in line_fields(entry["media"])]
        if not found:
            continue
        files[kind] += 1
        split = [s for _, lines in found for s in line_splits(lines)]
        words.update(split)
        bad[kind] += bool(split)
    for kind in sorted(files):
        print(f"{kind}: {bad[kind]:,} of {files[kind]:,} files with recorded lines split a word")
    print("most frequent:", words.most_common(10))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "output"))
