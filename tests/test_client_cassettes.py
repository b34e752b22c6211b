"""Every operation against every documented response, and every real recording, decodes into the right typed
result or error. HTTP is replayed from cassettes/ with record mode "none": nothing leaves the machine."""

from __future__ import annotations

import asyncio
import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from cassettes_config import SCRUB, make_vcr
from conftest import PEER
from record_cassettes import arguments

from frontpayment_ext import (
    APIStatusError,
    AsyncFrontpaymentClient,
    BusinessLogicError,
    FrontpaymentClient,
    NotFoundError,
    OrderAlreadyCancelledError,
    OrderAlreadyPaidError,
    OrderStatus,
    OrderStatusList,
    RawResponse,
    RefundRejectedError,
    ServerError,
    ServerValidationError,
    error_class_for_status,
    validate,
)
from frontpayment_ext._surface import OPERATIONS
from frontpayment_ext.specs import load_spec

SANDBOX = "http://127.0.0.1:4010"
# The session example's orderDate (Aug 2025) must be "today or later": run with a clock from that day.
CLOCK = datetime.datetime(2025, 8, 14, 8, 0, tzinfo=datetime.UTC)
RESULT_TYPES = {name: op.result for name, op in OPERATIONS.items()}
VCR = make_vcr()


def _documented_cases() -> list[tuple[str, int, str, Any, Any]]:
    doc = load_spec("frontpayment")
    cases = []
    for item in doc["paths"].values():
        for op in item.values():
            payload = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            payload = payload.get("examples", {}).get("documented", {}).get("value")
            for status, declared in op["responses"].items():
                response = declared
                if "$ref" in declared:
                    response = doc["components"]["responses"][declared["$ref"].rsplit("/", 1)[-1]]
                for name, example in response["content"]["application/json"]["examples"].items():
                    cases.append((op["operationId"], int(status), name, payload, example["value"]))
    return cases


CASES = _documented_cases()


def _call(op_id: str, payload: Any, *, asynchronous: bool) -> Any:
    """Call the operation the way a user would (as the recorder did), max_retries=0 so each cassette plays once."""
    options = {"base_url": SANDBOX, "max_retries": 0, "clock": lambda: CLOCK}
    args, kwargs = arguments(op_id, payload)
    if asynchronous:

        async def run() -> Any:
            async with AsyncFrontpaymentClient(**options) as client:
                return await getattr(client, op_id)(*args, **kwargs)

        return asyncio.run(run())
    with FrontpaymentClient(**options) as client:
        return getattr(client, op_id)(*args, **kwargs)


def test_every_operation_and_status_has_a_case() -> None:
    seen = {(op, status) for op, status, *_ in CASES}
    assert {op for op, _ in seen} == set(OPERATIONS)
    for op in ("send_invoice", "send_ehf_invoice", "create_invoice_session", "send_efaktura"):
        assert {400, 417, 500, 510} <= {s for o, s in seen if o == op}, op
    for op in OPERATIONS:
        assert {s for o, s in seen if o == op} & {404, 417, 500, 510}, op
    assert len(CASES) == 73  # one per documented response example


def _expected(value: Any, field: Any) -> Any:
    """A documented JSON value as the typed result gives it: money as Decimal, lists as tuples."""
    if value is None:
        return None
    if field.kind == "decimal":
        return Decimal(str(value))
    if field.kind == "model":
        return {name: _expected(value.get(spec.key), spec) for name, spec in field.model.field_specs()}
    if field.kind == "list":
        return [_expected(v, field.item) for v in value]
    return value


