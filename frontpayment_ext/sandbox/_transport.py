"""In-process transports: httpx talks to the sandbox's ASGI app directly, no socket, with a real server's failures.

httpx's own ``ASGITransport`` is async-only and ignores timeouts. ``AsyncSandboxTransport`` adds the read timeout
(a stalled answer raises ``httpx.ReadTimeout``, as over a socket) and turns a dropped connection into
``httpx.RemoteProtocolError``. ``SandboxTransport`` is the same for httpx's sync client: it runs the app on an event
loop in a background thread (the pattern of Starlette's TestClient, which uses an anyio portal, but with timeouts
and without the test client's own exception handling).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from typing import Any

import httpx


class ConnectionDropped(Exception):  # noqa: N818 - it is an event, not an error of the caller's
    """Raised by the app to have an in-process transport behave as if the server closed the connection."""


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout", {})
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return float(value) if value is not None else None


class AsyncSandboxTransport(httpx.AsyncBaseTransport):
    """``httpx.AsyncClient(transport=AsyncSandboxTransport(app))``: requests go straight into the ASGI app."""

    def __init__(self, app: Any) -> None:
        self._inner = httpx.ASGITransport(app=app, raise_app_exceptions=True, client=("127.0.0.1", 50000))

    async def _exchange(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        body = await response.aread()
        return httpx.Response(response.status_code, headers=response.headers, content=body)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await asyncio.wait_for(self._exchange(request), _read_timeout(request))
        except TimeoutError:
            raise httpx.ReadTimeout("the sandbox did not answer in time (read timeout)", request=request) from None
        except ConnectionDropped:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None


class _LoopThread:
    """One event loop in a daemon thread, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="frontpayment-sandbox", daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def close(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is not None and thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5)
            loop.close()


class SandboxTransport(httpx.BaseTransport):
    """``httpx.Client(transport=SandboxTransport(app))``: the sync counterpart of ``AsyncSandboxTransport``."""

    def __init__(self, app: Any, loop: _LoopThread | None = None) -> None:
        self._async = AsyncSandboxTransport(app)
        self._owns_loop = loop is None
        self._loop = loop or _LoopThread()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        future = asyncio.run_coroutine_threadsafe(self._async.handle_async_request(request), self._loop.loop())
        try:
            return future.result()
        except concurrent.futures.CancelledError:
            raise httpx.ReadError("the sandbox's event loop stopped", request=request) from None

    def close(self) -> None:
        if self._owns_loop:
            self._loop.close()
