"""Typed errors: the status mapping, Laravel field paths, and bodies that are not the documented envelope."""

from __future__ import annotations

import httpx
import pytest

from frontpayment_ext import (
    APIStatusError,
    AuthenticationError,
    BusinessLogicError,
    FrontpaymentClient,
    FrontpaymentError,
    MalformedResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ServerValidationError,
    error_class_for_status,
    laravel_path,
)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BusinessLogicError),
        (401, AuthenticationError),
        (403, AuthenticationError),
        (404, NotFoundError),
        (417, ServerValidationError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (510, ServerError),
        (520, ServerError),
        (599, ServerError),
        (418, APIStatusError),
        (302, APIStatusError),
    ],
)
def test_status_maps_to_one_class(status: int, cls: type[APIStatusError]) -> None:
    assert error_class_for_status(status) is cls


@pytest.mark.parametrize(
    ("message", "path"),
    [
        ("The products.0.rate field is required.", "products[0].rate"),
        (
            "The customer details.personal number field is required when submit payment.via is invoice.",
            "customerDetails.personalNumber",
        ),
        ("The order date does not match the format d M, Y.", "orderDate"),
        ("The send order by.sms field is required.", "sendOrderBy.sms"),
        ("The is credit check available field is required.", "isCreditCheckAvailable"),
        ("The customer details.email must be a valid email address.", "customerDetails.email"),
        ("The order summary.shipping cost field is required.", "orderSummary.shippingCost"),
        ("The selected customer details.type is invalid.", "customerDetails.type"),
        ("The products.12.tax must be a number.", "products[12].tax"),
        ("Something else entirely", None),
    ],
)
def test_laravel_messages_give_field_paths(message: str, path: str | None) -> None:
    assert laravel_path(message) == path


def _client(status: int, content: bytes, headers: dict[str, str] | None = None) -> FrontpaymentClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=content, headers=headers))
    return FrontpaymentClient("token", http_client=httpx.Client(transport=transport), max_retries=0)


HOSTILE = [
    (200, b"", MalformedResponseError),
    (200, b"<html><body>Bad gateway</body></html>", MalformedResponseError),
    (200, b'{"status_code": 200', MalformedResponseError),
    (200, b'{"data": NaN}', MalformedResponseError),
    (200, b"\xff\xfe\x00garbage", MalformedResponseError),
    (200, b"[" * 100_000 + b"]" * 100_000, MalformedResponseError),
    (200, b'{"status_code": 200, "message": "ok", "data": {"orderUuid": "x"}}', MalformedResponseError),
    (200, b'{"status_code": 200, "message": "ok", "data": "string"}', MalformedResponseError),
    (520, b"<html>Cloudflare</html>", ServerError),
    (502, b"", ServerError),
    (404, b"not json", NotFoundError),
    (417, b'{"message": "payloadValidationErrors", "errors": {"weird": "shape"}}', ServerValidationError),
    (299, b'{"status_code": 299, "status_message": "x", "message": "m", "data": {}}', MalformedResponseError),
]


@pytest.mark.parametrize(("status", "body", "cls"), HOSTILE, ids=[f"{s}-{b[:20]!r}" for s, b, _ in HOSTILE])
def test_bodies_that_are_not_the_envelope_become_typed_errors(status: int, body: bytes, cls: type) -> None:
    with _client(status, body) as client, pytest.raises(cls) as caught:
        client.get_invoice_number("ODR1")
    error = caught.value
    assert isinstance(error, FrontpaymentError)
    kept = error.body if isinstance(error, MalformedResponseError | APIStatusError) else None
    assert kept == body


def test_unknown_status_is_not_a_crash() -> None:
    """Python's HTTPStatus does not know 520; the generated client's _build_response would raise on it."""
    with _client(520, b"") as client, pytest.raises(ServerError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.status_code == 520


def test_rate_limit_error_reads_retry_after() -> None:
    with _client(429, b"{}", {"Retry-After": "7"}) as client, pytest.raises(RateLimitError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.retry_after == 7.0


def test_errors_as_sent_are_kept_and_redacted() -> None:
    body = b'{"message": "bad", "errors": {"customerDetails": {"email": "kari@example.com"}}, "status_code": 400}'
    with _client(400, body) as client, pytest.raises(BusinessLogicError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.errors == {"customerDetails": {"email": "[REDACTED]"}}
    assert "kari@example.com" not in str(caught.value) + repr(caught.value)
    assert caught.value.body == body  # the raw body is still there for whoever needs it
