"""Katsu Pay: every documented response, both clients, the three auth forms, Decimal amounts."""

from __future__ import annotations

import asyncio
import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from cassettes_config import make_vcr

from frontpayment_ext import (
    AsyncKatsuPayClient,
    BusinessLogicError,
    ConfigurationError,
    KatsuInvoice,
    KatsuPayClient,
    MalformedResponseError,
    NotFoundError,
    ServerError,
    UnsuccessfulResponseError,
)

SANDBOX = "http://127.0.0.1:4011"
INVOICE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
VCR = make_vcr()


def _get(asynchronous: bool, **options: Any) -> KatsuInvoice:
    options = {"token": "t", "api_key": "k", "max_retries": 0, **options}
    if asynchronous:

        async def run() -> KatsuInvoice:
            async with AsyncKatsuPayClient(SANDBOX, **options) as client:
                return await client.get_invoice(INVOICE_ID)

        return asyncio.run(run())
    with KatsuPayClient(SANDBOX, **options) as client:
        return client.get_invoice(INVOICE_ID)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_found_invoice_decodes_with_decimal_amounts(asynchronous: bool) -> None:
    with VCR.use_cassette("sandbox/katsupay/get_invoice/200-found.yaml"):
        invoice = _get(asynchronous)
    assert invoice.id == INVOICE_ID
    assert invoice.invoice_id == "INV-1001"
    assert invoice.amount == Decimal("1500.00")
    assert isinstance(invoice.amount, Decimal)
    assert isinstance(invoice.paid_amount, Decimal)
    assert invoice.recuring_invoice is False
    assert (invoice.currency, invoice.discount_type, invoice.billing_cycle, invoice.invoice_status) == (1, 2, 7, 4)
    assert invoice.due_date == datetime.datetime(2024, 3, 20, tzinfo=datetime.UTC)
    assert invoice.created == datetime.datetime(2024, 2, 19)  # no timezone on the wire: kept naive
    assert invoice.raw.status_code == 200


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("name", "error", "status"),
    [
        ("200-notSucceeded", UnsuccessfulResponseError, 200),
        ("400", BusinessLogicError, 400),
        ("404", NotFoundError, 404),
        ("500", ServerError, 500),
    ],
)
def test_failures_are_typed_errors(name: str, error: type[Exception], status: int, asynchronous: bool) -> None:
    with VCR.use_cassette(f"sandbox/katsupay/get_invoice/{name}.yaml"), pytest.raises(error) as caught:
        _get(asynchronous)
    assert caught.value.status_code == status  # type: ignore[attr-defined]
    if status == 200:
        assert caught.value.errors == ["No invoice with this id"]  # type: ignore[attr-defined]


def _sent_headers(**options: Any) -> httpx.Headers:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"succeeded": True, "data": {"id": INVOICE_ID, "amount": 10}})

    with KatsuPayClient(SANDBOX, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options) as c:
        assert c.get_invoice(INVOICE_ID).amount == Decimal(10)
    assert seen[0].url.params["InvoiceId"] == INVOICE_ID
    return seen[0].headers


def test_auth_none_sends_no_credentials() -> None:
    headers = _sent_headers()
    assert "authorization" not in headers
    assert "apikey" not in headers


def test_auth_bearer() -> None:
    headers = _sent_headers(token="tok-123")
    assert headers["authorization"] == "Bearer tok-123"
    assert "apikey" not in headers


def test_auth_bearer_and_api_key() -> None:
    headers = _sent_headers(token="tok-123", api_key="key-456")
    assert headers["authorization"] == "Bearer tok-123"
    assert headers["apikey"] == "key-456"


def test_api_key_alone_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="bearer token"):
        KatsuPayClient(SANDBOX, api_key="key-456")


def test_base_url_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KATSUPAY_BASE_URL", raising=False)
    with pytest.raises(ConfigurationError, match="no host"):
        KatsuPayClient()
    monkeypatch.setenv("KATSUPAY_BASE_URL", SANDBOX)
    assert KatsuPayClient().base_url == SANDBOX


def test_repr_shows_auth_mode_but_no_secret() -> None:
    client = KatsuPayClient(SANDBOX, token="tok-secret-1", api_key="key-secret-2")
    assert repr(client) == f"KatsuPayClient(base_url='{SANDBOX}', auth='bearer+apiKey')"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html>bad gateway</html>",
        b"[1, 2]",
        b'{"succeeded": true}',
        b'{"succeeded": true, "data": {"amount": 1}}',
        b'{"succeeded": "yes"}',
    ],
)
def test_malformed_200_bodies_keep_the_raw_body(body: bytes) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    with (
        KatsuPayClient(SANDBOX, http_client=httpx.Client(transport=transport)) as client,
        pytest.raises((MalformedResponseError, UnsuccessfulResponseError)) as caught,
    ):
        client.get_invoice(INVOICE_ID)
    error = caught.value
    assert (error.body if isinstance(error, MalformedResponseError) else error.response.content) == body
