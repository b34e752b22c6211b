"""Cancelled async calls against a server that stalls (real sockets): ``asyncio.wait_for`` timeouts and
``task.cancel()``. Every cancelled state-changing call that was sent is recorded as ``unknown`` after its
``attempt``, every OpenTelemetry span ends (with an error status), and the cancellation still reaches the caller."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from local_server import Fault
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from test_faults import CREATE, api, order
from test_unreadable_success import AuditRecorder

from frontpayment_ext import AsyncFrontpaymentClient, FrontpaymentClient, RateLimiter
from frontpayment_ext.plugins.otel import OtelPlugin

ROUNDS = 12  # per kind: 12 wait_for timeouts and 12 task.cancel() of POSTs, and as many of reads
SENT_BY = 1.0  # seconds after which 48 concurrent requests have all reached the server, even on a loaded CI machine


def _tracing() -> tuple[OtelPlugin, InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return OtelPlugin(provider), exporter


def test_cancelled_calls_are_recorded_ended_and_still_cancelled(local_server: Any) -> None:
    server = local_server(api, [Fault("stall", seconds=10)] * (4 * ROUNDS))
    audit = AuditRecorder()
    otel, exporter = _tracing()

    async def run() -> list[BaseException]:
        async with AsyncFrontpaymentClient("t", base_url=server.url, plugins=[audit, otel], max_retries=0) as client:

            async def timed_out(call: Any) -> BaseException:
                try:
                    await asyncio.wait_for(call, timeout=SENT_BY)
                except BaseException as exc:  # noqa: BLE001 - the test looks at what came out
                    return exc
                raise AssertionError("the call should not have finished")

            async def cancelled(call: Any) -> BaseException:
                task = asyncio.ensure_future(call)
                await asyncio.sleep(SENT_BY)
                task.cancel()
                try:
                    await task
                except BaseException as exc:  # noqa: BLE001
                    assert task.cancelled()  # the cancellation propagated out of the SDK, not swallowed
                    return exc
                raise AssertionError("the call should not have finished")

            jobs = []
            for _ in range(ROUNDS):
                jobs += [timed_out(client.send_invoice(order())), cancelled(client.send_invoice(order()))]
                jobs += [timed_out(client.get_invoice_number("ODR1")), cancelled(client.get_invoice_number("ODR1"))]
            return await asyncio.gather(*jobs)

    outcomes = asyncio.run(run())
    kinds = {type(exc).__name__ for exc in outcomes}
    assert kinds == {"TimeoutError", "CancelledError"}, kinds  # wait_for's timeout, and the task's cancellation
    deadline = time.monotonic() + 5  # the server's threads may still be reading what the kernel received
    while server.posts(CREATE) < 2 * ROUNDS and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.posts(CREATE) == 2 * ROUNDS  # every POST did reach the server: each was cancelled after sending

    by_call: dict[str, list[str]] = {}
    for event in audit.events:
        by_call.setdefault(event.call_id, []).append(event.outcome)
    assert len(by_call) == 2 * ROUNDS
    assert all(outcomes == ["attempt", "unknown"] for outcomes in by_call.values()), by_call
    assert all("CancelledError" in (e.error or "") for e in audit.events if e.outcome == "unknown")

    finished = exporter.get_finished_spans()
    spans = [span for span in finished if span.kind is SpanKind.INTERNAL]  # one per operation
    attempts = [span for span in finished if span.kind is SpanKind.CLIENT]  # one per HTTP attempt, inside it
    assert (len(spans), len(attempts)) == (4 * ROUNDS, 4 * ROUNDS)  # every span ended: none left open
    operations = {span.context.span_id for span in spans}
    assert all(a.parent is not None and a.parent.span_id in operations for a in attempts)
    assert all(a.status.status_code is StatusCode.ERROR for a in attempts)
    assert {a.attributes["error.type"] for a in attempts} == {"CancelledError"}  # what really stopped each one
    assert all(span.status.status_code is StatusCode.ERROR for span in spans)
    assert all(span.attributes["error.type"] == "CallInterruptedError" for span in spans)
    assert {span.attributes["frontpayment.interrupted_by"] for span in spans} == {"CancelledError"}
    posts = [span for span in spans if span.name == "frontpayment.send_invoice"]
    assert len(posts) == 2 * ROUNDS
    assert all(span.attributes["frontpayment.outcome_unknown"] is True for span in posts)
    assert not otel._spans  # and the plugin holds none


def test_a_call_cancelled_while_waiting_for_a_rate_limit_slot_is_failed_not_unknown(local_server: Any) -> None:
    server = local_server(api)
    audit = AuditRecorder()
    limiter = RateLimiter(limit=1, window=60)
    limiter.reserve()  # the only slot of this minute is taken: the call waits before sending anything

    async def run() -> None:
        async with AsyncFrontpaymentClient("t", base_url=server.url, plugins=[audit], rate_limiter=limiter) as client:
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(client.send_invoice(order()), timeout=0.2)

    asyncio.run(run())
    assert server.attempts == 0
    assert audit.outcomes() == ["attempt", "failed"]
    assert "before anything was sent" in (audit.events[1].error or "")


def test_ctrl_c_in_a_sync_call_is_recorded_and_re_raised(local_server: Any) -> None:
    server = local_server(api, [Fault("close_after_body")])  # a read is retried: Ctrl-C lands in the backoff
    audit = AuditRecorder()
    otel, exporter = _tracing()

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    with FrontpaymentClient("t", base_url=server.url, plugins=[audit, otel]) as client:
        client.sleep = interrupt
        with pytest.raises(KeyboardInterrupt):
            client.get_invoice_number("ODR1")
    attempt, span = exporter.get_finished_spans()  # the attempt the server cut off, then the operation
    assert attempt.kind is SpanKind.CLIENT
    assert attempt.attributes["error.type"] == "RemoteProtocolError"
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes["frontpayment.interrupted_by"] == "KeyboardInterrupt"
    assert not otel._spans
