"""The client-side checks of the calls that change an order after it was sent, beyond what their schemas say.

The server's own rules here are not documented (only `required|numeric` on each amount), so these are the
inferences ``shared/api-lifecycle.md`` draws, and the docs say so: a refund's amounts are positive and add up to its
``grandTotal``; a resent link goes somewhere (e-mail, or SMS with both the country code and the number). They see
the payload as the server does, after trimming and blank-to-null.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from .violations import Violation

Number = Callable[[Any], Decimal | None]


def check_refund(payload: Mapping[str, Any], number: Number) -> Iterator[Violation]:
    """Every amount positive, and ``grandTotal`` equal to the sum of ``products.*.amount`` (Decimal, exact)."""
    products = payload.get("products")
    if isinstance(products, Mapping):  # an object keyed "0", "1", ...: Laravel's `array` rule accepts it
        products = list(products.values())
    amounts: list[Decimal] = []
    if isinstance(products, list):
        for i, product in enumerate(products):
            value = product.get("amount") if isinstance(product, Mapping) else None
            amount = number(value)
            if amount is None:
                continue  # not a number: the schema reports it
            if amount <= 0:
                yield Violation(f"products[{i}].amount", "must be a positive amount", "more than 0", value)
            amounts.append(amount)
    grand_value = payload.get("grandTotal")
    grand = number(grand_value)
    if grand is None:
        return
    if grand <= 0:
        yield Violation("grandTotal", "must be a positive amount", "more than 0", grand_value)
    if isinstance(products, list) and len(amounts) == len(products) and amounts and grand != sum(amounts):
        yield Violation("grandTotal", "must equal the sum of products.*.amount", f"{sum(amounts):f}", grand_value)


def check_contact_channel(payload: Mapping[str, Any], number: Number) -> Iterator[Violation]:
    """At least one channel: ``email``, or SMS with both ``countryCode`` and ``msisdn``."""
    has_email = payload.get("email") is not None
    has_sms = payload.get("msisdn") is not None and payload.get("countryCode") is not None
    if not has_email and not has_sms:
        yield Violation(
            "<root>",
            "needs at least one channel to resend the link by",
            "email, or countryCode with msisdn",
            "neither",
        )
