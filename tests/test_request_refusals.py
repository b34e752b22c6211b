"""What the SDK refuses before anything is sent, against a real server that counts every request it sees:
path parameters that would change the path (``..``, ``.``, ``""``, ``/``, ``%2e``, control characters), lone
surrogates anywhere in a payload, a path parameter or a header."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from local_server import LocalServer
from test_faults import api, order
from test_spec_rules import EHF, SESSION, documented
from test_unreadable_success import AuditRecorder

from frontpayment_ext import (
    Address,
    AsyncFrontpaymentClient,
    AsyncKatsuPayClient,
    Customer,
    FrontpaymentClient,
    KatsuPayClient,
    LineItem,
    Order,
    PayloadValidationError,
)
from frontpayment_ext.errors import ConfigurationError

BAD_IDS = [
    "",
    " ",
    ".",
    "..",
    "../orders",
    "a/b",
    "/",
    "a?b=c",
    "a#b",
    "%2e%2e",
    "%2E",
    "..%2f",
    "a%00",
    "a\\b",
    "a\x00b",
    "ODR1\r\nX-Injected: 1",
    "ODR1\t",
    "ODR\x7f",
    "ODR\x85",
    "ODR\ud800",
]


def _nothing_reached(server: LocalServer) -> None:
    assert server.attempts == 0, [r.path for r in server.received]


@pytest.mark.parametrize("bad", BAD_IDS)
def test_a_path_parameter_that_would_change_the_path_is_refused(bad: str, local_server: Any) -> None:
    server = local_server(api)
    with FrontpaymentClient("t", base_url=server.url) as client, pytest.raises(PayloadValidationError) as caught:
        client.get_invoice_number(bad)
    assert [v.path for v in caught.value.violations] == ["order_uuid"]
    assert "nothing was sent" in str(caught.value)
    str(caught.value).encode("utf-8")  # printable: no lone surrogate in the message
    _nothing_reached(server)


def test_path_parameters_are_refused_by_the_async_client_too(local_server: Any) -> None:
    server = local_server(api)

    async def run() -> int:
        refused = 0
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            for bad in BAD_IDS:
                with pytest.raises(PayloadValidationError, match="order_uuid"):
                    await client.get_invoice_number(bad)
                refused += 1
        return refused

    assert asyncio.run(run()) == len(BAD_IDS)
    _nothing_reached(server)


def test_ordinary_identifiers_still_go_through(local_server: Any) -> None:
    server = local_server(api)
    with FrontpaymentClient("t", base_url=server.url) as client:
        for good in ("ODR2005869234", "odr-1_2.3", "a.b", "...", "ÆØÅ1"):
            client.get_invoice_number(good)
    assert len(server.received) == 5
    assert server.received[0].path == "/api/v1/connect/orders/invoice-number/ODR2005869234"
    assert server.received[3].path == "/api/v1/connect/orders/invoice-number/..."


def test_katsu_pay_invoice_id_is_checked_before_sending(local_server: Any) -> None:
    server = local_server(api)
    with KatsuPayClient(server.url) as katsu:
        for bad in ("", "  ", "a\x00", "id\r\nX: 1", "id\ud800"):
            with pytest.raises(PayloadValidationError, match="invoice_id"):
                katsu.get_invoice(bad)

    async def run() -> None:
        async with AsyncKatsuPayClient(server.url) as katsu:
            with pytest.raises(PayloadValidationError, match="invoice_id"):
                await katsu.get_invoice("id\ud800")

    asyncio.run(run())
    _nothing_reached(server)


@pytest.mark.parametrize("path", ["/api/v1/connect/orders/../secret", "/api/./x", "/api/v1/x\r\n", "/api/\udc00"])
def test_raw_request_paths_are_checked(path: str, local_server: Any) -> None:
    server = local_server(api)
    with FrontpaymentClient("t", base_url=server.url) as client, pytest.raises(PayloadValidationError) as caught:
        client.request("GET", path)
    assert caught.value.violations[0].path == "path"
    _nothing_reached(server)


def _with_surrogate() -> dict[str, Any]:
    payload = order()
    payload["customerDetails"]["name"] = "Kari \ud800 Nordmann"
    payload["products"]["0"]["\udfffnote"] = "x"
    return payload


@pytest.mark.parametrize("validate", [True, False])
def test_a_lone_surrogate_in_a_payload_is_refused_naming_the_field(validate: bool, local_server: Any) -> None:
    server = local_server(api)
    audit = AuditRecorder()
    with FrontpaymentClient("t", base_url=server.url, plugins=[audit]) as client:
        with pytest.raises(PayloadValidationError) as caught:
            client.send_invoice(_with_surrogate(), validate=validate)
        for method, payload in (("send_ehf_invoice", documented(EHF)), ("create_invoice_session", documented(SESSION))):
            payload["customerDetails"]["name"] = "\udc80"
            with pytest.raises(PayloadValidationError, match=r"customerDetails\.name"):
                getattr(client, method)(payload, validate=validate)
    paths = [v.path for v in caught.value.violations]
    assert "customerDetails.name" in paths
    assert any(p.startswith('products["0"]') and "udfff" in p for p in paths), paths
    assert "lone surrogate" in str(caught.value)
    str(caught.value).encode("utf-8")
    _nothing_reached(server)
    assert audit.events == []  # refused before the attempt is recorded


def test_a_lone_surrogate_from_a_builder_or_the_async_client_is_refused(local_server: Any) -> None:
    server = local_server(api)
    built = Order(
        lines=[LineItem("Router \ud83d", quantity=1, unit_price="10.00", vat_rate=25)],
        customer=Customer.private("Kari", email="k@example.com", msisdn="46567468", address=Address("a", "1", "b")),
    )
    with (
        FrontpaymentClient("t", base_url=server.url) as client,
        pytest.raises(PayloadValidationError, match="lone surrogate"),
    ):
        client.send_invoice(built, validate=False)

    async def run() -> None:
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            with pytest.raises(PayloadValidationError, match=r"customerDetails\.name"):
                await client.send_invoice(_with_surrogate())
            with pytest.raises(PayloadValidationError, match="note: text contains a lone surrogate"):
                await client.request("POST", "/api/v1/connect/orders/x", json={"note": "\ud800"})

    asyncio.run(run())
    _nothing_reached(server)


def test_valid_non_bmp_text_is_sent(local_server: Any) -> None:
    server = local_server(api)
    payload = order()
    payload["customerDetails"]["name"] = "Kari 😀 Nordmann"
    with FrontpaymentClient("t", base_url=server.url) as client:
        client.send_invoice(payload)
    assert server.received[0].json()["customerDetails"]["name"] == "Kari 😀 Nordmann"


def test_a_batch_line_with_a_lone_surrogate_is_never_sent_nor_unknown(local_server: Any, tmp_path: Path) -> None:
    server = local_server(api)
    source = tmp_path / "orders.jsonl"
    good, bad = order(), _with_surrogate()
    good["referenceNo"], bad["referenceNo"] = "GOOD", "BAD"
    # json.dumps writes the surrogate as the escape \ud800, which json.loads turns back into a lone surrogate.
    source.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")

    async def run() -> Any:
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            return await client.send_batch(source, "invoice", journal=tmp_path / "j.sqlite", skip_invalid=True)

    summary = asyncio.run(run())
    assert [r.json()["referenceNo"] for r in server.received] == ["GOOD"]
    assert summary.counts.get("unknown", 0) == 0
    assert not summary.unknown


@pytest.mark.parametrize(
    "headers",
    [{"X-Note": "caf\ud800"}, {"X-Note": "a\r\nX-Injected: 1"}, {"X-Note": "a\nb"}, {"X-Nøte": "a"}, {"X-Note": "ø"}],
)
def test_a_header_that_cannot_be_sent_is_refused_when_the_client_is_built(headers: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError, match="default header") as caught:
        FrontpaymentClient("t", base_url="http://127.0.0.1:1", default_headers=headers)
    assert "Injected" not in str(caught.value)  # the value is never echoed
    str(caught.value).encode("utf-8")
