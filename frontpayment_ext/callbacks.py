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
    # then confirm the order's status with the API, and its amount with your own order record, before acting

Why the forms are strict. The values are hashed run together, without separators or key names, so one genuine
notification can be re-read with its value boundaries moved and its keys renamed, keeping the checksum valid
(``amount=100&createdAt=1755764131`` hashes like ``amount=1001&createdAt=755764131``). The scheme is the vendor's
and cannot change, so the only defence on this side is to accept exactly the documented keys, each once, each in
its exact documented form, and nothing else:

- ``orderUuid``: ``ODR`` and digits, as the API writes order ids (``ODR4286244937``);
- ``status``: one of the documented status words (ASCII, any case; see ``STATUSES``);
- ``paymentMethod``: one word of ASCII letters (``Visa``, ``mastercard``, ``invoice``);
- ``amount``: a plain decimal, no sign, no leading zero, at most two decimals (``100``, ``4500.00``);
- ``createdAt`` and ``timestamp``: Unix seconds, ten digits; ``createdAt`` not after ``timestamp``;
- ``checksum``: 64 hex digits.

A notification in any other form is refused, even if genuine: tell us, rather than loosening the forms. Keep your
own identifiers in the callback URL's path, not its query: a query parameter Frontpayment did not document is
refused.

What strict forms cannot close. Letters never trade with digits, and no status word can give letters to, or take
them from, a neighbouring payment-method word and still be a status word, so the status and payment method cannot
be moved. But where the sender puts the amount next to another value made of digits (an ``amount`` without
decimals before or after ``createdAt`` or ``timestamp``, or any ``amount`` right after ``orderUuid``), digits can
still trade between them and their names can be swapped: the documented example's
``amount=100&createdAt=1755764131&timestamp=1755764131`` also verifies as
``createdAt=1001755764&amount=131&timestamp=1755764131``. So a verified notification proves that Frontpayment sent
*something* about this merchant's order; it does not prove the amount, and where ``orderUuid`` meets ``amount`` not
even which order. Close it by never acting on the notification's own values: fetch the order's status from the API
(``get_invoice_number`` returns it today; an order-status call is being added) and compare the amount with your own
order record before fulfilling. ``examples/callback_receiver_flask.py`` shows the pattern.

``scheme="legacy"`` signs only ``orderUuid``, ``status`` and ``createdAt``: ``amount``, ``timestamp`` and
``paymentMethod`` can be anything an attacker likes, so the notification carries them only in ``unsigned`` (never
act on them), its ``amount``/``timestamp``/``payment_method`` are None, and freshness cannot be checked: that
scheme requires ``max_age=None`` explicitly, and a replay of any old notification verifies.

The checksum is compared in constant time. Order matters: pass the raw query string, or a mapping that keeps the
order the parameters arrived in (Flask's ``request.args`` and Starlette's ``request.query_params`` do, and their
repeated keys are seen and refused).
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import hmac
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import parse_qsl

import attrs

from .errors import ConfigurationError, FrontpaymentError

Scheme = Literal["values", "legacy"]
FUTURE_SKEW = 300.0  # seconds a timestamp may lie ahead of our clock (clock drift between the two sides)
MAX_FIELDS = 32  # a genuine notification has seven; more is an attack or a mistake, refused before any work

#: The status words the documents name for orders and callbacks (``RESEVRED`` is the documents' own misspelling,
#: accepted in case the server spells it so too). Compared case-insensitively; ``status`` keeps the sender's case.
STATUSES = frozenset(
    {
        "SENT", "INVOICED", "PAID", "CANCELLED", "EXPIRED", "REFUNDED", "PARTIAL REFUNDED", "INKASSO", "PURRING",
        "RESERVED", "RESEVRED", "CAPTURED", "CHARGED", "SUCCESS",
    }
)  # fmt: skip

_ORDER_UUID = re.compile(r"ODR[0-9]+")
_PAYMENT_METHOD = re.compile(r"[A-Za-z]+")
_AMOUNT = re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]{1,2})?")
_UNIX_SECONDS = re.compile(r"[1-9][0-9]{9}")
_CHECKSUM = re.compile(r"[0-9a-fA-F]{64}")

_VALUES_KEYS = ("orderUuid", "status", "createdAt", "paymentMethod", "amount", "timestamp")
_LEGACY_SIGNED = ("orderUuid", "status", "createdAt")
_LEGACY_UNSIGNED = ("paymentMethod", "amount", "timestamp")


def _is_status(value: str) -> bool:
    return value.isascii() and value.upper() in STATUSES


