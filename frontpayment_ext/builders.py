"""Typed, immutable builders for an order, which compute every amount in Decimal and emit exactly the payload each
endpoint documents.

Prices are unit prices including VAT (as Frontpayment's documented example with VAT shows). Each line's amount is
``quantity x unit_price - discount`` rounded to ore half up; its VAT is the VAT contained in that amount at its rate,
rounded likewise; the order summary sums the rounded line values (see ``money``). Money goes on the wire as strings
with two decimals, never as floats.

    order = Order(
        lines=[LineItem("Hair wash", quantity=1, unit_price="499.00", vat_rate=25)],
        customer=Customer.private("Kari Nordmann", email="kari@example.com", msisdn="46567468",
                                  address=Address("Luramyrveien 65", "4313", "Sandnes")),
        callbacks=Callbacks(callback_url="https://example.com/callback"),
    )
    payload = order.to_payload("invoice")
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

import attrs

from .dates import DateFormat, wire_order_date
from .money import MoneyInput, round_ore, to_decimal, vat_included, wire, wire_number
from .validation import Clock, utc_now

Endpoint = Literal["invoice", "ehf", "session"]


def _quantity(value: MoneyInput) -> Decimal:
    return to_decimal(value, what="quantity")


def _price(value: MoneyInput) -> Decimal:
    return to_decimal(value, what="unit_price")


def _rate(value: MoneyInput) -> Decimal:
    return to_decimal(value, what="vat_rate")


def _discount(value: MoneyInput) -> Decimal:
    return to_decimal(value, what="discount")


@attrs.frozen
class LineItem:
    """One order line: ``unit_price`` includes VAT; ``vat_rate`` is in percent; ``discount`` is in NOK."""

    name: str
    quantity: Decimal = attrs.field(converter=_quantity)
    unit_price: Decimal = attrs.field(converter=_price)
    vat_rate: Decimal = attrs.field(converter=_rate)
    discount: Decimal = attrs.field(default=Decimal(0), converter=_discount)
    product_id: str | None = None

    @property
    def amount(self) -> Decimal:
        """The line's total including VAT, rounded to ore."""
        return round_ore(self.quantity * self.unit_price - self.discount)

    @property
    def vat(self) -> Decimal:
        """The VAT contained in the line's amount, rounded to ore."""
        return vat_included(self.amount, self.vat_rate)

    def to_wire(self, endpoint: Endpoint) -> dict[str, Any]:
        line: dict[str, Any] = {
            "name": self.name,
            "quantity": wire_number(self.quantity),
            "rate": wire(self.unit_price),
            "discount": wire(self.discount),
            "tax": wire_number(self.vat_rate),
            "amount": wire(self.amount),
        }
        if self.product_id is not None or endpoint != "session":
            line["productId"] = self.product_id
        return line


@attrs.frozen
class OrderSummary:
    """Totals: ``grand_total`` (gross), ``total_tax`` (VAT in it), ``sub_total`` (net), ``total_discount``."""

    sub_total: Decimal
    total_tax: Decimal
    total_discount: Decimal
    grand_total: Decimal

    @classmethod
    def of(cls, lines: Iterable[LineItem]) -> OrderSummary:
        lines = list(lines)
        grand = sum((line.amount for line in lines), Decimal(0))
        tax = sum((line.vat for line in lines), Decimal(0))
        discount = sum((line.discount for line in lines), Decimal(0))
        return cls(grand - tax, tax, discount, grand)

    def to_wire(self) -> dict[str, str]:
        return {
            "subTotal": wire(self.sub_total),
            "totalTax": wire(self.total_tax),
            "totalDiscount": wire(self.total_discount),
            "grandTotal": wire(self.grand_total),
        }


@attrs.frozen
class Address:
    street: str
    zip: str
    city: str
    country: str = "NO"

    def to_wire(self) -> dict[str, str]:
        return {"street": self.street, "zip": self.zip, "city": self.city, "country": self.country}


@attrs.frozen
class Customer:
    """A private person or a company. Personal number, e-mail and phone never appear in ``repr``."""

    type: Literal["private", "corporate"]
    name: str
    address: Address
    email: str = attrs.field(repr=False)
    msisdn: str = attrs.field(repr=False)
    country_code: str = "+47"
    personal_number: str | None = attrs.field(default=None, repr=False)
    organization_id: str | None = None
    preferred_language: str = "no"
    customer_uuid: str | None = None

    @classmethod
    def private(
        cls,
        name: str,
        *,
        email: str,
        msisdn: str,
        address: Address,
        personal_number: str | None = None,
        country_code: str = "+47",
        preferred_language: str = "no",
    ) -> Customer:
        return cls("private", name, address, email, msisdn, country_code, personal_number, None, preferred_language)

    @classmethod
    def corporate(
        cls,
        name: str,
        *,
        organization_id: str,
        email: str,
        msisdn: str,
        address: Address,
        country_code: str = "+47",
        preferred_language: str = "no",
        customer_uuid: str | None = None,
    ) -> Customer:
        return cls(
            "corporate",
            name,
            address,
            email,
            msisdn,
            country_code,
            None,
            organization_id,
            preferred_language,
            customer_uuid,
        )

    def to_wire(self, endpoint: Endpoint) -> dict[str, Any]:
        details: dict[str, Any] = {
            "type": self.type,
            "countryCode": self.country_code,
            "msisdn": self.msisdn,
            "email": self.email,
            "name": self.name,
            "preferredLanguage": self.preferred_language,
        }
        if endpoint == "ehf":
            details["organizationId"] = self.organization_id
            if self.customer_uuid is not None:
                details["customerUuid"] = self.customer_uuid
        elif endpoint == "session":
            if self.type == "private":
                details["personalNumber"] = self.personal_number
            else:
                details["organizationId"] = self.organization_id
        else:
            details["personalNumber"] = self.personal_number
            details["organizationId"] = self.organization_id
        details["address"] = self.address.to_wire()
        return details


