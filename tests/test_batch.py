"""The batch job: validate first, send once, journal every state, resume without resending, report unknowns."""

from __future__ import annotations

import asyncio
import io
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from local_server import Fault, LocalServer, Received, Reply, envelope
from test_spec_rules import INVOICE, documented

from frontpayment_ext import AsyncFrontpaymentClient, RateLimiter
from frontpayment_ext.batch import BatchValidationError, Progress, send_batch
from frontpayment_ext.cli import ProgressPrinter, main
from frontpayment_ext.journal import Journal, JournalMismatchError


def orders_file(tmp_path: Path, count: int, *, bad: tuple[int, ...] = ()) -> Path:
    path = tmp_path / "orders.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1, count + 1):
            payload = documented(INVOICE)
            payload["referenceNo"] = f"R{i}"
            if i in bad:
                payload["customerDetails"]["email"] = "not-an-email"
            fh.write(json.dumps(payload) + "\n")
            if i == 2:
                fh.write("\n")  # blank lines are skipped, line numbers stay the file's
    return path


def created(request: Received) -> Reply:
    ref = json.loads(request.body)["referenceNo"]
    return envelope(201, {"uuid": f"ODR-{ref}", "customerUuid": "C1"})


def run(server: LocalServer, source: Path, journal: Path, **kw: Any) -> Any:
    async def go() -> Any:
        async with AsyncFrontpaymentClient(
            base_url=server.url, max_retries=0, rate_limiter=kw.pop("rate_limiter", None)
        ) as client:
            return await send_batch(client, source, "invoice", journal=journal, **kw)

    return asyncio.run(go())


def references(server: LocalServer) -> Counter[str]:
    return Counter(r.json()["referenceNo"] for r in server.received if r.method == "POST")


def test_every_order_is_sent_once_and_journaled(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created)
    source, journal = orders_file(tmp_path, 30), tmp_path / "j.sqlite"
    progress: list[Progress] = []
    summary = run(server, source, journal, concurrency=4, on_progress=progress.append)
    assert summary.complete
    assert summary.counts["sent"] == 30
    assert references(server) == Counter({f"R{i}": 1 for i in range(1, 31)})
    with Journal(journal) as book:
        rows = list(book.rows())
    assert [r.line for r in rows] == [1, 2, *range(4, 32)]  # line 3 is blank
    assert all(r.state == "sent" and r.order_uuid == f"ODR-{r.reference}" and r.attempts == 1 for r in rows)
    assert progress[-1].sent == 30
    assert progress[-1].remaining == 0


def test_rerunning_resumes_and_sends_nothing_twice(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created)
    source, journal = orders_file(tmp_path, 10), tmp_path / "j.sqlite"
    run(server, source, journal)
    again = run(server, source, journal)
    assert again.sent_now == 0
    assert again.counts["sent"] == 10
    assert len(server.received) == 10


def test_invalid_lines_are_all_reported_before_anything_is_sent(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created)
    source, journal = orders_file(tmp_path, 10, bad=(3, 7)), tmp_path / "j.sqlite"
    with pytest.raises(BatchValidationError) as caught:
        run(server, source, journal)
    assert sorted(caught.value.invalid) == [4, 8]  # file lines: the blank line after order 2 shifts them
    assert all(v.path == "customerDetails.email" for vs in caught.value.invalid.values() for v in vs)
    assert server.received == []
    with Journal(journal) as book:
        assert sum(book.counts().values()) == 0  # the journal's transaction was rolled back


def test_skip_invalid_sends_the_rest(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created)
    source, journal = orders_file(tmp_path, 10, bad=(3, 7)), tmp_path / "j.sqlite"
    summary = run(server, source, journal, skip_invalid=True)
    assert (summary.counts["sent"], summary.counts["invalid"]) == (8, 2)
    assert not summary.complete
    assert set(references(server)) == {f"R{i}" for i in range(1, 11)} - {"R3", "R7"}


def test_a_changed_input_file_is_refused(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created)
    source, journal = orders_file(tmp_path, 5), tmp_path / "j.sqlite"
    run(server, source, journal)
    lines = source.read_text().splitlines()
    lines[0] = lines[0].replace('"R1"', '"R1-changed"')
    source.write_text("\n".join(lines) + "\n")
    with pytest.raises(JournalMismatchError, match="line 1 of the input changed"):
        run(server, source, journal)
    assert len(server.received) == 5


def test_refused_unknown_and_interrupted_orders(local_server: Any, tmp_path: Path) -> None:
    def handler(request: Received) -> Reply:
        ref = request.json()["referenceNo"]
        if ref == "R2":
            return envelope(417, None, message="payloadValidationErrors", errors=["The order date is invalid."])
        if ref == "R3":
            return envelope(500, None, message="internalErrorOccurredPleaseTryAgainLater")
        return created(request)

    server = local_server(handler)
    source, journal = orders_file(tmp_path, 6), tmp_path / "j.sqlite"
    summary = run(server, source, journal, concurrency=1)
    assert summary.counts == {"pending": 0, "sending": 0, "sent": 4, "failed": 1, "unknown": 1, "invalid": 0}
    assert [r.reference for r in summary.failed] == ["R2"]
    assert [r.reference for r in summary.unknown] == ["R3"]
    assert "ServerValidationError" in (summary.failed[0].error or "")
    # --retry-failed resends the refused order, never the unknown one.
    server.handler = created
    again = run(server, source, journal, retry_failed=True)
    assert again.sent_now == 1
    assert references(server)["R2"] == 2  # refused once (not created), then created: not a duplicate order
    assert references(server)["R3"] == 1
    assert [r.reference for r in again.unknown] == ["R3"]


