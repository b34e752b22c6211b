"""Builders: Decimal arithmetic, rounding, the payload shape of each endpoint, and no personal data in reprs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from frontpayment_ext import (
    Address,
    Callbacks,
    Customer,
    EhfDelivery,
    InvoiceOptions,
    LineItem,
    Order,
    PayloadValidationError,
    validate,
)
from frontpayment_ext.dates import order_date, wire_order_date
from frontpayment_ext.money import round_ore, to_decimal, vat_included

ADDRESS = Address("Luramyrveien 65", "4313", "Sandnes")
PRIVATE = Customer.private(
    "Kari Nordmann",
    email="kari@example.com",
    msisdn="46567468",
    address=ADDRESS,
    personal_number="28038712383",
    preferred_language="en",
)
COMPANY = Customer.corporate(
    "Nordmann AS", organization_id="123456789", email="post@nordmann.example", msisdn="46567468", address=ADDRESS
)
CALLBACKS = Callbacks("https://example.com/cb", "https://example.com/ok", "https://example.com/failed")
NOW = datetime.datetime(2025, 8, 14, 10, 0, tzinfo=datetime.UTC)


def order(customer: Customer = PRIVATE, **kw: object) -> Order:
    lines = [LineItem("Router", 1, "4500", 12, product_id="R_1"), LineItem("Cable", 3, "99.90", 25, discount="10")]
    return Order(lines=lines, customer=customer, callbacks=CALLBACKS, order_date=NOW, **kw)  # type: ignore[arg-type]


def test_documented_vat_example() -> None:
    """The one documented example with VAT: 4500 at 12 % holds 482.14 VAT, 4017.86 net."""
    summary = Order(lines=[LineItem("Router", 1, 4500, 12)], customer=PRIVATE).summary
    assert (summary.grand_total, summary.total_tax, summary.sub_total) == (
        Decimal("4500.00"),
        Decimal("482.14"),
        Decimal("4017.86"),
    )


def test_rounding_is_half_up_to_ore() -> None:
    assert round_ore(Decimal("1.005")) == Decimal("1.01")
    assert round_ore(Decimal("1.0049")) == Decimal("1.00")
    assert round_ore(Decimal("-1.005")) == Decimal("-1.01")
    # 0.125 at 25 %: 0.025 VAT rounds half up to 0.03 (banker's rounding would give 0.02).
    assert vat_included(Decimal("0.125"), Decimal(25)) == Decimal("0.03")


def test_line_amount_and_vat_per_line() -> None:
    line = LineItem("Cable", 3, "99.90", 25, discount="10")
    assert line.amount == Decimal("289.70")
    assert line.vat == Decimal("57.94")


def test_summary_sums_rounded_lines() -> None:
    summary = order().summary
    assert summary.grand_total == Decimal("4789.70")
    assert summary.total_tax == Decimal("540.08")
    assert summary.sub_total == Decimal("4249.62")
    assert summary.total_discount == Decimal("10.00")


@pytest.mark.parametrize("bad", [0.1, 1.5, True, None, object()])
def test_floats_and_non_numbers_are_refused_with_the_field_named(bad: object) -> None:
    with pytest.raises(PayloadValidationError) as caught:
        LineItem("x", 1, bad, 25)  # type: ignore[arg-type]
    assert [v.path for v in caught.value.violations] == ["LineItem.unit_price"]


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: LineItem(5, 1, 10, 25), "LineItem.name"),  # type: ignore[arg-type]
        (lambda: Address("Gate 1", 4313, "Sandnes"), "Address.zip"),  # type: ignore[arg-type]
        (
            lambda: Customer.private(
                "Kari", email="k@example.com", msisdn="1", address=ADDRESS, personal_number=28038712383
            ),
            "Customer.personal_number",
        ),  # type: ignore[arg-type]
        (lambda: Customer("business", "Kari", ADDRESS, "k@example.com", "1"), "Customer.type"),  # type: ignore[arg-type]
        (lambda: InvoiceOptions(interval=3), "InvoiceOptions.interval"),  # type: ignore[arg-type]
        (lambda: InvoiceOptions(fee_applicable="yes"), "InvoiceOptions.fee_applicable"),  # type: ignore[arg-type]
        (lambda: Order(lines=[], customer=PRIVATE), "Order.lines"),
        (lambda: Order(lines=["x"], customer=PRIVATE), "Order.lines[0]"),  # type: ignore[list-item]
        (lambda: Order(lines=[LineItem("x", 1, 1, 0)], customer={}), "Order.customer"),  # type: ignore[arg-type]
        (lambda: Order(lines=[LineItem("x", 1, 1, 0)], customer=PRIVATE, order_date="2025-01-01"), "Order.order_date"),  # type: ignore[arg-type]
        (lambda: Order(lines=[LineItem("x", 1, 1, 0)], customer=PRIVATE, date_format="iso"), "Order.date_format"),  # type: ignore[arg-type]
    ],
)
def test_builders_name_the_bad_field(build: Any, path: str) -> None:
    with pytest.raises(PayloadValidationError) as caught:
        build()
    assert [v.path for v in caught.value.violations] == [path]


def test_a_bad_personal_number_is_not_echoed() -> None:
    with pytest.raises(PayloadValidationError) as caught:
        Customer.private("Kari", email="k@example.com", msisdn="1", address=ADDRESS, personal_number=28038712383)  # type: ignore[arg-type]
    assert "28038712383" not in str(caught.value) + repr(caught.value.violations)


@pytest.mark.parametrize("bad", ["abc", "NaN", "Infinity", ""])
def test_unparseable_or_infinite_strings_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"not a number|finite"):
        to_decimal(bad)


def test_builders_are_immutable() -> None:
    line = LineItem("x", 1, 10, 25)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        line.quantity = Decimal(2)  # type: ignore[misc]


def test_no_personal_data_in_reprs() -> None:
    text = repr(order()) + repr(PRIVATE) + str(PRIVATE)
    for secret in ("28038712383", "kari@example.com", "46567468"):
        assert secret not in text


def test_wire_money_is_strings_never_floats() -> None:
    payload = order().to_payload("invoice")
    line = payload["products"][1]
    assert line == {
        "name": "Cable",
        "quantity": "3",
        "rate": "99.90",
        "discount": "10.00",
        "tax": "25",
        "amount": "289.70",
        "productId": None,
    }
    assert payload["orderSummary"] == {
        "subTotal": "4249.62",
        "totalTax": "540.08",
        "totalDiscount": "10.00",
        "grandTotal": "4789.70",
    }

    def floats(value: object) -> list[object]:
        if isinstance(value, dict):
            return [f for v in value.values() for f in floats(v)]
        if isinstance(value, list):
            return [f for v in value for f in floats(v)]
        return [value] if isinstance(value, float) else []

    for endpoint in ("invoice", "ehf", "session"):
        assert floats(order(COMPANY).to_payload(endpoint)) == []


@pytest.mark.parametrize("endpoint", ["invoice", "session", "faktura"])
def test_private_payloads_are_valid(endpoint: str) -> None:
    assert validate(order().to_payload(endpoint), endpoint, clock=lambda: NOW) == []


@pytest.mark.parametrize("endpoint", ["invoice", "ehf", "session"])
def test_corporate_payloads_are_valid(endpoint: str) -> None:
    assert validate(order(COMPANY).to_payload(endpoint), endpoint, clock=lambda: NOW) == []


def test_invoice_payload_shape() -> None:
    payload = order(options=InvoiceOptions(interval=1, maturity_days=14, reference_no="R-1")).to_payload("invoice")
    assert list(payload) == [
        "products",
        "orderSummary",
        "orderDate",
        "customerDetails",
        "invoiceInterval",
        "invoiceMaturity",
        "invoiceFeeApplicable",
        "separateInvoices",
        "referenceNo",
        "customerReference",
        "callback",
    ]
    assert payload["customerDetails"]["personalNumber"] == "28038712383"
    assert payload["customerDetails"]["organizationId"] is None
    assert payload["callback"] == {"callbackUrl": "https://example.com/cb"}
    assert (payload["invoiceInterval"], payload["invoiceMaturity"], payload["referenceNo"]) == (1, 14, "R-1")


def test_ehf_payload_has_the_fields_its_real_server_requires() -> None:
    payload = order(COMPANY, ehf=EhfDelivery(sms=True)).to_payload("ehf")
    assert payload["sendOrderBy"] == {"sms": True, "email": True, "invoice": True}
    assert payload["isCreditCheckAvailable"] is False
    assert payload["invoiceAsPaymentOption"] is True
    details = payload["customerDetails"]
    assert details["preferredLanguage"] == "no"
    assert details["organizationId"] == "123456789"
    assert "personalNumber" not in details
    assert set(payload["invoiceReferences"]) == {
        "referenceNo",
        "customerReference",
        "receiptNo",
        "customerNotes",
        "tnc",
        "invoiceInterval",
        "separateInvoices",
        "invoiceMaturity",
    }


def test_ehf_schedule_is_sent_where_seed_002_reads_it() -> None:
    """Seed 002 nests invoiceInterval, separateInvoices and invoiceMaturity in invoiceReferences for
    /invoice/create/ehf; at the top level (a newer revision's layout for another path) maturity_days=30 could be
    silently ignored."""
    options = InvoiceOptions(interval=2, maturity_days=30, separate_invoices=False)
    payload = order(COMPANY, options=options).to_payload("ehf")
    references = payload["invoiceReferences"]
    assert (references["invoiceInterval"], references["invoiceMaturity"], references["separateInvoices"]) == (
        2,
        30,
        False,
    )
    assert not {"invoiceInterval", "invoiceMaturity", "separateInvoices"} & set(payload)
    assert payload["invoiceFeeApplicable"] is True
    assert validate(payload, "ehf", clock=lambda: NOW) == []


def test_session_payload_shape() -> None:
    private = order().to_payload("session")
    assert "organizationId" not in private["customerDetails"]
    assert private["callback"] == {
        "callbackUrl": "https://example.com/cb",
        "success": "https://example.com/ok",
        "failure": "https://example.com/failed",
    }
    assert "referenceNo" not in private
    corporate = order(COMPANY, fpgo_uuid="ODR4286244937").to_payload("session")
    assert "personalNumber" not in corporate["customerDetails"]
    assert (corporate["fpgoUuid"], corporate["orderFrom"]) == ("ODR4286244937", "PARTNER")


def test_order_date_forms() -> None:
    moment = datetime.datetime(2023, 8, 2, 12, 0, tzinfo=datetime.UTC)
    assert wire_order_date(moment) == str(int(moment.timestamp()))
    assert wire_order_date(moment, "php") == "02 Aug, 2023"
    assert wire_order_date(datetime.date(2023, 12, 5), "php") == "05 Dec, 2023"
    # A date is midnight in Norway (CET in December: 23:00 UTC the day before).
    assert wire_order_date(datetime.date(2023, 12, 5)) == "1701730800"
    assert order_date("1701730800") == datetime.date(2023, 12, 5)
    assert order_date("02 Aug, 2023") == datetime.date(2023, 8, 2)
    assert order_date("31 Feb, 2023") is None


def test_php_date_option_in_payload() -> None:
    payload = order(date_format="php").to_payload("invoice")
    assert payload["orderDate"] == "14 Aug, 2025"


def test_default_order_date_is_the_clock() -> None:
    unset = Order(lines=[LineItem("x", 1, 10, 25)], customer=PRIVATE, callbacks=CALLBACKS)
    assert unset.to_payload("session", clock=lambda: NOW)["orderDate"] == str(int(NOW.timestamp()))


def test_an_order_needs_a_line() -> None:
    with pytest.raises(PayloadValidationError, match=r"Order\.lines: must not be empty"):
        Order(lines=[], customer=PRIVATE)


def test_a_price_with_more_than_two_decimals_is_sent_unrounded_and_validates() -> None:
    """100 x 0.125 at 25 %: the amount is 12.50, so the rate must go out as 0.125 (rounded to 0.13 the line would
    claim 100 x 0.13 = 12.50, which validate() refuses)."""
    line = LineItem("Screw", 100, "0.125", 25, discount="0.005")
    payload = Order(lines=[line], customer=PRIVATE, callbacks=CALLBACKS, order_date=NOW).to_payload("invoice")
    wire_line = payload["products"][0]
    assert (wire_line["rate"], wire_line["discount"], wire_line["amount"]) == ("0.125", "0.005", "12.50")
    assert validate(payload, "invoice", clock=lambda: NOW) == []
    # Prices with at most two decimals keep their two-decimal form on the wire.
    assert order().to_payload("invoice")["products"][1]["rate"] == "99.90"


from hypothesis import given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_four_places = st.decimals(min_value=0, max_value=10_000, places=4, allow_nan=False, allow_infinity=False)
_line = st.builds(
    lambda quantity, price, share, rate: LineItem(
        "Item", quantity, price, rate, discount=(quantity * price * share).quantize(Decimal("0.0001"))
    ),
    st.decimals(min_value=0, max_value=1_000, places=4, allow_nan=False, allow_infinity=False),
    _four_places,
    st.sampled_from([Decimal(0), Decimal("0.1"), Decimal("0.3333"), Decimal(1)]) | st.decimals(0, 1, places=4),
    st.sampled_from([0, 12, 15, 25]),
)


@hypothesis_settings(max_examples=150)
@given(
    st.lists(_line, min_size=1, max_size=6),
    st.sampled_from(["invoice", "ehf", "session", "faktura"]),
    st.sampled_from([PRIVATE, COMPANY]),
)
def test_builder_output_always_validates(lines: list[LineItem], endpoint: str, customer: Customer) -> None:
    """Random quantities, prices and discounts with up to four decimals, every VAT rate, every endpoint."""
    customer = COMPANY if endpoint == "ehf" else customer  # EHF is for corporate customers only
    payload = Order(lines=lines, customer=customer, callbacks=CALLBACKS, order_date=NOW).to_payload(endpoint)  # type: ignore[arg-type]
    assert validate(payload, endpoint, clock=lambda: NOW) == []
