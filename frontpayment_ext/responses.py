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


def decode_json(response: httpx.Response) -> Any:
    """The body as JSON (floats as Decimal, NaN/Infinity refused), or ``MalformedResponseError``."""
    content = response.content
    if not content.strip():
        raise MalformedResponseError("empty body", status_code=response.status_code, body=content, response=response)
    try:
        return json.loads(content, parse_float=Decimal, parse_constant=_reject_constant)
    except (ValueError, RecursionError, UnicodeDecodeError) as exc:
        kind = response.headers.get("content-type", "no content type")
        raise MalformedResponseError(
            f"body is not JSON ({kind}): {type(exc).__name__}",
            status_code=response.status_code,
            body=content,
            response=response,
        ) from None


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
    cls = error_class_for_status(status)
    return cls(
        status_code=status,
        message=message,
        errors=errors,
        response=response,
        operation=operation,
        outcome_unknown=outcome_unknown and issubclass(cls, ServerError),
        redactor=redactor,
    )


def decode_object(response: httpx.Response, *, operation: str) -> dict[str, Any]:
    """The body as a JSON object, or ``MalformedResponseError``."""
    body = decode_json(response)
    if not isinstance(body, dict):
        raise MalformedResponseError(
            f"{operation}: expected a JSON object",
            status_code=response.status_code,
            body=response.content,
            response=response,
        )
    return body


def build_model(
    response: httpx.Response, build: Callable[[dict[str, Any]], T], body: dict[str, Any], *, operation: str
) -> T:
    """A generated model from the body; any failure of the generated parser is ``MalformedResponseError``."""
    try:
        return build(body)
    except Exception as exc:  # noqa: BLE001 - any failure of the generated parser means "not the documented shape"
        raise MalformedResponseError(
            f"{operation}: envelope does not match the documented schema ({type(exc).__name__})",
            status_code=response.status_code,
            body=response.content,
            response=response,
        ) from None


def decode_envelope(
    response: httpx.Response, build: Callable[[dict[str, Any]], T], *, operation: str, elapsed: float = 0.0
) -> tuple[T, RawResponse]:
    """Decode a 2xx Frontpayment envelope with ``build`` (a generated model's ``from_dict``)."""
    body = decode_object(response, operation=operation)
    if not isinstance(body.get("data"), dict):
        raise MalformedResponseError(
            f"{operation}: expected an envelope with a `data` object",
            status_code=response.status_code,
            body=response.content,
            response=response,
        )
    model = build_model(response, build, body, operation=operation)
    return model, raw(response, body, model, elapsed)
