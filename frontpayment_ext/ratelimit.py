"""Reading the server's rate-limit headers (``x-ratelimit-limit: 240``, ``x-ratelimit-remaining``, ``Retry-After``)."""

from __future__ import annotations

import collections
import contextlib
import contextvars
import email.utils
import math
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping

import attrs


@attrs.frozen
class RateLimit:
    """The rate limit the server advertised with a response; ``None`` where a header was absent or unreadable."""

    limit: int | None = None
    remaining: int | None = None

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimit:
        return cls(_int(headers.get("x-ratelimit-limit")), _int(headers.get("x-ratelimit-remaining")))


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def _finite(value: str) -> float | None:
    """A finite, non-negative number of seconds, or None (``nan``, ``inf``, ``-5`` and words are no wait)."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` (or ``retry-after-ms``) header, or None. Never negative."""
    ms = headers.get("retry-after-ms")
    if ms is not None:
        seconds = _finite(ms)
        if seconds is not None:
            return seconds / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _finite(value)
    if seconds is not None:
        return seconds
    if re.fullmatch(r"\s*[-+]?[0-9.eEinfaINFA]+\s*", value):
        return None  # a number that is no wait (NaN, inf, negative): the normal backoff, not an immediate retry
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


# The limiter whose next reserve() in this context was already paid for (see RateLimiter.prepaid).
_PREPAID: contextvars.ContextVar[RateLimiter | None] = contextvars.ContextVar("frontpayment_prepaid", default=None)


class RateLimiter:
    """Paces requests to at most ``limit`` per ``window`` seconds (a sliding window), so that a bulk sender never
    trips the server's limit. Thread-safe; one limiter may be shared by several clients using the same token.

    Frontpayment advertises ``x-ratelimit-limit: 240`` (per window; the window is not documented, a minute is
    assumed). ``limit`` is a ceiling: an advertised limit below it tightens the pace, one above it is ignored (the
    user may have chosen a lower pace for a reason: a shared token, a fragile downstream), so the limiter never
    sends more than ``limit`` per ``window``. ``x-ratelimit-remaining: 0`` makes it wait for the window to roll over.

    ``prepaid()`` lets a caller reserve and wait for a slot itself, before it commits to sending (the batch marks
    an order ``sending`` only once its slot has come), and then make the call without paying a second slot.
    """

    def __init__(self, limit: int = 240, window: float = 60.0, *, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("a rate limit needs limit >= 1 and window > 0")
        self.ceiling = limit
        self.limit = limit
        self.window = window
        # Seconds kept between one window's last slot and the next window's first (see reserve): a slot is reserved
        # a moment before its request leaves, and the server counts arrivals.
        self.guard = min(max(0.25, window * 0.05), 2.0)
        self._clock = clock
        self._sent: collections.deque[float] = collections.deque()
        self._paused_until = 0.0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RateLimiter(limit={self.limit}, window={self.window})"

    def reserve(self) -> float:
        """Claim the next send slot; returns how many seconds to wait before sending in it (0 if the caller's
        context holds a prepaid slot of this limiter, which this call uses up)."""
        if _PREPAID.get() is self:
            _PREPAID.set(None)
            return 0.0
        with self._lock:
            now = self._clock()
            while self._sent and self._sent[0] <= now - self.window:
                self._sent.popleft()
            slot = max(now, self._paused_until, self._sent[-1] if self._sent else now)
            if len(self._sent) >= self.limit:
                # A slot is reserved a moment before its request leaves (a new connection, a journal commit), and
                # the server counts arrivals: keep a guard so that a window's last arrivals and the next window's
                # first cannot fall into one of the server's windows.
                slot = max(slot, self._sent[-self.limit] + self.window + self.guard)
            self._sent.append(slot)
            return slot - now

    @contextlib.contextmanager
    def prepaid(self) -> Iterator[None]:
        """Within this block (this thread or asyncio task), the next ``reserve()`` costs nothing: the caller has
        already reserved a slot and waited for it. Later reserves (a retry) pay as usual."""
        token = _PREPAID.set(self)
        try:
            yield
        finally:
            _PREPAID.reset(token)

    def observe(self, rate: RateLimit) -> None:
        """Learn from a response's headers: the advertised limit, and a window already used up."""
        with self._lock:
            if rate.limit is not None and rate.limit >= 1:
                self.limit = min(self.ceiling, rate.limit)  # tighten, never loosen past the user's limit
            if rate.remaining is not None and rate.remaining <= 0:
                # The server counted requests we did not see (another process with the same token, say). Its window
                # is not documented, so wait a whole window from now: at worst one window lost, never a 429.
                self._paused_until = max(self._paused_until, self._clock() + self.window)
