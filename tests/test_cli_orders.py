"""The lifecycle from the shell: every ``frontpayment orders ...`` command and ``send faktura``, against the sandbox
over HTTP, through the real ``main()`` with the token from the environment."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontpayment_ext import cli
from frontpayment_ext._cli_examples import example_payload
from frontpayment_ext.sandbox import DEFAULT_TOKEN, Sandbox, SandboxServer


@pytest.fixture
def sandbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sandbox, str]]:
    monkeypatch.setenv("FRONTPAYMENT_TOKEN", DEFAULT_TOKEN)
    box = Sandbox()
    with SandboxServer(box) as server:
        yield box, server.url


def _run(*argv: str, url: str) -> tuple[int, str, Any]:
    out = io.StringIO()
    code = cli.main([*argv, "--base-url", url], out=out)
    text = out.getvalue()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    return code, text, data


def _send(url: str, tmp_path: Path, endpoint: str = "invoice") -> str:
    order = tmp_path / f"{endpoint}.json"
    order.write_text(json.dumps(example_payload(endpoint)), encoding="utf-8")  # type: ignore[arg-type]
    code, _, data = _run("send", endpoint, str(order), "--json", url=url)
    assert code == 0
    uuid: str = data["order_uuid"]
    return uuid


def test_orders_commands_follow_an_invoice(
    sandbox: tuple[Sandbox, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    box, url = sandbox
    assert _run("orders", "list", "--json", url=url)[2]["items"] == []  # the empty account's 404: an empty list
    uuid = _send(url, tmp_path)
    code, text, _ = _run("orders", "status", uuid, url=url)
    assert code == 0
    assert "status: SENT" in text
    code, _, data = _run("orders", "list", "--status", "sent", "--json", url=url)
    assert [item["order_uuid"] for item in data["items"]] == [uuid]
    code, _, data = _run("orders", "details", uuid, "--json", url=url)
    assert code == 0
    assert data["order_uuid"] == uuid
    assert data["product_list"]
    product_id = data["product_list"][0]["id"]

    box.set_status(uuid, "PAID")
    code, _, _ = _run("orders", "cancel", uuid, "--note", "too late", url=url)
    assert code == 1
    assert "OrderAlreadyPaidError" in capsys.readouterr().err

    refund = tmp_path / "refund.json"
    refund.write_text(
        json.dumps({"type": "regular", "grandTotal": "10.00", "products": [{"id": product_id, "amount": "10.00"}]})
    )
    code, text, _ = _run("orders", "refund", uuid, str(refund), url=url)
    assert code == 0, capsys.readouterr().err
    assert box.orders[uuid].status == "PARTIAL REFUNDED"

    approval = tmp_path / "approval.json"
    approval.write_text(
        json.dumps(
            {
                "type": "regular",
                "grandTotal": "5.00",
                "message": "weekly threshold",
                "products": [{"id": product_id, "amount": "5.00"}],
            }
        )
    )
    assert _run("orders", "refund-approval", uuid, str(approval), url=url)[0] == 0


def test_orders_resend_and_cancel(
    sandbox: tuple[Sandbox, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, url = sandbox
    uuid = _send(url, tmp_path)
    assert _run("orders", "resend", uuid, "--email", "kari@example.com", url=url)[0] == 0
    assert _run("orders", "resend", uuid, "--msisdn", "46567468", "--country-code", "+47", url=url)[0] == 0
    capsys.readouterr()
    code, _, _ = _run("orders", "resend", uuid, url=url)  # no channel: refused before sending
    assert code == 1
    assert "at least one channel" in capsys.readouterr().err
    code, text, _ = _run("orders", "cancel", uuid, "--note", "the customer asked", url=url)
    assert code == 0
    assert "cancelledOrderSuccessfully" in text


def test_send_faktura_and_validate_every_endpoint(sandbox: tuple[Sandbox, str], tmp_path: Path) -> None:
    box, url = sandbox
    uuid = _send(url, tmp_path, "faktura")
    assert uuid in box.orders
    for endpoint, body in {
        "cancel": {"cancellationNote": "asked"},
        "refund": {"type": "regular", "grandTotal": 1, "products": [{"id": 1, "amount": 1}]},
        "refund-approval": {"type": "regular", "grandTotal": 1, "message": "m", "products": [{"id": 1, "amount": 1}]},
        "resend": {"email": "kari@example.com"},
        "faktura": example_payload("faktura"),
    }.items():
        path = tmp_path / f"{endpoint}.json"
        path.write_text(json.dumps(body), encoding="utf-8")
        assert cli.main(["validate", "--endpoint", endpoint, str(path)], out=io.StringIO()) == 0, endpoint


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_an_order_uuid_that_would_change_the_path_is_a_usage_error(bad: str, sandbox: tuple[Sandbox, str]) -> None:
    _, url = sandbox
    assert _run("orders", "status", bad, url=url)[0] == 2


def test_sandbox_on_port_0_says_which_port_it_took() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontpayment_ext.cli", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = line.split()[3]
        assert not url.endswith(":0")
        deadline = time.monotonic() + 15
        while True:  # uvicorn needs a moment after the line to listen
            try:
                answer = httpx.get(f"{url}/api/v1/connect/orders/status", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, line
                time.sleep(0.1)
        assert answer.status_code == 401  # no bearer token: the sandbox itself answered
    finally:
        proc.terminate()
        proc.wait(timeout=10)
