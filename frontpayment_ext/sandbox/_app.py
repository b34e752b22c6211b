"""``Sandbox``: a local, stateful Frontpayment (and Katsu Pay) as a Starlette application.

Each API request goes through the same steps a real server's does: authentication (401 without a bearer token),
the rate limit (429 past it), any fault asked for, validation with the SDK's own validator (417 with Laravel's
messages), then the operation's handler. Routes under ``/_sandbox/`` are the test's controls: they are never
rate-limited, faulted or authenticated.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import threading
from collections.abc import Awaitable, Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route as StarletteRoute

from frontpayment_ext.client import AsyncFrontpaymentClient, FrontpaymentClient
from frontpayment_ext.katsupay import KatsuPayClient
from frontpayment_ext.schema import schema_violations
from frontpayment_ext.validation import validate

from ._callbacks import CallbackRecord, CallbackSender, Receiver
from ._faults import Fault, FaultPlan, parse_fault
from ._handlers import HANDLERS, STATUS_MESSAGES, Answer, Call, error, ok
from ._json import dumps
from ._laravel import sentences
from ._ratelimit import FixedWindow
from ._routes import Route, all_routes, documented_example, template
from ._rules import cancel_rules, laravel_input, refund_approval_rules, refund_rules, resend_rules
from ._store import INVOICED_STATUSES, OrderRecord, OrdersView, Store
from ._transport import AsyncSandboxTransport, ConnectionDropped, SandboxTransport, _LoopThread

IN_PROCESS_URL = "http://frontpayment-sandbox.invalid"  # .invalid never resolves: in-process traffic only
DEFAULT_TOKEN = "sandbox-token"  # noqa: S105 - the sandbox accepts any token; this one is public
DEFAULT_SECRET = "sandbox-secret"  # noqa: S105 - a test secret, documented
_TRANSPORT_KEY = "frontpayment_sandbox.transport"

_BODY_RULES: dict[tuple[str, str], Callable[[dict[str, Any]], list[str]]] = {
    ("POST", "/api/v1/connect/orders/cancel/{}"): cancel_rules,
    ("POST", "/api/v1/connect/orders/refund/{}"): refund_rules,
    ("POST", "/api/v1/orders/refund/request/approval/{}"): refund_approval_rules,
    ("POST", "/api/v1/connect/orders/resend/{}"): resend_rules,
}
_STATUS_WORD = re.compile(r"[A-Za-z]+( [A-Za-z]+)*")
_PAYMENT_METHOD = re.compile(r"[A-Za-z]+")


def _katsupay_examples() -> dict[str, dict[str, Any]]:
    """The invoice of Katsu Pay's documented example, so the documented request finds it; money as Decimal."""
    found: dict[str, dict[str, Any]] = {}
    for route in all_routes():
        if route.spec != "katsupay":
            continue
        documented, body = documented_example(route, 200)
        if documented and isinstance(body, dict) and isinstance(body.get("data"), dict):
            entry = json.loads(json.dumps(body), parse_float=Decimal)
            found[str(entry["data"]["id"])] = entry
    return found


def request_messages(route: Route, body: dict[str, Any]) -> list[str]:
    """The 417 messages for a request body, in the server's order: Laravel's rules as the lifecycle pages print
    them (what a schema cannot say: ``required_if``, at least one channel), then the SDK's validator where the spec
    names the endpoint, else the spec's request schema."""
    rules = _BODY_RULES.get(route.key)
    messages = rules(laravel_input(body)) if rules is not None else []
    if route.sdk_endpoint is not None:
        more = sentences(validate(body, route.sdk_endpoint))
    elif route.request_schema is not None:
        more = sentences(schema_violations(body, route.request_schema, route.spec))
    else:
        more = []
    # Laravel reports each attribute under the rule that failed first: where the page's own rules (required_if,
    # at least one channel) already named an attribute, the schema's view of it is not a second message.
    named = {_attribute(m) for m in messages}
    messages += [m for m in more if _attribute(m) not in named and not (rules and m.startswith("The payload "))]
    return list(dict.fromkeys(messages))


