"""`python -m pipeline.desk.build_child build ...`: the `campaign` command line, in a
process that Linux ends when the desk that started it dies (kill -9, OOM). The request
goes back to the queue at the next start; a build left running would hold its folder."""
from __future__ import annotations

import ctypes
import runpy
import signal

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass   # not Linux: the build finishes on its own and the rebuild waits for it


if __name__ == "__main__":
    _die_with_parent()
    # Exactly `python -m pipeline ...` from here on: the same command line, the same path.
    runpy.run_module("pipeline", run_name="__main__", alter_sys=True)
