"""The ``frontpayment_sandbox`` pytest fixture: a fresh local Frontpayment for each test, in-process.

Installed with the SDK (entry point ``pytest11``); it needs the ``testing`` extra
(``pip install "frontpayment-sdk[testing]"``) and imports the sandbox only when a test asks for the fixture.

    def test_paid_invoice(frontpayment_sandbox):
        client = frontpayment_sandbox.client                      # a FrontpaymentClient, wired in-process
        created = client.send_invoice(order)
        frontpayment_sandbox.set_status(created.order_uuid, "PAID")
        assert frontpayment_sandbox.orders[created.order_uuid].status == "PAID"
        assert frontpayment_sandbox.callbacks[-1].status == "PAID"

``docs/testing.md`` is the guide.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .client import AsyncFrontpaymentClient, FrontpaymentClient
    from .katsupay import KatsuPayClient
    from .sandbox import CallbackRecord, OrderRecord, Sandbox


class SandboxHandle:
    """What the fixture yields: the sandbox, clients wired to it, its orders, its controls and its callbacks."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    @functools.cached_property
    def client(self) -> FrontpaymentClient:
        """A ``FrontpaymentClient`` talking to the sandbox in-process (token ``sandbox-token``)."""
        return self.sandbox.client()

    @property
    def async_client(self) -> AsyncFrontpaymentClient:
        """A new ``AsyncFrontpaymentClient`` talking to the sandbox in-process; use it as ``async with``."""
        return self.sandbox.async_client()

    @property
    def orders(self) -> Mapping[str, OrderRecord]:
        """The sandbox's orders by UUID; each lookup reads the current state."""
        return self.sandbox.orders

    @functools.cached_property
    def katsupay(self) -> KatsuPayClient:
        """A ``KatsuPayClient`` talking to the sandbox's Katsu Pay in-process."""
        return self.sandbox.katsupay_client()

    @property
    def secret(self) -> str:
        """The merchant secret the callbacks are signed with (for ``verify_callback``)."""
        return self.sandbox.secret

    @property
    def callbacks(self) -> list[CallbackRecord]:
        """Every notification sent so far, oldest first."""
        return self.sandbox.callbacks

    def set_status(self, order_uuid: str, status: str, *, payment_method: str = "invoice") -> CallbackRecord | None:
        """Move an order to ``status`` (PAID, CANCELLED, EXPIRED...) and deliver its callback; returns it."""
        return self.sandbox.set_status(order_uuid, status, payment_method=payment_method)

    def receive_callbacks(self, receiver: Any) -> None:
        """Deliver notifications to ``receiver`` in-process: an ASGI app, or a function of the URL that may
        return the status it answered."""
        self.sandbox.sender.receiver = receiver

    # -- faults ------------------------------------------------------------------------------------------------
    def _fault(self, kind: str, times: int, operation: str | None, **extra: Any) -> None:
        from .sandbox._faults import parse_fault  # noqa: PLC0415 - the sandbox is imported with the fixture only

        self.sandbox.faults.add(parse_fault({"kind": kind, "count": times, "operation": operation, **extra}))

    def fail_next(self, status: int = 500, *, times: int = 1, operation: str | None = None) -> None:
        """The next ``times`` requests (of ``operation``, an operationId, if given) answer ``status`` with the
        body the spec documents for it (500, 510, ...), unprocessed."""
        self._fault("status", times, operation, status=status)

    def drop_next(self, *, times: int = 1, operation: str | None = None) -> None:
        """The next requests are processed, then the connection closes without an answer."""
        self._fault("drop", times, operation)

    def stall_next(self, seconds: float, *, times: int = 1, operation: str | None = None) -> None:
        """The next requests are processed and answered ``seconds`` late."""
        self._fault("stall", times, operation, seconds=seconds)

    def rate_limit(self, limit: int | None, window: float = 60.0) -> None:
        """Enforce ``limit`` requests per ``window`` seconds per token (None: no limit)."""
        self.sandbox.limiter.configure(limit, window)

    def reset(self) -> None:
        self.sandbox.reset()

    def close(self) -> None:
        if "client" in self.__dict__:
            self.client.close()
        if "katsupay" in self.__dict__:
            self.katsupay.close()
        self.sandbox.close()


@pytest.fixture
def frontpayment_sandbox() -> Iterator[SandboxHandle]:
    """A fresh in-process Frontpayment sandbox for this test (see ``SandboxHandle``)."""
    try:
        from .sandbox import Sandbox  # noqa: PLC0415 - optional: needs the `testing` extra
    except ImportError as exc:  # pragma: no cover - depends on what is installed
        pytest.fail(
            f"the frontpayment_sandbox fixture needs the testing extra: pip install 'frontpayment-sdk[testing]' ({exc})"
        )
    handle = SandboxHandle(Sandbox())
    try:
        yield handle
    finally:
        handle.close()
