"""From an ``httpx.Response`` to a typed result or a typed error, and nothing else.

Whatever the server (or a proxy in front of it) sends, status, headers and bytes, the functions here return a
result or raise a ``FrontpaymentError``: never a ``KeyError``, ``JSONDecodeError`` or ``ValueError`` from
``HTTPStatus`` (the generated ``_build_response`` calls ``HTTPStatus(520)``, which raises, so it is not used).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import httpx

from .errors import APIStatusError, MalformedResponseError, ServerError, error_class_for_status
from .redaction import DEFAULT_REDACTOR, Redactor
from .results import RawResponse

T = TypeVar("T")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def malformed(
    response: httpx.Response, reason: str, *, operation: str = "", outcome_unknown: bool = False
) -> MalformedResponseError:
    """The error for an answer the SDK cannot read, keeping the raw body. ``outcome_unknown`` is for a 2xx to a
    state-changing call: the server may have acted on it."""
    where = f"{operation}: " if operation else ""
    return MalformedResponseError(
        where + reason,
        status_code=response.status_code,
        body=response.content,
        response=response,
        outcome_unknown=outcome_unknown,
        operation=operation,
    )


def decode_json(response: httpx.Response, *, operation: str = "", outcome_unknown: bool = False) -> Any:
    """The body as JSON (floats as Decimal, NaN/Infinity refused), or ``MalformedResponseError``."""
    content = response.content
    if not content.strip():
        raise malformed(response, "empty body", operation=operation, outcome_unknown=outcome_unknown)
    try:
        return json.loads(content, parse_float=Decimal, parse_constant=_reject_constant)
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:
        kind = response.headers.get("content-type", "no content type")
        reason = f"body is not JSON ({kind}): {type(exc).__name__}"
        raise malformed(response, reason, operation=operation, outcome_unknown=outcome_unknown) from None


def raw(response: httpx.Response, body: Any, parsed: Any, elapsed: float = 0.0) -> RawResponse:
    return RawResponse(response.status_code, response.headers, response.content, body, parsed, elapsed)


def status_error(
    response: httpx.Response,
    *,
    operation: str = "",
    outcome_unknown: bool = False,
    redactor: Redactor = DEFAULT_REDACTOR,
) -> APIStatusError:
    """The typed error for a non-2xx response: the envelope's message and errors if there is an envelope,
    otherwise the status line and a note of what the body was (the raw body stays on ``.response``)."""
    status = response.status_code
    try:
        body = json.loads(response.content, parse_float=Decimal, parse_constant=_reject_constant)
    except (ValueError, RecursionError, UnicodeDecodeError):
        body = None
    if isinstance(body, dict):
        message = body.get("message")
        message = message if isinstance(message, str) else response.reason_phrase or f"HTTP {status}"
        errors = body.get("errors")
    else:
        kind = response.headers.get("content-type", "no content type")
        size = len(response.content)
        message = f"{response.reason_phrase or 'error'} (non-envelope body: {kind}, {size} bytes)"
        errors = None
    cls = error_class_for_status(status, message)
    return cls(
        status_code=status,
        message=message,
        errors=errors,
        response=response,
        operation=operation,
        # A 5xx, or a redirect (a 303 after a POST usually means "done, look over there"), may follow the server
        # acting on a state-changing call; a 4xx is the server refusing it.
        outcome_unknown=outcome_unknown and (issubclass(cls, ServerError) or 300 <= status < 400),
        redactor=redactor,
    )


def decode_object(response: httpx.Response, *, operation: str, outcome_unknown: bool = False) -> dict[str, Any]:
    """The body as a JSON object, or ``MalformedResponseError``."""
    body = decode_json(response, operation=operation, outcome_unknown=outcome_unknown)
    if not isinstance(body, dict):
        reason = f"expected a JSON object, got {_kind(body)}"
        raise malformed(response, reason, operation=operation, outcome_unknown=outcome_unknown)
    return body


def build_model(
    response: httpx.Response,
    build: Callable[[dict[str, Any]], T],
    body: dict[str, Any],
    *,
    operation: str,
    outcome_unknown: bool = False,
) -> T:
    """A generated model from the body; any failure of the generated parser is ``MalformedResponseError``."""
    try:
        return build(body)
    except KeyError as exc:  # the generated parser pops each required key
        reason = f"envelope does not match the documented schema (key {str(exc.args[0])[:40]!r} missing)"
        raise malformed(response, reason, operation=operation, outcome_unknown=outcome_unknown) from None
    except Exception as exc:  # noqa: BLE001 - any failure of the generated parser means "not the documented shape"
        reason = f"envelope does not match the documented schema ({type(exc).__name__})"
        raise malformed(response, reason, operation=operation, outcome_unknown=outcome_unknown) from None


def _kind(value: Any) -> str:
    """What a JSON value is, in words, for a message (never the value itself: it may be personal data)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value else "a string"
    return "an array" if isinstance(value, list) else "an object"
