"""Fault injection against a real server on 127.0.0.1 (real sockets). For each fault: what the SDK did (retried,
raised, reported an unknown outcome), and that no order-creating POST reached the server twice."""

from __future__ import annotations

import socket
import time
from typing import Any

import httpx
import pytest
from local_server import Fault, LocalServer, Received, Reply, envelope
from test_spec_rules import INVOICE, documented

from frontpayment_ext import (
    APIConnectionError,
    APITimeoutError,
    FrontpaymentClient,
    MalformedResponseError,
    OutcomeUnknownError,
    ServerError,
)

CREATE = "/api/v1/connect/orders/invoice/create"


def api(request: Received) -> Reply:
    if request.method == "POST":
        return envelope(201, {"uuid": "ODR1", "customerUuid": "C1"})
    return envelope(200, {"orderUuid": "ODR1", "invoiceNumber": "99", "status": "INVOICED"})


def client_for(server_url: str, **kw: Any) -> tuple[FrontpaymentClient, list[float]]:
    sleeps: list[float] = []
    options = {"timeout": httpx.Timeout(1.0, connect=1.0), "max_retries": 2, **kw}
    client = FrontpaymentClient(base_url=server_url, **options)
    client.sleep = sleeps.append  # record the backoff instead of waiting
    return client, sleeps


def order() -> dict[str, Any]:
    payload = documented(INVOICE)
    payload["referenceNo"] = "REF-1"
    return payload


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def no_duplicate_post(server: LocalServer) -> None:
    assert server.posts(CREATE) <= 1, "an order-creating POST reached the server twice"


def test_connection_refused_post_is_retried_because_it_provably_never_left(local_server: Any) -> None:
    port = free_port()
    client = FrontpaymentClient(base_url=f"http://127.0.0.1:{port}", max_retries=2)
    started: list[LocalServer] = []

    def sleep_then_start_server(seconds: float) -> None:
        if not started:  # the server comes up during the first backoff
            started.append(local_server(api, port=port))

    client.sleep = sleep_then_start_server
    result = client.send_invoice(order())
    assert result.order_uuid == "ODR1"
    assert started[0].posts(CREATE) == 1
    no_duplicate_post(started[0])


def test_connection_refused_every_time_says_nothing_was_sent() -> None:
    client = FrontpaymentClient(base_url=f"http://127.0.0.1:{free_port()}", max_retries=2)
    slept: list[float] = []
    client.sleep = slept.append
    with pytest.raises(APIConnectionError) as caught:
        client.send_invoice(order())
    assert caught.value.request_sent is False
    assert len(slept) == 2  # three attempts


@pytest.mark.parametrize("kind", ["close_before_body", "close_after_body"])
def test_dropped_connection_post_is_not_resent_and_outcome_is_unknown(kind: str, local_server: Any) -> None:
    server = local_server(api, [Fault(kind)])
    client, sleeps = client_for(server.url)
    with pytest.raises(OutcomeUnknownError) as caught:
        client.send_invoice(order())
    assert server.attempts == 1
    assert server.posts(CREATE) == (1 if kind == "close_after_body" else 0)
    assert sleeps == []
    assert "REF-1" in str(caught.value)  # the referenceNo to look the order up by
    assert "get_invoice_number" in str(caught.value)
    no_duplicate_post(server)


@pytest.mark.parametrize("kind", ["close_before_body", "close_after_body"])
def test_dropped_connection_read_is_retried(kind: str, local_server: Any) -> None:
    server = local_server(api, [Fault(kind)])
    client, sleeps = client_for(server.url)
    assert client.get_invoice_number("ODR1").invoice_number == "99"
    assert server.attempts == 2
    assert len(sleeps) == 1
    no_duplicate_post(server)