_FORMS: dict[str, tuple[Callable[[str], bool], str]] = {
    "orderUuid": (lambda v: _ORDER_UUID.fullmatch(v) is not None, "ODR followed by digits"),
    "status": (_is_status, "one of the documented status words"),
    "paymentMethod": (lambda v: _PAYMENT_METHOD.fullmatch(v) is not None, "one word of ASCII letters"),
    "amount": (lambda v: _AMOUNT.fullmatch(v) is not None, "a decimal such as 100 or 4500.00"),
    "createdAt": (lambda v: _UNIX_SECONDS.fullmatch(v) is not None, "Unix seconds (ten digits)"),
    "timestamp": (lambda v: _UNIX_SECONDS.fullmatch(v) is not None, "Unix seconds (ten digits)"),
}


class CallbackVerificationError(FrontpaymentError):
    """The notification is not authentic, not in the documented form, or not fresh; answer 403 and do not act on
    it. ``reason`` says why; it names parameters but never repeats a value, the secret or the expected checksum."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"callback rejected: {reason}")


@attrs.frozen
class CallbackNotification:
    """A verified notification: every field here is covered by the checksum. Still confirm the order's status with
    the API before acting (see the module docstring for what the checksum cannot pin down).

    ``params`` keeps the signed parameters as received, in order. ``unsigned`` (legacy scheme only) holds values
    that came with the notification but that the checksum does not cover: anyone could have written them.
    """

    order_uuid: str
    status: str
    created_at: datetime.datetime
    payment_method: str | None
    amount: Decimal | None
    timestamp: datetime.datetime | None
    params: tuple[tuple[str, str], ...]
    scheme: Scheme = "values"
    unsigned: Mapping[str, str] = attrs.field(factory=dict, hash=False)


class _Unset(enum.Enum):
    UNSET = enum.auto()


def _pairs(query: object) -> list[tuple[str, str]]:
    if isinstance(query, bytes | bytearray):
        query = bytes(query).decode("utf-8", errors="strict")
    if isinstance(query, str):
        text = query.removeprefix("?")
        return parse_qsl(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS)
    items: list[Any]
    if isinstance(query, Mapping):
        getlist = getattr(query, "getlist", None)  # a multi-dict (Werkzeug, Starlette): see every repeated value
        items = [(k, v) for k in query for v in getlist(k)] if callable(getlist) else list(query.items())
    elif isinstance(query, Sequence):
        items = list(query)
    else:
        raise TypeError("not a query")
    if len(items) > MAX_FIELDS:
        raise ValueError("too many fields")
    pairs: list[tuple[str, str]] = []
    for item in items:
        key, value = item  # ValueError or TypeError unless a pair
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("keys and values must be strings")
        pairs.append((key, value))
    return pairs


def _seconds(value: str) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(int(value), datetime.UTC)


def _show(key: str) -> str:
    """An undocumented key, quoted and cut short (it is the sender's text, not ours)."""
    return repr(key if len(key) <= 32 else key[:32] + "...")


def expected_checksum(pairs: Sequence[tuple[str, str]], secret: str, scheme: Scheme = "values") -> str:
    """The checksum Frontpayment computes for these parameters (``checksum`` itself left out)."""
    if scheme == "legacy":
        values = dict(pairs)
        message = "".join(values.get(k, "") for k in _LEGACY_SIGNED) + secret
    else:
        message = "".join(v for k, v in pairs if k != "checksum") + secret
    return hashlib.sha256(message.encode("utf-8")).hexdigest()


def _check_shape(pairs: list[tuple[str, str]], scheme: Scheme) -> dict[str, str]:
    """Exactly the documented keys, each once, each value in its documented form; the values by key."""
    required = _VALUES_KEYS if scheme == "values" else _LEGACY_SIGNED
    optional = () if scheme == "values" else _LEGACY_UNSIGNED
    values: dict[str, str] = {}
    for key, value in pairs:
        if key == "checksum":
            continue
        if key not in required and key not in optional:
            raise CallbackVerificationError(f"undocumented parameter {_show(key)}")
        if key in values:
            raise CallbackVerificationError(f"parameter {key!r} appears more than once")
        check, form = _FORMS[key]
        if not check(value):
            raise CallbackVerificationError(f"{key!r} is not {form}")
        values[key] = value
    missing = [k for k in required if k not in values]
    if missing:
        raise CallbackVerificationError("missing parameter " + ", ".join(repr(k) for k in missing))
    return values


def _check_max_age(max_age: float | _Unset | None, scheme: Scheme) -> float | None:
    if scheme == "legacy":
        if max_age is not None:
            raise ConfigurationError(
                "scheme='legacy' does not sign the timestamp, so freshness cannot be checked: pass max_age=None "
                "(a replayed notification will verify), and confirm the order's status with the API before acting"
            )
        return None
    if isinstance(max_age, _Unset):
        return 300.0
    number = isinstance(max_age, int | float) and not isinstance(max_age, bool)
    if max_age is not None and not (number and math.isfinite(max_age) and max_age > 0):
        raise ConfigurationError("max_age must be a positive number of seconds, or None to skip the freshness check")
    return max_age


def verify_callback(
    query: str | bytes | Mapping[str, str] | Sequence[tuple[str, str]],
    secret: str,
    *,
    max_age: float | _Unset | None = _Unset.UNSET,
    now: Callable[[], datetime.datetime] | None = None,
    scheme: Scheme = "values",
    own_params: Collection[str] = (),
) -> CallbackNotification:
    """Check a callback's form, its checksum (constant time) and, unless ``max_age`` is None, that its
    ``timestamp`` is at most ``max_age`` seconds old (default 300). Returns the notification, or raises
    ``CallbackVerificationError``. With ``scheme="legacy"``, ``max_age=None`` is required (``ConfigurationError``
    otherwise, the default included): that scheme does not sign the timestamp.

    ``own_params`` names the parameters of your own callback URL (seed 003's example URL carries
    ``?order_identifier=...&order_status=...``): they are left out of the checksum and of the strict key check, may
    each appear once, and come back in ``notification.unsigned``, since nothing signs them. Whether Frontpayment
    includes such parameters in its checksum is not documented; the sandbox does not.

    A verified notification can still have had digits traded between two adjacent all-digit values (see the module
    docstring): confirm the status with the API and the amount with your own records before fulfilling."""
    if not secret:
        raise ConfigurationError("verify_callback needs the merchant's secret key from Frontpayment")
    if scheme not in ("values", "legacy"):
        raise ConfigurationError("scheme must be 'values' or 'legacy'")
    limit = _check_max_age(max_age, scheme)
    try:
        pairs = _pairs(query)
    except (UnicodeError, ValueError, TypeError) as exc:
        raise CallbackVerificationError(f"unreadable query ({type(exc).__name__})") from None
    own = frozenset(own_params)
    if own & {*_VALUES_KEYS, "checksum"}:
        raise ConfigurationError("own_params must not name a key Frontpayment sends (orderUuid, status, ...)")
    mine = [(k, v) for k, v in pairs if k in own]
    if len({k for k, _ in mine}) != len(mine):
        raise CallbackVerificationError("a parameter of your own callback URL appears more than once")
    pairs = [(k, v) for k, v in pairs if k not in own]
    given = [v for k, v in pairs if k == "checksum"]
    if len(given) != 1:
        raise CallbackVerificationError("missing checksum" if not given else "more than one checksum")
    if _CHECKSUM.fullmatch(given[0]) is None:
        raise CallbackVerificationError("checksum is not 64 hex digits")
    values = _check_shape(pairs, scheme)
    expected = expected_checksum(pairs, secret, scheme)
    if not hmac.compare_digest(expected.encode(), given[0].lower().encode()):
        raise CallbackVerificationError("checksum does not match")
    created_at = _seconds(values["createdAt"])
    if scheme == "legacy":
        return CallbackNotification(
            order_uuid=values["orderUuid"],
            status=values["status"],
            created_at=created_at,
            payment_method=None,
            amount=None,
            timestamp=None,
            params=tuple((k, v) for k, v in pairs if k in _LEGACY_SIGNED),
            scheme="legacy",
            unsigned={**{k: v for k, v in values.items() if k in _LEGACY_UNSIGNED}, **dict(mine)},
        )
    stamp = _seconds(values["timestamp"])
    if (created_at - stamp).total_seconds() > FUTURE_SKEW:
        raise CallbackVerificationError("createdAt lies after timestamp")
    if limit is not None:
        current = (now or (lambda: datetime.datetime.now(datetime.UTC)))()
        age = (current - stamp).total_seconds()
        if age > limit:
            raise CallbackVerificationError(f"stale: sent {age:.0f} s ago, more than {limit:.0f} s")
        if age < -FUTURE_SKEW:
            raise CallbackVerificationError("timestamp lies in the future")
    return CallbackNotification(
        order_uuid=values["orderUuid"],
        status=values["status"],
        created_at=created_at,
        payment_method=values["paymentMethod"],
        amount=Decimal(values["amount"]),
        timestamp=stamp,
        params=tuple((k, v) for k, v in pairs if k != "checksum"),
        unsigned=dict(mine),
    )
