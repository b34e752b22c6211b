"""A 2xx the SDK cannot read, to a state-changing call, over a real socket: the server may well have created the
order, so it is ``MalformedResponseError`` with ``outcome_unknown=True`` (raw body kept, the missing part named),
the audit log says ``unknown`` and nothing is resent. Only a non-empty string uuid is a success. Reads keep
``outcome_unknown=False``."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import pytest
from local_server import Fault, LocalServer, Received, Reply, envelope
from test_faults import CREATE, api, order
from test_spec_rules import EHF, SESSION, documented

from frontpayment_ext import (
    AsyncFrontpaymentClient,
    AuditEvent,
    FrontpaymentClient,
    MalformedResponseError,
    hookimpl,
)

JSON = {"Content-Type": "application/json"}


class AuditRecorder:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    @hookimpl
    def frontpayment_audit_event(self, event: AuditEvent) -> None:
        self.events.append(event)

    def outcomes(self) -> list[str]:
        return [e.outcome for e in self.events]


def _body(status: int, data: Any, *, http: int | None = None, **fields: Any) -> Reply:
    body = {"status_code": status, "status_message": "OK", "message": "ok", "data": data, **fields}
    return (http or status, JSON, json.dumps(body).encode())


# (name, reply, a pattern the message must match: it names the field that is missing or wrong)
UNREADABLE: list[tuple[str, Reply, str]] = [
    ("html_200", (200, {"Content-Type": "text/html"}, b"<html><body>OK</body></html>"), r"not JSON \(text/html\)"),
    (
        "error_envelope_in_200",
        _body(
            417,
            None,
            http=200,
            is_error=True,
            message="payloadValidationErrors",
            errors=["The products field is required."],
        ),
        r"an error envelope in a 200 answer \(is_error: true",
    ),
    ("201_without_uuid", _body(201, {"customerUuid": "C1"}), r"data\.uuid (is )?missing"),
    ("orderUuid_instead_of_uuid", _body(201, {"orderUuid": "ODR1", "customerUuid": "C1"}), r"data\.uuid (is )?missing"),
    ("201_without_customerUuid", _body(201, {"uuid": "ODR1"}), r"customerUuid'? (is )?missing"),
    ("data_null", _body(201, None), r"data(:| is) .*null"),
    ("no_data", (201, JSON, b'{"status_code": 201, "message": "ok"}'), r"data( (is )?missing|: expected an object)"),
    ("uuid_number", _body(201, {"uuid": 2005869234, "customerUuid": "C1"}), r"data\.uuid(:| is) .*(a number|int)"),
    (
        "uuid_object",
        _body(201, {"uuid": {"id": "ODR1"}, "customerUuid": "C1"}),
        r"data\.uuid(:| is) .*(an object|dict)",
    ),
    ("uuid_null", _body(201, {"uuid": None, "customerUuid": "C1"}), r"data\.uuid(:| is) .*null"),
    ("uuid_empty", _body(201, {"uuid": "", "customerUuid": "C1"}), r"data\.uuid(:| is) .*empty"),
    ("empty_body", (201, JSON, b""), r"empty body"),
    ("json_array", (200, JSON, b"[]"), r"object, got (an array|list)"),
]
IDS = [case[0] for case in UNREADABLE]


def _check(caught: MalformedResponseError, reply: Reply, words: str, server: LocalServer, audit: AuditRecorder) -> None:
    assert caught.outcome_unknown is True
    assert caught.body == reply[2]  # the raw body is kept
    assert re.search(words, str(caught)), str(caught)  # names what was missing or wrong
    assert "KeyError" not in str(caught)
    assert "outcome unknown" in str(caught)
    assert server.posts() == 1  # sent once, never resent
    assert audit.outcomes() == ["attempt", "unknown"]


@pytest.mark.parametrize(("name", "reply", "words"), UNREADABLE, ids=IDS)
def test_unreadable_2xx_to_send_invoice_is_an_unknown_outcome(
    name: str, reply: Reply, words: str, local_server: Any
) -> None:
    server = local_server(api, [Fault("reply", reply=reply)])
    audit = AuditRecorder()
    with FrontpaymentClient("t", base_url=server.url, plugins=[audit], max_retries=2) as client:
        client.sleep = lambda seconds: None
        with pytest.raises(MalformedResponseError) as caught:
            client.send_invoice(order())
    _check(caught.value, reply, words, server, audit)


@pytest.mark.parametrize(("name", "reply", "words"), UNREADABLE, ids=IDS)
def test_unreadable_2xx_to_send_invoice_is_an_unknown_outcome_async(
    name: str, reply: Reply, words: str, local_server: Any
) -> None:
    server = local_server(api, [Fault("reply", reply=reply)])
    audit = AuditRecorder()

    async def run() -> MalformedResponseError:
        async with AsyncFrontpaymentClient("t", base_url=server.url, plugins=[audit]) as client:
            with pytest.raises(MalformedResponseError) as caught:
                await client.send_invoice(order())
            return caught.value

    _check(asyncio.run(run()), reply, words, server, audit)


def test_every_state_changing_operation_treats_an_unreadable_2xx_as_unknown(local_server: Any) -> None:
    session_reply = _body(201, {"uuid": "ODR1", "customerUuid": "C1"})  # the invoice's shape, not the session's
    cases = [
        (
            "send_ehf_invoice",
            documented(EHF),
            _body(201, {"uuid": 7, "customerUuid": "C1"}),
            r"data\.uuid(:| is) .*(a number|int)",
        ),
        ("create_invoice_session", documented(SESSION), session_reply, r"data\.orderUuid (is )?missing"),
    ]
    for method, payload, reply, words in cases:
        server = local_server(api, [Fault("reply", reply=reply)])
        audit = AuditRecorder()
        with (
            FrontpaymentClient("t", base_url=server.url, plugins=[audit]) as client,
            pytest.raises(MalformedResponseError) as caught,
        ):
            getattr(client, method)(payload, validate=False)
        _check(caught.value, reply, words, server, audit)


def test_raw_post_with_an_unreadable_2xx_is_unknown_and_a_raw_get_is_not(local_server: Any) -> None:
    html = (200, {"Content-Type": "text/html"}, b"<html>maintenance</html>")
    server = local_server(api, [Fault("reply", reply=html)] * 3)
    audit = AuditRecorder()
    with FrontpaymentClient("t", base_url=server.url, plugins=[audit], max_retries=0) as client:
        with pytest.raises(MalformedResponseError) as posted:
            client.request("POST", "/api/v1/connect/orders/cancel/ODR1", json={"reason": "x"})
        with pytest.raises(MalformedResponseError) as put:
            client.request("PUT", "/api/v1/connect/orders/ODR1", json={"note": "x"})
        with pytest.raises(MalformedResponseError) as read:
            client.request("GET", "/api/v1/connect/orders/status")
    assert posted.value.outcome_unknown is True
    assert put.value.outcome_unknown is True  # any method but GET, HEAD and OPTIONS may change state
    assert read.value.outcome_unknown is False
    assert posted.value.body == read.value.body == html[2]
    assert server.posts() == 1
    assert audit.outcomes() == ["attempt", "unknown", "attempt", "unknown"]


def test_a_read_with_an_unreadable_2xx_is_not_an_unknown_outcome(local_server: Any) -> None:
    broken = _body(200, {"invoiceNumber": "1", "status": "SENT"})  # no orderUuid
    server = local_server(api, [Fault("reply", reply=broken)])
    with FrontpaymentClient("t", base_url=server.url) as client, pytest.raises(MalformedResponseError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.outcome_unknown is False
    assert "orderUuid" in str(caught.value)
    assert "outcome unknown" not in str(caught.value)


def test_a_non_empty_string_uuid_is_a_success(local_server: Any) -> None:
    def created(request: Received) -> Reply:
        return envelope(201, {"uuid": "ODR2005869234", "customerUuid": "CSRT1"})

    server = local_server(created)
    audit = AuditRecorder()
    with FrontpaymentClient("t", base_url=server.url, plugins=[audit]) as client:
        assert client.send_invoice(order()).order_uuid == "ODR2005869234"
    assert audit.outcomes() == ["attempt", "success"]
    assert server.posts(CREATE) == 1


def test_send_batch_lists_unreadable_2xx_orders_as_unknown_and_retry_failed_never_resends_them(
    local_server: Any, tmp_path: Path
) -> None:
    html = (200, {"Content-Type": "text/html"}, b"<html>OK</html>")
    server = local_server(lambda request: html)
    source = tmp_path / "orders.jsonl"
    lines = []
    for i in range(3):
        payload = order()
        payload["referenceNo"] = f"REF-{i}"
        lines.append(json.dumps(payload))
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def run(retry_failed: bool) -> Any:
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            return await client.send_batch(source, "invoice", journal=tmp_path / "j.sqlite", retry_failed=retry_failed)

    first = asyncio.run(run(False))
    again = asyncio.run(run(True))
    assert server.posts(CREATE) == 3  # one POST per order, never two
    assert len(first.unknown) == 3
    assert not first.failed
    assert again.counts["unknown"] == 3


def test_a_half_readable_success_keeps_the_order_it_names(local_server: Any) -> None:
    """A 201 with the order's uuid but no customerUuid is not a success the SDK can report, yet the uuid is kept on
    the error, so the order to look up is known."""
    server = local_server(lambda r: _body(201, {"uuid": "ODR2005869234", "customerUuid": None}))
    with FrontpaymentClient(base_url=server.url) as client, pytest.raises(MalformedResponseError) as caught:
        client.send_invoice({"any": 1}, validate=False)
    assert caught.value.outcome_unknown is True
    assert caught.value.order_uuid == "ODR2005869234"
