"""What plugins are handed: one call, one HTTP exchange, one audit event. None holds a secret; all values are
redacted (an audit event holds no personal data; its ``reference_no`` is the caller's own ``referenceNo``).

These are plain frozen attrs classes so that a plugin can log, store or compare them without touching the client.
"""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal
from typing import Any, Literal

import attrs

Outcome = Literal["attempt", "success", "failed", "unknown"]
PREVIEW_LIMIT = 4096  # characters of a body that a log line shows


@attrs.frozen
class Call:
    """One SDK operation, from the caller's method call to its result or error (all its retries included).

    ``operation`` is the SDK name (``send_invoice``, ``get_invoice_number``, ``katsupay.get_invoice``, or
    ``"POST /path"`` for ``client.request``); ``endpoint`` the validator's name for its payload or None;
    ``creates_order`` whether it changes state on the server; ``client`` the client class name.
    """

    operation: str
    endpoint: str | None
    creates_order: bool
    client: str
    id: str = attrs.field(factory=lambda: uuid.uuid4().hex)
    started: datetime.datetime = attrs.field(factory=lambda: datetime.datetime.now(datetime.UTC))


@attrs.frozen
class Exchange:
    """One HTTP request and its response (or transport failure): one per attempt, retries included.

    ``url`` carries no secrets (query values of sensitive names are masked); ``status`` is None when no response
    came; ``request_body`` and ``response_body`` are redacted JSON (or None; redacted when first read, so that
    an exchange nobody looks at costs nothing); ``headers`` are the response's, sensitive ones masked; ``error``
    names a transport failure.
    """

    call: Call
    attempt: int
    method: str
    url: str
    status: int | None
    elapsed: float
    headers: dict[str, str]
    rate_limit_remaining: int | None = None
    error: str | None = None
    _request_json: Any = attrs.field(default=None, repr=False, alias="request_json")
    _response_content: bytes = attrs.field(default=b"", repr=False, alias="response_content")
    _redactor: Any = attrs.field(default=None, repr=False, alias="redactor")
    _parsed: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False, eq=False)

    @property
    def request_body(self) -> Any:
        """The request's JSON body, redacted in full."""
        return None if self._request_json is None else self._redactor(self._request_json)

    @property
    def response_body(self) -> Any:
        """The response's JSON body, redacted in full (None if it is not JSON); costs time in proportion to its size."""
        body = self._response_json()
        return None if body is None else self._redactor(body)

    def response_preview(self, limit: int = PREVIEW_LIMIT) -> Any:
        """The response's JSON body redacted and cut to about ``limit`` characters of text, for a log line; what a
        plugin should show. Costs time in proportion to ``limit`` beyond parsing the body once."""
        body = self._response_json()
        return None if body is None else self._redactor.bounded(body, limit)

    def request_preview(self, limit: int = PREVIEW_LIMIT) -> Any:
        """The request's JSON body redacted and cut to about ``limit`` characters of text."""
        return None if self._request_json is None else self._redactor.bounded(self._request_json, limit)

    def response_data(self, key: str) -> Any:
        """One value of the response envelope's ``data`` object (redacted), e.g. ``uuid``; None if there is none."""
        body = self._response_json()
        data = body.get("data") if isinstance(body, dict) else None
        return self._redactor.value(key, data.get(key)) if isinstance(data, dict) else None

    def _response_json(self) -> Any:
        """The response body parsed once (the logging plugin and others share it), or None if it is not JSON."""
        if "json" not in self._parsed:
            body = None
            if self._response_content:
                try:
                    body = json.loads(self._response_content)
                except (ValueError, RecursionError):
                    body = None
            self._parsed["json"] = body
        return self._parsed["json"]


@attrs.frozen
class AuditEvent:
    """A state-changing operation, recorded twice: ``attempt`` before anything is sent, then its outcome
    (``success``, ``failed``: the server refused or nothing was sent, ``unknown``: it may have been carried out).

    ``amounts`` are the order summary's totals as Decimals (``grandTotal``, ``totalTax``, ...); ``order_uuid`` is
    known on success. ``reference_no`` is the caller's ``referenceNo``, the way to find an order of unknown outcome.
    """

    time: datetime.datetime
    call_id: str
    operation: str
    outcome: Outcome
    order_uuid: str | None = None
    customer_uuid: str | None = None
    reference_no: str | None = None
    amounts: dict[str, Decimal] = attrs.field(factory=dict)
    status: int | None = None
    error: str | None = None

    def as_record(self) -> dict[str, Any]:
        """A JSON-ready dict (Decimals as strings, time as ISO-8601), the form the audit log stores."""
        return {
            "time": self.time.isoformat(),
            "call_id": self.call_id,
            "operation": self.operation,
            "outcome": self.outcome,
            "order_uuid": self.order_uuid,
            "customer_uuid": self.customer_uuid,
            "reference_no": self.reference_no,
            "amounts": {k: f"{v:f}" for k, v in self.amounts.items()},
            "status": self.status,
            "error": self.error,
        }
