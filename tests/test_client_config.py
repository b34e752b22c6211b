"""Client construction: token and environment from arguments or variables, timeouts, no secret in repr,
and nothing sent when validation fails."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from test_spec_rules import INVOICE, documented

from frontpayment_ext import ConfigurationError, FrontpaymentClient, PayloadValidationError

TOKEN = "canary-token-7f3a9c"


def test_missing_token_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTPAYMENT_TOKEN", raising=False)
    with pytest.raises(ConfigurationError, match="FRONTPAYMENT_TOKEN"):
        FrontpaymentClient()


def test_token_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTPAYMENT_TOKEN", TOKEN)
    monkeypatch.setenv("FRONTPAYMENT_BASE_URL", "http://127.0.0.1:9999/")
    assert FrontpaymentClient().base_url == "http://127.0.0.1:9999"


@pytest.mark.parametrize(
    ("environment", "url"),
    [("demo", "https://demo-api.frontpayment.no"), ("production", "https://apigo.frontpayment.no")],
)
def test_environments(environment: Any, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTPAYMENT_BASE_URL", raising=False)
    assert FrontpaymentClient(TOKEN, environment=environment).base_url == url


@pytest.mark.parametrize("bad", ["ftp://x", "not a url", "http://"])
def test_bad_base_url(bad: str) -> None:
    with pytest.raises(ConfigurationError):
        FrontpaymentClient(TOKEN, base_url=bad)


def test_unknown_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTPAYMENT_BASE_URL", raising=False)
    with pytest.raises(ConfigurationError, match="environment"):
        FrontpaymentClient(TOKEN, environment="staging")  # type: ignore[arg-type]


def test_no_token_in_repr_or_str() -> None:
    client = FrontpaymentClient(TOKEN)
    assert TOKEN not in repr(client) + str(client)


def test_default_and_custom_timeouts() -> None:
    assert FrontpaymentClient(TOKEN).timeout == httpx.Timeout(30.0, connect=5.0)
    assert FrontpaymentClient(TOKEN, timeout=2.0).timeout == httpx.Timeout(2.0, connect=2.0)


def _recording_client(**kw: Any) -> tuple[FrontpaymentClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            201,
            json={
                "status_code": 201,
                "status_message": "OK",
                "message": "ok",
                "data": {"uuid": "ODR1", "customerUuid": "C1"},
            },
        )

    return FrontpaymentClient(TOKEN, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kw), seen


def test_invalid_payload_is_never_sent() -> None:
    client, seen = _recording_client()
    payload = documented(INVOICE)
    payload["customerDetails"]["personalNumber"] = "123456789012"  # max:11
    with pytest.raises(PayloadValidationError) as caught:
        client.send_invoice(payload)
    assert seen == []
    assert [v.path for v in caught.value.violations] == ["customerDetails.personalNumber"]
    assert "123456789012" not in str(caught.value)


def test_validate_false_sends_as_given() -> None:
    client, seen = _recording_client(validate=False)
    payload = {"anything": "goes", "products": []}
    assert client.send_invoice(payload).order_uuid == "ODR1"
    assert json.loads(seen[0].content) == payload


def test_sent_payload_is_exactly_the_validated_one() -> None:
    client, seen = _recording_client()
    payload = documented(INVOICE)
    client.send_invoice(payload)
    request = seen[0]
    assert json.loads(request.content) == payload
    assert request.url == "https://demo-api.frontpayment.no/api/v1/connect/orders/invoice/create"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"] == "application/json"


def test_injected_http_client_and_default_headers() -> None:
    client, seen = _recording_client(default_headers={"X-Trace": "abc"})
    client.send_invoice(documented(INVOICE))
    assert seen[0].headers["x-trace"] == "abc"


def test_decimal_values_in_raw_dicts_go_out_as_exact_strings() -> None:
    from decimal import Decimal

    client, seen = _recording_client()
    payload = documented(INVOICE)
    payload["products"]["0"]["rate"] = Decimal("51.00")
    client.send_invoice(payload)
    assert json.loads(seen[0].content)["products"]["0"]["rate"] == "51.00"


@pytest.mark.parametrize(
    ("cls", "wrong"),
    [
        ("FrontpaymentClient", httpx.AsyncClient),
        ("AsyncFrontpaymentClient", httpx.Client),
        ("KatsuPayClient", httpx.AsyncClient),
        ("AsyncKatsuPayClient", httpx.Client),
    ],
)
def test_an_http_client_of_the_wrong_kind_is_refused(cls: str, wrong: type) -> None:
    import frontpayment_ext

    client_class = getattr(frontpayment_ext, cls)
    args = ("http://127.0.0.1:1",) if "Katsu" in cls else (TOKEN,)
    with pytest.raises(ConfigurationError, match=f"needs an {'Async' if 'Async' in cls else ''}Client"):
        client_class(*args, http_client=wrong())