def _as_plain(result: Any, model: Any) -> dict[str, Any]:
    def plain(value: Any, field: Any) -> Any:
        if value is None:
            return None
        if field.kind == "model":
            return {name: plain(getattr(value, name), spec) for name, spec in field.model.field_specs()}
        if field.kind == "list":
            return [plain(v, field.item) for v in value]
        return value

    return {name: plain(getattr(result, name), spec) for name, spec in model.field_specs()}


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("op_id", "status", "name", "payload", "body"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
def test_documented_response_decodes(
    op_id: str, status: int, name: str, payload: Any, body: dict[str, Any], asynchronous: bool
) -> None:
    op = OPERATIONS[op_id]
    body = SCRUB(body)  # the cassette holds the example as recorded: personal data scrubbed
    with VCR.use_cassette(f"sandbox/{op_id}/{status}-{name}.yaml") as cassette:
        if status < 300 or (status == 404 and op.empty_on_404):
            result = _call(op_id, payload, asynchronous=asynchronous)
            assert isinstance(result, RESULT_TYPES[op_id])
            assert result.message == body["message"]
            assert result.raw.status_code == status
            assert result.raw.json == body
            assert result.rate_limit.limit == 240
            data = body.get("data")
            if op.result_kind == "object":
                # every field of the response schema, under its Python name, with the documented value
                expected = {n: _expected(data.get(s.key), s) for n, s in op.result.field_specs()}
                assert _as_plain(result, op.result) == expected
                assert set(data) <= {s.key for _, s in op.result.field_specs()}  # no documented field is dropped
            elif op.result_kind == "list":
                item = op.result.item_model()
                assert [_as_plain(entry, item) for entry in result] == [
                    {n: _expected(entry.get(s.key), s) for n, s in item.field_specs()} for entry in data or []
                ]
                assert len(result) == (len(data) if status == 200 else 0)
        else:
            with pytest.raises(APIStatusError) as caught:
                _call(op_id, payload, asynchronous=asynchronous)
            error = caught.value
            assert type(error) is error_class_for_status(status, body["message"])
            assert error.status_code == status
            assert error.message == body["message"]
            assert error.errors == body["errors"] if "errors" in body else error.errors is None
            assert json.loads(error.body) == body  # the raw body is kept
            assert error.outcome_unknown is (status >= 500 and op.changes_state)
    assert cassette.play_count == 1


def test_the_common_business_conflicts_have_named_errors() -> None:
    with VCR.use_cassette("sandbox/cancel_order/400-alreadyPaid.yaml"), pytest.raises(OrderAlreadyPaidError):
        _call("cancel_order", {"cancellationNote": "The customer asked to cancel the order."}, asynchronous=False)
    cassette = "sandbox/resend_payment_link/400-alreadyCancelled.yaml"
    with VCR.use_cassette(cassette), pytest.raises(OrderAlreadyCancelledError):
        _call("resend_payment_link", _request("resend_payment_link"), asynchronous=False)
    with VCR.use_cassette("sandbox/refund_order/400-tooMuch.yaml"), pytest.raises(RefundRejectedError) as caught:
        _call("refund_order", _request("refund_order"), asynchronous=False)
    assert caught.value.reason == "refundRejectionForRefundRequestGreaterThanOrderAmount"
    assert isinstance(caught.value, BusinessLogicError)


def _request(op_id: str) -> Any:
    return next(c[3] for c in CASES if c[0] == op_id)


def test_417_names_the_fields_the_server_rejected() -> None:
    with VCR.use_cassette("sandbox/send_ehf_invoice/417-recorded.yaml"), pytest.raises(ServerValidationError) as e:
        _call("send_ehf_invoice", CASES[[c[0] for c in CASES].index("send_ehf_invoice")][3], asynchronous=False)
    assert [f.path for f in e.value.field_errors] == [
        "orderDate",
        "sendOrderBy.sms",
        "sendOrderBy.email",
        "sendOrderBy.invoice",
        "isCreditCheckAvailable",
        "invoiceAsPaymentOption",
        "customerDetails.preferredLanguage",
    ]
    assert "sendOrderBy.sms" in str(e.value)


# The 17 real recordings: (the typed operation that calls it, or "request" for the two endpoints still out of scope,
# the expected outcome, the expected field paths for a 417).
PEER_EXPECTED: list[tuple[str, type, list[str]]] = [
    ("list_order_statuses", OrderStatusList, []),  # 404 on an empty account: an empty list
    ("request", ServerValidationError, ["orderDate"]),  # payment-link/create: out of scope
    ("list_order_statuses", OrderStatusList, []),
    (
        "send_ehf_invoice",
        ServerValidationError,
        [
            "orderDate",
            "sendOrderBy.sms",
            "sendOrderBy.email",
            "sendOrderBy.invoice",
            "isCreditCheckAvailable",
            "invoiceAsPaymentOption",
            "customerDetails.preferredLanguage",
        ],
    ),
    ("cancel_order", NotFoundError, []),
    ("get_order_details", NotFoundError, []),
    ("request", ServerValidationError, ["orderSummary.shippingCost", "orderDate", "customerDetails.personalNumber"]),
    ("send_efaktura", ServerValidationError, ["orderDate"]),
    (
        "request",
        ServerValidationError,
        ["orderSummary.shippingCost", "orderDate", "customerDetails.email", "customerDetails.personalNumber"],
    ),
    ("refund_order", NotFoundError, []),
    ("resend_payment_link", NotFoundError, []),
    ("send_invoice", ServerValidationError, ["orderDate"]),
    ("get_invoice_number", NotFoundError, []),
    ("get_order_status", NotFoundError, []),
    (
        "request",
        ServerValidationError,
        [
            "orderSummary.shippingCost",
            "orderDate",
            "customerDetails.email",
            "customerDetails.personalNumber",
            "products[0].rate",
        ],
    ),
    ("request", RawResponse, []),
    ("get_order_status", OrderStatus, []),
]


def _peer() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(PEER.read_text(encoding="utf-8"))
    return records


def _peer_call(client: FrontpaymentClient, how: str, rec: dict[str, Any]) -> Any:
    from urllib.parse import parse_qs, urlsplit

    url = urlsplit(rec["uri"])
    body = rec["request_body"] or None
    if how == "request":
        path = url.path + (f"?{url.query}" if url.query else "")
        return client.request(rec["method"], path, json=body)
    op = OPERATIONS[how]
    args: list[Any] = [url.path.rsplit("/", 1)[-1] for _ in op.path_params]
    kwargs: dict[str, Any] = {py: parse_qs(url.query)[wire][0] for py, wire in op.query_params if wire in url.query}
    if op.body_fields:
        kwargs |= {py: body[wire] for py, wire in op.body_fields if wire in body}
    elif body is not None:
        args.append(body)
    return getattr(client, how)(*args, **kwargs, validate=False)


@pytest.mark.parametrize("index", range(17), ids=[f"{i + 1:02d}_{r['cassette']}" for i, r in enumerate(_peer())])
def test_real_recording_decodes_to_the_right_outcome(index: int) -> None:
    rec = _peer()[index]
    how, expected, paths = PEER_EXPECTED[index]
    name = f"peer/{index + 1:02d}_{rec['cassette'].removesuffix('.yml')}.yaml"
    with VCR.use_cassette(name) as cassette, FrontpaymentClient(max_retries=0) as client:
        if expected in (RawResponse, OrderStatus, OrderStatusList):
            result = _peer_call(client, how, rec)
            assert isinstance(result, expected)
            raw = result if isinstance(result, RawResponse) else result.raw
            assert raw.status_code == rec["status"]
            assert raw.json == rec["response_body"]
            assert result.rate_limit.limit == 240
            if expected is OrderStatusList:
                assert list(result) == []
                assert result.message == "Order Not Found"
            if expected is OrderStatus:
                assert (result.order_uuid, result.status) == ("ODR1649249709", "SENT")
                assert result.order_amount is None
                assert result.refunded_amount is None
        else:
            with pytest.raises(expected) as caught:
                _peer_call(client, how, rec)
            error = caught.value
            assert error.status_code == rec["status"]
            assert error.message == rec["response_body"]["message"]
            assert int(error.response.headers["x-ratelimit-limit"]) == 240
            if expected is ServerValidationError:
                assert [f.path for f in error.field_errors] == paths
            assert not isinstance(error, ServerError)
        assert cassette.play_count == 1
    assert sum(how != "request" for how, _, _ in PEER_EXPECTED) == 12  # all but regular/submit, payment-link


@pytest.mark.parametrize("endpoint", ["invoice", "ehf"])
def test_client_validation_catches_what_the_real_server_rejected(endpoint: str) -> None:
    """For the documented endpoints, the SDK refuses before sending what the real server refused with 417."""
    uri = {"invoice": "/invoice/create", "ehf": "/invoice/create/ehf"}[endpoint]
    rec = next(r for r in _peer() if r["uri"].endswith(uri))
    server_paths = {
        "orderDate",
        "sendOrderBy",
        "isCreditCheckAvailable",
        "invoiceAsPaymentOption",
        "customerDetails.preferredLanguage",
    }
    ours = {v.path for v in validate(rec["request_body"], endpoint)}
    assert "orderDate" in ours
    if endpoint == "ehf":
        assert server_paths <= ours
