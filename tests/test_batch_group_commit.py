"""Group commits: the batch commits the results of finished orders together with the next claim, so an order costs
about one journal transaction instead of two, and still no order is sent before its claim is committed, and no
result waits long to be committed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from local_server import Received, Reply
from test_batch import created, orders_file, run

from frontpayment_ext.journal import Journal

ORDERS = 40


def test_each_order_is_claimed_in_a_committed_transaction_before_its_request_arrives(
    local_server: Any, tmp_path: Path
) -> None:
    """The server reads the journal (another connection, so only committed rows) as each request arrives: its
    order is already `sending`."""
    source, journal = orders_file(tmp_path, ORDERS), tmp_path / "j.sqlite"
    lines = {json.loads(text)["referenceNo"]: n for n, text in enumerate(source.read_text().splitlines(), 1) if text}
    seen: list[tuple[str, str | None]] = []

    def checking(request: Received) -> Reply:
        ref = json.loads(request.body)["referenceNo"]
        with Journal(journal, readonly=True) as book:
            recorded = book.recorded(lines[ref])
        seen.append((ref, None if recorded is None else recorded[1]))
        return created(request)

    summary = run(local_server(checking), source, journal, concurrency=4)
    assert summary.counts["sent"] == ORDERS
    assert len(seen) == ORDERS
    assert all(state == "sending" for _, state in seen), seen


def test_results_are_committed_with_the_next_claim_about_one_transaction_per_order(
    local_server: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """Before group commits every order took two transactions (its claim, its result): 2 x ORDERS."""
    source, journal = orders_file(tmp_path, ORDERS), tmp_path / "j.sqlite"
    transactions = {"count": 0}
    apply, mark = Journal.apply, Journal.mark

    def counted_apply(self: Journal, changes: Any) -> Any:
        transactions["count"] += 1
        return apply(self, changes)

    def counted_mark(self: Journal, *args: Any, **kwargs: Any) -> Any:
        transactions["count"] += 1
        return mark(self, *args, **kwargs)

    monkeypatch.setattr(Journal, "apply", counted_apply)
    monkeypatch.setattr(Journal, "mark", counted_mark)
    summary = run(local_server(created), source, journal, concurrency=1)
    assert summary.counts["sent"] == ORDERS
    with Journal(journal, readonly=True) as book:
        assert {row.state for row in book.rows()} == {"sent"}
    assert transactions["count"] <= ORDERS + 2, transactions
