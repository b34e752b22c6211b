"""Typed results of each operation. Each keeps the raw response (status, headers, body, the generated model)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
import httpx

from .ratelimit import RateLimit


@attrs.frozen
class RawResponse:
    """What came back: ``status_code``, ``headers``, ``content`` (bytes), ``json`` (decoded body) and ``parsed`` (the
    generated client's model of it). Not shown in ``repr`` beyond the status, so logs stay short and clean."""

    status_code: int
    headers: httpx.Headers = attrs.field(repr=False)
    content: bytes = attrs.field(repr=False)
    json: Any = attrs.field(repr=False)
    parsed: Any = attrs.field(repr=False)
    elapsed: float = attrs.field(repr=False, default=0.0)

    @property
    def rate_limit(self) -> RateLimit:
        return RateLimit.from_headers(self.headers)


class _HasRaw:
    """What every result offers besides its fields: the rate limit the server advertised with it."""

    raw: RawResponse

    @property
    def rate_limit(self) -> RateLimit:
        return self.raw.rate_limit


@attrs.frozen
class OrderCreated(_HasRaw):
    """Send Invoice / Send EHF Invoice: the new order's UUID and the customer's UUID."""

    order_uuid: str
    customer_uuid: str
    message: str
    raw: RawResponse = attrs.field(repr=False, eq=False)


@attrs.frozen
class InvoiceSession(_HasRaw):
    """Create Session: order and customer UUIDs, and the BankID verification URL (corporate customers)."""

    order_uuid: str
    customer_uuid: str
    bank_id_url: str | None
    message: str
    raw: RawResponse = attrs.field(repr=False, eq=False)


@attrs.frozen
class InvoiceNumber(_HasRaw):
    """An order's invoice number (None until invoiced) and status (an open set of strings)."""

    order_uuid: str
    invoice_number: str | None
    status: str
    message: str
    raw: RawResponse = attrs.field(repr=False, eq=False)


@attrs.frozen
class KatsuInvoice(_HasRaw):
    """A Katsu Pay invoice. Amounts are Decimal read from the body's own digits; integer codes stay integers."""

    id: str
    invoice_id: str | None
    counter_party_name: str | None
    account_name: str | None
    due_date: datetime.datetime | None
    currency: int | None
    discount_type: int | None
    description: str | None
    billing_cycle: int | None
    recuring_invoice: bool | None
    payment_option: int | None
    user_id: str | None
    amount: Decimal | None
    notifications: str | None
    paid_amount: Decimal | None
    created: datetime.datetime | None
    invoice_status: int | None
    before_due_date: int | None
    after_due_date: int | None
    on_due_date: bool | None
    message: str | None
    raw: RawResponse = attrs.field(repr=False, eq=False)
