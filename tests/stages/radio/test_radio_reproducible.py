"""Given the shipped two-voice sketch, when it is built twice in two fresh processes (as two
builds are), then its WAV and MP3 are the same bytes.

The sketch's worker speaks with eSpeak's f2 variant, whose breath noise comes from a random
generator the library seeds from the clock: before the fix, each build differed (even in
length, once silence trimming met the noise)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SKETCH = "savings-for-old-age-60s"

# Fresh interpreter, fresh eSpeak engine and Voices memo: exactly what a second build has.
RENDER = f"""
import hashlib, json
from pathlib import Path
from pipeline.build.plan import Selection, plan
from pipeline.spec.load import load_specs
from pipeline.stages.builtin import register_builtin
from pipeline.stages.radio import STAGE

register_builtin()
specs = load_specs(Path("specs"))
(job,) = plan(specs, Selection(kinds=("radio",), products=("{SKETCH}",),
                               provinces=("ha-noi",)))
rendered = STAGE.render_job(job)
print(json.dumps({{f.role: hashlib.sha256(f.data).hexdigest() for f in rendered.files
                  if f.role in ("audio", "broadcast")}}))
"""


def _digests(tmp_path: Path, name: str) -> dict[str, str]:
    env = {"CAMPAIGN_TTS_CACHE": str(tmp_path / name), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", RENDER], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_two_voice_sketch_gives_the_same_bytes_on_every_build(tmp_path):
    first, second = _digests(tmp_path, "one"), _digests(tmp_path, "two")
    assert set(first) == {"audio", "broadcast"}
    assert first == second
