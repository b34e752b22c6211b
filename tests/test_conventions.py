"""What users of stripe-python and openai-python expect: a User-Agent naming the SDK, ``with_options`` copies
sharing the connection pool, and ``help(Client)`` documenting every constructor parameter. Against a real local
server where it matters."""

from __future__ import annotations

import asyncio
import inspect
import json
import platform
import pydoc
import time
from typing import Any

import httpx
import pytest
from local_server import Fault, LocalServer, Received, Reply, envelope
from test_faults import api, order

from frontpayment_ext import (
    APITimeoutError,
    AsyncFrontpaymentClient,
    AsyncKatsuPayClient,
    FrontpaymentClient,
    KatsuPayClient,
    PayloadValidationError,
    ServerError,
)
from frontpayment_ext._version import __version__

SDK_AGENT = f"frontpayment-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
BUSY = Fault("reply", reply=envelope(503, None, message="busy"))
KATSU_INVOICE = {"succeeded": True, "data": {"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "amount": 5}}


def both_vendors(request: Received) -> Reply:
    if request.path.startswith("/api/v1/Invoice/"):
        return 200, {"Content-Type": "application/json"}, json.dumps(KATSU_INVOICE).encode()
    return api(request)


def test_every_request_of_both_vendors_sync_and_async_names_the_sdk(local_server: Any) -> None:
    server: LocalServer = local_server(both_vendors)
    with FrontpaymentClient("t", base_url=server.url) as client:
        client.get_invoice_number("ODR1")
        client.send_invoice(order())
    with KatsuPayClient(server.url, token="k") as katsu:
        katsu.get_invoice("abc")
    with FrontpaymentClient("t", base_url=server.url, http_client=httpx.Client()) as injected:
        injected.get_invoice_number("ODR1")  # an httpx client of the user's own gets it per request

    async def run() -> None:
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            await client.get_invoice_number("ODR1")
        async with AsyncKatsuPayClient(server.url) as katsu:  # no auth at all
            await katsu.get_invoice("abc")

    asyncio.run(run())
    assert len(server.received) == 6
    assert {r.headers["user-agent"] for r in server.received} == {SDK_AGENT}
    assert SDK_AGENT.startswith("frontpayment-sdk/0.")
    assert " python/3." in SDK_AGENT


@pytest.mark.parametrize("name", ["User-Agent", "user-agent"])
def test_a_user_agent_of_the_users_own_wins_and_is_sent_once(name: str) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, json={"status_code": 200, "data": {"orderUuid": "O", "invoiceNumber": "1", "status": "SENT"}}
        )

    headers = {name: "shop-erp/4.2"}
    with FrontpaymentClient(
        "t", default_headers=headers, http_client=httpx.Client(transport=httpx.MockTransport(answer))
    ) as c:
        c.get_invoice_number("ODR1")
    with FrontpaymentClient("t", default_headers=headers) as built:  # the SDK-built httpx client
        built.generated.get_httpx_client()._transport = httpx.MockTransport(answer)
        built.get_invoice_number("ODR1")
    with KatsuPayClient("http://127.0.0.1:9", default_headers=headers) as katsu:
        katsu.generated.get_httpx_client()._transport = httpx.MockTransport(
            lambda request: seen.append(request) or httpx.Response(200, json=KATSU_INVOICE)  # type: ignore[func-returns-value]
        )
        katsu.get_invoice("abc")
    assert [r.headers.get_list("user-agent") for r in seen] == [["shop-erp/4.2"]] * 3


def test_with_options_shares_the_pool_and_changes_only_the_copy(local_server: Any) -> None:
    server: LocalServer = local_server(api, [BUSY, BUSY, None, BUSY])
    with FrontpaymentClient("t", base_url=server.url) as client:
        client.sleep = lambda seconds: None
        strict = client.with_options(max_retries=0, default_headers={"X-Shop": "north"}, validate=False)
        assert strict.generated.get_httpx_client() is client.generated.get_httpx_client()
        assert client.get_invoice_number("ODR1").invoice_number == "99"  # a 503, another, then the answer
        with pytest.raises(ServerError):
            strict.get_invoice_number("ODR1")  # the copy does not retry its 503
        bad = dict(order(), orderSummary=dict(order()["orderSummary"], grandTotal="1.00"))
        with pytest.raises(PayloadValidationError):
            client.send_invoice(bad)  # the parent still validates ...
        strict.send_invoice(bad)  # ... the copy sends it as it is (the server judges)
        assert server.posts() == 1
        with strict:  # leaving the copy's block (closing it) leaves the shared pool open
            pass
        strict.close()
        assert client.get_invoice_number("ODR1").invoice_number == "99"
        assert not client.generated.get_httpx_client().is_closed
    assert [r.headers.get("x-shop") for r in server.received] == [None, None, None, "north", "north", None]
    assert {r.headers["user-agent"] for r in server.received} == {SDK_AGENT}
    assert server.peak_connections == 1  # every request, the copy's too, went over the one kept-alive connection
    assert client.generated.get_httpx_client().is_closed  # closing the parent closed the pool


def test_with_options_timeout_and_deadline_apply_to_the_copy(local_server: Any) -> None:
    server: LocalServer = local_server(api, [Fault("stall", seconds=5), Fault("stall", seconds=5)])
    with FrontpaymentClient("t", base_url=server.url, max_retries=0) as client:
        for quick in (client.with_options(timeout=0.3), client.with_options(deadline=0.3)):
            began = time.monotonic()
            with pytest.raises(APITimeoutError):
                quick.get_invoice_number("ODR1")
            assert time.monotonic() - began < 2  # the parent's 30 s read timeout and 60 s deadline did not apply
        assert (client.timeout.read, client.deadline) == (30.0, 60.0)


def test_async_and_katsupay_copies_share_the_pool_and_closing_them_keeps_it(local_server: Any) -> None:
    server: LocalServer = local_server(both_vendors, [BUSY, BUSY, None, BUSY])

    async def run() -> None:
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            async with client.with_options(max_retries=0) as copy:
                assert copy.generated.get_async_httpx_client() is client.generated.get_async_httpx_client()
                with pytest.raises(ServerError):
                    await copy.get_invoice_number("ODR1")
            assert (await client.get_invoice_number("ODR1")).invoice_number == "99"  # still open; BUSY was used
            pool = client.generated.get_async_httpx_client()
            assert not pool.is_closed
        assert pool.is_closed

    asyncio.run(run())
    with KatsuPayClient(server.url, token="k") as katsu:
        with (
            katsu.with_options(
                max_retries=0, default_headers={"X-Shop": "south", "user-agent": "shop-south/1"}
            ) as copy,
            pytest.raises(ServerError),
        ):
            copy.get_invoice("abc")
        assert katsu.get_invoice("abc").amount == 5
    assert [r.headers.get("x-shop") for r in server.received] == [None, None, None, "south", None]
    agents = [r.headers["user-agent"] for r in server.received]
    assert agents == [SDK_AGENT, SDK_AGENT, SDK_AGENT, "shop-south/1", SDK_AGENT]  # the copy's own wins


@pytest.mark.parametrize("cls", [FrontpaymentClient, AsyncFrontpaymentClient, KatsuPayClient, AsyncKatsuPayClient])
def test_help_documents_every_constructor_parameter(cls: type) -> None:
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    assert "Initialize self" not in text
    assert "see ``_" not in text  # no "Options: see ``_FrontpaymentBase``"
    parameters = [name for name in inspect.signature(cls).parameters if name != "self"]
    assert len(parameters) >= 14
    for name in parameters:
        assert f":param {name}:" in text, name
    assert "with_options(" in text
