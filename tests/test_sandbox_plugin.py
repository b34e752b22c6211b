"""The sandbox as users meet it: the pytest fixture (in a user's own test run, in a subprocess), the async client,
``frontpayment sandbox`` over HTTP, the demo, and the in-process rate measurement."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path

import httpx

from frontpayment_ext.pytest_plugin import SandboxHandle
from frontpayment_ext.sandbox import Sandbox
from frontpayment_ext.specs import load_spec

ROOT = Path(__file__).resolve().parent.parent

FRESH = """

def test_each_test_gets_a_fresh_sandbox(frontpayment_sandbox):
    assert len(frontpayment_sandbox.orders) == 0
"""


def user_test() -> str:
    """The guide's first example, verbatim: a user's test importing nothing but the SDK (so the guide cannot
    drift from what works), and a second test that sees a fresh sandbox."""
    guide = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    first = re.findall(r"```python\n(.*?)```", guide, flags=re.S)[0]
    imports = [line for line in first.splitlines() if line.startswith(("import ", "from "))]
    assert imports
    assert all(line.startswith("from frontpayment_ext import ") for line in imports)
    return first + FRESH


def _plugin_args() -> list[str]:
    """Through the installed entry point when there is one (a non-editable install: the nox session), else -p."""
    installed = any(ep.value == "frontpayment_ext.pytest_plugin" for ep in entry_points(group="pytest11"))
    return [] if installed else ["-p", "frontpayment_ext.pytest_plugin"]


def test_a_users_test_passes_with_nothing_but_the_fixture(tmp_path: Path) -> None:
    (tmp_path / "test_mine.py").write_text(user_test(), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *_plugin_args(), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "2 passed" in proc.stdout


def test_the_entry_point_is_declared() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.pytest11]\nfrontpayment_sandbox = "frontpayment_ext.pytest_plugin"' in text


def test_the_handle_gives_an_async_client_and_fault_switches() -> None:
    handle = SandboxHandle(Sandbox())
    spec = load_spec("frontpayment")["paths"]["/api/v1/connect/orders/invoice/create"]["post"]
    invoice = spec["requestBody"]["content"]["application/json"]["examples"]["documented"]["value"]

    async def scenario() -> tuple[str, str]:
        async with handle.async_client as client:
            created = await client.send_invoice(invoice)
            handle.fail_next(510, operation="get_invoice_number")  # a read: the SDK retries it
            return created.order_uuid, (await client.get_invoice_number(created.order_uuid)).status

    try:
        uuid, status = asyncio.run(scenario())
        assert status == "SENT"
        assert handle.orders[uuid].status == "SENT"
        assert not handle.sandbox.faults.pending()  # the 510 was served, then the retry succeeded
    finally:
        handle.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_cli_serves_the_sandbox_over_http(tmp_path: Path) -> None:
    port, db = _free_port(), tmp_path / "orders.sqlite"
    cli = [sys.executable, "-c", "import sys; from frontpayment_ext.cli import main; sys.exit(main())"]
    proc = subprocess.Popen(
        [*cli, "sandbox", "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            assert proc.poll() is None, "the sandbox exited"
            assert time.monotonic() < deadline, "the sandbox did not start"
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            assert http.get("/api/v1/connect/orders/status").status_code == 401
            assert http.get("/api/v1/connect/orders/status", headers={"Authorization": "Bearer x"}).status_code == 404
            assert http.get("/_sandbox").status_code == 200
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=15)
    assert f"Frontpayment sandbox on http://127.0.0.1:{port}" in out
    assert db.exists()


def test_the_demo_shows_the_whole_lifecycle_in_well_under_a_minute() -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "FRONTPAYMENT_PLUGINS": "none"},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    steps = [line.split()[0] for line in proc.stdout.splitlines()]
    assert steps == ["sandbox", "validate", "refused", "send", "status", "callback", "refund", "batch", "audit", "done"]
    for shown in ("verified:", "PARTIAL REFUNDED", "hash chain intact"):
        assert shown in proc.stdout
    assert "5 of 5 orders sent" in proc.stdout
    assert time.monotonic() - started < 60


def test_the_rate_benchmark_runs() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "sandbox_rate.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    rates = json.loads(proc.stdout)["requests_per_second"]
    assert set(rates) == {"status read", "send invoice", "mix"}
    assert all(r > 0 for r in rates.values())
