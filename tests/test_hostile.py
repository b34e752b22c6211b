"""Hostile input, with hypothesis: whatever comes in, the SDK answers with a result or its own typed error.

* the validator and the builders, given any JSON-like value, accept it or raise PayloadValidationError with paths;
* response handling, given any status, headers and bytes, returns a result or a FrontpaymentError.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import time
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_spec_rules import EHF, INVOICE, SESSION, documented

from frontpayment_ext import (
    Address,
    Callbacks,
    Customer,
    FrontpaymentClient,
    FrontpaymentError,
    KatsuPayClient,
    LineItem,
    Order,
    PayloadValidationError,
    validate,
)
from frontpayment_ext.builders import EhfDelivery, InvoiceOptions

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.decimals(allow_nan=True, allow_infinity=True)
)
json_like = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=25,
)
ENDPOINTS = {"invoice": INVOICE, "ehf": EHF, "session": SESSION}


def _paths(payload: Any) -> list[list[Any]]:
    """Every path into a JSON-like structure."""
    found: list[list[Any]] = []
    stack: list[tuple[list[Any], Any]] = [([], payload)]
    while stack:
        path, node = stack.pop()
        found.append(path)
        if isinstance(node, dict):
            stack.extend(([*path, k], v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(([*path, i], v) for i, v in enumerate(node))
    return found


@given(st.sampled_from(list(ENDPOINTS)), json_like)
def test_validator_never_raises_on_any_json(endpoint: str, value: Any) -> None:
    violations = validate(value, endpoint)
    assert violations, "nothing JSON-like at random is a valid order"
    assert all(v.path and v.message for v in violations)


@given(st.sampled_from(list(ENDPOINTS)), st.data(), json_like)
def test_validator_never_raises_on_a_documented_payload_with_one_part_replaced(
    endpoint: str, data: st.DataObject, value: Any
) -> None:
    payload = documented(ENDPOINTS[endpoint])
    path = data.draw(st.sampled_from(_paths(payload)[1:]))
    node = payload
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    for violation in validate(payload, endpoint, clock=lambda: datetime.datetime(2025, 8, 1, tzinfo=datetime.UTC)):
        assert violation.path
        assert violation.message


@given(st.sampled_from(list(ENDPOINTS)), json_like)
def test_the_client_sends_or_refuses_never_crashes(endpoint: str, value: Any) -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(201, json={}))
    client = FrontpaymentClient(http_client=httpx.Client(transport=transport), max_retries=0)
    method = {"invoice": client.send_invoice, "ehf": client.send_ehf_invoice, "session": client.create_invoice_session}
    with pytest.raises(PayloadValidationError) as caught:
        method[endpoint](value)
    assert caught.value.violations
    assert sent == []


money = st.decimals(allow_nan=True, allow_infinity=True) | st.integers() | st.text(max_size=12) | scalars
text_or_any = st.text(max_size=20) | scalars


@given(text_or_any, money, money, money, money, st.none() | text_or_any)
def test_line_item_builds_or_names_the_field(
    name: Any, quantity: Any, price: Any, rate: Any, discount: Any, product_id: Any
) -> None:
    try:
        line = LineItem(name, quantity, price, rate, discount, product_id)
    except PayloadValidationError as exc:
        assert [v.path.split(".")[0] for v in exc.violations] == ["LineItem"]
        return
    order = Order(
        lines=[line],
        customer=Customer.private("K", email="k@example.com", msisdn="46567468", address=Address("a", "1", "b")),
    )
    for endpoint in ENDPOINTS:
        validate(order.to_payload(endpoint), endpoint)  # whatever the numbers, no exception


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "customer": json_like,
            "order_date": json_like | st.datetimes() | st.dates(),
            "options": json_like,
            "callbacks": json_like,
            "ehf": json_like,
            "date_format": json_like,
            "fpgo_uuid": json_like,
        },
    ),
    st.lists(json_like, max_size=3),
)
def test_order_builds_or_names_the_field(fields: dict[str, Any], extra_lines: list[Any]) -> None:
    base: dict[str, Any] = {
        "lines": [LineItem("x", 1, 10, 25), *extra_lines],
        "customer": Customer.private("K", email="k@example.com", msisdn="46567468", address=Address("a", "1", "b")),
    }
    try:
        order = Order(**{**base, **fields})
    except PayloadValidationError as exc:
        assert all(v.path.startswith("Order.") for v in exc.violations)
        return
    for endpoint in ENDPOINTS:
        validate(order.to_payload(endpoint), endpoint)


@given(
    st.fixed_dictionaries(
        {},
        optional={
            "interval": json_like,
            "maturity_days": json_like,
            "fee_applicable": json_like,
            "reference_no": json_like,
        },
    ),
    st.fixed_dictionaries({}, optional={"sms": json_like, "email": json_like}),
    st.fixed_dictionaries({}, optional={"callback_url": json_like, "success": json_like}),
    st.fixed_dictionaries({}, optional={"street": json_like, "zip": json_like, "country": json_like}),
)
def test_option_builders_build_or_name_the_field(
    options: dict[str, Any], ehf: dict[str, Any], callbacks: dict[str, Any], address: dict[str, Any]
) -> None:
    for cls, kwargs in (
        (InvoiceOptions, options),
        (EhfDelivery, ehf),
        (Callbacks, callbacks),
        (Address, {"street": "a", "zip": "1", "city": "b", **address}),
    ):
        try:
            cls(**kwargs)
        except PayloadValidationError as exc:
            assert all(v.path.startswith(f"{cls.__name__}.") for v in exc.violations)


header_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=20)
header_values = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
bodies = (
    st.binary(max_size=300)
    | json_like.map(lambda v: json.dumps(v, default=str).encode())
    | st.builds(
        lambda data, status: json.dumps({"status_code": status, "message": "m", "data": data}, default=str).encode(),
        json_like,
        st.integers(100, 599),
    )
    | st.sampled_from(
        [
            b"",
            b"<html>502</html>",
            b"[" * 50_000,
            b'{"data": NaN}',
            b"\xff\xfe\x00",
            b'{"succeeded": true, "data": {"id": 1}}',
        ]
    )
)


def _respond(status: int, headers: dict[str, str], body: bytes) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, headers=headers, content=body))


@given(st.integers(100, 999), st.dictionaries(header_names, header_values, max_size=4), bodies)
def test_any_response_gives_a_result_or_a_typed_error(status: int, headers: dict[str, str], body: bytes) -> None:
    transport = _respond(status, headers, body)
    client = FrontpaymentClient(http_client=httpx.Client(transport=transport))
    katsu = KatsuPayClient("http://127.0.0.1:1", http_client=httpx.Client(transport=transport))
    client.sleep = katsu.sleep = lambda seconds: None
    for call in (
        lambda: client.get_invoice_number("ODR1"),
        lambda: client.send_invoice(documented(INVOICE)),
        lambda: client.request("GET", "/api/v1/connect/orders/status"),
        lambda: katsu.get_invoice("x"),
    ):
        with contextlib.suppress(FrontpaymentError):
            call()


def test_a_10000_line_order_is_built_validated_and_sent() -> None:
    lines = [LineItem(f"Item {i}", 1 + i % 3, Decimal("19.90") + i % 7, (0, 12, 15, 25)[i % 4]) for i in range(10_000)]
    order = Order(
        lines=lines,
        customer=Customer.private("K", email="k@example.com", msisdn="46567468", address=Address("a", "1", "b")),
        callbacks=Callbacks("https://example.com/cb"),
    )
    started = time.perf_counter()
    payload = order.to_payload("invoice")
    assert validate(payload, "invoice") == []
    elapsed = time.perf_counter() - started
    sent: list[httpx.Request] = []
    ok = {"status_code": 201, "status_message": "OK", "message": "ok", "data": {"uuid": "ODR1", "customerUuid": "C"}}
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(201, json=ok))
    FrontpaymentClient(http_client=httpx.Client(transport=transport)).send_invoice(order)
    assert len(json.loads(sent[0].content)["products"]) == 10_000
    assert elapsed < 30


def test_a_huge_response_body_is_a_typed_error_not_a_hang() -> None:
    body = b'{"status_code": 200, "data": ' + b'"x' * 5_000_000 + b"}"
    client = FrontpaymentClient(http_client=httpx.Client(transport=_respond(200, {}, body)))
    with pytest.raises(FrontpaymentError):
        client.get_invoice_number("ODR1")
