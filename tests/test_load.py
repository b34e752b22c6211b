"""The async client under 500 concurrent calls against a real local server: every result matches its request,
the pool limit holds, no connection leaks, and the client closes cleanly."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
from local_server import Received, Reply, envelope
from test_spec_rules import INVOICE, documented

from frontpayment_ext import AsyncFrontpaymentClient

CONCURRENT = 500
POOL = 20


def echo(request: Received) -> Reply:
    """Answers each call with data derived from the request, so a mixed-up response would show."""
    if request.method == "POST":
        ref = json.loads(request.body)["referenceNo"]
        return envelope(201, {"uuid": f"ODR-{ref}", "customerUuid": f"C-{ref}"})
    order = request.path.rsplit("/", 1)[-1]
    return envelope(200, {"orderUuid": order, "invoiceNumber": f"INV-{order}", "status": "INVOICED"})


def test_500_concurrent_calls(local_server: Any) -> None:
    server = local_server(echo)

    async def run() -> tuple[list[Any], list[Any], AsyncFrontpaymentClient]:
        limits = httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
        http = httpx.AsyncClient(limits=limits, timeout=30)
        async with AsyncFrontpaymentClient(base_url=server.url, http_client=http) as client:
            reads = [client.get_invoice_number(f"ODR{i}") for i in range(CONCURRENT // 2)]
            payloads = []
            for i in range(CONCURRENT // 2):
                payload = documented(INVOICE)
                payload["referenceNo"] = f"R{i}"
                payloads.append(payload)
            writes = [client.send_invoice(p) for p in payloads]
            results = await asyncio.gather(*reads, *writes)
        return results[: CONCURRENT // 2], results[CONCURRENT // 2 :], client

    started = time.perf_counter()
    reads, writes, client = asyncio.run(run())
    elapsed = time.perf_counter() - started

    assert [r.invoice_number for r in reads] == [f"INV-ODR{i}" for i in range(CONCURRENT // 2)]
    assert [w.order_uuid for w in writes] == [f"ODR-R{i}" for i in range(CONCURRENT // 2)]
    assert len(server.received) == CONCURRENT  # no retries, no duplicates
    assert server.posts() == CONCURRENT // 2
    assert server.peak_connections <= POOL
    assert client.generated.get_async_httpx_client().is_closed
    deadline = time.monotonic() + 5
    while server.open_connections and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.open_connections == 0  # the server saw every connection closed: none leaked
    assert elapsed < 60
