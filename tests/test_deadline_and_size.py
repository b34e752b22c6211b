"""A total deadline per attempt, and a cap on the decoded body, against hostile servers on real sockets: one that
trickles a byte every half second (never long enough for the read timeout), and a 300 KB gzip body that inflates
to 300 MB."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gzip
import json
import threading
import time
import tracemalloc
import zlib
from typing import Any

import httpx
import pytest
from local_server import Fault, Reply
from test_faults import CREATE, api, client_for, order

from frontpayment_ext import (
    APIConnectionError,
    APITimeoutError,
    AsyncFrontpaymentClient,
    ConfigurationError,
    FrontpaymentClient,
    MalformedResponseError,
    OutcomeUnknownError,
    ResponseTooLargeError,
)

TRICKLE = Fault("trickle", seconds=0.5)  # the whole reply, headers included, one byte every 0.5 s
READ_TIMEOUT = httpx.Timeout(1.0, connect=1.0)  # each byte arrives well within it


def test_a_trickling_server_cannot_hold_a_post_past_its_deadline(local_server: Any) -> None:
    server = local_server(api, [TRICKLE])
    client, sleeps = client_for(server.url, timeout=READ_TIMEOUT, deadline=1.5)
    started = time.monotonic()
    with pytest.raises(OutcomeUnknownError, match="DeadlineExceeded"):
        client.send_invoice(order())
    assert time.monotonic() - started < 3.0  # without a deadline: about a minute for the headers alone
    assert server.posts(CREATE) == 1
    assert sleeps == []  # sent, so never resent


def test_a_trickling_read_hits_the_per_call_deadline_and_is_retried(local_server: Any) -> None:
    server = local_server(api, [TRICKLE])
    client, sleeps = client_for(server.url, timeout=READ_TIMEOUT)
    started = time.monotonic()
    assert client.get_invoice_number("ODR1", deadline=1.0).status == "INVOICED"  # the retry got a normal answer
    assert time.monotonic() - started < 2.5
    assert len(sleeps) == 1
    server.faults.append(TRICKLE)
    with pytest.raises(APITimeoutError, match="deadline of 1 s exceeded"):
        client.get_invoice_number("ODR1", deadline=1.0, max_retries=0)


def test_the_deadline_holds_on_a_reused_keep_alive_connection(local_server: Any) -> None:
    server = local_server(api, [None, TRICKLE])  # a normal answer first, then a trickle on the same connection
    client, _ = client_for(server.url, timeout=READ_TIMEOUT, deadline=1.2, max_retries=0)
    client.get_invoice_number("ODR1")
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="deadline"):
        client.get_invoice_number("ODR1")
    assert time.monotonic() - started < 2.5
    assert server.attempts == 2


def test_a_trickling_server_cannot_hold_an_async_call_past_its_deadline(local_server: Any) -> None:
    server = local_server(api, [TRICKLE, TRICKLE])

    async def run() -> tuple[float, float]:
        async with AsyncFrontpaymentClient(
            "t", base_url=server.url, timeout=READ_TIMEOUT, deadline=1.2, max_retries=0
        ) as client:
            started = time.monotonic()
            with pytest.raises(OutcomeUnknownError, match="DeadlineExceeded"):
                await client.send_invoice(order())
            post = time.monotonic() - started
            started = time.monotonic()
            with pytest.raises(APITimeoutError, match="deadline"):
                await client.get_invoice_number("ODR1", deadline=0.8)
            return post, time.monotonic() - started

    post, read = asyncio.run(run())
    assert post < 2.5
    assert read < 2.0
    assert server.posts(CREATE) == 1


def test_a_slow_but_steady_answer_within_the_deadline_is_read() -> None:
    # The default deadline (60 s) is far above what any ordinary answer takes; a fast trickle is read in full.
    assert FrontpaymentClient("t", base_url="http://127.0.0.1:1").deadline == 60.0


@pytest.mark.parametrize("bad", [0, -1, float("nan"), "5", True])
def test_a_nonsense_deadline_is_a_configuration_error(bad: Any) -> None:
    with pytest.raises(ConfigurationError, match="deadline"):
        FrontpaymentClient("t", base_url="http://127.0.0.1:1", deadline=bad)


@functools.cache
def gzip_bomb() -> bytes:
    """About 300 KB of gzip that inflates to 300 MB of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    block = bytes(1 << 20)
    return b"".join([*(packer.compress(block) for _ in range(300)), packer.flush()])


