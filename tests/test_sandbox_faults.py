"""Faults and the rate limit, in-process and over a real socket (uvicorn), as the SDK meets them."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from frontpayment_ext import (
    APIConnectionError,
    APITimeoutError,
    FrontpaymentClient,
    OutcomeUnknownError,
    RateLimitError,
    ServerError,
)
from frontpayment_ext.pytest_plugin import SandboxHandle
from frontpayment_ext.sandbox import Sandbox, SandboxServer
from frontpayment_ext.specs import load_spec

P = "/api/v1/connect/orders"
AUTH = {"Authorization": "Bearer test-token"}
INVOICE = copy.deepcopy(
    load_spec("frontpayment")["paths"][f"{P}/invoice/create"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]["documented"]["value"]
)


@pytest.fixture
def handle() -> Iterator[SandboxHandle]:
    handle = SandboxHandle(Sandbox(rate_limit=None))
    yield handle
    handle.close()


@pytest.fixture
def server() -> Iterator[tuple[SandboxHandle, str]]:
    handle = SandboxHandle(Sandbox(rate_limit=None))
    with SandboxServer(handle.sandbox) as running:
        yield handle, running.url
    handle.close()


# -- in-process ----------------------------------------------------------------------------------------------------
def test_a_dropped_connection_after_the_body_leaves_the_outcome_unknown(handle: SandboxHandle) -> None:
    handle.drop_next(operation="send_invoice")
    with pytest.raises(OutcomeUnknownError):
        handle.client.send_invoice(INVOICE)
    [order] = handle.sandbox.store.all()  # the server did create it: this is why the SDK must not resend
    assert order.status == "SENT"
    assert handle.client.send_invoice(INVOICE).order_uuid != order.uuid  # the fault was used up


def test_a_dropped_read_is_retried_by_the_sdk(handle: SandboxHandle) -> None:
    uuid = handle.client.send_invoice(INVOICE).order_uuid
    handle.drop_next()
    with handle.sandbox.client(max_retries=0) as once, pytest.raises(APIConnectionError):
        once.get_invoice_number(uuid)
    handle.drop_next()
    assert handle.client.get_invoice_number(uuid).status == "SENT"


@pytest.mark.parametrize(
    ("status", "message"), [(500, "internalErrorOccurredPleaseTryAgainLater"), (510, "Something Went Wrong")]
)
def test_status_faults_answer_the_documented_body_unprocessed(handle: SandboxHandle, status: int, message: str) -> None:
    handle.fail_next(status, times=2)
    with handle.sandbox.client(max_retries=0) as client:
        for _ in range(2):
            with pytest.raises(ServerError) as caught:
                client.get_invoice_number("ODR2005869234")
            assert caught.value.status_code == status
            assert caught.value.message == message
        assert not handle.sandbox.faults.pending()


def test_a_500_on_a_send_creates_nothing_and_says_the_outcome_is_unknown(handle: SandboxHandle) -> None:
    handle.fail_next(500)
    with pytest.raises(ServerError) as caught:
        handle.client.send_invoice(INVOICE)
    assert caught.value.outcome_unknown
    assert caught.value.message == "internalErrorOccurredPleaseTryAgainLater"
    assert handle.sandbox.store.all() == []


def test_a_fault_for_one_operation_leaves_the_others_alone(handle: SandboxHandle) -> None:
    handle.fail_next(510, operation="get_invoice_number")
    uuid = handle.client.send_invoice(INVOICE).order_uuid  # not faulted
    with handle.sandbox.client(max_retries=0) as client, pytest.raises(ServerError):
        client.get_invoice_number(uuid)


def test_a_stall_times_out_the_client_but_the_order_exists(handle: SandboxHandle) -> None:
    handle.stall_next(2.0)
    started = time.monotonic()
    with handle.sandbox.client(timeout=0.3) as client, pytest.raises(OutcomeUnknownError):
        client.send_invoice(INVOICE)
    assert time.monotonic() - started < 1.5
    assert len(handle.sandbox.store.all()) == 1
    handle.stall_next(0.2)
    with handle.sandbox.client(timeout=0.05, max_retries=0) as client, pytest.raises(APITimeoutError):
        client.get_invoice_number("ODR1")


def test_the_rate_limit_is_advertised_and_enforced(handle: SandboxHandle) -> None:
    handle.rate_limit(3, window=60)
    with handle.sandbox.http_client() as http:
        remaining = [http.get(f"{P}/status", headers=AUTH).headers["x-ratelimit-remaining"] for _ in range(3)]
        assert remaining == ["2", "1", "0"]
        refused = http.get(f"{P}/status", headers=AUTH)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.headers["x-ratelimit-limit"] == "3"
        assert refused.headers["x-ratelimit-remaining"] == "0"
        assert http.get(f"{P}/status", headers={"Authorization": "Bearer another"}).status_code == 404  # per token
        assert http.get("/_sandbox/orders").status_code == 200  # admin routes are never limited
    with handle.sandbox.client("test-token", max_retries=0) as client, pytest.raises(RateLimitError):
        client.get_invoice_number("ODR1")


def test_the_window_resets() -> None:
    with Sandbox(rate_limit=1, rate_window=1.0) as box, box.http_client() as http:  # 1 s: room on a loaded machine
        assert http.get(f"{P}/status", headers=AUTH).status_code == 404
        assert http.get(f"{P}/status", headers=AUTH).status_code == 429
        time.sleep(1.05)
        assert http.get(f"{P}/status", headers=AUTH).status_code == 404


# -- over HTTP -----------------------------------------------------------------------------------------------------
def test_over_http_a_drop_closes_the_socket_without_a_byte(server: tuple[SandboxHandle, str]) -> None:
    handle, url = server
    handle.drop_next()
    with httpx.Client(base_url=url) as http, pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        http.post(f"{P}/invoice/create", json=INVOICE, headers=AUTH)
    assert len(handle.sandbox.store.all()) == 1
    with httpx.Client(base_url=url) as http:  # the server is fine afterwards
        assert http.get(f"{P}/status", headers=AUTH).status_code == 200


def test_over_http_the_sdk_sees_each_fault(server: tuple[SandboxHandle, str]) -> None:
    handle, url = server
    with FrontpaymentClient("t", base_url=url, max_retries=0, timeout=0.3) as client:
        handle.drop_next()
        with pytest.raises(OutcomeUnknownError):
            client.send_invoice(INVOICE)
        handle.fail_next(510)
        with pytest.raises(ServerError) as caught:
            client.get_invoice_number("ODR1")
        assert caught.value.status_code == 510
        handle.stall_next(1.0)
        with pytest.raises(APITimeoutError):
            client.get_invoice_number("ODR1")
        created = client.send_invoice(INVOICE)
        assert created.rate_limit.limit == 240
        assert client.get_invoice_number(created.order_uuid).status == "SENT"


def _statuses(url: str, n: int) -> list[Any]:
    with httpx.Client(base_url=url) as http:
        return [http.get(f"{P}/status", headers=AUTH).status_code for _ in range(n)]


def test_over_http_the_rate_limit_holds(server: tuple[SandboxHandle, str]) -> None:
    handle, url = server
    handle.rate_limit(2)
    assert _statuses(url, 3) == [404, 404, 429]


def test_over_http_a_stall_ends_when_the_client_gives_up() -> None:
    """A long stall must not outlive its client: stopping the server does not wait for it."""
    with Sandbox() as box:
        server = SandboxServer(box)
        server.start()
        SandboxHandle(box).stall_next(600)
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(f"{server.url}{P}/status", headers=AUTH, timeout=0.2)
        time.sleep(0.1)
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 1.5
