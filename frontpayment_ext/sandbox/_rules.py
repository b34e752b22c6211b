"""Laravel's rules for the lifecycle bodies the spec does not describe yet (cancel, refund, refund approval,
resend), as ``shared/api-lifecycle.md`` prints them, with the server's trimming and ``""``-to-null applied first.
Each function returns the 417 messages, worded as Laravel words them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from frontpayment_ext.schema import is_email

from ._laravel import attribute

# PHP's is_numeric: optional surrounding whitespace, a sign, digits with an optional fraction, an exponent.
_PHP_NUMERIC = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")
REFUND_TYPES = ("regular", "invoiced", "reservation")

Rules = Callable[[dict[str, Any]], list[str]]


def laravel_input(value: Any) -> Any:
    """What the rules see: strings trimmed (TrimStrings), empty strings null (ConvertEmptyStringsToNull)."""
    if isinstance(value, str):
        trimmed = value.strip()
        return trimmed or None
    if isinstance(value, dict):
        return {k: laravel_input(v) for k, v in value.items()}
    if isinstance(value, list):
        return [laravel_input(v) for v in value]
    return value


def is_numeric(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and _PHP_NUMERIC.match(value) is not None


def _present(value: Any) -> bool:
    return value is not None and value not in ([], {})


def _required(body: dict[str, Any], key: str, out: list[str]) -> bool:
    if not _present(body.get(key)):
        out.append(f"The {attribute(key)} field is required.")
        return False
    return True


def _string(body: dict[str, Any], key: str, out: list[str]) -> None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        out.append(f"The {attribute(key)} must be a string.")


def cancel_rules(body: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if _required(body, "cancellationNote", out):
        _string(body, "cancellationNote", out)
    return out


def refund_rules(body: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if _required(body, "type", out):
        if not isinstance(body["type"], str):
            out.append("The type must be a string.")
        elif body["type"] not in REFUND_TYPES:
            out.append("The selected type is invalid.")
    if _required(body, "grandTotal", out) and not is_numeric(body["grandTotal"]):
        out.append("The grand total must be a number.")
    products = body.get("products")
    if _required(body, "products", out):
        if not isinstance(products, list | dict):
            out.append("The products must be an array.")
        else:
            items = products.items() if isinstance(products, dict) else enumerate(products)
            for key, item in items:
                line = item if isinstance(item, dict) else {}
                for field in ("id", "amount"):
                    if not _present(line.get(field)):
                        out.append(f"The products.{key}.{field} field is required.")
                    elif not is_numeric(line[field]):
                        out.append(f"The products.{key}.{field} must be a number.")
    for field in ("source", "reference"):
        if body.get("type") == "reservation" and not _present(body.get(field)):
            out.append(f"The {field} field is required when type is reservation.")
        _string(body, field, out)
    return out


def refund_approval_rules(body: dict[str, Any]) -> list[str]:
    out = refund_rules(body)
    if _required(body, "message", out):
        _string(body, "message", out)
    return out


def resend_rules(body: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key in ("countryCode", "msisdn", "email"):
        _string(body, key, out)
    if body.get("msisdn") is not None and body.get("countryCode") is None:
        out.append("The country code field is required when msisdn is present.")
    if body.get("countryCode") is not None and body.get("msisdn") is None:
        out.append("The msisdn field is required when country code is present.")
    email = body.get("email")
    if email is None and body.get("msisdn") is None:
        out.append("The email field is required when msisdn is not present.")
    elif isinstance(email, str) and not is_email(email):
        out.append("The email must be a valid email address.")
    return out
