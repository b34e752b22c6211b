"""The SDK's cost against raw httpx, measured in one run against a local server (``nox -s bench``).

    python benchmarks/run.py            # the full run; writes benchmarks/results.json and prints a Markdown table
    python benchmarks/run.py --quick    # a smoke run with tiny counts (what CI runs, through the tests)

What is measured, each beside raw httpx doing the same HTTP work in the same run:

* per call: the SDK's ``send_invoice`` of a 3-line order (build the payload from the builders, validate, plugin
  hooks, send, parse into ``OrderCreated``) against ``httpx.Client.post`` of the same JSON and ``response.json()``;
* validation: orders per second for 1-, 10- and 100-line orders, and its share of a loopback round trip;
* bulk: 10,000 orders through the batch job (journal, validation, concurrency 8, no rate limit) against raw
  ``httpx.AsyncClient`` posting the same lines with the same concurrency; and the batch's peak Python memory for
  1,000 against 10,000 orders (each in a fresh process, tracemalloc);
* import time of ``frontpayment_ext`` (fresh processes, median), beside ``import httpx``.

The server runs in its own process (so the client has a core to itself) and writes each response in one write.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from server import BenchServer  # noqa: E402

from frontpayment_ext import (  # noqa: E402
    Address,
    AsyncFrontpaymentClient,
    Callbacks,
    Customer,
    FrontpaymentClient,
    LineItem,
    Order,
    validate,
)

os.environ.setdefault("FRONTPAYMENT_PLUGINS", "none")
TOKEN = "benchmark-token"
GOALS = {"per_call": 1.25, "bulk": 0.8}


def order(lines: int) -> Order:
    return Order(
        lines=[
            LineItem(f"Item {i}", 1 + i % 3, "199.90", (0, 12, 15, 25)[i % 4], product_id=f"P{i}") for i in range(lines)
        ],
        customer=Customer.private(
            "Kari Nordmann",
            email="kari@example.com",
            msisdn="46567468",
            address=Address("Luramyrveien 65", "4313", "Sandnes"),
            personal_number="28038712383",
        ),
        callbacks=Callbacks("https://example.com/callback"),
    )


def _serve(queue: Any) -> None:
    with BenchServer() as server:
        queue.put(server.url)
        time.sleep(3600)


class ServerProcess:
    def __enter__(self) -> str:
        queue: Any = multiprocessing.get_context("spawn").Queue()
        self.proc = multiprocessing.get_context("spawn").Process(target=_serve, args=(queue,), daemon=True)
        self.proc.start()
        url: str = queue.get(timeout=30)
        return url

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.join(5)


def per_call(url: str, calls: int, rounds: int) -> dict[str, float]:
    """Median seconds per call over interleaved rounds: raw httpx, then the SDK, then raw again, ..."""
    built = order(3)
    payload = built.to_payload("invoice")
    raw_client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"})
    sdk = FrontpaymentClient(TOKEN, base_url=url)

    def raw_call() -> None:
        raw_client.post("/api/v1/connect/orders/invoice/create", json=payload).json()

    def sdk_call() -> None:
        sdk.send_invoice(built)

    def sdk_unvalidated() -> None:
        sdk.send_invoice(built, validate=False)

    timed: dict[str, list[float]] = {"raw": [], "sdk": [], "sdk_unvalidated": []}
    calls_by_name = {"raw": raw_call, "sdk": sdk_call, "sdk_unvalidated": sdk_unvalidated}
    for call in calls_by_name.values():
        for _ in range(min(200, calls)):
            call()
    for _ in range(rounds):
        for name, call in calls_by_name.items():
            started = time.perf_counter()
            for _ in range(calls):
                call()
            timed[name].append((time.perf_counter() - started) / calls)
    raw_client.close()
    sdk.close()
    raw, sdk_time, unvalidated = (statistics.median(timed[n]) for n in ("raw", "sdk", "sdk_unvalidated"))
    return {
        "raw_ms": raw * 1000,
        "sdk_ms": sdk_time * 1000,
        "ratio": sdk_time / raw,
        "sdk_unvalidated_ms": unvalidated * 1000,
        "ratio_unvalidated": unvalidated / raw,
        **overhead_in_process(calls),
    }


def overhead_in_process(calls: int) -> dict[str, float]:
    """The SDK's own cost per call, free of network noise: both sides against an in-process transport."""
    body = json.dumps(
        {
            "status_code": 201,
            "status_message": "OK",
            "message": "m",
            "is_data": False,
            "data": {"uuid": "O", "customerUuid": "C"},
        }
    ).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(201, content=body))
    built = order(3)
    payload = built.to_payload("invoice")
    raw = httpx.Client(base_url="http://bench", transport=transport, headers={"Authorization": f"Bearer {TOKEN}"})
    sdk = FrontpaymentClient(TOKEN, base_url="http://bench", http_client=httpx.Client(transport=transport))

    def per(call: Any) -> float:
        for _ in range(min(200, calls)):
            call()
        started = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - started) / calls * 1e6

    raw_us = per(lambda: raw.post("/api/v1/connect/orders/invoice/create", json=payload).json())
    sdk_us = per(lambda: sdk.send_invoice(built))
    return {"overhead_us": sdk_us - raw_us, "validate_us": per(lambda: validate(payload, "invoice"))}