def test_a_row_left_sending_by_a_killed_run_becomes_unknown(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created)
    source, journal = orders_file(tmp_path, 3), tmp_path / "j.sqlite"
    with Journal(journal) as book:
        book.bind(endpoint="invoice")
        book.register(
            [
                (
                    1,
                    __import__("hashlib").sha256(source.read_text().splitlines()[0].encode()).hexdigest(),
                    "R1",
                    "pending",
                    None,
                )
            ]
        )
        book.mark(1, "sending", expected="pending")
    summary = run(server, source, journal)
    assert summary.recovered == 1
    assert [r.line for r in summary.unknown] == [1]
    assert "R1" not in references(server)  # never resent
    assert summary.counts["sent"] == 2


def test_a_dropped_connection_makes_the_order_unknown_not_resent(local_server: Any, tmp_path: Path) -> None:
    server = local_server(created, [Fault("close_after_body")])
    source, journal = orders_file(tmp_path, 3), tmp_path / "j.sqlite"
    summary = run(server, source, journal, concurrency=1)
    assert [r.reference for r in summary.unknown] == ["R1"]
    assert references(server) == Counter({"R1": 1, "R2": 1, "R3": 1})


def test_the_journal_refuses_another_endpoint(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as book:
        book.bind(endpoint="invoice")
        with pytest.raises(JournalMismatchError, match="endpoint"):
            book.bind(endpoint="ehf")


def test_batch_paces_to_the_advertised_rate_limit(local_server: Any, tmp_path: Path) -> None:
    def limited(request: Received) -> Reply:
        status, headers, body = created(request)
        return status, {**headers, "x-ratelimit-limit": "5"}, body

    server = local_server(limited)
    source, journal = orders_file(tmp_path, 12), tmp_path / "j.sqlite"
    limiter = RateLimiter(limit=240, window=0.4)  # learns the server's 5 from the first response
    started = time.monotonic()
    run(server, source, journal, concurrency=6, rate_limiter=limiter)
    elapsed = time.monotonic() - started
    assert limiter.limit == 5
    assert elapsed >= 0.4  # the first window's burst is used up: later requests wait for it to roll over
    assert len(server.received) == 12


def test_progress_printer_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    printer = ProgressPrinter(stream, interval=0)
    printer(Progress(10, 4, 1, 0, time.monotonic() - 2))
    printer(Progress(10, 9, 1, 0, time.monotonic() - 4))
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("sent 4  failed 1  unknown 0  remaining 5  ")
    assert "/s  ETA 0:" in lines[0]
    assert lines[1].startswith("sent 9  failed 1  unknown 0  remaining 0")
    assert "\r" not in stream.getvalue()


def test_progress_printer_updates_one_line_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    printer = ProgressPrinter(stream, interval=0)
    printer(Progress(10, 4, 0, 0, time.monotonic() - 1))
    printer(Progress(10, 10, 0, 0, time.monotonic() - 2))
    assert stream.getvalue().count("\r") == 2
    assert stream.getvalue().endswith("\n")


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    code = main(argv, out=out)
    return code, out.getvalue(), capsys.readouterr().err


def test_cli_send_batch_and_status(local_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = local_server(created)
    source = orders_file(tmp_path, 8)
    code, out, err = _cli(
        ["send-batch", str(source), "--endpoint", "invoice", "--base-url", server.url, "--no-rate-limit"], capsys
    )
    assert code == 0
    assert out.startswith("batch: 8 sent (8 in this run), 0 failed, 0 unknown, 0 invalid, 0 pending")
    assert "sent 8  failed 0  unknown 0  remaining 0" in err  # the progress, plain lines under pytest
    code, out, _ = _cli(["batch", "status", f"{source}.journal.sqlite"], capsys)
    assert (code, out) == (0, "pending 0  sending 0  sent 8  failed 0  unknown 0  invalid 0\n")
    code, out, _ = _cli(["batch", "status", f"{source}.journal.sqlite", "--json"], capsys)
    assert json.loads(out)["counts"]["sent"] == 8


def test_cli_send_batch_reports_all_invalid_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = orders_file(tmp_path, 5, bad=(1, 4))
    code, _, err = _cli(
        ["send-batch", str(source), "--endpoint", "invoice", "--base-url", "http://127.0.0.1:9"], capsys
    )
    assert code == 1
    assert err.splitlines()[0] == "error: 2 invalid line(s); nothing was sent (--skip-invalid sends the rest)"
    assert [line.split(":")[0] for line in err.splitlines()[1:]] == ["line 1", "line 5"]


def test_cli_lists_unknown_orders(local_server: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = local_server(created, [Fault("reply", reply=envelope(502, None))])
    source = orders_file(tmp_path, 2)
    code, out, _ = _cli(
        [
            "send-batch",
            str(source),
            "--endpoint",
            "invoice",
            "--base-url",
            server.url,
            "--no-rate-limit",
            "--concurrency",
            "1",
        ],
        capsys,
    )
    assert code == 1
    assert "unknown: line 1 (referenceNo R1): check before resending" in out
    code, out, _ = _cli(["batch", "status", f"{source}.journal.sqlite"], capsys)
    assert "unknown: line 1 (referenceNo R1)" in out


def test_cli_status_of_a_missing_journal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _cli(["batch", "status", str(tmp_path / "none.sqlite")], capsys)
    assert code == 2
    assert "no such journal" in err
