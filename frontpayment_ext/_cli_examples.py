"""Working example payloads for ``frontpayment example``, built with the SDK's own builders so that they are valid
by construction (a test runs each through ``frontpayment validate``). The people and companies are made up."""

from __future__ import annotations

import datetime
import json
from typing import Any

from .builders import Address, Callbacks, Customer, Endpoint, InvoiceOptions, LineItem, Order

_ADDRESS = Address("Luramyrveien 65", "4313", "Sandnes", "NO")
_CALLBACKS = Callbacks(
    callback_url="https://shop.example.com/frontpayment/callback",
    success="https://shop.example.com/checkout/ok",
    failure="https://shop.example.com/checkout/failed",
)


def _customer(endpoint: Endpoint) -> Customer:
    if endpoint == "ehf":  # EHF is invoicing between businesses: a company with its organisation number
        return Customer.corporate(
            "Nordmann AS", organization_id="123456789", email="post@nordmann.example", msisdn="46567468",
            address=_ADDRESS,
        )  # fmt: skip
    return Customer.private(
        "Kari Nordmann", email="kari@example.com", msisdn="46567468", address=_ADDRESS, personal_number="28038712383"
    )


def example_order(endpoint: Endpoint, number: int = 1) -> Order:
    """A two-line order at two VAT rates, dated now (the session endpoint wants today or later)."""
    return Order(
        lines=[
            LineItem("Router", quantity=1, unit_price="4500.00", vat_rate=12, product_id="R_1"),
            LineItem("Network cable, 5 m", quantity=3, unit_price="99.90", vat_rate=25, discount="10.00"),
        ],
        customer=_customer(endpoint),
        order_date=datetime.datetime.now(datetime.UTC),
        options=InvoiceOptions(maturity_days=14, reference_no=f"EXAMPLE-{number}", customer_reference="Kari"),
        callbacks=_CALLBACKS,
    )


def example_payload(endpoint: Endpoint, number: int = 1) -> dict[str, Any]:
    return example_order(endpoint, number).to_payload(endpoint)


def example_batch(endpoint: Endpoint, count: int) -> str:
    """``count`` JSON lines for ``send-batch``, each with its own ``referenceNo``."""
    return "".join(json.dumps(example_payload(endpoint, n), ensure_ascii=False) + "\n" for n in range(1, count + 1))
