"""Every operation against every documented response, and every real recording, decodes into the right typed
result or error. HTTP is replayed from cassettes/ with record mode "none": nothing leaves the machine."""

from __future__ import annotations

import asyncio
import datetime
import json
from typing import Any

import pytest
from cassettes_config import make_vcr
from conftest import PEER

from frontpayment_ext import (
    AsyncFrontpaymentClient,
    FrontpaymentClient,
    InvoiceNumber,
    InvoiceSession,
    NotFoundError,
    OrderCreated,
    RawResponse,
    ServerError,
    ServerValidationError,
    error_class_for_status,
    validate,
)
from frontpayment_ext.specs import load_spec

SANDBOX = "http://127.0.0.1:4010"
# The session example's orderDate (Aug 2025) must be "today or later": run with a clock from that day.
CLOCK = datetime.datetime(2025, 8, 14, 8, 0, tzinfo=datetime.UTC)
RESULT_TYPES = {
    "send_invoice": OrderCreated,
    "send_ehf_invoice": OrderCreated,
    "create_invoice_session": InvoiceSession,
    "get_invoice_number": InvoiceNumber,
}
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
    """Call the operation the way a user would, max_retries=0 so each cassette is played once."""
    options = {"base_url": SANDBOX, "max_retries": 0, "clock": lambda: CLOCK}
    args = ("ODR2005869234",) if payload is None else (payload,)
    if asynchronous:

        async def run() -> Any:
            async with AsyncFrontpaymentClient(**options) as client:
                return await getattr(client, op_id)(*args)

        return asyncio.run(run())
    with FrontpaymentClient(**options) as client:
        return getattr(client, op_id)(*args)


def test_every_operation_and_status_has_a_case() -> None:
    seen = {(op, status) for op, status, *_ in CASES}
    for op in RESULT_TYPES:
        assert {400, 417, 500, 510} <= {s for o, s in seen if o == op}, op
    assert (("get_invoice_number", 404)) in seen
    assert len(CASES) == 24


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("op_id", "status", "name", "payload", "body"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES]
)
def test_documented_response_decodes(
    op_id: str, status: int, name: str, payload: Any, body: dict[str, Any], asynchronous: bool
) -> None:
    with VCR.use_cassette(f"sandbox/{op_id}/{status}-{name}.yaml") as cassette:
        if status < 300:
            result = _call(op_id, payload, asynchronous=asynchronous)
            assert isinstance(result, RESULT_TYPES[op_id])
            data = body["data"]
            assert result.message == body["message"]
            assert result.raw.status_code == status
            assert result.raw.json == body
            assert result.rate_limit.limit == 240
            if op_id == "get_invoice_number":
                assert (result.order_uuid, result.invoice_number, result.status) == (
                    data["orderUuid"],
                    data["invoiceNumber"],
                    data["status"],
                )
            elif op_id == "create_invoice_session":
                assert (result.order_uuid, result.customer_uuid, result.bank_id_url) == (
                    data["orderUuid"],
                    data["customerUuid"],
                    data["bankIdUrl"],
                )
            else:
                assert (result.order_uuid, result.customer_uuid) == (data["uuid"], data["customerUuid"])
        else:
            with pytest.raises(error_class_for_status(status)) as caught:
                _call(op_id, payload, asynchronous=asynchronous)
            error = caught.value
            assert type(error) is error_class_for_status(status)
            assert error.status_code == status
            assert error.message == body["message"]
            assert error.errors == body["errors"] if "errors" in body else error.errors is None
            assert json.loads(error.body) == body  # the raw body is kept
            assert error.outcome_unknown is (status >= 500 and op_id != "get_invoice_number")
    assert cassette.play_count == 1


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


# The 17 real recordings: (how to call, expected outcome, expected field paths for a 417).
PEER_EXPECTED: list[tuple[str, type, list[str]]] = [
    ("request", NotFoundError, []),
    ("request", ServerValidationError, ["orderDate"]),
    ("request", NotFoundError, []),
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
    ("request", NotFoundError, []),
    ("request", NotFoundError, []),
    ("request", ServerValidationError, ["orderSummary.shippingCost", "orderDate", "customerDetails.personalNumber"]),
    ("request", ServerValidationError, ["orderDate"]),
    (
        "request",
        ServerValidationError,
        ["orderSummary.shippingCost", "orderDate", "customerDetails.email", "customerDetails.personalNumber"],
    ),
    ("request", NotFoundError, []),
    ("request", NotFoundError, []),
    ("send_invoice", ServerValidationError, ["orderDate"]),
    ("get_invoice_number", NotFoundError, []),
    ("request", NotFoundError, []),
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
    ("request", RawResponse, []),
]


def _peer() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(PEER.read_text(encoding="utf-8"))
    return records


def _peer_call(client: FrontpaymentClient, how: str, rec: dict[str, Any]) -> Any:
    from urllib.parse import urlsplit

    url = urlsplit(rec["uri"])
    if how == "get_invoice_number":
        return client.get_invoice_number(url.path.rsplit("/", 1)[-1])
    if how == "request":
        path = url.path + (f"?{url.query}" if url.query else "")
        body = rec["request_body"] or None
        return client.request(rec["method"], path, json=body)
    return getattr(client, how)(rec["request_body"], validate=False)


@pytest.mark.parametrize("index", range(17), ids=[f"{i + 1:02d}_{r['cassette']}" for i, r in enumerate(_peer())])
def test_real_recording_decodes_to_the_right_outcome(index: int) -> None:
    rec = _peer()[index]
    how, expected, paths = PEER_EXPECTED[index]
    name = f"peer/{index + 1:02d}_{rec['cassette'].removesuffix('.yml')}.yaml"
    with VCR.use_cassette(name) as cassette, FrontpaymentClient(max_retries=0) as client:
        if expected is RawResponse:
            result = _peer_call(client, how, rec)
            assert isinstance(result, RawResponse)
            assert result.status_code == rec["status"]
            assert result.json == rec["response_body"]
            assert result.rate_limit.limit == 240
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
