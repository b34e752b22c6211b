"""The advertised limit, enforced: a fixed window per token, as Laravel's throttle middleware counts it.

Every API answer carries ``x-ratelimit-limit`` and ``x-ratelimit-remaining`` (the real demo API: 240 a window).
Past the limit the answer is 429 with ``Retry-After``, the seconds until the window ends, so a client that honours
it (as the SDK does) waits exactly long enough.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

import attrs


@attrs.frozen
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until the window resets; 0 when allowed

    def headers(self) -> dict[str, str]:
        headers = {"x-ratelimit-limit": str(self.limit), "x-ratelimit-remaining": str(self.remaining)}
        if not self.allowed:
            headers["retry-after"] = str(self.retry_after)
            headers["x-ratelimit-reset"] = str(self.retry_after)
        return headers


class FixedWindow:
    """``limit`` requests per ``window`` seconds for each key (the bearer token). ``limit=None`` never refuses but
    still advertises a limit (the demo API's 240), so clients that read the headers see the real shape."""

    ADVERTISED = 240

    def __init__(
        self, limit: int | None = 240, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self._clock = limit, window, clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int]] = {}

    def configure(self, limit: int | None, window: float | None = None) -> None:
        with self._lock:
            self.limit = limit
            if window is not None:
                self.window = window
            self._windows.clear()

    def reset(self) -> None:
        with self._lock:
            self._windows.clear()

    def hit(self, key: str) -> Decision:
        """Count one request for ``key`` and say whether it may proceed."""
        now = self._clock()
        with self._lock:
            if self.limit is None:
                return Decision(True, self.ADVERTISED, self.ADVERTISED - 1, 0)
            started, used = self._windows.get(key, (now, 0))
            if now - started >= self.window:
                started, used = now, 0
            if used >= self.limit:
                wait = max(1, math.ceil(started + self.window - now))
                return Decision(False, self.limit, 0, wait)
            self._windows[key] = (started, used + 1)
            return Decision(True, self.limit, self.limit - used - 1, 0)
