"""The ``otel`` plugin (extra ``frontpayment-sdk[otel]``, the OpenTelemetry API only): spans by the HTTP client
semantic conventions.

    client = FrontpaymentClient(plugins=[OtelPlugin()])           # uses the global tracer provider
    client = FrontpaymentClient(plugins=[OtelPlugin(provider)])   # or yours

Each SDK operation is an INTERNAL span ``frontpayment.<operation>``, made current for the whole call (retries and
backoff included), with ``frontpayment.operation``, ``frontpayment.call_id``, ``frontpayment.creates_order``,
``frontpayment.client``, ``frontpayment.attempts``, ``frontpayment.order_uuid`` and, on failure, ``error.type``
(the SDK's error class), an ERROR status, ``frontpayment.outcome_unknown`` and, for a cancelled or interrupted
call, ``frontpayment.interrupted_by`` (``CancelledError``, ``KeyboardInterrupt``).

Under it, each HTTP attempt is a CLIENT span named by its method (``GET``, ``POST``), current while httpx sends, so
the spans of ``opentelemetry-instrumentation-httpx`` (and the trace context it propagates) nest under it. It has
``http.request.method``, ``server.address``, ``server.port``, ``url.full`` (without credentials; the values of
sensitive query parameters masked, as in every ``Exchange``), ``http.response.status_code``,
``http.request.resend_count`` on a retry, and on failure ``error.type`` (the status code as a string from 400 up,
else the transport exception's class name) with an ERROR status. A success leaves the status UNSET, as the
conventions ask. Every span ends, however its call did. No body, token or personal data is put on a span.
"""

from __future__ import annotations

import threading
from contextvars import Token
from typing import Any

import httpx
from opentelemetry import context, trace

from frontpayment_ext._version import __version__
from frontpayment_ext.errors import CallInterruptedError
from frontpayment_ext.events import Call, Exchange
from frontpayment_ext.hookspecs import hookimpl

from .log import order_uuid

# The semantic conventions these spans follow (HTTP client spans are stable since 1.23).
SCHEMA_URL = "https://opentelemetry.io/schemas/1.26.0"
_KNOWN_METHODS = frozenset({"CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Open:
    """One call's spans and the context tokens that made them current (detached in reverse order)."""

    __slots__ = ("attempt", "attempt_token", "operation", "operation_token")

    def __init__(self, operation: trace.Span, token: Token[context.Context]) -> None:
        self.operation, self.operation_token = operation, token
        self.attempt: trace.Span | None = None
        self.attempt_token: Token[context.Context] | None = None


def _url_attributes(url: str) -> dict[str, Any]:
    parsed = httpx.URL(url)
    if parsed.userinfo:  # never in a span, even if a base URL carried it
        parsed = parsed.copy_with(username=None, password=None)
    port = parsed.port or _DEFAULT_PORTS.get(parsed.scheme)
    attributes: dict[str, Any] = {"server.address": parsed.host, "url.full": str(parsed)}
    if port is not None:
        attributes["server.port"] = port
    return attributes


def _end_attempt(state: _Open, error_type: str | None) -> None:
    span, token = state.attempt, state.attempt_token
    state.attempt = state.attempt_token = None
    if span is None or token is None:
        return
    if error_type is not None:
        span.set_attribute("error.type", error_type)
        span.set_status(trace.Status(trace.StatusCode.ERROR))
    span.end()
    context.detach(token)


class OtelPlugin:
    """Traces each operation and each of its HTTP attempts (see the module). ``tracer_provider`` defaults to the
    global one."""

    def __init__(self, tracer_provider: trace.TracerProvider | None = None) -> None:
        self.tracer = trace.get_tracer(
            "frontpayment_ext", __version__, tracer_provider=tracer_provider, schema_url=SCHEMA_URL
        )
        self._spans: dict[str, _Open] = {}
        self._lock = threading.Lock()

    @hookimpl
    def frontpayment_operation_started(self, call: Call) -> None:
        span = self.tracer.start_span(
            f"frontpayment.{call.operation}",
            kind=trace.SpanKind.INTERNAL,
            attributes={
                "frontpayment.operation": call.operation,
                "frontpayment.call_id": call.id,
                "frontpayment.creates_order": call.creates_order,
                "frontpayment.client": call.client,
            },
        )
        token = context.attach(trace.set_span_in_context(span))
        with self._lock:
            self._spans[call.id] = _Open(span, token)

    @hookimpl
    def frontpayment_before_attempt(self, call: Call, attempt: int, method: str, url: str) -> None:
        state = self._spans.get(call.id)
        if state is None:
            return
        _end_attempt(state, "unfinished")  # an attempt with no exchange reported (none in the SDK's loops)
        known = method in _KNOWN_METHODS
        attributes = {"http.request.method": method if known else "_OTHER", **_url_attributes(url)}
        if not known:
            attributes["http.request.method_original"] = method
        if attempt:
            attributes["http.request.resend_count"] = attempt
        span = self.tracer.start_span(
            method if known else "HTTP",
            context=trace.set_span_in_context(state.operation),
            kind=trace.SpanKind.CLIENT,
            attributes=attributes,
        )
        state.attempt, state.attempt_token = span, context.attach(trace.set_span_in_context(span))

    @hookimpl
    def frontpayment_after_exchange(self, exchange: Exchange) -> None:
        state = self._spans.get(exchange.call.id)
        if state is None:
            return
        error_type = exchange.error
        if exchange.status is not None:
            if state.attempt is not None:
                state.attempt.set_attribute("http.response.status_code", exchange.status)
            if exchange.status >= 400:
                error_type = str(exchange.status)
        _end_attempt(state, error_type)
        state.operation.set_attribute("frontpayment.attempts", exchange.attempt + 1)
        order = order_uuid(exchange)
        if order:
            state.operation.set_attribute("frontpayment.order_uuid", order)

    @hookimpl
    def frontpayment_operation_finished(self, call: Call, result: Any, error: Exception | None) -> None:
        with self._lock:
            state = self._spans.pop(call.id, None)
        if state is None:
            return
        span = state.operation
        try:
            if error is None:
                _end_attempt(state, None)
                return  # a success: the status stays UNSET
            # An attempt still open was ended by this error: by what really stopped it, if it was interrupted.
            if isinstance(error, CallInterruptedError):
                _end_attempt(state, error.cause)
                span.set_attribute("frontpayment.interrupted_by", error.cause)
            else:
                _end_attempt(state, type(error).__name__)
            span.set_attribute("error.type", type(error).__name__)
            span.set_attribute("frontpayment.outcome_unknown", bool(getattr(error, "outcome_unknown", False)))
            span.set_status(trace.Status(trace.StatusCode.ERROR, type(error).__name__))
        finally:
            span.end()
            context.detach(state.operation_token)
