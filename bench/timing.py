"""Timing shared by the bench sections: the best of several warm runs."""
from __future__ import annotations

import time


def best_of(fn, repeat: int):
    """(fastest seconds, the last result) of `repeat` calls of `fn`: the warm cost, with
    the noise of a shared machine taken out."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result
