"""The ``otel`` plugin (extra ``frontpayment-sdk[otel]``): one OpenTelemetry span per SDK operation.

    client = FrontpaymentClient(plugins=[OtelPlugin()])           # uses the global tracer provider
    client = FrontpaymentClient(plugins=[OtelPlugin(provider)])   # or yours

The span is named ``frontpayment.<operation>`` and carries ``frontpayment.operation``, ``frontpayment.call_id``,
``http.request.method``, ``http.response.status_code``, ``frontpayment.attempts``, ``frontpayment.order_uuid`` and,
on failure, the error type with an ERROR status, ``frontpayment.outcome_unknown`` and, for a cancelled or
interrupted call, ``frontpayment.interrupted_by`` (``CancelledError``, ``KeyboardInterrupt``): every span ends,
however its call did. No body, token or personal data is put on a span.
"""

from __future__ import annotations

import threading
from typing import Any

from opentelemetry import trace

from frontpayment_ext.errors import CallInterruptedError
from frontpayment_ext.events import Call, Exchange
from frontpayment_ext.hookspecs import hookimpl

from .log import order_uuid


class OtelPlugin:
    def __init__(self, tracer_provider: trace.TracerProvider | None = None) -> None:
        self.tracer = trace.get_tracer("frontpayment_ext", tracer_provider=tracer_provider)
        self._spans: dict[str, trace.Span] = {}
        self._lock = threading.Lock()

    @hookimpl
    def frontpayment_operation_started(self, call: Call) -> None:
        span = self.tracer.start_span(
            f"frontpayment.{call.operation}",
            kind=trace.SpanKind.CLIENT,
            attributes={
                "frontpayment.operation": call.operation,
                "frontpayment.call_id": call.id,
                "frontpayment.creates_order": call.creates_order,
                "frontpayment.client": call.client,
            },
        )
        with self._lock:
            self._spans[call.id] = span

    @hookimpl
    def frontpayment_after_exchange(self, exchange: Exchange) -> None:
        span = self._spans.get(exchange.call.id)
        if span is None:
            return
        span.set_attribute("http.request.method", exchange.method)
        span.set_attribute("frontpayment.attempts", exchange.attempt + 1)
        if exchange.status is not None:
            span.set_attribute("http.response.status_code", exchange.status)
        order = order_uuid(exchange)
        if order:
            span.set_attribute("frontpayment.order_uuid", order)

    @hookimpl
    def frontpayment_operation_finished(self, call: Call, result: Any, error: Exception | None) -> None:
        with self._lock:
            span = self._spans.pop(call.id, None)
        if span is None:
            return
        if error is not None:
            span.set_attribute("error.type", type(error).__name__)
            span.set_attribute("frontpayment.outcome_unknown", bool(getattr(error, "outcome_unknown", False)))
            if isinstance(error, CallInterruptedError):  # cancelled or interrupted: say by what
                span.set_attribute("frontpayment.interrupted_by", error.cause)
            span.set_status(trace.Status(trace.StatusCode.ERROR, type(error).__name__))
        else:
            span.set_status(trace.Status(trace.StatusCode.OK))
        span.end()
