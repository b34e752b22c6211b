"""The sandbox's API: every documented response of every operation, by the documented rules, and its admin routes.

Through the SDK where it has a typed method, through plain httpx otherwise; all in-process (no sockets).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontpayment_ext import AuthenticationError, BusinessLogicError, NotFoundError, ServerValidationError
from frontpayment_ext.sandbox import Sandbox, attribute, sentence
from frontpayment_ext.sandbox._handlers import HANDLERS
from frontpayment_ext.sandbox._routes import all_routes
from frontpayment_ext.specs import load_spec
from frontpayment_ext.violations import Violation

AUTH = {"Authorization": "Bearer test-token"}
P = "/api/v1/connect/orders"


def example(path: str) -> dict[str, Any]:
    op = load_spec("frontpayment")["paths"][path]["post"]
    return copy.deepcopy(op["requestBody"]["content"]["application/json"]["examples"]["documented"]["value"])


INVOICE = example(f"{P}/invoice/create")
EHF = example(f"{P}/invoice/create/ehf")
SESSION = {**example(f"{P}/invoice/submit"), "orderDate": "4102444800"}  # 2100: "today or later" on this endpoint


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(rate_limit=None, callback_receiver=lambda url: None) as box:
        yield box


@pytest.fixture
def http(sandbox: Sandbox) -> httpx.Client:
    return sandbox.http_client()


def post(http: httpx.Client, path: str, body: Any) -> httpx.Response:
    return http.post(path, json=body, headers=AUTH)


def get(http: httpx.Client, path: str, **params: str) -> httpx.Response:
    return http.get(path, params=params, headers=AUTH)


def new_order(http: httpx.Client, body: dict[str, Any] = INVOICE) -> str:
    response = post(http, f"{P}/invoice/create", body)
    assert response.status_code == 201, response.text
    uuid: str = response.json()["data"]["uuid"]
    return uuid


def paid_order(sandbox: Sandbox, http: httpx.Client) -> str:
    uuid = new_order(http)
    sandbox.set_status(uuid, "PAID")
    return uuid


# -- creating orders ---------------------------------------------------------------------------------------------
def test_each_send_creates_a_new_order_with_a_fresh_uuid(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        first, second = client.send_invoice(INVOICE), client.send_invoice(INVOICE)
        ehf = client.send_ehf_invoice(EHF)
    uuids = {first.order_uuid, second.order_uuid, ehf.order_uuid}
    assert len(uuids) == 3
    assert all(re.fullmatch(r"ODR[0-9]{10}", u) for u in uuids)
    assert re.fullmatch(r"CSRT[0-9]{10}", first.customer_uuid)
    assert {sandbox.store.get(u).status for u in uuids} == {"SENT"}  # type: ignore[union-attr]
    assert first.message == "orderAddedSuccessfully"


def test_a_private_session_order_is_invoiced_and_a_corporate_one_gets_a_bankid_url(sandbox: Sandbox) -> None:
    corporate = copy.deepcopy(SESSION)
    corporate["customerDetails"].update(type="corporate", organizationId="123456789", personalNumber=None)
    with sandbox.client() as client:
        private = client.create_invoice_session(SESSION)
        company = client.create_invoice_session(corporate)
        assert private.bank_id_url is None
        assert company.bank_id_url.startswith("https://")
        assert client.get_invoice_number(private.order_uuid).status == "INVOICED"
        assert client.get_invoice_number(private.order_uuid).invoice_number is not None
        assert client.get_invoice_number(company.order_uuid).status == "SENT"
        again = client.create_invoice_session({**SESSION, "fpgoUuid": private.order_uuid, "orderFrom": "PARTNER"})
    assert again.order_uuid == private.order_uuid  # updated, not duplicated
    assert len(sandbox.store.all()) == 2


def test_efaktura_creates_an_order_and_is_validated_by_its_spec_schema(sandbox: Sandbox, http: httpx.Client) -> None:
    body = copy.deepcopy(INVOICE)
    del body["customerDetails"]["type"]  # as the documented example omits it
    created = post(http, f"{P}/invoice/create/faktura", body)
    assert created.status_code == 201
    assert sandbox.orders[created.json()["data"]["uuid"]].operation == "send_efaktura"
    del body["orderSummary"]
    refused = post(http, f"{P}/invoice/create/faktura", body)
    assert refused.status_code == 417
    assert "The order summary field is required." in refused.json()["errors"]


# -- authentication and server-side validation -------------------------------------------------------------------
@pytest.mark.parametrize("route", all_routes(), ids=lambda r: r.operation_id)
def test_frontpayment_operations_need_a_bearer_token_katsupay_does_not(sandbox: Sandbox, route: Any) -> None:
    path = route.path.replace("{orderUuid}", "ODR1")
    with sandbox.http_client() as http:
        response = http.request(route.method, path, json={} if route.method == "POST" else None)
        wrong_scheme = http.request(route.method, path, headers={"Authorization": "Basic abc"})
    if route.spec == "katsupay":
        assert response.status_code == 400  # anonymous is allowed; the missing InvoiceId is what is wrong
    else:
        assert response.status_code == wrong_scheme.status_code == 401
        assert response.json()["status_code"] == 401


def test_a_configured_token_is_the_only_one_accepted() -> None:
    with Sandbox(token="the-right-one") as box, box.client("the-wrong-one") as client:
        with pytest.raises(AuthenticationError):
            client.get_invoice_number("ODR1")
        with box.client("the-right-one") as right, pytest.raises(NotFoundError):
            right.get_invoice_number("ODR1")


def test_417_uses_laravels_own_messages_as_the_real_server_did(sandbox: Sandbox, peer: list[dict[str, Any]]) -> None:
    """The recorded request that got five messages from the demo API; the sandbox words the ones the SDK's rules
    also catch exactly as the server did."""
    recorded = next(p for p in peer if "The products.0.rate field is required." in p["response_body"].get("errors", []))
    with sandbox.http_client() as http:
        response = post(http, f"{P}/invoice/submit", recorded["request_body"])
    assert response.status_code == 417
    body = response.json()
    assert body["message"] == "payloadValidationErrors"
    assert body["status_message"] == "Client Error"
    for message in (
        "The products.0.rate field is required.",
        "The order date does not match the format d M, Y.",
        "The customer details.email must be a valid email address.",
    ):
        assert message in recorded["response_body"]["errors"]
        assert message in body["errors"]
    assert not sandbox.store.all()  # nothing was created


def test_the_sdk_reads_the_sandboxs_417_as_field_errors(sandbox: Sandbox) -> None:
    broken = copy.deepcopy(INVOICE)
    del broken["products"]["0"]["rate"]
    with sandbox.client() as client, pytest.raises(ServerValidationError) as caught:
        client.send_invoice(broken, validate=False)
    assert [(e.path, e.message) for e in caught.value.field_errors] == [
        ("products[0].rate", "The products.0.rate field is required.")
    ]


@pytest.mark.parametrize(
    ("path", "message", "expected"),
    [
        ("customerDetails.personalNumber", "is required", "The customer details.personal number field is required."),
        ('products["0"].rate', "is required", "The products.0.rate field is required."),
        ("products[1].rate", "does not match the pattern ^-?[0-9]+$", "The products.1.rate must be a number."),
        ("sendOrderBy.sms", "must be of type boolean", "The send order by.sms field must be true or false."),
        ("isCreditCheckAvailable", "is required", "The is credit check available field is required."),
        ("customerDetails.email", "is not a valid email",
         "The customer details.email must be a valid email address."),
        ("customerDetails.type", 'must be one of "private"', "The selected customer details.type is invalid."),
        ("orderDate", "does not match the pattern ^(...)$", "The order date does not match the format d M, Y."),
        ("products[0].productId", "must be at most 25 characters",
         "The products.0.product id must not be greater than 25 characters."),
    ],
)  # fmt: skip
def test_violations_become_laravel_sentences(path: str, message: str, expected: str) -> None:
    assert sentence(Violation(path, message, "x")) == expected


def test_attribute_names_split_camel_case_like_laravel() -> None:
    assert attribute("orderSummary.shippingCost") == "order summary.shipping cost"
    assert attribute("customerDetails.address.zip") == "customer details.address.zip"


# -- reading orders ----------------------------------------------------------------------------------------------
def test_invoice_number_and_status_follow_the_order(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = new_order(http)
    data = get(http, f"{P}/invoice-number/{uuid}").json()["data"]
    assert data == {"orderUuid": uuid, "invoiceNumber": None, "status": "SENT"}
    sandbox.set_status(uuid, "PAID")
    data = get(http, f"{P}/invoice-number/{uuid}").json()["data"]
    assert data["status"] == "PAID"
    assert re.fullmatch(r"[0-9]+", data["invoiceNumber"])
    status = get(http, f"{P}/status/{uuid}").json()
    assert status["message"] == "Order Status Retrieved Successfully"
    assert status["data"] == {"uuid": uuid, "status": "PAID", "orderAmount": 51, "refundedAmount": 0}
    assert b'"orderAmount":51.00' in get(http, f"{P}/status/{uuid}").content  # exact money, never a float


def test_unknown_orders_are_404_in_the_real_servers_shape(http: httpx.Client) -> None:
    for path in ("invoice-number", "status", "details"):
        response = get(http, f"{P}/{path}/ODR1000000000")
        assert response.status_code == 404
        body = response.json()
        assert body["is_data"] is False
        assert body["data"] is None
        assert body["message"] in ("orderNotFound", "Order Not Found")
    for path, body in (("cancel", {"cancellationNote": "x"}), ("resend", {"email": "a@example.com"})):
        assert post(http, f"{P}/{path}/ODR1000000000", body).json()["message"] == "orderNotFound"


def test_listing_statuses_filters_case_insensitively_and_an_empty_list_is_404(
    sandbox: Sandbox, http: httpx.Client
) -> None:
    empty = get(http, f"{P}/status")
    assert empty.status_code == 404
    assert empty.json()["message"] == "Order Not Found"
    sent, paid = new_order(http), paid_order(sandbox, http)
    everything = get(http, f"{P}/status").json()["data"]
    assert {(o["uuid"], o["status"]) for o in everything} == {(sent, "SENT"), (paid, "PAID")}
    assert get(http, f"{P}/status", type="paid").json()["data"] == [{"uuid": paid, "status": "PAID"}]
    assert get(http, f"{P}/status", type="Paid").json()["data"] == [{"uuid": paid, "status": "PAID"}]
    assert get(http, f"{P}/status", type="EXPIRED").status_code == 404


def test_details_list_the_products_with_the_ids_a_refund_names(http: httpx.Client) -> None:
    uuid = new_order(http)
    response = get(http, f"{P}/details/{uuid}")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["orderUuid"] == uuid
    assert data["status"] == "SENT"
    assert data["invoiceNumber"] is None
    [product] = data["productList"]
    assert isinstance(product["id"], int)
    assert product["name"] == "Hair Wash"
    assert product["quantity"] == 1
    assert data["orderSummary"] == {"subTotal": 51, "tax": 0, "discount": 0, "grandTotal": 51}
    assert data["customerDetails"]["address"]["city"] == "Sandnes"


# -- changing orders ---------------------------------------------------------------------------------------------
def test_cancel(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = new_order(http)
    missing = post(http, f"{P}/cancel/{uuid}", {"cancellationNote": "  "})
    assert missing.status_code == 417
    assert missing.json()["errors"] == ["The cancellation note field is required."]
    done = post(http, f"{P}/cancel/{uuid}", {"cancellationNote": "the customer asked"})
    assert done.status_code == 202
    assert done.json() == {
        "status_code": 202, "status_message": "OK", "message": "cancelledOrderSuccessfully", "is_data": False,
        "data": None,
    }  # fmt: skip
    assert sandbox.store.get(uuid).status == "CANCELLED"  # type: ignore[union-attr]
    assert post(http, f"{P}/cancel/{uuid}", {"cancellationNote": "again"}).status_code == 202  # harmless
    assert sandbox.store.get(uuid).history == ["SENT", "CANCELLED"]  # type: ignore[union-attr]


def test_cancelling_a_paid_order_is_400_order_status_already_paid(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = paid_order(sandbox, http)
    response = post(http, f"{P}/cancel/{uuid}", {"cancellationNote": "too late"})
    assert response.status_code == 400
    assert response.json() == {
        "status_code": 400, "status_message": "Conflict of Business Logic", "message": "orderStatusAlreadyPaid",
        "is_error": False, "errors": None,
    }  # fmt: skip
    with sandbox.client() as client, pytest.raises(BusinessLogicError) as caught:
        client.request("POST", f"{P}/cancel/{uuid}", json={"cancellationNote": "too late"})
    assert caught.value.message == "orderStatusAlreadyPaid"
    assert sandbox.store.get(uuid).status == "PAID"  # type: ignore[union-attr]


def _refund(http: httpx.Client, uuid: str, total: str, products: list[tuple[int, str]]) -> httpx.Response:
    body = {"type": "regular", "grandTotal": total, "products": [{"id": i, "amount": a} for i, a in products]}
    return post(http, f"{P}/refund/{uuid}", body)


def test_refund_partial_then_full_and_never_more_than_the_order(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = paid_order(sandbox, http)
    product = sandbox.store.get(uuid).products[0].id  # type: ignore[union-attr]
    partial = _refund(http, uuid, "20", [(product, "20")])
    assert partial.status_code == 202
    assert partial.json()["message"] == "orderRefundedSuccessfully"
    assert get(http, f"{P}/status/{uuid}").json()["data"]["status"] == "PARTIAL REFUNDED"
    too_much = _refund(http, uuid, "31.01", [(product, "31.01")])
    assert too_much.status_code == 400
    assert too_much.json()["message"] == "refundRejectionForRefundRequestGreaterThanOrderAmount"
    unknown = _refund(http, uuid, "1", [(product + 999, "1")])
    assert unknown.json()["message"] == "requestProductIdNotAvailable"
    assert _refund(http, uuid, "31", [(product, "31")]).status_code == 202
    status = get(http, f"{P}/status/{uuid}").json()["data"]
    assert status == {"uuid": uuid, "status": "REFUNDED", "orderAmount": 51, "refundedAmount": 51}
    again = _refund(http, uuid, "1", [(product, "1")])
    assert again.json()["message"] == "refundRejectionForRefundedCancelledInvoicedOrderParamRefunded"


def test_refund_rejections_by_status(sandbox: Sandbox, http: httpx.Client) -> None:
    sent = new_order(http)
    assert _refund(http, sent, "1", [(1, "1")]).json()["message"] == "refundRejectionForTransactionNotFound"
    cancelled = new_order(http)
    sandbox.set_status(cancelled, "CANCELLED")
    reply = _refund(http, cancelled, "1", [(1, "1")]).json()
    assert reply["message"] == "refundRejectionForRefundedCancelledInvoicedOrderParamCancelled"
    invoiced = new_order(http)
    sandbox.set_status(invoiced, "INVOICED")
    reply = _refund(http, invoiced, "1", [(1, "1")]).json()
    assert reply["message"] == "refundRejectionForRefundedCancelledInvoicedOrderParamInvoiced"
    assert _refund(http, "ODR1000000000", "1", [(1, "1")]).status_code == 404


def test_refund_bodies_are_validated_by_laravels_rules(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = paid_order(sandbox, http)
    response = post(http, f"{P}/refund/{uuid}", {"type": "partial", "grandTotal": "ten", "products": [{"id": 1}]})
    assert response.status_code == 417
    assert response.json()["errors"] == [
        "The selected type is invalid.",
        "The grand total must be a number.",
        "The products.0.amount field is required.",
    ]
    reservation = post(http, f"{P}/refund/{uuid}", {"type": "reservation", "grandTotal": 1, "products": []})
    assert reservation.json()["errors"] == [
        "The products field is required.",
        "The source field is required when type is reservation.",
        "The reference field is required when type is reservation.",
    ]


def test_refund_approval(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = paid_order(sandbox, http)
    product = sandbox.store.get(uuid).products[0].id  # type: ignore[union-attr]
    body = {"type": "regular", "grandTotal": 51, "products": [{"id": product, "amount": 51}]}
    path = f"/api/v1/orders/refund/request/approval/{uuid}"  # no /connect/
    assert post(http, path, body).json()["errors"] == ["The message field is required."]
    first = post(http, path, {**body, "message": "refundRejectionForWeeklyThresholdExceed"})
    assert first.status_code == 201
    assert first.json()["message"] == "requestedOrderRefundSuccessfully"
    second = post(http, path, {**body, "message": "again"})
    assert second.status_code == 400
    assert second.json()["message"] == "orderRefundRequestAlreadySubmitted"
    assert post(http, f"/api/v1/orders/refund/request/approval/{uuid}x", {**body, "message": "m"}).status_code == 404
    approved = http.post(f"/_sandbox/orders/{uuid}/refund-requests/approve")
    assert approved.json()["order"]["status"] == "REFUNDED"


def test_resend(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = new_order(http)
    nothing = post(http, f"{P}/resend/{uuid}", {"email": ""})
    assert nothing.status_code == 417
    assert nothing.json()["errors"] == ["The email field is required when msisdn is not present."]
    half = post(http, f"{P}/resend/{uuid}", {"msisdn": "46567468", "email": "not-an-address"})
    assert half.json()["errors"] == [
        "The country code field is required when msisdn is present.",
        "The email must be a valid email address.",
    ]
    sms = post(http, f"{P}/resend/{uuid}", {"countryCode": "+47", "msisdn": "46567468"})
    assert sms.status_code == 202
    assert sms.json()["message"] == "resentOrderSuccessfully"
    assert sandbox.store.get(uuid).resends == 1  # type: ignore[union-attr]
    sandbox.set_status(uuid, "CANCELLED")
    assert (
        post(http, f"{P}/resend/{uuid}", {"email": "a@example.com"}).json()["message"] == "orderStatusAlreadyCancelled"
    )
    paid = paid_order(sandbox, http)
    assert post(http, f"{P}/resend/{paid}", {"email": "a@example.com"}).json()["message"] == "orderStatusAlreadyPaid"


# -- Katsu Pay ---------------------------------------------------------------------------------------------------
def test_katsupay_get_invoice(sandbox: Sandbox) -> None:
    with sandbox.katsupay_client() as katsu:
        invoice = katsu.get_invoice("3fa85f64-5717-4562-b3fc-2c963f66afa6")  # the documented example's invoice
        assert invoice.amount == Decimal(1500)
        assert invoice.invoice_status == 4
    with sandbox.http_client() as http:
        assert http.get("/api/v1/Invoice/getbyId").status_code == 400
        unknown = http.get("/api/v1/Invoice/getbyId", params={"InvoiceId": "nope"})
        assert unknown.status_code == 404
        assert unknown.content == b""
        added = http.post("/_sandbox/katsupay/invoices", json={"id": "bad", "succeeded": False, "message": "gone"})
        assert added.status_code == 201
        failed = http.get("/api/v1/Invoice/getbyId", params={"InvoiceId": "bad"}).json()
        assert failed == {"succeeded": False, "message": "gone", "errors": [], "data": None}
        mine = {"id": "0b7c1c3e-0000-4000-8000-000000000001", "amount": 99.5, "invoiceStatus": 1}
        http.post("/_sandbox/katsupay/invoices", json={"data": mine})
        assert http.get("/api/v1/Invoice/getbyId", params={"InvoiceId": mine["id"]}).json()["data"] == mine


# -- state, admin routes, operations without a handler -------------------------------------------------------------
def test_orders_survive_a_restart_with_sqlite(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.sqlite"
    with Sandbox(db=db) as first, first.client() as client:
        uuid = client.send_invoice(INVOICE).order_uuid
        first.set_status(uuid, "PAID")
    with Sandbox(db=db) as second, second.client() as client:
        number = client.get_invoice_number(uuid)
        assert number.status == "PAID"
        assert number.invoice_number is not None
        assert second.store.get(uuid).amount == 51  # type: ignore[union-attr]


def test_admin_routes(sandbox: Sandbox, http: httpx.Client) -> None:
    info = http.get("/_sandbox").json()
    assert {o["operationId"] for o in info["operations"]} >= {"send_invoice", "cancel_order", "get_invoice"}
    uuid = new_order(http)
    assert [o["uuid"] for o in http.get("/_sandbox/orders").json()["orders"]] == [uuid]
    assert http.get(f"/_sandbox/orders/{uuid}").json()["status"] == "SENT"
    assert http.get("/_sandbox/orders/ODR1").status_code == 404
    moved = http.post(f"/_sandbox/orders/{uuid}/status", json={"status": "EXPIRED"})
    assert moved.status_code == 200
    assert moved.json()["order"]["history"] == ["SENT", "EXPIRED"]
    assert http.post(f"/_sandbox/orders/{uuid}/status", json={}).status_code == 422
    assert http.post(f"/_sandbox/orders/{uuid}/status", json={"status": "PAID&x=1"}).status_code == 422
    wrong_method = {"status": "PAID", "paymentMethod": "2"}
    assert http.post(f"/_sandbox/orders/{uuid}/status", json=wrong_method).status_code == 422
    assert http.post("/_sandbox/katsupay/invoices", content=b"{not json").status_code == 422
    assert http.post("/_sandbox/orders/ODR1/status", json={"status": "PAID"}).status_code == 404
    faults = http.post("/_sandbox/faults", json={"kind": "status", "status": 510, "count": 2})
    assert faults.json()["faults"] == [
        {"kind": "status", "remaining": 2, "status": 510, "seconds": 0.0, "operation": None}
    ]
    assert http.post("/_sandbox/faults", json={"kind": "explode"}).status_code == 422
    assert http.delete("/_sandbox/faults").json() == {"faults": []}
    assert http.post("/_sandbox/rate-limit", json={"limit": 5, "window": 10}).json() == {"limit": 5, "window": 10.0}
    assert http.post("/_sandbox/rate-limit", json={"limit": -1}).status_code == 422
    assert [c["status"] for c in http.get("/_sandbox/callbacks").json()["callbacks"]] == ["EXPIRED"]
    assert http.post("/_sandbox/reset").json() == {"reset": True}
    assert http.get("/_sandbox/orders").json()["orders"] == []
    assert http.get("/_sandbox/callbacks").json()["callbacks"] == []


def test_a_spec_operation_without_a_handler_answers_its_documented_example(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(HANDLERS, ("GET", "/api/v1/connect/orders/invoice-number/{}"))
    with sandbox.http_client() as http:
        response = get(http, f"{P}/invoice-number/ODR2005869234")
    documented = load_spec("frontpayment")["paths"][f"{P}/invoice-number/{{orderUuid}}"]["get"]["responses"]["200"]
    assert response.status_code == 200
    assert response.json() == documented["content"]["application/json"]["examples"]["refunded"]["value"]


def test_a_body_that_is_not_a_json_object_fails_every_required_rule(http: httpx.Client) -> None:
    for content in (b"[1, 2]", b"not json", b""):
        response = http.post(f"{P}/cancel/ODR1", content=content, headers={**AUTH, "content-type": "application/json"})
        assert response.status_code == 417
        assert response.json()["errors"] == ["The cancellation note field is required."]


def test_refund_amounts_are_exact_decimals(sandbox: Sandbox, http: httpx.Client) -> None:
    uuid = paid_order(sandbox, http)
    product = sandbox.store.get(uuid).products[0].id  # type: ignore[union-attr]
    for _ in range(3):  # 0.1 + 0.1 + 0.1 as binary floats is 0.30000000000000004
        body = b'{"type": "regular", "grandTotal": 0.1, "products": [{"id": %d, "amount": 0.1}]}' % product
        assert http.post(f"{P}/refund/{uuid}", content=body, headers=AUTH).status_code == 202
    assert sandbox.store.get(uuid).refunded == Decimal("0.3")  # type: ignore[union-attr]
    assert b'"refundedAmount":0.3}' in get(http, f"{P}/status/{uuid}").content
