"""What each operation does to the sandbox's orders, by the documented rules (api-lifecycle.md, api-notes.md).

A handler takes the sandbox's state and the request's parts and returns the status and body to answer. Bodies are
the documented envelopes: ``{status_code, status_message, message, is_data, data}`` on success and on the 404s the
real server sends in that shape, ``{status_code, status_message, message, is_error, errors}`` otherwise.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from frontpayment_ext.validation import number

from ._store import INVOICED_STATUSES, OrderRecord, Product, now

if TYPE_CHECKING:
    from ._app import Sandbox

Answer = tuple[int, Any]
Handler = Callable[["Sandbox", "Call"], Awaitable[Answer]]

STATUS_MESSAGES = {
    200: "OK",
    201: "OK",
    202: "OK",
    400: "Conflict of Business Logic",
    401: "Unauthorized",
    404: "Not Found",
    417: "Client Error",
    429: "Too Many Requests",
    500: "Internal Dependency Error",
    510: "Execution Exception Occurred",
}


@attrs.frozen
class Call:
    """The parts of a request a handler reads."""

    operation_id: str
    path_params: dict[str, str]
    query: dict[str, str]
    body: Any


def ok(status: int, message: str, data: Any, *, is_data: bool | None = None) -> Answer:
    return status, {
        "status_code": status,
        "status_message": STATUS_MESSAGES.get(status, "OK"),
        "message": message,
        "is_data": data is not None if is_data is None else is_data,
        "data": data,
    }


def error(status: int, message: str, errors: Any = None, *, is_error: bool = True) -> Answer:
    return status, {
        "status_code": status,
        "status_message": STATUS_MESSAGES.get(status, "Error"),
        "message": message,
        "is_error": is_error,
        "errors": errors,
    }


def not_found(message: str = "orderNotFound") -> Answer:
    """The real server's 404: the success shape with no data."""
    return ok(404, message, None)


def conflict(message: str) -> Answer:
    return error(400, message, None, is_error=False)


def _decimal(value: Any, default: str = "0") -> Decimal:
    parsed = number(value) if not isinstance(value, str) else number(value.strip())
    if parsed is None:
        try:
            parsed = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            return Decimal(default)
    return parsed if parsed.is_finite() else Decimal(default)


def _lines(products: Any) -> list[Any]:
    if isinstance(products, dict):
        return list(products.values())
    return list(products) if isinstance(products, list) else []


def _products(sandbox: Sandbox, payload: dict[str, Any]) -> list[Product]:
    made = []
    for line in _lines(payload.get("products")):
        if not isinstance(line, dict):
            continue
        product_id = line.get("productId")
        made.append(
            Product(
                id=sandbox.next_product_id(),
                name=str(line.get("name", "")),
                product_id=product_id if isinstance(product_id, str) else None,
                quantity=_decimal(line.get("quantity")),
                rate=_decimal(line.get("rate")),
                discount=_decimal(line.get("discount")),
                tax=_decimal(line.get("tax")),
                amount=_decimal(line.get("amount")),
            )
        )
    return made


def _callback_url(payload: dict[str, Any]) -> str | None:
    callback = payload.get("callback")
    url = callback.get("callbackUrl") if isinstance(callback, dict) else None
    return url if isinstance(url, str) and url else None


def _new_order(sandbox: Sandbox, operation: str, payload: dict[str, Any], status: str) -> OrderRecord:
    customer = payload.get("customerDetails")
    known = customer.get("customerUuid") if isinstance(customer, dict) else None
    summary = payload.get("orderSummary")
    order = OrderRecord(
        uuid=sandbox.store.new_uuid("ODR"),
        customer_uuid=known if isinstance(known, str) and known else sandbox.store.new_uuid("CSRT"),
        operation=operation,
        status=status,
        amount=_decimal(summary.get("grandTotal") if isinstance(summary, dict) else None),
        created_at=now(),
        payload=payload,
        products=_products(sandbox, payload),
        callback_url=_callback_url(payload),
        history=[status],
    )
    if status in INVOICED_STATUSES:
        order.invoice_number = sandbox.next_invoice_number()
    sandbox.store.put(order)
    return order


async def send_invoice(sandbox: Sandbox, call: Call) -> Answer:
    """Send Invoice, Send EHF Invoice and Send E-Faktura: a new order, SENT, answered 201 with its UUIDs."""
    order = _new_order(sandbox, call.operation_id, call.body, "SENT")
    return ok(201, "orderAddedSuccessfully", {"uuid": order.uuid, "customerUuid": order.customer_uuid}, is_data=False)


def _bank_id_url(order_uuid: str) -> str:
    state = base64.urlsafe_b64encode(json.dumps({"orderUuid": order_uuid, "connect": "yes"}).encode()).decode()
    return f"https://auth.current.bankid.no/precheck/auth?state={state.rstrip('=')}"