def validation(round_trip_ms: float, seconds: float) -> dict[str, dict[str, float]]:
    results = {}
    for lines in (1, 10, 100):
        payload = order(lines).to_payload("invoice")
        assert validate(payload, "invoice") == []
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            validate(payload, "invoice")
            count += 1
        per = (time.perf_counter() - started) / count
        results[f"{lines}_lines"] = {
            "orders_per_s": 1 / per,
            "ms": per * 1000,
            "share_of_round_trip": per * 1000 / round_trip_ms,
        }
    return results


def write_orders(path: Path, count: int) -> None:
    with path.open("w") as fh:
        for i in range(count):
            payload = order(3).to_payload("invoice")
            payload["referenceNo"] = f"B{i}"
            fh.write(json.dumps(payload) + "\n")


async def raw_bulk(url: str, path: Path, concurrency: int) -> float:
    lines = path.read_text().splitlines()
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    for line in lines:
        queue.put_nowait(line)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:

        async def worker() -> None:
            while (line := queue.get_nowait() if not queue.empty() else None) is not None:
                (await client.post("/api/v1/connect/orders/invoice/create", json=json.loads(line))).json()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - started


async def sdk_bulk(url: str, path: Path, concurrency: int) -> float:
    journal = path.with_suffix(f".{time.monotonic_ns()}.journal.sqlite")
    async with AsyncFrontpaymentClient(TOKEN, base_url=url) as client:
        started = time.perf_counter()
        summary = await client.send_batch(path, "invoice", journal=journal, concurrency=concurrency)
        elapsed = time.perf_counter() - started
    assert summary.complete, summary.counts
    return elapsed


def bulk(url: str, count: int, concurrency: int, workdir: Path) -> dict[str, float]:
    path = workdir / f"orders-{count}.jsonl"
    write_orders(path, count)
    raw_s = asyncio.run(raw_bulk(url, path, concurrency))
    sdk_s = asyncio.run(sdk_bulk(url, path, concurrency))
    return {
        "orders": count,
        "raw_s": raw_s,
        "sdk_s": sdk_s,
        "raw_per_s": count / raw_s,
        "sdk_per_s": count / sdk_s,
        "ratio": raw_s / sdk_s,
    }


MEMORY_CHILD = """
import asyncio, json, sys, tracemalloc
sys.path.insert(0, {here!r})
from run import sdk_bulk
tracemalloc.start()
asyncio.run(sdk_bulk({url!r}, __import__("pathlib").Path({path!r}), 8))
print(json.dumps(tracemalloc.get_traced_memory()[1]))
"""


