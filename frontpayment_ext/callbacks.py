"""Verifying Frontpayment's callback notifications.

Frontpayment calls your ``callback.callbackUrl`` with an HTTP GET whose query holds ``orderUuid``, ``status``,
``createdAt``, ``paymentMethod``, ``amount``, ``timestamp`` and ``checksum``. ``checksum`` is the lowercase hex
SHA-256 of the other query values (URL-decoded), concatenated in the order received, followed by your secret key.
Older revisions of the documents hashed ``orderUuid . status . createdAt . secret``; pass ``scheme="legacy"`` for
those.

    from frontpayment_ext import verify_callback, CallbackVerificationError

    try:
        notification = verify_callback(request.query_string, secret=SECRET, max_age=300)
    except CallbackVerificationError:
        return 403

The checksum is compared in constant time. Order matters: pass the raw query string, or a mapping or list of
pairs that keeps the order the parameters arrived in (Flask's ``request.args`` and Starlette's
``request.query_params`` do).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Literal
from urllib.parse import parse_qsl

import attrs

from .errors import ConfigurationError, FrontpaymentError

Scheme = Literal["values", "legacy"]
FUTURE_SKEW = 300.0  # seconds a timestamp may lie ahead of our clock (clock drift between the two sides)


class CallbackVerificationError(FrontpaymentError):
    """The notification is not authentic or not fresh; answer 403 and do not act on it. ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"callback rejected: {reason}")


@attrs.frozen
class CallbackNotification:
    """A verified notification. ``params`` keeps every query parameter as received (checksum excluded)."""

    order_uuid: str | None
    status: str | None
    created_at: str | None
    payment_method: str | None
    amount: Decimal | None
    timestamp: datetime.datetime | None
    params: tuple[tuple[str, str], ...]


def _pairs(query: str | bytes | Mapping[str, str] | Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    if isinstance(query, bytes):
        query = query.decode("utf-8", errors="strict")
    if isinstance(query, str):
        return parse_qsl(query.lstrip("?"), keep_blank_values=True)
    if isinstance(query, Mapping):
        return [(str(k), str(v)) for k, v in query.items()]
    return [(str(k), str(v)) for k, v in query]


def _parse_timestamp(value: str) -> datetime.datetime | None:
    text = value.strip()
    if text.isdigit():
        seconds = int(text)
        if seconds > 10**11:  # milliseconds
            seconds //= 1000
        try:
            return datetime.datetime.fromtimestamp(seconds, datetime.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    try:
        parsed = datetime.datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.UTC)


def expected_checksum(pairs: Sequence[tuple[str, str]], secret: str, scheme: Scheme = "values") -> str:
    """The checksum Frontpayment computes for these parameters (``checksum`` itself left out)."""
    values = dict(pairs)
    if scheme == "legacy":
        message = "".join(values.get(k, "") for k in ("orderUuid", "status", "createdAt")) + secret
    else:
        message = "".join(v for k, v in pairs if k != "checksum") + secret
    return hashlib.sha256(message.encode("utf-8")).hexdigest()


def verify_callback(
    query: str | bytes | Mapping[str, str] | Sequence[tuple[str, str]],
    secret: str,
    *,
    max_age: float | None = 300.0,
    now: Callable[[], datetime.datetime] | None = None,
    scheme: Scheme = "values",
) -> CallbackNotification:
    """Check a callback's checksum (constant time) and, unless ``max_age`` is None, that its ``timestamp`` is at
    most ``max_age`` seconds old. Returns the notification, or raises ``CallbackVerificationError``."""
    if not secret:
        raise ConfigurationError("verify_callback needs the merchant's secret key from Frontpayment")
    try:
        pairs = _pairs(query)
    except (UnicodeDecodeError, ValueError, TypeError) as exc:
        raise CallbackVerificationError(f"unreadable query ({type(exc).__name__})") from None
    given = [v for k, v in pairs if k == "checksum"]
    if len(given) != 1:
        raise CallbackVerificationError("missing checksum" if not given else "more than one checksum")
    expected = expected_checksum(pairs, secret, scheme)
    if not hmac.compare_digest(expected.encode(), given[0].strip().lower().encode("utf-8", "replace")):
        raise CallbackVerificationError("checksum does not match")
    values = {k: v for k, v in pairs if k != "checksum"}
    stamp = _parse_timestamp(values["timestamp"]) if "timestamp" in values else None
    if max_age is not None:
        if stamp is None:
            raise CallbackVerificationError("missing or unreadable timestamp")
        current = (now or (lambda: datetime.datetime.now(datetime.UTC)))()
        age = (current - stamp).total_seconds()
        if age > max_age:
            raise CallbackVerificationError(f"stale: sent {age:.0f} s ago, more than {max_age:.0f} s")
        if age < -FUTURE_SKEW:
            raise CallbackVerificationError("timestamp lies in the future")
    try:
        amount = Decimal(values["amount"]) if values.get("amount") else None
    except InvalidOperation:
        amount = None
    return CallbackNotification(
        order_uuid=values.get("orderUuid"),
        status=values.get("status"),
        created_at=values.get("createdAt"),
        payment_method=values.get("paymentMethod"),
        amount=amount if amount is None or amount.is_finite() else None,
        timestamp=stamp,
        params=tuple((k, v) for k, v in pairs if k != "checksum"),
    )
