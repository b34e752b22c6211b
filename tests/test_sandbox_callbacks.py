"""Callbacks: each status change is notified, signed as documented, so ``verify_callback`` accepts it; in-process
(a function, an ASGI app) or over HTTP to a loopback receiver; never to the internet unless asked."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontpayment_ext import CallbackVerificationError, verify_callback
from frontpayment_ext.sandbox import Sandbox, SandboxServer
from frontpayment_ext.specs import load_spec

P = "/api/v1/connect/orders"
SECRET = "merchant-secret-for-tests"
INVOICE = copy.deepcopy(
    load_spec("frontpayment")["paths"][f"{P}/invoice/create"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]["documented"]["value"]
)


def order_to(url: str) -> dict[str, Any]:
    return {**INVOICE, "callback": {"callbackUrl": url}}


@pytest.fixture
def urls() -> list[str]:
    return []


@pytest.fixture
def sandbox(urls: list[str]) -> Iterator[Sandbox]:
    with Sandbox(secret=SECRET, callback_receiver=urls.append) as box:
        yield box


def test_a_status_change_sends_a_notification_that_verifies(sandbox: Sandbox, urls: list[str]) -> None:
    with sandbox.client() as client:
        uuid = client.send_invoice(order_to("https://shop.example.com/fp/callback")).order_uuid
    record = sandbox.set_status(uuid, "PAID", payment_method="visa")
    assert record is not None
    assert record.delivered
    assert record.response_status == 200
    [url] = urls
    assert url.startswith("https://shop.example.com/fp/callback?")
    query = urlsplit(url).query
    notification = verify_callback(query, secret=SECRET, max_age=60)
    assert (notification.order_uuid, notification.status, notification.payment_method) == (uuid, "PAID", "visa")
    assert str(notification.amount) == "51.00"
    keys = [k for k, _ in parse_qsl(query)]
    assert keys == ["orderUuid", "status", "createdAt", "paymentMethod", "amount", "timestamp", "checksum"]
    with pytest.raises(CallbackVerificationError):
        verify_callback(query, secret="another-merchant", max_age=60)


def test_every_change_is_notified_and_no_change_is_not(sandbox: Sandbox, urls: list[str]) -> None:
    with sandbox.client() as client:
        uuid = client.send_invoice(order_to("https://shop.example.com/cb")).order_uuid
        sandbox.set_status(uuid, "PAID")
        assert sandbox.set_status(uuid, "PAID") is None  # unchanged: nothing sent
        product = sandbox.store.get(uuid).products[0].id  # type: ignore[union-attr]
        client.request(
            "POST",
            f"{P}/refund/{uuid}",
            json={"type": "regular", "grandTotal": 1, "products": [{"id": product, "amount": 1}]},
        )
        other = client.send_invoice(order_to("https://shop.example.com/cb")).order_uuid
        client.request("POST", f"{P}/cancel/{other}", json={"cancellationNote": "asked"})
    statuses = [verify_callback(urlsplit(u).query, secret=SECRET).status for u in urls]
    assert statuses == ["PAID", "PARTIAL REFUNDED", "CANCELLED"]
    assert [r.status for r in sandbox.sender.records()] == statuses


def test_an_order_without_a_callback_url_is_not_notified() -> None:
    with Sandbox() as box, box.http_client() as http:
        created = http.post(f"{P}/invoice/create", json=INVOICE, headers={"Authorization": "Bearer t"})
        uuid = created.json()["data"]["uuid"]
        order = box.store.get(uuid)
        assert order is not None
        order.callback_url = None
        box.store.put(order)
        assert box.set_status(uuid, "PAID") is None
        assert box.sender.records() == []


def test_an_asgi_receiver_gets_the_get_and_its_answer_is_recorded() -> None:
    seen: list[str] = []

    async def callback(request: Request) -> Response:
        seen.append(request.url.query)
        try:
            verify_callback(request.url.query, secret=SECRET)
        except CallbackVerificationError:
            return Response(status_code=403)
        return Response(status_code=204)

    receiver = Starlette(routes=[Route("/fp/callback", callback)])
    with Sandbox(secret=SECRET, callback_receiver=receiver) as box, box.client() as client:
        uuid = client.send_invoice(order_to("https://shop.example.com/fp/callback")).order_uuid
        assert box.set_status(uuid, "PAID").response_status == 204  # type: ignore[union-attr]
        box.sender.secret = "a forger without the secret"
        assert box.set_status(uuid, "EXPIRED").response_status == 403  # type: ignore[union-attr]
    assert len(seen) == 2


def test_a_receiver_may_call_the_sandbox_back_to_confirm_the_status() -> None:
    """The documented safe pattern: verify, then ask the API. A sync receiver runs in a worker thread, so calling
    the sandbox from inside the delivery does not deadlock it."""
    confirmed: list[str] = []
    box = Sandbox(secret=SECRET)

    def receiver(url: str) -> int:
        notification = verify_callback(urlsplit(url).query, secret=SECRET)
        with box.client() as api:
            confirmed.append(api.get_invoice_number(notification.order_uuid).status)
        return 200

    box.sender.receiver = receiver
    with box, box.client() as client:
        uuid = client.send_invoice(INVOICE).order_uuid
        box.set_status(uuid, "PAID")
    assert confirmed == ["PAID"]


def test_notifications_go_over_http_to_a_loopback_receiver() -> None:
    got: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            got.append(self.path)
            self.send_response(200)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{receiver.server_port}/cb"
        with Sandbox(secret=SECRET) as box, SandboxServer(box) as server, httpx.Client(base_url=server.url) as http:
            created = http.post(f"{P}/invoice/create", json=order_to(url), headers={"Authorization": "Bearer t"})
            uuid = created.json()["data"]["uuid"]
            moved = http.post(f"/_sandbox/orders/{uuid}/status", json={"status": "PAID"}).json()
        assert moved["callback"]["delivered"] is True
        assert moved["callback"]["responseStatus"] == 200
        [path] = got
        assert verify_callback(urlsplit(path).query, secret=SECRET).status == "PAID"
    finally:
        receiver.shutdown()
        receiver.server_close()


def test_a_remote_callback_url_is_not_called_without_permission() -> None:
    with Sandbox(secret=SECRET) as box, box.client() as client:  # no receiver: delivery would be over the network
        uuid = client.send_invoice(INVOICE).order_uuid  # callbackUrl https://example.com/callback-url
        record = box.set_status(uuid, "PAID")
    assert record is not None
    assert not record.delivered
    assert record.error is not None
    assert "not loopback" in record.error
    assert verify_callback(record.query, secret=SECRET).status == "PAID"  # still recorded, signed


def test_an_unreachable_receiver_is_recorded_as_undelivered() -> None:
    with Sandbox(secret=SECRET) as box, box.client() as client:
        uuid = client.send_invoice(order_to("http://127.0.0.1:9/nobody-listens")).order_uuid
        record = box.set_status(uuid, "PAID")
    assert record is not None
    assert not record.delivered
    assert record.error == "ConnectError"


def test_a_receiver_that_crashes_is_recorded_and_the_change_stands() -> None:
    def receiver(url: str) -> int:
        raise RuntimeError("the merchant's bug")

    with Sandbox(secret=SECRET, callback_receiver=receiver) as box, box.client() as client:
        uuid = client.send_invoice(INVOICE).order_uuid
        client.request("POST", f"{P}/cancel/{uuid}", json={"cancellationNote": "asked"})  # still answered 202
        assert client.get_invoice_number(uuid).status == "CANCELLED"
    [record] = box.sender.records()
    assert not record.delivered
    assert record.error == "the receiver raised RuntimeError"
