"""A local, stateful Frontpayment to test against: ``Sandbox``.

    from frontpayment_ext.sandbox import Sandbox

    with Sandbox() as sandbox, sandbox.client() as client:     # in-process, no sockets
        created = client.send_invoice(order)
        sandbox.set_status(created.order_uuid, "PAID")           # and signs its callback: sandbox.callbacks
        assert sandbox.orders[created.order_uuid].status == "PAID"

Over HTTP: ``frontpayment sandbox --port 4010`` or ``with SandboxServer(Sandbox()) as server: server.url``.
The pytest plugin (``frontpayment_ext.pytest_plugin``) gives each test a fresh one as ``frontpayment_sandbox``.
``docs/testing.md`` is the guide. Needs the ``sandbox`` (or ``testing``) extra: Starlette and uvicorn.
"""

from __future__ import annotations

from ._app import DEFAULT_SECRET, DEFAULT_TOKEN, IN_PROCESS_URL, Sandbox
from ._callbacks import CallbackRecord, signed_params
from ._faults import Fault
from ._laravel import attribute, sentence
from ._server import SandboxServer, serve
from ._store import OrderRecord, Product
from ._transport import AsyncSandboxTransport, SandboxTransport

__all__ = [
    "DEFAULT_SECRET",
    "DEFAULT_TOKEN",
    "IN_PROCESS_URL",
    "AsyncSandboxTransport",
    "CallbackRecord",
    "Fault",
    "OrderRecord",
    "Product",
    "Sandbox",
    "SandboxServer",
    "SandboxTransport",
    "attribute",
    "sentence",
    "serve",
    "signed_params",
]
