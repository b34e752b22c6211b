"""Reading the server's rate-limit headers (``x-ratelimit-limit: 240``, ``x-ratelimit-remaining``, ``Retry-After``)."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping

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


def parse_retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` (or ``retry-after-ms``) header, or None. Never negative."""
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