async def create_invoice_session(sandbox: Sandbox, call: Call) -> Answer:
    """A private customer's order goes straight to INVOICED; a corporate customer's waits (SENT) for BankID.
    ``fpgoUuid`` with ``orderFrom: PARTNER`` updates that order instead of creating another."""
    payload = call.body
    customer = payload.get("customerDetails") or {}
    corporate = customer.get("type") == "corporate"
    earlier = payload.get("fpgoUuid")
    existing = sandbox.store.get(earlier) if isinstance(earlier, str) else None
    if existing is not None:
        existing.payload = payload
        existing.products = _products(sandbox, payload)
        existing.amount = _decimal((payload.get("orderSummary") or {}).get("grandTotal"))
        existing.callback_url = _callback_url(payload)
        sandbox.store.put(existing)
        order = existing
    else:
        order = _new_order(sandbox, call.operation_id, payload, "SENT" if corporate else "INVOICED")
    data = {
        "orderUuid": order.uuid,
        "customerUuid": order.customer_uuid,
        "bankIdUrl": _bank_id_url(order.uuid) if corporate else None,
    }
    return ok(201, "orderCreatedSuccessfully", data)


async def get_invoice_number(sandbox: Sandbox, call: Call) -> Answer:
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found()
    data = {"orderUuid": order.uuid, "invoiceNumber": order.invoice_number, "status": order.status}
    return ok(200, "orderInvoiceNoRetrievedSuccessfully", data)


def _status_filter(value: str | None) -> str | None:
    return value.strip().replace("_", " ").upper() if value and value.strip() else None


async def list_order_statuses(sandbox: Sandbox, call: Call) -> Answer:
    """Every order's status, optionally of one status (case-insensitive); none is a 404, as the real server says."""
    wanted = _status_filter(call.query.get("type"))
    data = [{"uuid": o.uuid, "status": o.status} for o in sandbox.store.all() if wanted in (None, o.status.upper())]
    if not data:
        return not_found("Order Not Found")
    return ok(200, "Order Status Retrieved Successfully", data)


async def get_order_status(sandbox: Sandbox, call: Call) -> Answer:
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found("Order Not Found")
    data = {"uuid": order.uuid, "status": order.status, "orderAmount": order.amount, "refundedAmount": order.refunded}
    return ok(200, "Order Status Retrieved Successfully", data)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _whole(value: Decimal) -> Decimal | int:
    return int(value) if value == value.to_integral_value() else value


_DETAIL_TYPES = {"send_ehf_invoice": "ehf", "send_efaktura": "efaktura"}


async def get_order_details(sandbox: Sandbox, call: Call) -> Answer:
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found()
    payload = order.payload
    summary = _mapping(payload.get("orderSummary"))
    customer = _mapping(payload.get("customerDetails"))
    address = _mapping(customer.get("address"))
    maturity = payload.get("invoiceMaturity", 10)
    due = order.created_at + 86400 * int(maturity if isinstance(maturity, int) else 10)
    data = {
        "type": _DETAIL_TYPES.get(order.operation, "invoice"),
        "orderUuid": order.uuid,
        "invoiceNumber": order.invoice_number,
        "status": order.status,
        "orderDate": str(payload.get("orderDate", order.created_at)),
        "paymentLinkDueDate": str(payload.get("dueDateForPaymentLink") or due),
        "productList": [
            {
                "id": p.id,
                "name": p.name,
                "productId": p.product_id,
                "quantity": _whole(p.quantity),
                "rate": p.rate,
                "discount": p.discount,
                "tax": p.tax,
                "amount": p.amount,
            }
            for p in order.products
        ],
        "orderSummary": {
            "subTotal": _decimal(summary.get("subTotal")),
            "tax": _decimal(summary.get("totalTax")),
            "discount": _decimal(summary.get("totalDiscount")),
            "grandTotal": order.amount,
        },
        "customerDetails": {
            "type": customer.get("type", "corporate" if order.operation == "send_ehf_invoice" else "private"),
            "uuid": order.customer_uuid,
            "countryCode": customer.get("countryCode"),
            "msisdn": customer.get("msisdn"),
            "email": customer.get("email"),
            "name": customer.get("name"),
            "preferredLanguage": customer.get("preferredLanguage") or "no",
            "personalNumber": customer.get("personalNumber"),
            "organizationId": customer.get("organizationId"),
            "address": {k: address.get(k) for k in ("street", "zip", "city", "country")},
        },
    }
    return ok(200, "orderRetrievedSuccessfully", data)


async def cancel_order(sandbox: Sandbox, call: Call) -> Answer:
    """A paid order cannot be cancelled (400 orderStatusAlreadyPaid); cancelling twice is harmless."""
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found()
    if order.status.upper() in ("PAID", "REFUNDED", "PARTIAL REFUNDED"):
        return conflict("orderStatusAlreadyPaid")
    order.cancellation_note = str(call.body.get("cancellationNote"))
    sandbox.store.put(order)
    if order.status != "CANCELLED":
        await sandbox.change_status(order.uuid, "CANCELLED")
    return ok(202, "cancelledOrderSuccessfully", None)