def peak_memory(url: str, count: int, workdir: Path) -> float:
    """The batch job's peak traced Python memory in MB, in a fresh process."""
    path = workdir / f"memory-{count}.jsonl"
    write_orders(path, count)
    code = MEMORY_CHILD.format(here=str(HERE), url=url, path=str(path))
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FRONTPAYMENT_PLUGINS": "none"},
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1e6


def import_time(module: str, runs: int) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times) * 1000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, httpx {httpx.__version__}"


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke run, not a measurement")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)
    quick = args.quick
    with ServerProcess() as url, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        call = per_call(url, calls=20 if quick else 2000, rounds=1 if quick else 7)
        results: dict[str, Any] = {
            "date": datetime.date.today().isoformat(),
            "machine": machine(),
            "command": "nox -s bench" if not quick else "python benchmarks/run.py --quick",
            "per_call": call,
            "validation": validation(call["raw_ms"], seconds=0.05 if quick else 1.0),
            "bulk": bulk(url, 200 if quick else 10_000, 8, workdir),
            "memory_mb": {str(n): peak_memory(url, n, workdir) for n in ((50, 200) if quick else (1_000, 10_000))},
            "import_ms": {m: import_time(m, 1 if quick else 7) for m in ("frontpayment_ext", "httpx")},
        }
    if not quick:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    return results


def table(r: dict[str, Any]) -> str:
    call, val, bulk_r, mem, imp = r["per_call"], r["validation"], r["bulk"], r["memory_mb"], r["import_ms"]
    small, large = sorted(mem, key=int)
    rows = [
        (
            "per call, SDK vs raw httpx (3-line order, loopback)",
            f"{call['sdk_ms']:.3f} ms vs {call['raw_ms']:.3f} ms = **{call['ratio']:.2f}x**",
            f"<= {GOALS['per_call']}x",
            "met" if call["ratio"] <= GOALS["per_call"] else "not met",
        ),
        (
            "per call, SDK with `validate=False`",
            f"{call['sdk_unvalidated_ms']:.3f} ms = {call['ratio_unvalidated']:.2f}x",
            "-",
            "-",
        ),
        (
            "SDK cost per call, in-process transport (no network)",
            f"{call['overhead_us']:.0f} us, of which validation {call['validate_us']:.0f} us",
            "-",
            "-",
        ),
    ]
    for lines in ("1", "10", "100"):
        v = val[f"{lines}_lines"]
        rows.append(
            (
                f"validation, {lines}-line order",
                f"{v['orders_per_s']:,.0f} orders/s ({v['ms']:.3f} ms, {v['share_of_round_trip']:.0%} of a round trip)",
                "-",
                "-",
            )
        )
    rows += [
        (
            f"bulk, {bulk_r['orders']:,} orders, concurrency 8, throughput SDK / raw",
            f"{bulk_r['sdk_per_s']:,.0f}/s vs {bulk_r['raw_per_s']:,.0f}/s = **{bulk_r['ratio']:.2f}x**",
            f">= {GOALS['bulk']}x",
            "met" if bulk_r["ratio"] >= GOALS["bulk"] else "not met",
        ),
        (
            f"batch peak memory, {int(small):,} vs {int(large):,} orders",
            f"{mem[small]:.1f} MB vs {mem[large]:.1f} MB ({mem[large] / mem[small]:.2f}x)",
            "flat",
            "met" if mem[large] / mem[small] < 1.5 else "not met",
        ),
        (
            "import time",
            f"frontpayment_ext {imp['frontpayment_ext']:.0f} ms (httpx alone {imp['httpx']:.0f} ms)",
            "-",
            "-",
        ),
    ]
    lines = [
        f"Measured {r['date']} on {r['machine']} with `{r['command']}`.",
        "",
        "| measure | result | goal | |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