def _gzipped(status: int, body: bytes) -> Reply:
    return status, {"Content-Type": "application/json", "Content-Encoding": "gzip"}, body


def test_a_gzip_bomb_fails_fast_with_bounded_memory(local_server: Any) -> None:
    bomb = gzip_bomb()
    assert len(bomb) < 400_000
    server = local_server(api, [Fault("reply", reply=_gzipped(200, bomb))])
    client, _ = client_for(server.url, max_retries=0)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ResponseTooLargeError) as caught:
            client.get_invoice_number("ODR1")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 5.0
    assert peak < 50 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"
    assert isinstance(caught.value, MalformedResponseError)
    assert caught.value.outcome_unknown is False
    assert "max_response_bytes" in str(caught.value)
    assert caught.value.body == bytes(len(caught.value.body))  # the first bytes of the inflated zeros
    assert 0 < len(caught.value.body) <= 65536


def test_a_gzip_bomb_answering_an_order_is_an_unknown_outcome_async(local_server: Any) -> None:
    server = local_server(api, [Fault("reply", reply=_gzipped(201, gzip_bomb()))])

    async def run() -> ResponseTooLargeError:
        async with AsyncFrontpaymentClient("t", base_url=server.url) as client:
            with pytest.raises(ResponseTooLargeError) as caught:
                await client.send_invoice(order())
            return caught.value

    error = asyncio.run(run())
    assert error.outcome_unknown is True
    assert server.posts(CREATE) == 1


def test_max_response_bytes_is_settable_and_applies_to_plain_bodies(local_server: Any) -> None:
    big = json.dumps({"status_code": 200, "message": "x" * 5000, "data": {}}).encode()
    server = local_server(api, [Fault("reply", reply=(200, {"Content-Type": "application/json"}, big))])
    client, _ = client_for(server.url, max_response_bytes=1000, max_retries=0)
    with pytest.raises(ResponseTooLargeError, match="1000 bytes") as caught:
        client.get_invoice_number("ODR1")
    assert big.startswith(caught.value.body)
    assert client.get_invoice_number("ODR1").status == "INVOICED"  # a small answer is still read
    with pytest.raises(ConfigurationError, match="max_response_bytes"):
        FrontpaymentClient("t", base_url=server.url, max_response_bytes=0)


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_answers_are_still_read(encoding: str, local_server: Any) -> None:
    data = {"uuid": "ODR7", "customerUuid": "C7"}
    body = json.dumps({"status_code": 201, "status_message": "OK", "message": "ok", "data": data}).encode()
    if encoding == "gzip":
        packed = gzip.compress(body)
    elif encoding == "deflate":
        packed = zlib.compress(body)
    else:  # "deflate" as some servers send it: without the zlib wrapper
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed = packer.compress(body) + packer.flush()
    header = "deflate" if encoding == "raw-deflate" else encoding
    reply = (201, {"Content-Type": "application/json", "Content-Encoding": header}, packed)
    server = local_server(api, [Fault("reply", reply=reply)])
    client, _ = client_for(server.url)
    assert client.send_invoice(order()).order_uuid == "ODR7"


def test_a_corrupt_gzip_answer_to_an_order_is_unknown(local_server: Any) -> None:
    server = local_server(api, [Fault("reply", reply=_gzipped(201, b"\x1f\x8b\x08\x00garbage"))])
    client, _ = client_for(server.url)
    with pytest.raises(MalformedResponseError, match="could not be decoded") as caught:
        client.send_invoice(order())
    assert caught.value.outcome_unknown is True


def test_a_deadline_hit_before_anything_was_written_is_not_an_unknown_outcome(local_server: Any) -> None:
    # One pooled connection, held by a stalled read in another thread: the POST waits for it and never leaves.
    server = local_server(api, [Fault("stall", seconds=1.5)])
    http = httpx.Client(limits=httpx.Limits(max_connections=1))
    client = FrontpaymentClient("t", base_url=server.url, http_client=http, max_retries=0, timeout=5.0)

    def hold_the_connection() -> None:
        with contextlib.suppress(Exception):
            client.get_invoice_number("ODR1")

    holder = threading.Thread(target=hold_the_connection)
    holder.start()
    deadline = time.monotonic() + 5
    while server.attempts == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    with pytest.raises(APIConnectionError) as caught:
        client.send_invoice(order(), deadline=0.5)
    assert time.monotonic() - started < 1.5
    assert not isinstance(caught.value, OutcomeUnknownError)
    assert caught.value.request_sent is False
    assert server.posts(CREATE) == 0
    holder.join()
