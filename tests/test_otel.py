"""The ``otel`` plugin against a real local server: an INTERNAL operation span, current for the whole call, around
one CLIENT span per attempt by the HTTP client semantic conventions, under which the spans of the real
``opentelemetry-instrumentation-httpx`` nest (and whose trace context reaches the server)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import ROOT
from local_server import Fault, LocalServer, Received, Reply, envelope
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from packaging.requirements import Requirement
from test_faults import api, order

from frontpayment_ext import AsyncFrontpaymentClient, FrontpaymentClient, NotFoundError, ResponseTooLargeError
from frontpayment_ext._version import __version__
from frontpayment_ext.plugins.otel import SCHEMA_URL, OtelPlugin, _url_attributes

TOKEN = "otel-test-token-7Hq2"
PN = "01019912345"
BUSY = Fault("reply", reply=envelope(503, None, message="busy"))
MISSING = Fault("reply", reply=envelope(404, None, message="orderNotFound"))


def echo_after_one_503(*busy: str) -> Callable[[Received], Reply]:
    """Invoice-number lookups answered with the order UUID they asked for; those of ``busy`` first get a 503."""
    refused: set[str] = set()

    def answer(request: Received) -> Reply:
        uuid = request.path.rsplit("/", 1)[1]
        if uuid in busy and uuid not in refused:
            refused.add(uuid)
            return envelope(503, None, message="busy")
        return envelope(200, {"orderUuid": uuid, "invoiceNumber": "99", "status": "INVOICED"})

    return answer


@pytest.fixture
def tracing() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider, exporter
    provider.shutdown()


def _kinds(spans: tuple[ReadableSpan, ...]) -> dict[str, list[ReadableSpan]]:
    """The spans by who made them: the SDK's operation and attempt spans, and httpx's instrumentation's."""
    ours = [
        s for s in spans if s.instrumentation_scope is not None and s.instrumentation_scope.name == "frontpayment_ext"
    ]
    return {
        "operation": [s for s in ours if s.kind is SpanKind.INTERNAL],
        "attempt": [s for s in ours if s.kind is SpanKind.CLIENT],
        "httpx": [
            s for s in spans if s.instrumentation_scope and "instrumentation.httpx" in s.instrumentation_scope.name
        ],
    }


def _parent(span: ReadableSpan) -> int | None:
    return None if span.parent is None else span.parent.span_id


def _client(server: LocalServer, provider: TracerProvider, **kw: Any) -> FrontpaymentClient:
    client = FrontpaymentClient(TOKEN, base_url=server.url, plugins=[OtelPlugin(provider)], **kw)
    client.sleep = lambda seconds: None  # no real backoff
    HTTPXClientInstrumentor.instrument_client(client.generated.get_httpx_client(), tracer_provider=provider)
    return client


