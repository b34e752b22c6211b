"""The hooks a plugin can implement. ``docs/plugins.md`` is the guide; ``tests/test_plugin_docs.py`` keeps the two
in step.

A plugin is any object or module with functions named after these hooks and marked with
``frontpayment_ext.hookimpl``. It needs to implement only the hooks it cares about, and only the arguments it
uses (pluggy passes arguments by name).

What a hook is handed: never a token or API key, however deep (an error's ``response.request`` and the request of
a chained transport exception have their Authorization and apiKey headers masked). Redacted (no personal number,
phone number or e-mail unless the user turned redaction off): ``Call``, ``Exchange``, ``AuditEvent``, and every
error's message, ``errors``, ``field_errors`` and ``violations``. Raw, as each hook says: the ``payload`` of the two
shaping hooks, an error's ``response``/``body``, and the ``result`` of ``frontpayment_operation_finished``.

Two kinds of hook:

* **Shaping hooks** (``frontpayment_prepare_request``, ``frontpayment_validation_rules``) run before anything is
  sent and may change what happens. An exception in one stops the call with that exception.
* **Observing hooks** (the rest) only watch. An exception in one is logged on the ``frontpayment_ext.plugins``
  logger and does not break the call, with one deliberate exception: a plugin whose ``required`` attribute is true
  makes ``frontpayment_audit_event`` fail closed, so that an operation that cannot be recorded is not sent.
"""

from __future__ import annotations

from typing import Any

import pluggy

from .events import AuditEvent, Call, Exchange
from .violations import Violation

hookspec = pluggy.HookspecMarker("frontpayment_ext")
hookimpl = pluggy.HookimplMarker("frontpayment_ext")


@hookspec
def frontpayment_prepare_request(call: Call, payload: dict[str, Any]) -> str | None:
    """Amend or veto an order payload before it is validated and sent.

    Fires once per order-creating call (``send_invoice``, ``send_ehf_invoice``, ``create_invoice_session``), after
    a builder has been turned into its payload and before validation, on the sync and async clients alike.

    :param call: the operation being made.
    :param payload: the JSON payload about to be validated and sent. This is the SDK's own copy and is **not**
        redacted: a plugin may change it in place (for example add ``referenceNo``), and the changed payload is
        validated and sent. Never log it; log the redacted bodies of ``frontpayment_after_exchange`` instead.
    :return: None to let the call go on, or a string: the reason for vetoing it. A veto raises
        ``RequestVetoedError`` with that reason and nothing is sent.
    """


@hookspec
def frontpayment_validation_rules(endpoint: str, payload: dict[str, Any]) -> list[Violation] | None:
    """Contribute extra validation rules.

    Fires whenever a payload is validated (before sending, and in ``client.validate``), after the spec's and the
    SDK's own rules, for the endpoint ``invoice``, ``ehf`` or ``session``.

    :param endpoint: which endpoint's rules apply.
    :param payload: the payload being validated, **not** redacted (a rule may need the real msisdn or personal
        number to check it): the exact payload that will be sent. Read only; never log it.
    :return: a list of ``Violation`` (path, message, expected, actual) for each broken rule, or None. Violations
        from every plugin are reported together with the SDK's own; any violation stops the call before sending.
        The SDK redacts each violation's message and actual value (by the field's name, then as text) before it
        reaches ``PayloadValidationError``, so a rule may quote the value it refused.
    """


@hookspec
def frontpayment_operation_started(call: Call) -> None:
    """An operation begins (after validation, before the first HTTP request).

    Fires once per call on every client, Katsu Pay's included. Pairs with ``frontpayment_operation_finished``
    (same ``call.id``), e.g. to open a tracing span.

    :param call: the operation.
    """


@hookspec
def frontpayment_before_attempt(call: Call, attempt: int, method: str, url: str) -> None:
    """One HTTP attempt is about to be sent.

    Fires before every attempt, retries included, on every client: after the rate limiter's wait, just before
    httpx sends the request, in the thread or task that sends it. So a plugin may make a context current for the
    send and restore it when the attempt is over, as the ``otel`` plugin does with its per-attempt CLIENT span
    (which is why an ``opentelemetry-instrumentation-httpx`` span nests under it). The attempt is over at the next
    ``frontpayment_after_exchange`` of the same ``call.id``, or, if none comes first (a body too large or
    undecodable, a cancellation, ``KeyboardInterrupt``), at ``frontpayment_operation_finished``.

    :param call: the operation.
    :param attempt: 0 for the first request, 1 for the first retry (HTTP semantic conventions' resend count).
    :param method: the HTTP method, upper case.
    :param url: the full request URL without secrets (query values of sensitive names masked), as in ``Exchange``.
    """


@hookspec
def frontpayment_after_exchange(exchange: Exchange) -> None:
    """One HTTP exchange is over: a response arrived, or the transport failed.

    Fires after every attempt, retries included, on every client. ``exchange`` holds the operation, method, URL
    (without secrets), status (None when no response came), elapsed seconds, redacted request and response bodies
    (in full, or cut to a size for a log line with ``request_preview()``/``response_preview()``), the response
    headers (sensitive ones masked) and the rate limit the server advertised. Nothing in it is raw.

    :param exchange: the exchange.
    """


@hookspec
def frontpayment_on_error(call: Call, error: Exception) -> None:
    """The SDK is about to raise ``error`` from an operation.

    Fires once per failed call, just before the error reaches the caller: validation failures and vetoes, HTTP
    errors, connection failures and unknown outcomes alike. The error's message, ``errors``, ``field_errors`` and
    ``violations`` are redacted and bounded. Its ``response`` (and ``body``) is the raw ``httpx.Response``, with
    the body as the server sent it (it may echo personal data: never log it) and its ``request`` as sent, body
    included, except that the Authorization and apiKey headers are masked; a chained transport exception
    (``error.__cause__``) has its request's headers masked the same way.

    :param call: the operation.
    :param error: the ``FrontpaymentError`` about to be raised.
    """


@hookspec
def frontpayment_operation_finished(call: Call, result: Any, error: Exception | None) -> None:
    """An operation is over, with a result or an error (then ``result`` is None).

    Fires once per call that got as far as ``frontpayment_operation_started``, after the last exchange.

    :param call: the operation.
    :param result: the typed result (``OrderCreated``, ``InvoiceNumber``, ...) exactly as the caller gets it, **not**
        redacted (``result.raw`` holds the raw body; a Katsu Pay invoice carries names), or None on error.
    :param error: the error raised, or None on success.
    """


@hookspec
def frontpayment_audit_event(event: AuditEvent) -> None:
    """A state-changing operation is about to be sent, or has ended: record it.

    Fires twice per order-creating call: with ``event.outcome == "attempt"`` before anything is sent, then with
    ``"success"``, ``"failed"`` or ``"unknown"``. Reads (``get_invoice_number``, Katsu Pay) are not audited.

    A plugin whose ``required`` attribute is true fails closed: if it raises on the ``attempt`` event, the call
    stops with ``AuditError`` and nothing is sent. If it raises on the outcome event, the error is logged and the
    caller still gets the outcome (the request has been made; hiding its result would be worse).

    :param event: the event, with amounts as Decimals and no personal data.
    """
