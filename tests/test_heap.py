"""A rendering process keeps what it frees: big NumPy temporaries stop costing page faults."""
from __future__ import annotations

import subprocess
import sys

FAULTS = """
import resource, sys
import numpy as np
from pipeline.build.worker import keep_freed_memory
if sys.argv[1] == "keep":
    assert keep_freed_memory()
np.ones(6_000_000).sum()                       # the first time always faults its pages in
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    np.ones(6_000_000).sum()                   # 48 MB made and freed, as a spot's meters do
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def page_faults(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", FAULTS, mode], capture_output=True, text=True,
                         check=True)
    return int(out.stdout)


def test_freed_arrays_are_reused_instead_of_faulted_in_again():
    plain, kept = page_faults("plain"), page_faults("keep")
    assert plain > 1_000                       # glibc hands each one back, and faults it in
    assert kept < plain / 10