def test_stalled_response_post_times_out_with_unknown_outcome(local_server: Any) -> None:
    server = local_server(api, [Fault("stall", seconds=5)])
    client, sleeps = client_for(server.url, timeout=httpx.Timeout(0.3, connect=1.0))
    with pytest.raises(OutcomeUnknownError, match="ReadTimeout"):
        client.send_invoice(order())
    assert server.posts(CREATE) == 1
    assert sleeps == []
    no_duplicate_post(server)


def test_stalled_response_read_is_retried_then_times_out(local_server: Any) -> None:
    server = local_server(api, [Fault("stall", seconds=5)] * 3)
    client, sleeps = client_for(server.url, timeout=httpx.Timeout(0.2, connect=1.0))
    with pytest.raises(APITimeoutError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.request_sent is True
    assert server.attempts == 3
    assert len(sleeps) == 2
    no_duplicate_post(server)


def test_per_call_timeout_and_retries(local_server: Any) -> None:
    server = local_server(api, [Fault("stall", seconds=5)])
    client, _ = client_for(server.url)
    started = time.perf_counter()
    with pytest.raises(APITimeoutError):
        client.get_invoice_number("ODR1", timeout=0.2, max_retries=0)
    assert time.perf_counter() - started < 0.9
    assert server.attempts == 1
    no_duplicate_post(server)


def test_5xx_then_success_read_is_retried(local_server: Any) -> None:
    server = local_server(api, [Fault("reply", reply=envelope(503, None)), Fault("reply", reply=envelope(510, None))])
    client, sleeps = client_for(server.url)
    assert client.get_invoice_number("ODR1").status == "INVOICED"
    assert server.attempts == 3
    assert len(sleeps) == 2
    assert sleeps[1] > sleeps[0] * 1.4  # exponential backoff
    no_duplicate_post(server)


def test_5xx_on_post_is_not_resent_and_the_outcome_is_unknown(local_server: Any) -> None:
    server = local_server(api, [Fault("reply", reply=envelope(500, None, message="internalErrorOccurred"))])
    client, sleeps = client_for(server.url)
    with pytest.raises(ServerError) as caught:
        client.send_invoice(order())
    assert caught.value.outcome_unknown is True
    assert "outcome unknown" in str(caught.value)
    assert server.posts(CREATE) == 1
    assert sleeps == []
    no_duplicate_post(server)


def test_429_honours_retry_after(local_server: Any) -> None:
    limited = (429, {"Retry-After": "3", "Content-Type": "application/json"}, b'{"message": "tooManyRequests"}')
    server = local_server(api, [Fault("reply", reply=limited)])
    client, sleeps = client_for(server.url)
    assert client.get_invoice_number("ODR1").status == "INVOICED"
    assert sleeps == [3.0]
    no_duplicate_post(server)


def test_truncated_body_post_is_unknown_read_is_retried(local_server: Any) -> None:
    server = local_server(api, [Fault("truncate"), Fault("truncate")])
    client, _ = client_for(server.url)
    with pytest.raises(OutcomeUnknownError):
        client.send_invoice(order())
    assert client.get_invoice_number("ODR1").status == "INVOICED"
    assert server.posts(CREATE) == 1
    no_duplicate_post(server)


def test_complete_response_with_truncated_json_is_malformed(local_server: Any) -> None:
    broken = (200, {"Content-Type": "application/json"}, b'{"status_code": 200, "data": {"orderUu')
    server = local_server(api, [Fault("reply", reply=broken)])
    client, _ = client_for(server.url)
    with pytest.raises(MalformedResponseError) as caught:
        client.get_invoice_number("ODR1")
    assert caught.value.body == broken[2]
    no_duplicate_post(server)


def test_slow_trickle_of_bytes_is_read_correctly(local_server: Any) -> None:
    server = local_server(api, [Fault("trickle", seconds=0.002)])
    client, sleeps = client_for(server.url)
    result = client.send_invoice(order())
    assert result.order_uuid == "ODR1"
    assert server.posts(CREATE) == 1
    assert sleeps == []
    no_duplicate_post(server)
