"""Failed sign-ins, counted by client address: past LIMIT in WINDOW_S, every sign-in from
that address (a right token too, or the answer would tell a guess was right) waits."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

LIMIT = 20
WINDOW_S = 60.0
MAX_CLIENTS = 10_000          # addresses remembered; the oldest forgotten first


class SignInThrottle:
    def __init__(self, limit: int = LIMIT, window_s: float = WINDOW_S,
                 clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def wait_s(self, client: str) -> int:
        """Seconds `client` must wait before it may try to sign in again; 0: it may now."""
        with self._lock:
            failures = self._recent(client)
            if len(failures) < self.limit:
                return 0
            return max(1, int(failures[0] + self.window_s - self.clock()) + 1)

    def failed(self, client: str) -> int:
        """Count a failure; the failures of `client` within the window."""
        with self._lock:
            failures = self._recent(client)
            failures.append(self.clock())
            self._failures[client] = failures
            self._failures.move_to_end(client)
            while len(self._failures) > MAX_CLIENTS:
                self._failures.popitem(last=False)
            return len(failures)

    def _recent(self, client: str) -> deque[float]:
        failures = self._failures.get(client) or deque(maxlen=self.limit)
        horizon = self.clock() - self.window_s
        while failures and failures[0] <= horizon:
            failures.popleft()
        return failures
