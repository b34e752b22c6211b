"""What every typed result keeps of its response (``RawResponse``), and Katsu Pay's invoice.

The Frontpayment results (``OrderCreated``, ``OrderStatus``, ...) are generated from the spec's response schemas
into ``_surface.py``; they are re-exported from the package root."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import attrs
import httpx

from .ratelimit import RateLimit


@attrs.frozen
class RawResponse:
    """What came back: ``status_code``, ``headers``, ``content`` (bytes), ``json`` (the decoded body, numbers as
    Decimal) and ``parsed`` (Katsu Pay: the generated client's model; Frontpayment: None, since the typed result is
    read from the spec's schema directly). Not shown in ``repr`` beyond the status, so logs stay short and clean."""

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