@attrs.frozen
class InvoiceOptions:
    """How the invoice is sent and what it carries. ``interval``: 0 daily, 1 monthly, 2 twice a month."""

    interval: Literal[0, 1, 2] = 0
    maturity_days: int = 10
    fee_applicable: bool = True
    separate_invoices: bool = True
    reference_no: str | None = None
    customer_reference: str | None = None
    receipt_no: str | None = None
    customer_notes: str | None = None
    terms: str | None = None
    internal_reference_no: str | None = None
    internal_notes: str | None = None


@attrs.frozen
class EhfDelivery:
    """The EHF endpoint's delivery switches, which its real server requires."""

    sms: bool = False
    email: bool = True
    invoice: bool = True
    credit_check_available: bool = False
    invoice_as_payment_option: bool = True


@attrs.frozen
class Callbacks:
    """``callback_url`` is notified of status changes (required by Send Invoice); ``success``/``failure`` are where
    the session endpoint sends the customer after BankID (both required there)."""

    callback_url: str | None = None
    success: str | None = None
    failure: str | None = None


def _lines(value: Iterable[LineItem]) -> tuple[LineItem, ...]:
    return tuple(value)


@attrs.frozen
class Order:
    """An order for any of the three endpoints. ``order_date`` defaults to now (the session endpoint wants today
    or later); ``date_format`` chooses how it is written."""

    lines: tuple[LineItem, ...] = attrs.field(converter=_lines, validator=attrs.validators.min_len(1))
    customer: Customer
    order_date: datetime.date | datetime.datetime | None = None
    options: InvoiceOptions = InvoiceOptions()
    callbacks: Callbacks = Callbacks()
    ehf: EhfDelivery = EhfDelivery()
    date_format: DateFormat = "unix"
    fpgo_uuid: str | None = None

    @property
    def summary(self) -> OrderSummary:
        return OrderSummary.of(self.lines)

    def to_payload(self, endpoint: Endpoint, *, clock: Clock = utc_now) -> dict[str, Any]:
        """The JSON payload this endpoint documents, ready for ``validate`` and sending."""
        opts = self.options
        payload: dict[str, Any] = {
            "products": [line.to_wire(endpoint) for line in self.lines],
            "orderSummary": self.summary.to_wire(),
            "orderDate": wire_order_date(self.order_date or clock(), self.date_format),
        }
        if endpoint == "ehf":
            payload |= {
                "sendOrderBy": {"sms": self.ehf.sms, "email": self.ehf.email, "invoice": self.ehf.invoice},
                "isCreditCheckAvailable": self.ehf.credit_check_available,
                "invoiceAsPaymentOption": self.ehf.invoice_as_payment_option,
            }
        payload["customerDetails"] = self.customer.to_wire(endpoint)
        payload |= {
            "invoiceInterval": opts.interval,
            "invoiceMaturity": opts.maturity_days,
            "invoiceFeeApplicable": opts.fee_applicable,
            "separateInvoices": opts.separate_invoices,
        }
        if endpoint == "ehf":
            payload["invoiceReferences"] = {
                "referenceNo": opts.reference_no,
                "customerReference": opts.customer_reference,
                "receiptNo": opts.receipt_no,
                "customerNotes": opts.customer_notes,
                "tnc": opts.terms,
            }
            if opts.internal_reference_no is not None or opts.internal_notes is not None:
                payload["internalReferences"] = {
                    "referenceNo": opts.internal_reference_no,
                    "notes": opts.internal_notes,
                }
        elif endpoint == "invoice":
            payload |= {"referenceNo": opts.reference_no, "customerReference": opts.customer_reference}
        else:
            payload |= {
                k: v
                for k, v in (("referenceNo", opts.reference_no), ("customerReference", opts.customer_reference))
                if v is not None
            }
            if self.fpgo_uuid is not None:
                payload |= {"fpgoUuid": self.fpgo_uuid, "orderFrom": "PARTNER"}
        payload["callback"] = self._callback(endpoint)
        if endpoint == "ehf" and not payload["callback"]:
            del payload["callback"]
        return payload

    def _callback(self, endpoint: Endpoint) -> dict[str, str]:
        cb = self.callbacks
        wanted = [("callbackUrl", cb.callback_url)]
        if endpoint == "session":
            wanted += [("success", cb.success), ("failure", cb.failure)]
        return {k: v for k, v in wanted if v is not None}
