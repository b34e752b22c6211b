"""When to try a request again, and how long to wait: one policy for the sync and async clients.

Safe reads are retried on connection errors, timeouts, 429, 500, 502, 503, 504 and 510. An order-creating POST is
retried only when the request provably never left this machine (connection refused, DNS failure, connect or pool
timeout): Frontpayment documents no idempotency key, so anything else could create the order twice.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs
import httpx

from .errors import APIConnectionError, APITimeoutError, FrontpaymentError, OutcomeUnknownError

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504, 510})
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RETRY_AFTER = 60.0

# httpx raises these only before any byte of the request was written.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def never_sent(exc: httpx.TransportError) -> bool:
    """True when the request provably did not reach the server."""
    return isinstance(exc, _NEVER_SENT)


def connection_error(
    exc: httpx.TransportError, *, operation: str, creates_order: bool, reference_no: str | None = None
) -> FrontpaymentError:
    """The SDK error for a transport failure: unknown outcome for a POST that may have arrived."""
    sent = not never_sent(exc)
    if creates_order and sent:
        return OutcomeUnknownError(operation, f"{type(exc).__name__} after the request was sent", reference_no)
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(f"{operation}: {type(exc).__name__}: {exc}", request_sent=sent, operation=operation)


@attrs.frozen
class RetryPolicy:
    """How many retries, and the backoff: ``base * 2**attempt`` capped at ``cap`` seconds, times a jitter in
    [0.75, 1]. A server's ``Retry-After`` is honoured instead, however far above ``cap``, up to
    ``max_retry_after`` seconds; a longer one is not retried at all (the caller gets the ``RateLimitError`` with
    its ``retry_after`` at once, rather than a retry the server said would be too early)."""

    max_retries: int = DEFAULT_MAX_RETRIES
    base: float = 0.5
    cap: float = 8.0
    max_retry_after: float = DEFAULT_MAX_RETRY_AFTER
    jitter: Callable[[], float] = attrs.field(default=lambda: random.uniform(0.75, 1.0), repr=False)  # noqa: S311

    def retry_exception(self, exc: httpx.TransportError, *, creates_order: bool, attempt: int) -> bool:
        if attempt >= self.max_retries:
            return False
        return never_sent(exc) if creates_order else True

    def retry_status(self, status: int, *, creates_order: bool, attempt: int, retry_after: float | None = None) -> bool:
        if retry_after is not None and retry_after > self.max_retry_after:
            return False
        return not creates_order and attempt < self.max_retries and status in RETRYABLE_STATUSES

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds before the next try: the server's ``Retry-After`` when it is at most ``max_retry_after`` (a longer
        one is refused by ``retry_status``), else the jittered backoff."""
        if retry_after is not None and retry_after <= self.max_retry_after:
            return retry_after
        return float(min(self.cap, self.base * 2**attempt) * self.jitter())
