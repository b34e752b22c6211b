"""The rate limiter and the retry policy, with a fake clock: pacing, the advertised limit, backoff, Retry-After."""

from __future__ import annotations

import datetime
import threading
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from local_server import Fault, Received, Reply, envelope

from frontpayment_ext import ConfigurationError, FrontpaymentClient, RateLimit, RateLimiter, RateLimitError
from frontpayment_ext.ratelimit import parse_retry_after
from frontpayment_ext.retries import RetryPolicy, never_sent


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limiter_lets_a_full_window_through_then_paces() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=240, window=60, clock=clock)
    assert [limiter.reserve() for _ in range(240)] == [0.0] * 240
    g = limiter.guard  # 3 s for a minute: the server counts arrivals, a slot is reserved just before it leaves
    assert limiter.reserve() == 60.0 + g  # the 241st waits for the first slot to leave the window
    assert limiter.reserve() == 60.0 + g
    clock.now += 60 + g
    assert limiter.reserve() == 0.0  # the window has rolled over: the first 240 slots have left it


def test_limiter_never_allows_more_than_the_limit_in_any_window() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=5, window=1.0, clock=clock)
    send_times = [clock.now + limiter.reserve() for _ in range(23)]
    for i in range(len(send_times) - 5):
        assert send_times[i + 5] - send_times[i] >= 1.0
    assert send_times == sorted(send_times)


def test_limiter_is_thread_safe() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=50, window=10, clock=clock)
    waits: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(25):
            wait = limiter.reserve()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    g = limiter.guard
    assert sorted(waits) == [0.0] * 50 + [10.0 + g] * 50 + [20.0 + 2 * g] * 50 + [30.0 + 3 * g] * 50


def test_limiter_adopts_the_advertised_limit_and_pauses_when_none_remain() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=240, window=60, clock=clock)
    limiter.observe(RateLimit(limit=3, remaining=2))
    assert limiter.limit == 3
    assert [limiter.reserve() for _ in range(4)] == [0.0, 0.0, 0.0, 60.0 + limiter.guard]
    fresh = RateLimiter(limit=240, window=60, clock=clock)
    fresh.observe(RateLimit(limit=240, remaining=0))
    assert fresh.reserve() == 60.0


def test_limiter_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="limit"):
        RateLimiter(limit=0)


def test_client_paces_through_its_limiter() -> None:
    clock = FakeClock()
    limiter = RateLimiter(limit=2, window=30, clock=clock)
    body = {
        "status_code": 200,
        "status_message": "OK",
        "message": "m",
        "data": {"orderUuid": "O", "invoiceNumber": None, "status": "SENT"},
    }
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json=body, headers={"x-ratelimit-limit": "2", "x-ratelimit-remaining": "1"})
    )
    client = FrontpaymentClient(http_client=httpx.Client(transport=transport), rate_limiter=limiter)
    slept: list[float] = []
    client.sleep = slept.append
    for _ in range(3):
        client.get_invoice_number("O")
    assert slept == [30.0 + limiter.guard]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "-3"}, None),  # no wait at all is not a wait: the normal backoff applies
        ({"retry-after": "nan"}, None),
        ({"retry-after": "inf"}, None),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after(headers: dict[str, str], expected: float | None) -> None:
    assert parse_retry_after(headers) == expected


