"""A tour of the SDK: build an order, validate it, send it to each order endpoint, look up its invoice number.

Run it with `nox -s demo`, which starts a local Prism sandbox of openapi/frontpayment.yaml and points this script
at it; no credentials are needed. Against the real demo API, set FRONTPAYMENT_TOKEN and leave FRONTPAYMENT_BASE_URL
unset (the client then talks to https://demo-api.frontpayment.no).
"""

from __future__ import annotations

import datetime
import os
import sys

from frontpayment_ext import (
    Address,
    Callbacks,
    Customer,
    FrontpaymentClient,
    FrontpaymentError,
    InvoiceOptions,
    LineItem,
    Order,
)


def build_order(customer: Customer) -> Order:
    """Three lines at three VAT rates. Prices include VAT and are given as strings or ints, never floats."""
    return Order(
        lines=[
            LineItem("Router", quantity=1, unit_price="4500.00", vat_rate=12, product_id="R_1"),
            LineItem("Network cable, 5 m", quantity=3, unit_price="99.90", vat_rate=25, discount="10.00"),
            LineItem("Installation guide", quantity=1, unit_price=149, vat_rate=0),
        ],
        customer=customer,
        # The session endpoint wants today or later; a datetime is sent as a Unix timestamp string.
        order_date=datetime.datetime.now(datetime.UTC),
        options=InvoiceOptions(maturity_days=14, reference_no="DEMO-1001", customer_reference="Kari"),
        callbacks=Callbacks(
            callback_url="https://shop.example.com/frontpayment/callback",
            success="https://shop.example.com/checkout/ok",
            failure="https://shop.example.com/checkout/failed",
        ),
    )


def main() -> int:
    address = Address("Luramyrveien 65", "4313", "Sandnes", "NO")
    private = Customer.private(
        "Kari Nordmann", email="kari@example.com", msisdn="46567468", address=address, personal_number="28038712383"
    )
    company = Customer.corporate(
        "Nordmann AS", organization_id="123456789", email="post@nordmann.example", msisdn="46567468", address=address
    )
    order = build_order(private)

    summary = order.summary
    print("Order summary (Decimal, rounded to ore half up):")
    for line in order.lines:
        print(
            f"  {line.name:<22} {line.quantity} x {line.unit_price} - {line.discount} = {line.amount}"
            f"  (VAT {line.vat_rate}%: {line.vat})"
        )
    print(
        f"  net {summary.sub_total}  VAT {summary.total_tax}  discount {summary.total_discount}  "
        f"gross {summary.grand_total}"
    )

    # The token and base URL come from FRONTPAYMENT_TOKEN / FRONTPAYMENT_BASE_URL; the sandbox accepts any token.
    token = os.environ.get("FRONTPAYMENT_TOKEN", "sandbox-token")
    with FrontpaymentClient(token) as client:
        print(f"\nTalking to {client.base_url}")
        for endpoint in ("invoice", "session"):
            problems = client.validate(order.to_payload(endpoint), endpoint)
            print(f"validate({endpoint}): {problems if problems else 'valid'}")

        invoice = client.send_invoice(order)
        print(
            f"send_invoice           -> order {invoice.order_uuid}, customer {invoice.customer_uuid} "
            f"(rate limit {invoice.rate_limit.remaining}/{invoice.rate_limit.limit})"
        )

        ehf = client.send_ehf_invoice(build_order(company))
        print(f"send_ehf_invoice       -> order {ehf.order_uuid}, customer {ehf.customer_uuid}")

        session = client.create_invoice_session(build_order(company))
        print(f"create_invoice_session -> order {session.order_uuid}, BankID URL {session.bank_id_url}")

        number = client.get_invoice_number(invoice.order_uuid)
        print(f"get_invoice_number     -> status {number.status}, invoice number {number.invoice_number}")

        # A broken payload is refused before anything is sent, with every bad field named.
        broken = order.to_payload("invoice")
        broken["orderSummary"]["grandTotal"] = "1.00"
        broken["customerDetails"]["personalNumber"] = "123"
        try:
            client.send_invoice(broken)
        except FrontpaymentError as exc:
            print(f"\nA broken payload was refused, as it should be:\n{exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
