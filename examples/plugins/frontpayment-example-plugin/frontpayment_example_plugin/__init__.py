"""An example plugin: implements every hook of frontpayment_ext.

* stamps ``referenceNo`` on orders that have none (amending the payload),
* vetoes orders above a limit set by ``EXAMPLE_PLUGIN_MAX_TOTAL`` (vetoing),
* refuses customer names containing "TEST" when ``EXAMPLE_PLUGIN_NO_TEST_NAMES`` is set (an extra validation rule),
* records every hook it receives in ``SEEN``, which is how the SDK's tests see it work.

Installed with pip, it is found through its entry point (see pyproject.toml); nothing else registers it.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

from frontpayment_ext import AuditEvent, Call, Exchange, Violation, hookimpl

SEEN: list[tuple[str, dict[str, Any]]] = []


@hookimpl
def frontpayment_prepare_request(call: Call, payload: dict[str, Any]) -> str | None:
    SEEN.append(("frontpayment_prepare_request", {"call": call, "payload": payload}))
    limit = os.environ.get("EXAMPLE_PLUGIN_MAX_TOTAL")
    total = payload.get("orderSummary", {}).get("grandTotal")
    if limit is not None and total is not None and Decimal(str(total)) > Decimal(limit):
        return f"grand total {total} is above this shop's limit of {limit}"
    if call.endpoint in ("invoice", "session") and not payload.get("referenceNo"):
        payload["referenceNo"] = f"EX-{call.id[:8]}"
    return None


@hookimpl
def frontpayment_validation_rules(endpoint: str, payload: dict[str, Any]) -> list[Violation] | None:
    SEEN.append(("frontpayment_validation_rules", {"endpoint": endpoint, "payload": payload}))
    name = payload.get("customerDetails", {}).get("name", "")
    if os.environ.get("EXAMPLE_PLUGIN_NO_TEST_NAMES") and isinstance(name, str) and "TEST" in name:
        return [Violation("customerDetails.name", "looks like a test customer", "a real name", name)]
    return None


@hookimpl
def frontpayment_operation_started(call: Call) -> None:
    SEEN.append(("frontpayment_operation_started", {"call": call}))


@hookimpl
def frontpayment_before_attempt(call: Call, attempt: int, method: str, url: str) -> None:
    SEEN.append(("frontpayment_before_attempt", {"call": call, "attempt": attempt, "method": method, "url": url}))


@hookimpl
def frontpayment_after_exchange(exchange: Exchange) -> None:
    SEEN.append(("frontpayment_after_exchange", {"exchange": exchange}))


@hookimpl
def frontpayment_on_error(call: Call, error: Exception) -> None:
    SEEN.append(("frontpayment_on_error", {"call": call, "error": error}))


@hookimpl
def frontpayment_operation_finished(call: Call, result: Any, error: Exception | None) -> None:
    SEEN.append(("frontpayment_operation_finished", {"call": call, "result": result, "error": error}))


@hookimpl
def frontpayment_audit_event(event: AuditEvent) -> None:
    SEEN.append(("frontpayment_audit_event", {"event": event}))