def _refund_refusal(order: OrderRecord) -> Answer | None:
    """Why this order's status allows no refund, or None if it does."""
    status = order.status.upper()
    if status in ("PAID", "PARTIAL REFUNDED"):
        return None
    for word, param in (("REFUNDED", "Refunded"), ("CANCELLED", "Cancelled")):
        if status == word:
            return conflict(f"refundRejectionForRefundedCancelledInvoicedOrderParam{param}")
    if status in ("INVOICED", "INKASSO", "PURRING"):
        return conflict("refundRejectionForRefundedCancelledInvoicedOrderParamInvoiced")
    return not_found("refundRejectionForTransactionNotFound")


def _requested(order: OrderRecord, body: dict[str, Any]) -> tuple[Answer | None, list[tuple[Product, Decimal]]]:
    """The products a refund names, with their amounts, or the 400 for an id the order does not have."""
    by_id = {p.id: p for p in order.products}
    wanted: list[tuple[Product, Decimal]] = []
    for line in _lines(body.get("products")):
        if not isinstance(line, dict):
            return conflict("requestProductIdNotAvailable"), []
        product_id = _decimal(line.get("id"), "-1")
        product = by_id.get(int(product_id)) if product_id == product_id.to_integral_value() else None
        if product is None:
            return conflict("requestProductIdNotAvailable"), []
        wanted.append((product, _decimal(line.get("amount"))))
    return None, wanted


async def refund_order(sandbox: Sandbox, call: Call) -> Answer:
    """Full or partial refund of a paid order, by product; more than is left to refund is rejected."""
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found()
    refusal = _refund_refusal(order)
    if refusal is not None:
        return refusal
    refusal, wanted = _requested(order, call.body)
    if refusal is not None:
        return refusal
    total = _decimal(call.body.get("grandTotal"))
    if total <= 0 or any(amount <= 0 for _, amount in wanted):
        return error(417, "payloadValidationErrors", ["The grand total must be greater than 0."])
    too_much = total > order.amount - order.refunded or any(
        amount > product.amount - product.refunded for product, amount in wanted
    )
    if too_much:
        return conflict("refundRejectionForRefundRequestGreaterThanOrderAmount")
    for product, amount in wanted:
        product.refunded += amount
    order.refunded += total
    sandbox.store.put(order)
    await sandbox.change_status(order.uuid, "REFUNDED" if order.refunded >= order.amount else "PARTIAL REFUNDED")
    return ok(202, "orderRefundedSuccessfully", None)


async def request_refund_approval(sandbox: Sandbox, call: Call) -> Answer:
    """A refund the regular endpoint refused, filed for approval; one pending request per order."""
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found()
    refusal = _refund_refusal(order)
    if refusal is not None and refusal[0] == 400:
        return refusal
    refusal, _ = _requested(order, call.body)
    if refusal is not None:
        return refusal
    if any(r.get("state") == "pending" for r in order.refund_requests):
        return conflict("orderRefundRequestAlreadySubmitted")
    order.refund_requests.append({"state": "pending", "grandTotal": f"{_decimal(call.body.get('grandTotal')):f}"})
    sandbox.store.put(order)
    return ok(201, "requestedOrderRefundSuccessfully", None, is_data=False)


async def resend_payment_link(sandbox: Sandbox, call: Call) -> Answer:
    order = sandbox.store.get(call.path_params.get("orderUuid", ""))
    if order is None:
        return not_found()
    status = order.status.upper()
    if status in ("PAID", "REFUNDED", "PARTIAL REFUNDED"):
        return conflict("orderStatusAlreadyPaid")
    if status == "CANCELLED":
        return conflict("orderStatusAlreadyCancelled")
    order.resends += 1
    sandbox.store.put(order)
    return ok(202, "resentOrderSuccessfully", None, is_data=True)


async def get_katsupay_invoice(sandbox: Sandbox, call: Call) -> Answer:
    """Katsu Pay: 400 (no body) without an id, 404 (no body) for an unknown one, else the stored envelope."""
    invoice_id = (call.query.get("InvoiceId") or "").strip()
    if not invoice_id:
        return 400, None
    entry = sandbox.katsupay_invoices.get(invoice_id)
    if entry is None:
        return 404, None
    return 200, entry


HANDLERS: dict[tuple[str, str], Handler] = {
    ("POST", "/api/v1/connect/orders/invoice/create"): send_invoice,
    ("POST", "/api/v1/connect/orders/invoice/create/ehf"): send_invoice,
    ("POST", "/api/v1/connect/orders/invoice/create/faktura"): send_invoice,
    ("POST", "/api/v1/connect/orders/invoice/submit"): create_invoice_session,
    ("GET", "/api/v1/connect/orders/invoice-number/{}"): get_invoice_number,
    ("GET", "/api/v1/connect/orders/status"): list_order_statuses,
    ("GET", "/api/v1/connect/orders/status/{}"): get_order_status,
    ("GET", "/api/v1/connect/orders/details/{}"): get_order_details,
    ("POST", "/api/v1/connect/orders/cancel/{}"): cancel_order,
    ("POST", "/api/v1/connect/orders/refund/{}"): refund_order,
    ("POST", "/api/v1/orders/refund/request/approval/{}"): request_refund_approval,
    ("POST", "/api/v1/connect/orders/resend/{}"): resend_payment_link,
    ("GET", "/api/v1/Invoice/getbyId"): get_katsupay_invoice,
}
