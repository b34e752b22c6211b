"""Phone numbers a server echoes into its text reach no sink: exception messages, both audit stores, the batch
journal and ``batch status``, debug logs, recorded cassettes. And a hostile 50 MB error body costs well under a
second beyond reading it, while its raw bytes stay on ``exc.response``."""

from __future__ import annotations

import io
import json
import logging
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from cassettes_config import make_vcr
from local_server import LocalServer, Received, Reply, envelope
from test_spec_rules import INVOICE, documented

from frontpayment_ext import APIStatusError, AuditPlugin, FrontpaymentClient, ServerValidationError
from frontpayment_ext.cli import main

PN = "28038712383"
# Each form a server may echo; the digits of none may survive anywhere.
PHONES = ["46567468", "465 67 468", "+47 465 67 468", "0047 46567468", "004746567468", "+46 70 123 45 67"]
LEAK = re.compile(r"46567468|465 67 468|4656 ?7468|(?<![0-9A-Za-z])0047|70 123 45 67|28038712383")
# Digests and ids are random hex: a "0047" inside one is chance, not a leak (CI once failed on a hash that held it).
UUID = r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"
RANDOM_HEX = re.compile(UUID + r"|\b(?=[0-9a-f]*[a-f])[0-9a-f]{32,}\b")


def _echo(status: int, ref: str) -> Reply:
    """A careless server: every phone form in the message and in ``errors``, one next to a personal number."""
    message = f"{ref}: customer {PHONES[0]} (also {PHONES[1]}) rejected"
    errors: Any = [f"The customer details.msisdn {phone} is invalid." for phone in PHONES]
    errors.append(f"The customer details.personal number {PN} does not match {PHONES[4]}.")
    if status == 400:
        errors = {"customerDetails.msisdn": errors}  # Laravel's other shape
    return envelope(status, None, message=message, errors=errors)


def handler(request: Received) -> Reply:
    ref = json.loads(request.body).get("referenceNo") or "R0"
    status = {"R1": 417, "R2": 400, "R3": 500}.get(ref, 417)
    return _echo(status, ref)


def _orders(tmp_path: Path) -> Path:
    path = tmp_path / "orders.jsonl"
    lines = []
    for ref in ("R1", "R2", "R3"):
        payload = documented(INVOICE)
        payload["referenceNo"] = ref
        lines.append(json.dumps(payload))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _assert_clean(where: str, text: str) -> None:
    text = RANDOM_HEX.sub("<hex>", text)
    found = LEAK.search(text)
    assert found is None, f"{where}: {text[max(0, found.start() - 60) : found.end() + 60]!r}"


