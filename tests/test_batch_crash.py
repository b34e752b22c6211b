"""Crash safety: the batch process is killed with SIGKILL at random points, several times, against a local server
that records what it receives. After the final resume every order was received exactly once, or is listed as
unknown (received once or never). Zero duplicates, zero lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from local_server import LocalServer, Received, Reply, envelope
from test_spec_rules import INVOICE, documented

from frontpayment_ext.journal import Journal

ORDERS = 240
KILLS = 5
SEED = 20261122  # the kill points are random but the same on every run, so CI cannot flake on them


def slow_created(request: Received) -> Reply:
    time.sleep(0.004)  # a server that takes a little time, so that kills land mid-batch
    ref = request.json()["referenceNo"]
    return envelope(201, {"uuid": f"ODR-{ref}", "customerUuid": "C1"})


def batch_command(source: Path, journal: Path, server: LocalServer) -> list[str]:
    return [
        sys.executable,
        "-m",
        "frontpayment_ext.cli",
        "send-batch",
        str(source),
        "--endpoint",
        "invoice",
        "--journal",
        str(journal),
        "--base-url",
        server.url,
        "--no-rate-limit",
        "--concurrency",
        "4",
        "--json",
    ]


def test_sigkill_at_random_points_loses_nothing_and_duplicates_nothing(local_server: Any, tmp_path: Path) -> None:
    source, journal = tmp_path / "orders.jsonl", tmp_path / "orders.journal.sqlite"
    with source.open("w") as fh:
        for i in range(1, ORDERS + 1):
            payload = documented(INVOICE)
            payload["referenceNo"] = f"R{i}"
            fh.write(json.dumps(payload) + "\n")
    server = local_server(slow_created)
    env = {**os.environ, "FRONTPAYMENT_PLUGINS": "none"}
    rng = random.Random(SEED)
    kills = 0
    for _ in range(KILLS):
        before = len(server.received)
        target = before + rng.randint(1, 40)
        proc = subprocess.Popen(
            batch_command(source, journal, server), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while len(server.received) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        if proc.poll() is None:
            time.sleep(rng.uniform(0, 0.01))  # somewhere between two requests, or in the middle of one
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=30)
        with Journal(journal) as book:  # the dead run's writer lock died with it: no stale lock
            in_flight = book.counts()["sending"]
        assert in_flight <= 4, "only requests in flight (--concurrency 4) may be left in sending"
    final = subprocess.run(
        batch_command(source, journal, server), env=env, capture_output=True, text=True, timeout=120, check=False
    )
    summary = json.loads(final.stdout)

    received = Counter(r.json()["referenceNo"] for r in server.received)
    with Journal(journal) as book:
        rows = {row.reference: row for row in book.rows()}
    unknown = {ref for ref, row in rows.items() if row.state == "unknown"}

    arrived = sum(1 for ref in unknown if received[ref])
    print(
        f"crash test: {kills} SIGKILLs, {len(server.received)} requests received, {len(rows) - len(unknown)} sent, "
        f"{len(unknown)} unknown ({arrived} of them had arrived), duplicates {sum(n - 1 for n in received.values())}"
    )
    assert kills == KILLS, "every run was killed mid-batch"
    assert len(rows) == ORDERS
    assert max(received.values()) == 1, "an order was received twice"
    assert {row.state for row in rows.values()} <= {"sent", "unknown"}, "an order was left pending or failed"
    for ref, row in rows.items():
        if row.state == "sent":
            assert received[ref] == 1
            assert row.order_uuid == f"ODR-{ref}"
        else:
            assert received[ref] <= 1  # it may or may not have arrived; it is listed, never resent
    assert len(unknown) <= KILLS * 4  # at most the requests in flight at each kill
    assert summary["counts"]["sent"] + summary["counts"]["unknown"] == ORDERS
    assert {r["reference"] for r in summary["unknown"]} == unknown
    assert final.returncode == (0 if not unknown else 1)
