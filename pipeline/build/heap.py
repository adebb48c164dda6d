"""A rendering process keeps the memory it frees, instead of handing it back to the
kernel after every array.

Each audio measurement and each frame makes NumPy temporaries of megabytes; glibc serves
those with fresh mmap()s and returns them on free, so every one costs page faults (about
0.15 s of system time per radio spot, measured in bench/province_bench.py). With the
thresholds raised, freed blocks are reused: a worker's footprint stays at its largest job
(a clip: about 450 MB), which it reached anyway.
"""
from __future__ import annotations

import ctypes
import ctypes.util

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD_BYTES = 256 << 20     # arrays up to this size come from the reused heap
TRIM_THRESHOLD_BYTES = 512 << 20     # free memory beyond this goes back to the kernel


def keep_freed_memory() -> bool:
    """Raise glibc's thresholds in this process; False where there is no glibc."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
                and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))