def test_parse_retry_after_http_date() -> None:
    when = datetime.datetime(2030, 1, 1, 12, 0, 10, tzinfo=datetime.UTC)
    now = datetime.datetime(2030, 1, 1, 12, 0, 0, tzinfo=datetime.UTC).timestamp()
    assert parse_retry_after({"retry-after": format_datetime(when, usegmt=True)}, now=now) == 10.0


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = RetryPolicy(base=0.5, cap=8.0, jitter=lambda: 1.0)
    assert [policy.delay(a) for a in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    low = RetryPolicy(jitter=lambda: 0.75)
    assert low.delay(1) == 0.75
    real = RetryPolicy()
    assert all(0.375 <= real.delay(0) <= 0.5 for _ in range(100))


def test_retry_after_is_honoured_up_to_a_limit_and_beyond_it_not_retried() -> None:
    policy = RetryPolicy(jitter=lambda: 1.0)
    assert policy.delay(0, retry_after=12.0) == 12.0  # above the 8 s backoff cap: still the server's word
    assert policy.retry_status(429, creates_order=False, attempt=0, retry_after=60.0) is True
    assert policy.retry_status(429, creates_order=False, attempt=0, retry_after=3600.0) is False
    assert RetryPolicy(max_retry_after=5).retry_status(503, creates_order=False, attempt=0, retry_after=6) is False


def _limited(retry_after: str) -> Fault:
    reply = (429, {"Retry-After": retry_after, "Content-Type": "application/json"}, b'{"message": "tooManyRequests"}')
    return Fault("reply", reply=reply)


def _answer(request: Received) -> Reply:
    return envelope(200, {"orderUuid": "ODR1", "invoiceNumber": "9", "status": "SENT"})


def test_a_retry_after_above_the_backoff_cap_is_waited_for_in_full(local_server: Any) -> None:
    server = local_server(_answer, [_limited("30")])
    client = FrontpaymentClient("t", base_url=server.url)
    slept: list[float] = []
    client.sleep = slept.append
    assert client.get_invoice_number("ODR1").status == "SENT"
    assert slept == [30.0]  # not a sub-second backoff
    assert server.attempts == 2


@pytest.mark.parametrize(("retry_after", "max_retry_after"), [("3600", None), ("30", 10.0)])
def test_a_retry_after_beyond_the_maximum_raises_at_once_carrying_it(
    retry_after: str, max_retry_after: float | None, local_server: Any
) -> None:
    server = local_server(_answer, [_limited(retry_after)])
    client = FrontpaymentClient("t", base_url=server.url, max_retry_after=max_retry_after)
    slept: list[float] = []
    client.sleep = slept.append
    with pytest.raises(RateLimitError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.retry_after == float(retry_after)
    assert slept == []  # no wait, no early retry
    assert server.attempts == 1


def test_max_retry_after_must_be_positive() -> None:
    with pytest.raises(ConfigurationError, match="max_retry_after"):
        FrontpaymentClient("t", base_url="http://127.0.0.1:1", max_retry_after=-1)


@pytest.mark.parametrize(
    ("status", "creates_order", "retried"),
    [
        (429, False, True),
        (500, False, True),
        (502, False, True),
        (503, False, True),
        (504, False, True),
        (510, False, True),
        (501, False, False),
        (404, False, False),
        (417, False, False),
        (429, True, False),
        (500, True, False),
        (503, True, False),
    ],
)
def test_which_statuses_are_retried(status: int, creates_order: bool, retried: bool) -> None:
    assert RetryPolicy().retry_status(status, creates_order=creates_order, attempt=0) is retried
    assert RetryPolicy(max_retries=0).retry_status(status, creates_order=creates_order, attempt=0) is False


@pytest.mark.parametrize(
    ("exc", "sent"),
    [
        (httpx.ConnectError("refused"), False),
        (httpx.ConnectTimeout("slow"), False),
        (httpx.PoolTimeout("full"), False),
        (httpx.ReadTimeout("stalled"), True),
        (httpx.RemoteProtocolError("dropped"), True),
        (httpx.ReadError("reset"), True),
        (httpx.WriteError("broken pipe"), True),
        (httpx.WriteTimeout("slow"), True),
    ],
)
def test_what_provably_never_left(exc: Any, sent: bool) -> None:
    assert never_sent(exc) is (not sent)
    assert RetryPolicy().retry_exception(exc, creates_order=True, attempt=0) is (not sent)
    assert RetryPolicy().retry_exception(exc, creates_order=False, attempt=0) is True


def test_max_retries_per_client_and_per_call() -> None:
    calls: list[int] = []
    transport = httpx.MockTransport(lambda request: calls.append(1) or httpx.Response(503))
    client = FrontpaymentClient(http_client=httpx.Client(transport=transport), max_retries=4)
    client.sleep = lambda seconds: None
    with pytest.raises(Exception, match="503"):
        client.get_invoice_number("O")
    assert len(calls) == 5
    calls.clear()
    with pytest.raises(Exception, match="503"):
        client.get_invoice_number("O", max_retries=1)
    assert len(calls) == 2
