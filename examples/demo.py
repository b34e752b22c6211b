"""An invoice's whole life, against the local Frontpayment sandbox over HTTP: no credentials, no network, no Node.js.

`nox -s demo` runs it. It starts the sandbox (uvicorn on 127.0.0.1, a free port) and a tiny callback receiver, then:
builds and validates an order, sends it, reads its status, has the sandbox mark it PAID, receives and verifies the
signed callback, refunds part of it, sends a small batch with progress, and verifies the audit log. Each step prints
one line. Against the real demo API, the same calls work with FRONTPAYMENT_TOKEN and no base_url.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from frontpayment_ext import (
    Address,
    AsyncFrontpaymentClient,
    AuditPlugin,
    Callbacks,
    CallbackVerificationError,
    Customer,
    FrontpaymentClient,
    InvoiceOptions,
    LineItem,
    Order,
    PayloadValidationError,
    verify_callback,
)
from frontpayment_ext.plugins.audit import verify as verify_audit_log
from frontpayment_ext.sandbox import Sandbox, SandboxServer

SECRET = "demo-merchant-secret"  # the key Frontpayment gives the merchant for callbacks; the sandbox signs with it
TOKEN = "demo-token"  # the sandbox accepts any bearer token


class Receiver(BaseHTTPRequestHandler):
    """The merchant's callback endpoint: verify the checksum, answer 403 if it does not hold, remember it."""

    verified: list[Any] = []  # noqa: RUF012 - one receiver per demo run
    arrived = threading.Event()

    def do_GET(self) -> None:
        query = self.path.partition("?")[2]
        try:
            notification = verify_callback(query, secret=SECRET, max_age=300)
        except CallbackVerificationError as exc:
            print(f"  receiver: refused a notification ({exc.reason})")
            self.send_response(403)
        else:
            Receiver.verified.append(notification)
            Receiver.arrived.set()
            self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def step(name: str, text: str) -> None:
    print(f"{name:<10} {text}")


def build_order(callback_url: str, reference: str) -> Order:
    """Two lines at two VAT rates; prices include VAT and are strings or ints, never floats."""
    return Order(
        lines=[
            LineItem("Router", quantity=1, unit_price="4500.00", vat_rate=12, product_id="R_1"),
            LineItem("Network cable, 5 m", quantity=3, unit_price="99.90", vat_rate=25, discount="10.00"),
        ],
        customer=Customer.private(
            "Kari Nordmann",
            email="kari@example.com",
            msisdn="46567468",
            personal_number="28038712383",
            address=Address("Luramyrveien 65", "4313", "Sandnes", "NO"),
        ),
        callbacks=Callbacks(callback_url=callback_url),
        options=InvoiceOptions(maturity_days=14, reference_no=reference),
    )


def wait_for_callback(count: int, timeout: float = 10.0) -> Any:
    deadline = time.monotonic() + timeout
    while len(Receiver.verified) < count:
        if time.monotonic() > deadline:
            raise SystemExit("no verified callback arrived")
        time.sleep(0.01)
    return Receiver.verified[count - 1]


def run_batch(base_url: str, callback_url: str, workdir: Path) -> None:
    source = workdir / "orders.jsonl"
    lines = [json.dumps(build_order(callback_url, f"BATCH-{i}").to_payload("invoice")) for i in range(1, 6)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen: list[str] = []

    def progress(p: Any) -> None:
        if not seen or seen[-1] != f"{p.done}/{p.total}":
            seen.append(f"{p.done}/{p.total}")

    async def send() -> Any:
        async with AsyncFrontpaymentClient(TOKEN, base_url=base_url, load_entrypoints=False) as client:
            return await client.send_batch(
                source, "invoice", journal=workdir / "orders.journal.sqlite", on_progress=progress
            )

    summary = asyncio.run(send())
    step("batch", f"{summary.counts.get('sent', 0)} of {len(lines)} orders sent, progress {' '.join(seen)}")


def main() -> int:
    started = time.monotonic()
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    callback_url = f"http://127.0.0.1:{receiver.server_port}/frontpayment/callback"

    with tempfile.TemporaryDirectory() as tmp, Sandbox(secret=SECRET) as sandbox, SandboxServer(sandbox) as server:
        workdir = Path(tmp)
        audit_path = workdir / "audit.jsonl"
        step("sandbox", f"Frontpayment sandbox on {server.url}, callbacks to {callback_url}")
        admin = httpx.Client(base_url=server.url)
        client = FrontpaymentClient(
            TOKEN, base_url=server.url, plugins=[AuditPlugin(audit_path, required=True)], load_entrypoints=False
        )
        with client, admin:
            order = build_order(callback_url, "DEMO-1001")
            problems = client.validate(order.to_payload("invoice"), "invoice")
            summary = order.summary
            step(
                "validate",
                f"{len(order.lines)} lines, gross {summary.grand_total} NOK (VAT {summary.total_tax}): "
                f"{problems or 'valid'}",
            )

            broken = order.to_payload("invoice")
            broken["orderSummary"]["grandTotal"] = "1.00"
            try:
                client.send_invoice(broken)
            except PayloadValidationError as exc:
                step("refused", f"a payload with a wrong total is not sent: {exc.violations[0]}")

            created = client.send_invoice(order)
            step(
                "send",
                f"order {created.order_uuid}, rate limit {created.rate_limit.remaining}/{created.rate_limit.limit}",
            )

            status = client.orders.status(created.order_uuid)
            step("status", f"{status.status} (amount {status.order_amount}, refunded {status.refunded_amount})")

            admin.post(f"/_sandbox/orders/{created.order_uuid}/status", json={"status": "PAID"}).raise_for_status()
            paid = wait_for_callback(1)
            confirmed = client.orders.status(created.order_uuid)  # act on what the API says, not on the callback
            number = client.orders.invoice_number(created.order_uuid)
            step(
                "callback",
                f"verified: {paid.order_uuid} {paid.status} {paid.amount} NOK; the API confirms {confirmed.status} "
                f"{confirmed.order_amount} NOK, invoice {number.invoice_number}",
            )

            cable = client.orders.details(created.order_uuid).product_list[1]
            refund = {"type": "regular", "grandTotal": "99.90", "products": [{"id": cable.id, "amount": "99.90"}]}
            client.orders.refund(created.order_uuid, refund)
            refunded = wait_for_callback(2)
            after = client.orders.status(created.order_uuid)
            step("refund", f"99.90 of {after.order_amount} NOK refunded: {after.status}, callback {refunded.status}")

        run_batch(server.url, callback_url, workdir)

        result = verify_audit_log(audit_path)
        step(
            "audit",
            f"{result.records} records (attempt and outcome of the send and the refund), hash chain "
            f"{'intact' if result.ok else 'BROKEN'}",
        )
        orders = admin_orders(server.url)
        step("done", f"{orders} orders in the sandbox, {time.monotonic() - started:.1f} s")
    receiver.shutdown()
    return 0 if result.ok else 1


def admin_orders(url: str) -> int:
    return len(httpx.get(f"{url}/_sandbox/orders").json()["orders"])


if __name__ == "__main__":
    sys.exit(main())