def test_echoed_phone_numbers_reach_no_sink(
    local_server: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    server: LocalServer = local_server(handler)
    jsonl, sqlite = tmp_path / "audit.jsonl", tmp_path / "audit.sqlite"
    sinks: dict[str, str] = {}
    errors: list[APIStatusError] = []
    with (
        caplog.at_level(logging.DEBUG, logger="frontpayment_ext"),
        make_vcr("all", tmp_path / "cassettes").use_cassette("echo.yaml"),
        FrontpaymentClient(base_url=server.url, plugins=[AuditPlugin(jsonl), AuditPlugin(sqlite)]) as client,
    ):
        for ref in ("R1", "R2", "R3"):
            payload = documented(INVOICE)
            payload["referenceNo"] = ref
            with pytest.raises(APIStatusError) as caught:
                client.send_invoice(payload)
            errors.append(caught.value)
    assert [e.status_code for e in errors] == [417, 400, 500]
    assert isinstance(errors[0], ServerValidationError)
    assert errors[0].field_errors
    assert errors[2].outcome_unknown
    for error in errors:
        sinks[f"HTTP {error.status_code} str/repr/message/errors"] = "\n".join(
            [str(error), repr(error), error.message, json.dumps(error.errors), repr(getattr(error, "field_errors", ""))]
        )
        assert b"46567468" in error.body  # the raw body is kept, as sent
    sinks["audit JSON Lines"] = jsonl.read_text(encoding="utf-8")
    with sqlite3.connect(sqlite) as conn:
        sinks["audit SQLite"] = "\n".join(row[0] for row in conn.execute("SELECT record FROM audit_log"))
    sinks["debug log"] = "\n".join(r.getMessage() for r in caplog.records)
    sinks["cassette"] = (tmp_path / "cassettes" / "echo.yaml").read_text(encoding="utf-8")
    assert "payloadValidationErrors" in sinks["cassette"] or "rejected" in sinks["cassette"]  # recorded, scrubbed
    assert sinks["debug log"].count("response body") >= 3  # the bodies were logged, redacted

    # The batch job, through the real CLI: journal error column and `batch status`.
    source = _orders(tmp_path)
    code = main(["send-batch", str(source), "--endpoint", "invoice", "--base-url", server.url, "--no-rate-limit"])
    capsys.readouterr()
    assert code != 0
    with sqlite3.connect(f"{source}.journal.sqlite") as conn:
        column = [row[0] for row in conn.execute("SELECT error FROM orders ORDER BY line")]
    assert all(column), column  # every order has its error recorded
    sinks["journal error column"] = "\n".join(column)
    journal = f"{source}.journal.sqlite"
    for argv in (["batch", "status", journal], ["batch", "status", journal, "--json"]):
        out = io.StringIO()
        main(argv, out=out)
        sinks[" ".join(argv[:2] + argv[3:])] = out.getvalue() + capsys.readouterr().err
    assert "HTTP 417" in sinks["journal error column"]

    assert len(server.received) == 6  # three calls, three batch orders: the server echoed each time
    for where, text in sinks.items():
        _assert_clean(where, text)


def _hostile_body(megabytes: int) -> bytes:
    """A 417 whose message is megabytes of text built to make a naive redactor backtrack (runs of e-mail
    characters, digit groups, at signs), with phone numbers scattered through it, and errors to match."""
    unit = "a" * 4000 + " 465 67 468 " + "1 2 3 4 5 6 7 8 9 " * 20 + "x@y" * 300 + " +47 46567468 "
    half = megabytes << 19
    message = (unit * (half // len(unit) + 1))[:half]
    errors = [f"The customer details.msisdn {unit[:200]} 46567468 is invalid."] * (half // 260)
    return json.dumps({"status_code": 417, "message": message, "errors": errors}).encode()


def test_a_50_mb_hostile_error_costs_well_under_a_second_beyond_reading_it(local_server: Any) -> None:
    body = _hostile_body(50)
    assert len(body) >= 50 * 10**6
    headers = {"Content-Type": "application/json"}
    server: LocalServer = local_server(lambda r: (417, headers, body))
    with httpx.Client() as raw:  # what reading it costs: the same bytes, the same socket, no SDK
        started = time.perf_counter()
        assert len(raw.post(f"{server.url}/x", content=b"{}").content) == len(body)
        reading = time.perf_counter() - started
    with FrontpaymentClient(base_url=server.url, max_response_bytes=len(body) + 1) as client:
        started = time.perf_counter()
        with pytest.raises(ServerValidationError) as caught:
            client.send_invoice(documented(INVOICE), validate=False)
        sdk = time.perf_counter() - started
    error = caught.value
    print(f"50 MB hostile 417: reading {reading:.3f} s, SDK {sdk:.3f} s, {sdk - reading:.3f} s beyond reading")
    assert sdk - reading < 1.0, (reading, sdk)
    assert len(error.body) == len(body)  # the raw body stays on .response
    shown = str(error)
    assert len(shown) < 20_000
    assert "more characters not shown" in shown
    _assert_clean("50 MB error message", shown + json.dumps(error.errors))
    assert len(json.dumps(error.errors)) < 40_000