def _attribute(message: str) -> str | None:
    """The attribute a Laravel message is about: "The source field is required when ..." -> "source"."""
    match = re.match(r"^The (?:selected )?(.+?) (?:field|must|format|does|is|has)\b", message)
    return match.group(1) if match else None


async def _generic(route: Route) -> Answer:
    """An operation the sandbox has no handler for: its first documented success example."""
    for status in sorted(route.operation.get("responses", {})):
        if str(status).startswith("2"):
            documented, body = documented_example(route, int(status))
            if documented:
                return int(status), body
    return error(510, "somethingWentWrong", "the sandbox does not implement this operation")


def _json_object(raw: bytes, **options: Any) -> dict[str, Any]:
    try:
        body = json.loads(raw, **options) if raw else {}
    except (ValueError, RecursionError):
        return {}
    return body if isinstance(body, dict) else {}


def _respond(status: int, body: Any, headers: Mapping[str, str] | None = None) -> Response:
    if body is None:
        return Response(b"", status_code=status, headers=dict(headers or {}))
    return Response(dumps(body), status_code=status, headers=dict(headers or {}), media_type="application/json")


class _Operation:
    """The ASGI endpoint of one API operation (a raw ASGI app, so a drop fault can reach the connection)."""

    def __init__(self, sandbox: Sandbox, route: Route) -> None:
        self.sandbox, self.route = sandbox, route

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        answer, headers, fault = await self._handle(request)
        if fault is not None and fault.kind == "drop":
            await self._drop(scope, receive)
            return
        if fault is not None and fault.kind == "stall" and not await self._stall(fault.seconds, receive):
            return  # the client gave up waiting: there is no one to answer
        await _respond(answer[0], answer[1], headers)(scope, receive, send)

    async def _handle(self, request: Request) -> tuple[Answer, dict[str, str], Fault | None]:
        sandbox, route = self.sandbox, self.route
        auth = request.headers.get("authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        if route.needs_auth and (not token or (sandbox.token is not None and token != sandbox.token)):
            return error(401, "unauthenticated"), {}, None
        decision = sandbox.limiter.hit(token or "anonymous")
        headers = decision.headers()
        if not decision.allowed:
            return error(429, "Too Many Attempts."), headers, None
        fault = sandbox.faults.take(route.operation_id)
        if fault is not None and fault.kind == "status" and fault.status is not None:
            documented, example = documented_example(route, fault.status)
            if not documented:
                example = error(fault.status, STATUS_MESSAGES.get(fault.status, "somethingWentWrong"))[1]
            return (fault.status, example), headers, None
        exact: Any = None
        if route.method in ("POST", "PUT", "PATCH"):
            raw = await request.body()
            # A body that is not a JSON object is, to Laravel's rules, one with no fields: every required one fails.
            body, exact = _json_object(raw), _json_object(raw, parse_float=Decimal)
            messages = request_messages(route, body)
            if messages:
                return error(417, "payloadValidationErrors", messages), headers, fault
        handler = HANDLERS.get(route.key)
        # Handlers see money as Decimal (the validator, like JSON Schema, reads plain JSON numbers).
        call = Call(route.operation_id, dict(request.path_params), dict(request.query_params), exact)
        answer = await handler(sandbox, call) if handler is not None else await _generic(route)
        return answer, headers, fault

    @staticmethod
    async def _stall(seconds: float, receive: Any) -> bool:
        """Wait ``seconds`` before answering, or until the client disconnects; True if it is still there."""

        async def disconnected() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass

        sleeper = asyncio.ensure_future(asyncio.sleep(seconds))
        watcher = asyncio.ensure_future(disconnected())
        try:
            await asyncio.wait({sleeper, watcher}, return_when=asyncio.FIRST_COMPLETED)
            client_gone = watcher.done()
        finally:
            sleeper.cancel()
            watcher.cancel()
        return not client_gone

    @staticmethod
    async def _drop(scope: dict[str, Any], receive: Any) -> None:
        """Close the connection without an answer: through uvicorn's transport over HTTP, by an exception the
        in-process transports turn into ``httpx.RemoteProtocolError`` otherwise."""
        transport = scope.get(_TRANSPORT_KEY)
        if transport is None:
            raise ConnectionDropped
        transport.close()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                while (await receive())["type"] != "http.disconnect":
                    pass


class _Connections:
    """Outermost ASGI layer: remembers the server's transport for the connection (uvicorn's request cycle
    exposes it on its ``send``), so a drop fault can close it without writing a byte."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if scope.get("type") == "http" and transport is not None and hasattr(transport, "close"):
            scope[_TRANSPORT_KEY] = transport
        await self.app(scope, receive, send)


class Sandbox:
    """A local, stateful Frontpayment. In-process: ``client()``/``async_client()``; over HTTP:
    ``SandboxServer(sandbox)`` or ``frontpayment sandbox``.

    ``db`` keeps orders in that SQLite file instead of memory. ``secret`` signs callbacks; ``token`` (default:
    any) is the bearer token accepted. ``rate_limit`` requests per ``rate_window`` seconds per token (None: no
    limit, 240 still advertised). ``callback_receiver`` takes every notification in-process (an ASGI app, or a
    function of the URL); without one, notifications go over HTTP to loopback hosts only unless
    ``deliver_remote``.
    """

    def __init__(
        self,
        *,
        db: str | Path | None = None,
        secret: str = DEFAULT_SECRET,
        token: str | None = None,
        rate_limit: int | None = 240,
        rate_window: float = 60.0,
        callback_receiver: Receiver | None = None,
        deliver_remote: bool = False,
    ) -> None:
        self.store = Store(db)
        self.token = token
        self.secret = secret
        self.faults = FaultPlan()
        self.limiter = FixedWindow(rate_limit, rate_window)
        self.sender = CallbackSender(secret, receiver=callback_receiver, deliver_remote=deliver_remote)
        self.katsupay_invoices = _katsupay_examples()
        self.routes = all_routes()
        self._ids = threading.Lock()
        self._product_ids = itertools.count(5401)
        self._invoice_numbers = itertools.count(99900001)
        self._loop = _LoopThread()
        self._closers: list[Callable[[], Any]] = []
        self.app = _Connections(self._starlette())

    @property
    def orders(self) -> OrdersView:
        """The orders by UUID: ``sandbox.orders[uuid].status``."""
        return OrdersView(self.store)

    @property
    def callbacks(self) -> list[CallbackRecord]:
        """Every notification sent (or attempted), oldest first."""
        return self.sender.records()

    # -- identifiers -------------------------------------------------------------------------------------------
    def next_product_id(self) -> int:
        with self._ids:
            return next(self._product_ids)

    def next_invoice_number(self) -> str:
        with self._ids:
            return str(next(self._invoice_numbers))

    # -- state changes ------------------------------------------------------------------------------------------
    async def change_status(
        self, order_uuid: str, status: str, *, payment_method: str = "invoice"
    ) -> CallbackRecord | None:
        """Move an order to ``status`` and, if that changed it, notify its callback URL (awaited, so a test sees
        the notification as soon as this returns). KeyError for an unknown order."""
        order = self.store.get(order_uuid)
        if order is None:
            raise KeyError(order_uuid)
        if order.status == status:
            return None
        order.status = status
        order.history.append(status)
        if status.upper() in INVOICED_STATUSES and order.invoice_number is None:
            order.invoice_number = self.next_invoice_number()
        self.store.put(order)
        return await self.sender.send(order, payment_method=payment_method)

    def run(self, coroutine: Awaitable[Any]) -> Any:
        """Run a coroutine on the sandbox's own event loop (a background thread) and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop.loop()).result()  # type: ignore[arg-type]

    def set_status(self, order_uuid: str, status: str, *, payment_method: str = "invoice") -> CallbackRecord | None:
        """``change_status`` from synchronous code (a test)."""
        record: CallbackRecord | None = self.run(self.change_status(order_uuid, status, payment_method=payment_method))
        return record

    def reset(self) -> None:
        """Forget every order, notification, fault and rate-limit window."""
        self.store.clear()
        self.sender.clear()
        self.faults.clear()
        self.limiter.reset()
        self.katsupay_invoices = _katsupay_examples()

    # -- clients ------------------------------------------------------------------------------------------------
    def http_client(self) -> httpx.Client:
        """An ``httpx.Client`` wired to the app in-process (absolute URLs, or paths under ``IN_PROCESS_URL``)."""
        client = httpx.Client(transport=SandboxTransport(self.app, self._loop), base_url=IN_PROCESS_URL)
        self._closers.append(client.close)
        return client

    def async_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=AsyncSandboxTransport(self.app), base_url=IN_PROCESS_URL)

    def client(self, token: str = DEFAULT_TOKEN, **options: Any) -> FrontpaymentClient:
        """A ``FrontpaymentClient`` that talks to this sandbox in-process."""
        return FrontpaymentClient(token, base_url=IN_PROCESS_URL, http_client=self.http_client(), **options)

    def async_client(self, token: str = DEFAULT_TOKEN, **options: Any) -> AsyncFrontpaymentClient:
        """An ``AsyncFrontpaymentClient`` that talks to this sandbox in-process."""
        return AsyncFrontpaymentClient(token, base_url=IN_PROCESS_URL, http_client=self.async_http_client(), **options)

    def katsupay_client(self, **options: Any) -> KatsuPayClient:
        """A ``KatsuPayClient`` that talks to this sandbox in-process."""
        return KatsuPayClient(IN_PROCESS_URL, http_client=self.http_client(), **options)

    def close(self) -> None:
        """Close the clients made here, the loop thread and the SQLite file."""
        for close in self._closers:
            with contextlib.suppress(Exception):
                close()
        self._closers.clear()
        self._loop.close()
        self.store.close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the application ----------------------------------------------------------------------------------------
    def _starlette(self) -> Starlette:
        routes: list[Any] = [
            StarletteRoute(r.path, _Operation(self, r), methods=[r.method], name=r.operation_id) for r in self.routes
        ]
        admin = _Admin(self)
        routes += [
            StarletteRoute("/_sandbox", admin.info, methods=["GET"]),
            StarletteRoute("/_sandbox/orders", admin.orders, methods=["GET"]),
            StarletteRoute("/_sandbox/orders/{orderUuid}", admin.order, methods=["GET"]),
            StarletteRoute("/_sandbox/orders/{orderUuid}/status", admin.status, methods=["POST"]),
            StarletteRoute("/_sandbox/orders/{orderUuid}/refund-requests/approve", admin.approve, methods=["POST"]),
            StarletteRoute("/_sandbox/callbacks", admin.callbacks, methods=["GET"]),
            StarletteRoute("/_sandbox/faults", admin.faults, methods=["GET", "POST", "DELETE"]),
            StarletteRoute("/_sandbox/rate-limit", admin.rate_limit, methods=["POST"]),
            StarletteRoute("/_sandbox/reset", admin.reset, methods=["POST"]),
            StarletteRoute("/_sandbox/katsupay/invoices", admin.katsupay_invoice, methods=["POST"]),
        ]
        return Starlette(routes=routes)


