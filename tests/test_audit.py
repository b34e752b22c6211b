"""The audit log: records for every state-changing operation, a hash chain, and verification that detects an
edited, a deleted and a reordered record, in both stores (JSON Lines and SQLite) and through the CLI."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_spec_rules import INVOICE, documented

from frontpayment_ext import AuditPlugin, BusinessLogicError, FrontpaymentClient
from frontpayment_ext.cli import main
from frontpayment_ext.plugins.audit import GENESIS, open_store, verify


@pytest.fixture(autouse=True)
def _no_ambient_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTPAYMENT_AUDIT_KEY", raising=False)


CREATED = {"status_code": 201, "status_message": "OK", "message": "ok", "data": {"uuid": "ODR7", "customerUuid": "C7"}}
REFUSED = {"status_code": 400, "status_message": "Conflict", "message": "orderStatusAlreadyPaid", "errors": []}


@pytest.fixture(params=["audit.jsonl", "audit.sqlite"])
def audit_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """An audit log holding six records: three orders (two created, one refused), attempt and outcome each."""
    path = tmp_path / request.param
    replies = iter([(201, CREATED), (400, REFUSED), (201, CREATED)])

    def handler(request: httpx.Request) -> httpx.Response:
        status, body = next(replies)
        return httpx.Response(status, json=body)

    client = FrontpaymentClient(
        "canary-token-audit",
        plugins=[AuditPlugin(path)],
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
    )
    for _ in range(3):
        with contextlib.suppress(BusinessLogicError):
            client.send_invoice(documented(INVOICE))
    return path


def records(path: Path) -> list[dict[str, Any]]:
    return [r for _, r, _ in open_store(path).records() if r is not None]


def rewrite(path: Path, rows: list[dict[str, Any]]) -> None:
    """Replace the log's records with these, in this order, as an attacker with file access would."""
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
        return
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM audit_log")
        conn.executemany(
            "INSERT INTO audit_log (seq, prev, hash, record) VALUES (?, ?, ?, ?)",
            [(r["seq"], r["prev"], r["hash"], json.dumps(r, sort_keys=True)) for r in rows],
        )
    conn.close()


def test_every_state_changing_operation_is_recorded(audit_path: Path) -> None:
    rows = records(audit_path)
    assert [r["outcome"] for r in rows] == ["attempt", "success", "attempt", "failed", "attempt", "success"]
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0]["prev"] == GENESIS
    assert all(rows[i]["prev"] == rows[i - 1]["hash"] for i in range(1, 6))
    assert rows[1]["order_uuid"] == "ODR7"
    assert rows[1]["amounts"]["grandTotal"] == "51.00"
    assert rows[3]["status"] == 400
    assert rows[0]["call_id"] == rows[1]["call_id"] != rows[2]["call_id"]


def test_reads_are_not_audited(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    body = {
        "status_code": 200,
        "status_message": "OK",
        "message": "m",
        "data": {"orderUuid": "ODR1", "invoiceNumber": None, "status": "SENT"},
    }
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    client = FrontpaymentClient(plugins=[AuditPlugin(path)], http_client=httpx.Client(transport=transport))
    client.get_invoice_number("ODR1")
    assert not path.exists() or records(path) == []


def test_an_intact_log_verifies(audit_path: Path) -> None:
    result = verify(audit_path)
    assert result.ok
    assert result.records == 6
    assert result.last_hash == records(audit_path)[-1]["hash"]


def test_an_edited_record_is_detected(audit_path: Path) -> None:
    rows = records(audit_path)
    rows[1]["amounts"]["grandTotal"] = "5.00"
    rewrite(audit_path, rows)
    result = verify(audit_path)
    assert not result.ok
    assert any("seq 2" in p and "edited" in p for p in result.problems)


def test_a_deleted_record_is_detected(audit_path: Path) -> None:
    rows = records(audit_path)
    del rows[2]
    rewrite(audit_path, rows)
    result = verify(audit_path)
    assert not result.ok
    assert any("3 was expected (deleted or reordered)" in p for p in result.problems)


def test_a_reordered_record_is_detected(audit_path: Path) -> None:
    rows = records(audit_path)
    rows[2], rows[3] = rows[3], rows[2]
    rewrite(audit_path, rows)
    result = verify(audit_path)
    assert not result.ok
    assert sum("deleted or reordered" in p for p in result.problems) >= 2


def test_an_edit_that_recomputes_its_own_hash_still_breaks_the_chain(audit_path: Path) -> None:
    from frontpayment_ext.plugins.audit import record_hash

    rows = records(audit_path)
    rows[1]["order_uuid"] = "ODR-FORGED"
    rows[1]["hash"] = record_hash(rows[1])
    rewrite(audit_path, rows)
    assert any("seq 3" in p and "does not follow" in p for p in verify(audit_path).problems)


def test_appending_after_reopening_continues_the_chain(audit_path: Path) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(201, json=CREATED))
    client = FrontpaymentClient(plugins=[AuditPlugin(audit_path)], http_client=httpx.Client(transport=transport))
    client.send_invoice(documented(INVOICE))
    assert verify(audit_path).ok
    assert verify(audit_path).records == 8


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(argv, out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_cli_verify_passes_on_an_intact_log(audit_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(["audit", "verify", str(audit_path)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("audit log intact: 6 records, last hash ")


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder"])
def test_cli_verify_fails_on_each_kind_of_tampering(
    tamper: str, audit_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = records(audit_path)
    if tamper == "edit":
        rows[4]["outcome"] = "failed"
    elif tamper == "delete":
        del rows[1]
    else:
        rows[0], rows[1] = rows[1], rows[0]
    rewrite(audit_path, rows)
    code, out, err = _cli(["audit", "verify", str(audit_path), "--json"], capsys)
    assert code == 1
    assert json.loads(out)["ok"] is False
    code, _, err = _cli(["audit", "verify", str(audit_path)], capsys)
    assert code == 1
    assert "audit log damaged" in err.splitlines()[-1]


def test_cli_verify_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["audit", "verify", str(tmp_path / "none.jsonl")], capsys)
    assert code == 2
    assert "no such audit log" in err
    assert not (tmp_path / "none.jsonl").exists()
