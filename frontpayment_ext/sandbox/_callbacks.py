"""Signed status notifications, as Frontpayment sends them, delivered and recorded.

When an order's status changes the sandbox calls the order's ``callback.callbackUrl`` with a GET whose query holds
``orderUuid``, ``status``, ``createdAt``, ``paymentMethod``, ``amount``, ``timestamp`` and ``checksum``, each in
its documented form (``ODR`` and digits; the status word; Unix seconds; one word of letters; two decimals), and
``checksum`` the SHA-256 of the values in that order followed by the merchant's secret
(``frontpayment_ext.callbacks.expected_checksum``), so ``verify_callback`` accepts exactly what a receiver would get
from the real server.

Where it goes: to an in-process receiver when one is set (an ASGI app, or a function taking the URL, sync or
async: no sockets), else over HTTP, but only to a loopback host unless ``deliver_remote`` is set: a sandbox never
reaches the internet by surprise. Every attempt is recorded, delivered or not.
"""

from __future__ import annotations

import asyncio
import inspect
import ipaddress
import threading
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

import attrs
import httpx

from frontpayment_ext.callbacks import expected_checksum

from ._store import OrderRecord

# A function receiver takes the notification's full URL and may return the HTTP status it answered (None: 200).
FunctionReceiver = Callable[[str], "int | Awaitable[int | None] | None"]
Receiver = Any  # an ASGI application or a FunctionReceiver
DELIVERY_TIMEOUT = 5.0


@attrs.frozen
class CallbackRecord:
    """One notification the sandbox sent (or could not send). ``params`` are the query pairs, checksum last."""

    order_uuid: str
    status: str
    url: str
    params: tuple[tuple[str, str], ...]
    delivered: bool
    response_status: int | None = None
    error: str | None = None
    sent_at: float = attrs.field(factory=time.time)

    @property
    def query(self) -> str:
        return urlencode(self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "orderUuid": self.order_uuid,
            "status": self.status,
            "url": self.url,
            "params": [list(p) for p in self.params],
            "delivered": self.delivered,
            "responseStatus": self.response_status,
            "error": self.error,
            "sentAt": self.sent_at,
        }


def signed_params(
    order: OrderRecord, secret: str, *, payment_method: str = "invoice", sent_at: int | None = None
) -> list[tuple[str, str]]:
    """The notification's query pairs for the order's current status, checksum last."""
    pairs = [
        ("orderUuid", order.uuid),
        ("status", order.status),
        ("createdAt", str(order.created_at)),
        ("paymentMethod", payment_method),
        ("amount", f"{order.amount.quantize(Decimal('0.01')):f}"),
        ("timestamp", str(sent_at if sent_at is not None else int(time.time()))),
    ]
    return [*pairs, ("checksum", expected_checksum(pairs, secret))]


def notification_url(callback_url: str, params: list[tuple[str, str]]) -> str:
    return callback_url + ("&" if "?" in callback_url else "?") + urlencode(params)


def is_loopback(url: str) -> bool:
    host = httpx.URL(url).host
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _FunctionTransport(httpx.AsyncBaseTransport):
    """Delivers to a plain function; a sync one runs in a worker thread, so it may call the sandbox back."""

    def __init__(self, receiver: FunctionReceiver) -> None:
        self.receiver = receiver

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if inspect.iscoroutinefunction(self.receiver):
            status = await cast(Callable[[str], Awaitable[int | None]], self.receiver)(str(request.url))
        else:
            result = await asyncio.to_thread(self.receiver, str(request.url))
            status = await result if inspect.isawaitable(result) else result
        return httpx.Response(200 if status is None else int(status))


def _is_asgi(receiver: Receiver) -> bool:
    target = receiver if inspect.isfunction(receiver) or inspect.ismethod(receiver) else receiver.__call__
    try:
        return len(inspect.signature(target).parameters) == 3
    except (TypeError, ValueError):
        return False


class CallbackSender:
    """Builds, delivers and records notifications."""

    def __init__(self, secret: str, *, receiver: Receiver | None = None, deliver_remote: bool = False) -> None:
        self.secret = secret
        self.receiver = receiver
        self.deliver_remote = deliver_remote
        self._lock = threading.Lock()
        self._sent: list[CallbackRecord] = []

    def records(self) -> list[CallbackRecord]:
        with self._lock:
            return list(self._sent)

    def clear(self) -> None:
        with self._lock:
            self._sent.clear()

    def _transport(self, url: str) -> httpx.AsyncBaseTransport | str:
        """Where a notification to ``url`` goes, or why it is not sent."""
        if self.receiver is not None:
            if _is_asgi(self.receiver):
                return httpx.ASGITransport(app=self.receiver)
            return _FunctionTransport(self.receiver)
        if not self.deliver_remote and not is_loopback(url):
            return "not delivered: the host is not loopback (set deliver_remote to allow it)"
        return httpx.AsyncHTTPTransport()

    async def send(self, order: OrderRecord, *, payment_method: str = "invoice") -> CallbackRecord | None:
        """Notify the order's callback URL of its current status; None when the order has no callback URL."""
        if not order.callback_url:
            return None
        params = signed_params(order, self.secret, payment_method=payment_method)
        url = notification_url(order.callback_url, params)
        transport = self._transport(url)
        record: CallbackRecord
        if isinstance(transport, str):
            record = CallbackRecord(order.uuid, order.status, url, tuple(params), False, error=transport)
        else:
            try:
                async with httpx.AsyncClient(transport=transport, timeout=DELIVERY_TIMEOUT) as client:
                    response = await client.get(url)
                record = CallbackRecord(
                    order.uuid, order.status, url, tuple(params), True, response_status=response.status_code
                )
            except httpx.HTTPError as exc:
                record = CallbackRecord(order.uuid, order.status, url, tuple(params), False, error=type(exc).__name__)
            except Exception as exc:  # noqa: BLE001 - a receiver's crash is its own; the order's change stands
                error = f"the receiver raised {type(exc).__name__}"
                record = CallbackRecord(order.uuid, order.status, url, tuple(params), False, error=error)
        with self._lock:
            self._sent.append(record)
        return record