def test_a_retried_read_is_one_operation_span_around_attempt_spans_with_httpx_spans_nested(
    local_server: Any, tracing: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, exporter = tracing
    server = local_server(api, [BUSY])  # a 503, then the answer
    outer = provider.get_tracer("the-application")
    with _client(server, provider) as client, outer.start_as_current_span("checkout") as checkout:
        number = client.get_invoice_number("ODR1")
        assert trace.get_current_span() is checkout  # the SDK's spans are no longer current after the call
    assert number.invoice_number == "99"

    kinds = _kinds(exporter.get_finished_spans())
    [operation], (first, second) = kinds["operation"], kinds["attempt"]
    assert operation.name == "frontpayment.get_invoice_number"
    assert _parent(operation) == checkout.get_span_context().span_id  # under the caller's current span
    assert operation.status.status_code is StatusCode.UNSET  # success: left unset, as the conventions say
    assert operation.attributes["frontpayment.attempts"] == 2
    assert operation.attributes["frontpayment.order_uuid"] == "ODR1"
    assert "error.type" not in operation.attributes

    assert [a.name for a in (first, second)] == ["GET", "GET"]
    assert all(_parent(a) == operation.context.span_id for a in (first, second))
    url = f"{server.url}/api/v1/connect/orders/invoice-number/ODR1"
    for attempt in (first, second):
        assert attempt.attributes["http.request.method"] == "GET"
        assert attempt.attributes["server.address"] == "127.0.0.1"
        assert attempt.attributes["server.port"] == server.port
        assert attempt.attributes["url.full"] == url
    assert first.attributes["http.response.status_code"] == 503
    assert first.attributes["error.type"] == "503"
    assert first.status.status_code is StatusCode.ERROR
    assert "http.request.resend_count" not in first.attributes
    assert second.attributes["http.request.resend_count"] == 1
    assert second.attributes["http.response.status_code"] == 200
    assert second.status.status_code is StatusCode.UNSET
    assert "error.type" not in second.attributes
    assert first.end_time <= second.start_time  # one after the other, each within its operation
    assert operation.start_time <= first.start_time
    assert second.end_time <= operation.end_time

    # The real httpx instrumentation's span of each attempt is a child of that attempt's span ...
    httpx_spans = sorted(kinds["httpx"], key=lambda s: s.start_time or 0)
    assert [_parent(s) for s in httpx_spans] == [first.context.span_id, second.context.span_id]
    assert {s.context.trace_id for s in [*httpx_spans, first, second, operation]} == {
        checkout.get_span_context().trace_id
    }
    # ... and the trace context it propagated reached the server: the server saw the httpx span as its parent.
    for received, span in zip(server.received, httpx_spans, strict=True):
        _, trace_id, span_id, _ = received.headers["traceparent"].split("-")
        assert (int(trace_id, 16), int(span_id, 16)) == (span.context.trace_id, span.context.span_id)

    tracer_scope = operation.instrumentation_scope
    assert tracer_scope is not None
    assert (tracer_scope.version, tracer_scope.schema_url) == (__version__, SCHEMA_URL)


def test_errors_a_status_a_transport_failure_and_a_post(
    local_server: Any, tracing: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, exporter = tracing
    # A read that first loses its connection, then is answered; a read answered 404; an order created.
    server = local_server(api, [Fault("close_before_body"), None, MISSING])
    with _client(server, provider) as client:
        client.get_invoice_number("ODR1")
        with pytest.raises(NotFoundError):
            client.get_invoice_number("ODR2")
        client.send_invoice(order())
    kinds = _kinds(exporter.get_finished_spans())
    read, missing, created = sorted(kinds["operation"], key=lambda s: s.start_time or 0)
    attempts = sorted(kinds["attempt"], key=lambda s: s.start_time or 0)
    lost, answered, refused, post = attempts

    assert (_parent(lost), _parent(answered)) == (read.context.span_id, read.context.span_id)
    assert lost.attributes["error.type"] == "RemoteProtocolError"  # the exception's class: no response came
    assert "http.response.status_code" not in lost.attributes
    assert lost.status.status_code is StatusCode.ERROR
    assert answered.attributes["http.request.resend_count"] == 1
    assert read.status.status_code is StatusCode.UNSET

    assert _parent(refused) == missing.context.span_id
    assert refused.attributes["http.response.status_code"] == 404
    assert refused.attributes["error.type"] == "404"
    assert refused.status.status_code is StatusCode.ERROR
    assert missing.attributes["error.type"] == "NotFoundError"
    assert missing.status.status_code is StatusCode.ERROR

    assert _parent(post) == created.context.span_id
    assert post.name == "POST"
    assert post.attributes["http.request.method"] == "POST"
    assert post.attributes["http.response.status_code"] == 201
    assert created.name == "frontpayment.send_invoice"
    assert created.attributes["frontpayment.creates_order"] is True
    assert created.status.status_code is StatusCode.UNSET
    # No token nor personal data on any span (the order carries a personal number and the request the token).
    shown = json.dumps([dict(s.attributes or {}) for s in exporter.get_finished_spans()])
    assert TOKEN not in shown
    assert order()["customerDetails"]["personalNumber"] not in shown


def test_url_full_masks_sensitive_query_values_and_credentials(
    local_server: Any, tracing: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, exporter = tracing
    server = local_server(api)
    with _client(server, provider) as client:
        client.request("GET", f"/api/v1/connect/orders/status?personalNumber={PN}&page=2")
    [attempt] = _kinds(exporter.get_finished_spans())["attempt"]
    assert server.received[0].path.endswith(f"personalNumber={PN}&page=2")  # the server got the real value
    full = attempt.attributes["url.full"]
    assert PN not in full
    assert full == f"{server.url}/api/v1/connect/orders/status?personalNumber=%5BREDACTED%5D&page=2"
    attributes = _url_attributes("https://user:secret@api.example.com/x?a=1")
    assert attributes == {
        "server.address": "api.example.com",
        "server.port": 443,
        "url.full": "https://api.example.com/x?a=1",
    }


def test_async_calls_in_parallel_each_nest_under_their_own_operation(
    local_server: Any, tracing: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, exporter = tracing
    server = local_server(echo_after_one_503("ODR1", "ODR4", "ODR6"))  # three of the eight calls are retried once

    async def run() -> None:
        async with AsyncFrontpaymentClient(TOKEN, base_url=server.url, plugins=[OtelPlugin(provider)]) as client:

            async def no_wait(seconds: float) -> None:
                await asyncio.sleep(0)

            client.sleep = no_wait
            HTTPXClientInstrumentor.instrument_client(
                client.generated.get_async_httpx_client(), tracer_provider=provider
            )
            await asyncio.gather(*(client.get_invoice_number(f"ODR{i}") for i in range(8)))
            assert trace.get_current_span() is trace.INVALID_SPAN

    asyncio.run(run())
    kinds = _kinds(exporter.get_finished_spans())
    operations = {s.context.span_id: s for s in kinds["operation"]}
    attempts = {s.context.span_id: s for s in kinds["attempt"]}
    assert (len(operations), len(attempts), len(kinds["httpx"])) == (8, 11, 11)
    assert all(_parent(a) in operations for a in attempts.values())
    assert all(_parent(h) in attempts for h in kinds["httpx"])
    for attempt in attempts.values():  # each attempt is under the operation whose order it asked for
        operation = operations[_parent(attempt)]  # type: ignore[index]
        asked = str(attempt.attributes["url.full"]).rsplit("/", 1)[1]
        assert operation.attributes["frontpayment.order_uuid"] == asked  # the server's answer echoes it
    assert {o.attributes["frontpayment.order_uuid"] for o in operations.values()} == {f"ODR{i}" for i in range(8)}
    resent = [a for a in attempts.values() if a.attributes.get("http.request.resend_count") == 1]
    assert len(resent) == 3
    assert all(operations[_parent(a)].attributes["frontpayment.attempts"] == 2 for a in resent)  # type: ignore[index]


def test_an_attempt_whose_body_is_too_large_still_ends_under_its_operation(
    local_server: Any, tracing: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, exporter = tracing
    server = local_server(api)
    with _client(server, provider, max_response_bytes=16) as client, pytest.raises(ResponseTooLargeError):
        client.get_invoice_number("ODR1")  # no exchange is reported: the operation's end closes the attempt
    kinds = _kinds(exporter.get_finished_spans())
    [operation], [attempt] = kinds["operation"], kinds["attempt"]
    assert _parent(attempt) == operation.context.span_id
    assert attempt.attributes["error.type"] == "ResponseTooLargeError"
    assert attempt.status.status_code is StatusCode.ERROR
    assert operation.attributes["error.type"] == "ResponseTooLargeError"
    assert trace.get_current_span() is trace.INVALID_SPAN  # both contexts were restored


def test_the_otel_extra_is_the_api_only_and_the_plugin_runs_without_the_sdk() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["otel"]
    assert [Requirement(r).name for r in extra] == ["opentelemetry-api"]  # a library leaves the SDK to the app
    script = textwrap.dedent(
        """
        import sys
        sys.modules["opentelemetry.sdk"] = None  # as if only the API were installed: importing it fails
        import httpx
        from opentelemetry import trace
        from frontpayment_ext import FrontpaymentClient
        from frontpayment_ext.plugins.otel import OtelPlugin

        body = {"status_code": 200, "data": {"orderUuid": "O", "invoiceNumber": "1", "status": "SENT"}}
        seen = []
        def answer(request):
            seen.append(trace.get_current_span())
            return httpx.Response(200, json=body)
        http = httpx.Client(transport=httpx.MockTransport(answer))
        with FrontpaymentClient("t", plugins=[OtelPlugin()], http_client=http) as client:
            client.get_invoice_number("O")
        assert seen and trace.get_current_span() is trace.INVALID_SPAN
        print("ok")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.strip() == "ok", done.stderr
