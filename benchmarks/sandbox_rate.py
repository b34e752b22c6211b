"""How many requests a second the sandbox answers in-process (no sockets): the goal is at least 1,000.

    python benchmarks/sandbox_rate.py              # 3 rounds of 2,000 requests each, prints one JSON line
    python benchmarks/sandbox_rate.py --quick      # a smoke run (tests/test_sandbox_plugin.py)

Three kinds of request, each through ``httpx.Client`` on the sandbox's in-process transport, so what is measured
is the sandbox (routing, auth, the rate limit, validation, the store, the JSON) plus the transport's hop to the
app's event loop thread: a status read of an existing order, a Send Invoice (the SDK's validator runs on every
body) and the mix a test suite makes (one send, then three reads). The best of the rounds is reported, as the
machine is shared.
"""

from __future__ import annotations

import argparse
import copy
import json
import platform
import time
from typing import Any

from frontpayment_ext.sandbox import Sandbox
from frontpayment_ext.specs import load_spec

P = "/api/v1/connect/orders"
AUTH = {"Authorization": "Bearer bench"}


def _invoice() -> dict[str, Any]:
    op = load_spec("frontpayment")["paths"][f"{P}/invoice/create"]["post"]
    return copy.deepcopy(op["requestBody"]["content"]["application/json"]["examples"]["documented"]["value"])


def measure(requests: int, rounds: int) -> dict[str, Any]:
    invoice = _invoice()
    results: dict[str, float] = {}
    with Sandbox(rate_limit=None) as sandbox, sandbox.http_client() as http:
        uuid = http.post(f"{P}/invoice/create", json=invoice, headers=AUTH).json()["data"]["uuid"]

        def status() -> None:
            http.get(f"{P}/status/{uuid}", headers=AUTH)

        def send() -> None:
            http.post(f"{P}/invoice/create", json=invoice, headers=AUTH)

        def mix() -> None:
            created = http.post(f"{P}/invoice/create", json=invoice, headers=AUTH).json()["data"]["uuid"]
            for _ in range(3):
                http.get(f"{P}/invoice-number/{created}", headers=AUTH)

        for name, work, per_call in (("status read", status, 1), ("send invoice", send, 1), ("mix", mix, 4)):
            best = 0.0
            for _ in range(rounds):
                calls = max(1, requests // per_call)
                started = time.perf_counter()
                for _ in range(calls):
                    work()
                best = max(best, calls * per_call / (time.perf_counter() - started))
            results[name] = round(best)
    return {
        "requests_per_second": results,
        "requests": requests,
        "rounds": rounds,
        "python": platform.python_version(),
        "machine": platform.processor() or platform.machine(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts: a smoke run, not a measurement")
    args = parser.parse_args()
    print(json.dumps(measure(100, 1) if args.quick else measure(2000, 3)))


if __name__ == "__main__":
    main()
