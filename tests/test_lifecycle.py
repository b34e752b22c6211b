"""An invoice's whole life through the typed operations: send, follow, cancel, refund, resend; and the promises
that hold for every call that changes state (audited, never resent after an unknown outcome), attacked on real
sockets."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from local_server import Fault, LocalServer, Received, Reply, envelope

from frontpayment_ext import (
    Accepted,
    Address,
    AsyncFrontpaymentClient,
    AuditPlugin,
    Callbacks,
    Customer,
    FrontpaymentClient,
    FrontpaymentError,
    LineItem,
    MalformedResponseError,
    NotFoundError,
    Order,
    OrderAlreadyPaidError,
    OrderDetails,
    OrderStatus,
    OutcomeUnknownError,
    PayloadValidationError,
    RefundRejectedError,
    ServerError,
)
from frontpayment_ext.plugins.audit import verify

REFUND = {"type": "regular", "grandTotal": "30.00", "products": [{"id": 451, "amount": "30.00"}]}
APPROVAL = {**REFUND, "message": "refundRejectionForWeeklyThresholdExceed"}
STATE_CHANGING: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("cancel_order", ("ODR1",), {"cancellation_note": "The customer asked."}),
    ("refund_order", ("ODR1", REFUND), {}),
    ("request_refund_approval", ("ODR1", APPROVAL), {}),
    ("resend_payment_link", ("ODR1",), {"email": "kari@example.com"}),
]


def _accepted(request: Received) -> Reply:
    return envelope(202, None, message="accepted")


def _client(server: LocalServer, **options: Any) -> FrontpaymentClient:
    return FrontpaymentClient(base_url=server.url, **options)


@pytest.mark.parametrize(("name", "args", "kwargs"), STATE_CHANGING, ids=[c[0] for c in STATE_CHANGING])
@pytest.mark.parametrize(
    "fault",
    [Fault("close_after_body"), Fault("reply", reply=envelope(500, None, message="boom")), "html-2xx"],
    ids=["dropped", "500", "unreadable-2xx"],
)
def test_a_state_change_is_sent_once_whatever_happens(
    local_server: Callable[..., LocalServer], tmp_path: Path, name: str, args: Any, kwargs: Any, fault: Any
) -> None:
    if fault == "html-2xx":
        fault = Fault("reply", reply=(202, {"Content-Type": "text/html"}, b"<html>ok</html>"))
    server = local_server(_accepted, faults=[fault] * 5)
    audit = tmp_path / "audit.jsonl"
    unknown = (OutcomeUnknownError, ServerError, MalformedResponseError)
    with _client(server, plugins=[AuditPlugin(audit)], max_retries=3) as client, pytest.raises(unknown) as caught:
        getattr(client, name)(*args, **kwargs)
    assert caught.value.outcome_unknown is True
    assert server.posts() == 1  # never resent, though three retries were allowed
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [r["outcome"] for r in records] == ["attempt", "unknown"]
    assert {r["order_uuid"] for r in records} == {"ODR1"}  # which order: the unknown one can be looked up
    if name.startswith(("refund", "request_refund")):
        assert {r["amounts"]["grandTotal"] for r in records} == {"30.00"}  # how much money may have moved
    assert verify(audit).ok


@pytest.mark.parametrize(("name", "args", "kwargs"), STATE_CHANGING, ids=[c[0] for c in STATE_CHANGING])
def test_a_state_change_is_audited_like_a_send(
    local_server: Callable[..., LocalServer], tmp_path: Path, name: str, args: Any, kwargs: Any
) -> None:
    server = local_server(_accepted)
    audit = tmp_path / "audit.sqlite"
    with _client(server, plugins=[AuditPlugin(audit)]) as client:
        result = getattr(client, name)(*args, **kwargs)
    assert isinstance(result, Accepted)
    assert result.message == "accepted"
    result_check = verify(audit)
    assert result_check.ok
    assert result_check.records == 2
    assert server.received[0].path.endswith("/ODR1")


def test_results_never_show_personal_data_in_their_repr(local_server: Callable[..., LocalServer]) -> None:
    data = {
        "orderUuid": "ODR1",
        "status": "SENT",
        "productList": [{"id": 1, "name": "Router", "amount": 40}],
        "customerDetails": {"email": "kari@example.com", "msisdn": "46567468", "personalNumber": "28038712383"},
    }
    server = local_server(lambda r: envelope(200, data))
    with _client(server) as client:
        details = client.orders.details("ODR1")
    assert details.customer_details is not None
    assert details.customer_details.email == "kari@example.com"  # there to read
    shown = repr(details) + str(details)
    for value in ("kari@example.com", "46567468", "28038712383"):
        assert value not in shown


def test_reads_are_retried(local_server: Callable[..., LocalServer]) -> None:
    data = {"uuid": "ODR1", "status": "PAID", "orderAmount": 40, "refundedAmount": "12.50"}
    server = local_server(lambda r: envelope(200, data), faults=[Fault("reply", reply=envelope(503, None))])
    with _client(server, max_retries=2) as client:
        client.sleep = lambda seconds: None  # type: ignore[method-assign]
        status = client.orders.status("ODR1")
    assert isinstance(status, OrderStatus)
    assert (status.order_uuid, status.status) == ("ODR1", "PAID")
    assert status.order_amount == Decimal(40)
    assert status.refunded_amount == Decimal("12.50")
    assert [r.method for r in server.received] == ["GET", "GET"]


def test_an_empty_account_is_an_empty_list_for_the_list_only(local_server: Callable[..., LocalServer]) -> None:
    not_found = envelope(404, None, message="Order Not Found")
    server = local_server(lambda r: not_found)
    with _client(server) as client:
        assert list(client.list_order_statuses(status="PARTIAL REFUNDED")) == []
        with pytest.raises(NotFoundError):
            client.get_order_status("ODR1")
        with pytest.raises(NotFoundError):
            client.get_order_details("ODR1")
    path, _, query = server.received[0].path.partition("?")
    assert (path, parse_qs(query)) == ("/api/v1/connect/orders/status", {"type": ["PARTIAL REFUNDED"]})


@pytest.mark.parametrize(
    ("name", "args", "kwargs", "path"),
    [
        ("refund_order", ("ODR1", {**REFUND, "grandTotal": "31.00"}), {}, "grandTotal"),
        ("refund_order", ("ODR1", {**REFUND, "products": [{"id": 451, "amount": "-30"}]}), {}, "products[0].amount"),
        ("refund_order", ("ODR1", {**REFUND, "type": "gift"}), {}, "type"),
        ("resend_payment_link", ("ODR1",), {}, "<root>"),
        ("resend_payment_link", ("ODR1",), {"msisdn": "46567468"}, "countryCode"),
        ("resend_payment_link", ("ODR1",), {"email": "not an address"}, "email"),
        ("cancel_order", ("ODR1",), {"cancellation_note": "  "}, "cancellationNote"),
        ("cancel_order", ("..",), {"cancellation_note": "x"}, "order_uuid"),
        ("get_order_status", ("a/b",), {}, "order_uuid"),
    ],
)
def test_client_side_checks_refuse_before_anything_is_sent(
    local_server: Callable[..., LocalServer], name: str, args: Any, kwargs: Any, path: str
) -> None:
    server = local_server(_accepted)
    with _client(server) as client, pytest.raises(PayloadValidationError) as caught:
        getattr(client, name)(*args, **kwargs)
    assert path in {v.path for v in caught.value.violations}
    assert server.attempts == 0


def test_the_real_recorded_refund_body_is_valid() -> None:
    """The body the real client sent (two products, source and reference null) passes the client-side checks."""
    body = {
        "type": "regular",
        "grandTotal": 55,
        "products": [{"id": 451, "amount": 30}, {"id": 452, "amount": 25}],
        "source": None,
        "reference": None,
    }
    with FrontpaymentClient(base_url="http://127.0.0.1:9") as client:
        assert client.validate(body, "refund") == []


def test_an_invoice_life_in_the_sandbox(frontpayment_sandbox: Any) -> None:
    """Send, follow, get paid, refund part, and see that a paid order cannot be cancelled: the stateful sandbox
    answers by the documented rules."""
    client: FrontpaymentClient = frontpayment_sandbox.client
    order = Order(
        lines=[LineItem("Router", quantity=1, unit_price="400.00", vat_rate=25, product_id="R_1")],
        customer=Customer.private(
            "Kari Nordmann",
            email="kari@example.com",
            msisdn="46567468",
            personal_number="28038712383",
            address=Address("Luramyrveien 65", "4313", "Sandnes", "NO"),
        ),
        callbacks=Callbacks(callback_url="https://shop.example.com/callback"),
    )
    created = client.invoices.send(order)
    assert client.orders.status(created.order_uuid).status == "SENT"
    frontpayment_sandbox.set_status(created.order_uuid, "PAID")
    with pytest.raises(OrderAlreadyPaidError):
        client.orders.cancel(created.order_uuid, cancellation_note="too late")
    details = client.orders.details(created.order_uuid)
    assert isinstance(details, OrderDetails)
    line = details.product_list[0]
    refund = {"type": "regular", "grandTotal": "100.00", "products": [{"id": line.id, "amount": "100.00"}]}
    client.orders.refund(created.order_uuid, refund)
    after = client.orders.status(created.order_uuid)
    assert after.status == "PARTIAL REFUNDED"
    too_much = {"type": "regular", "grandTotal": "900.00", "products": [{"id": line.id, "amount": "900.00"}]}
    with pytest.raises(RefundRejectedError) as caught:
        client.orders.refund(created.order_uuid, too_much)
    assert caught.value.reason.startswith("refundRejection")


def test_the_async_client_has_the_same_surface(frontpayment_sandbox: Any) -> None:
    async def run() -> None:
        client: AsyncFrontpaymentClient = frontpayment_sandbox.async_client
        async with client:
            statuses = await client.orders.list()
            assert list(statuses) == []
            with pytest.raises(NotFoundError):
                await client.get_order_status("ODR404")

    asyncio.run(run())


def test_an_unknown_outcome_says_what_to_check_for_that_operation(local_server: Callable[..., LocalServer]) -> None:
    server = local_server(_accepted, faults=[Fault("close_after_body")] * 2)
    with _client(server) as client:
        with pytest.raises(OutcomeUnknownError) as refund:
            client.refund_order("ODR1", REFUND)
        with pytest.raises(OutcomeUnknownError) as send:
            client.send_invoice({"anything": 1}, validate=False)
    assert "orders.status" in str(refund.value)
    assert "fpgoUuid" not in str(refund.value)
    assert "get_invoice_number" in str(send.value)


ERROR_IN_A_2XX = [
    (200, {"status_code": 400, "status_message": "x", "message": "orderStatusAlreadyPaid", "is_error": True}),
    (200, {"status_code": 500, "status_message": "x", "message": "m", "is_data": False, "data": None}),
    (299, {"status_code": 202, "status_message": "Accepted", "message": "m", "is_data": False, "data": None}),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), STATE_CHANGING, ids=[c[0] for c in STATE_CHANGING])
@pytest.mark.parametrize(("status", "body"), ERROR_IN_A_2XX, ids=["is_error", "status_code-500", "http-299"])
def test_an_error_envelope_in_a_2xx_is_never_a_success(
    local_server: Callable[..., LocalServer], tmp_path: Path, name: str, args: Any, kwargs: Any, status: int, body: Any
) -> None:
    """A refused cancel or refund the SDK reported as done would be the worst answer: it is an unknown outcome."""
    server = local_server(lambda r: (status, {"Content-Type": "application/json"}, json.dumps(body).encode()))
    audit = tmp_path / "audit.jsonl"
    with _client(server, plugins=[AuditPlugin(audit)]) as client, pytest.raises(MalformedResponseError) as caught:
        getattr(client, name)(*args, **kwargs)
    assert caught.value.outcome_unknown is True
    assert [json.loads(line)["outcome"] for line in audit.read_text().splitlines()] == ["attempt", "unknown"]
    assert server.posts() == 1


@pytest.mark.parametrize("status", [302, 303, 307])
def test_a_redirect_after_a_state_change_is_an_unknown_outcome(
    local_server: Callable[..., LocalServer], status: int
) -> None:
    """A 303 after a POST usually means "done, see there": never "failed", so never resent by --retry-failed."""
    server = local_server(lambda r: (status, {"Location": "/elsewhere"}, b""))
    with _client(server, max_retries=3) as client:
        for name, args, kwargs in STATE_CHANGING:
            with pytest.raises(FrontpaymentError) as caught:
                getattr(client, name)(*args, **kwargs)
            assert caught.value.outcome_unknown is True, name
        with pytest.raises(FrontpaymentError) as read:
            client.get_order_status("ODR1")
        assert read.value.outcome_unknown is False
    assert server.posts() == len(STATE_CHANGING)


def test_a_raw_request_path_never_reaches_messages_logs_or_the_audit_unredacted(
    local_server: Callable[..., LocalServer], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = local_server(lambda r: envelope(500, None, message="boom"))
    audit = tmp_path / "audit.jsonl"
    token = "tok-live-9f8e7d6c5b4a"
    path = f"/api/v1/connect/orders/x/28038712383?email=kari@example.com&t={token}"
    with FrontpaymentClient(token, base_url=server.url, plugins=[AuditPlugin(audit)]) as client:
        caplog.set_level("DEBUG", logger="frontpayment_ext")
        with pytest.raises(ServerError) as caught:
            client.request("POST", path, json={"a": 1})
    shown = "\n".join([str(caught.value), repr(caught.value), audit.read_text(), caplog.text])
    for secret in ("28038712383", "kari@example.com", token):
        assert secret not in shown, secret
    assert server.received[0].path == path  # what was sent is what was asked for