def _admin_error(status: int, message: str) -> Response:
    return _respond(status, {"error": message})


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class _Admin:
    """The test's controls under ``/_sandbox/``."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    async def info(self, request: Request) -> Response:
        return _respond(
            200,
            {
                "operations": [
                    {"operationId": r.operation_id, "method": r.method, "path": r.path, "inSpec": r.in_spec}
                    for r in self.sandbox.routes
                ],
                "rateLimit": {"limit": self.sandbox.limiter.limit, "window": self.sandbox.limiter.window},
            },
        )

    async def orders(self, request: Request) -> Response:
        return _respond(200, {"orders": [o.summary() for o in self.sandbox.store.all()]})

    async def order(self, request: Request) -> Response:
        order = self.sandbox.store.get(request.path_params["orderUuid"])
        return _respond(200, order.summary()) if order is not None else _admin_error(404, "no such order")

    async def status(self, request: Request) -> Response:
        body = await _json_body(request)
        status, method = body.get("status"), body.get("paymentMethod", "invoice")
        # The documented forms, so the notification verifies: a status word (an open set, as the API's is), and a
        # payment method of one word of letters.
        if not isinstance(status, str) or not _STATUS_WORD.fullmatch(status.strip()):
            return _admin_error(422, 'give {"status": "PAID"}: letters and spaces (and optionally paymentMethod)')
        if not isinstance(method, str) or not _PAYMENT_METHOD.fullmatch(method):
            return _admin_error(422, "paymentMethod is one word of letters (invoice, visa, mastercard)")
        uuid = request.path_params["orderUuid"]
        try:
            record = await self.sandbox.change_status(uuid, status.strip(), payment_method=method)
        except KeyError:
            return _admin_error(404, "no such order")
        order = self.sandbox.store.get(uuid)
        assert order is not None
        return _respond(200, {"order": order.summary(), "callback": record.as_dict() if record else None})

    async def approve(self, request: Request) -> Response:
        uuid = request.path_params["orderUuid"]
        order = self.sandbox.store.get(uuid)
        if order is None:
            return _admin_error(404, "no such order")
        pending = [r for r in order.refund_requests if r.get("state") == "pending"]
        if not pending:
            return _admin_error(409, "no pending refund request")
        amount = min(Decimal(pending[0]["grandTotal"]), order.amount - order.refunded)
        pending[0]["state"] = "approved"
        order.refunded += amount
        self.sandbox.store.put(order)
        await self.sandbox.change_status(uuid, "REFUNDED" if order.refunded >= order.amount else "PARTIAL REFUNDED")
        return _respond(200, {"order": (self.sandbox.store.get(uuid) or order).summary()})

    async def callbacks(self, request: Request) -> Response:
        return _respond(200, {"callbacks": [r.as_dict() for r in self.sandbox.sender.records()]})

    async def faults(self, request: Request) -> Response:
        plan = self.sandbox.faults
        if request.method == "POST":
            try:
                plan.add(parse_fault(await _json_body(request)))
            except ValueError as exc:
                return _admin_error(422, str(exc))
        elif request.method == "DELETE":
            plan.clear()
        return _respond(200, {"faults": [f.as_dict() for f in plan.pending()]})

    async def rate_limit(self, request: Request) -> Response:
        body = await _json_body(request)
        limit, window = body.get("limit"), body.get("window")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
            return _admin_error(422, "limit must be a non-negative integer or null")
        if window is not None and (not isinstance(window, int | float) or window <= 0):
            return _admin_error(422, "window must be a positive number of seconds")
        self.sandbox.limiter.configure(limit, float(window) if window is not None else None)
        return _respond(200, {"limit": self.sandbox.limiter.limit, "window": self.sandbox.limiter.window})

    async def reset(self, request: Request) -> Response:
        self.sandbox.reset()
        return _respond(200, {"reset": True})

    async def katsupay_invoice(self, request: Request) -> Response:
        body = _json_object(await request.body(), parse_float=Decimal)
        data = body.get("data")
        if isinstance(data, dict) and "id" in data:
            entry = {"succeeded": True, "message": "Invoice retrieved", "errors": [], "data": data}
            key = str(data["id"])
        elif isinstance(body.get("id"), str) and body.get("succeeded") is False:
            entry = {"succeeded": False, "message": str(body.get("message", "")), "errors": body.get("errors", [])}
            entry["data"] = None
            key = body["id"]
        else:
            return _admin_error(422, 'give {"data": {"id": ...}} or {"id": ..., "succeeded": false, "message": ...}')
        self.sandbox.katsupay_invoices[key] = entry
        return _respond(201, entry)


__all__ = ["IN_PROCESS_URL", "OrderRecord", "Sandbox", "ok", "template"]
