"""Bulk sending: a JSON Lines file of order payloads, sent once each, resumable after any crash.

    summary = await send_batch(client, "orders.jsonl", "invoice", journal="orders.journal.sqlite")

1. Every line is validated before the first send. Invalid lines are all reported at once
   (``BatchValidationError``) and nothing is sent, unless ``skip_invalid`` sends the rest.
2. Each order's state goes to the journal (``journal.py``) before and after its request. A rerun with the same
   journal resumes: it sends what is still pending, never resends what was sent, and lists orders whose outcome
   is unknown (a killed process, a timeout after sending) for checking instead of resending them.
3. Sending uses a bounded number of concurrent requests, paced by the client's rate limiter if it has one.

The file is read twice, line by line (validate, then send), so memory does not grow with the batch.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from .errors import FrontpaymentError
from .journal import Journal, Row, State
from .violations import Violation

METHODS = {"invoice": "send_invoice", "ehf": "send_ehf_invoice", "session": "create_invoice_session"}
MAX_VIOLATIONS_KEPT = 20  # per invalid line, so a file of garbage cannot fill memory


class BatchValidationError(FrontpaymentError):
    """Some lines are invalid; nothing was sent. ``invalid`` maps line numbers to their violations."""

    def __init__(self, invalid: dict[int, list[Violation]]) -> None:
        self.invalid = invalid
        lines = [f"  line {line}: {v}" for line, violations in invalid.items() for v in violations]
        super().__init__(f"{len(invalid)} invalid line(s); nothing was sent:\n" + "\n".join(lines))


@attrs.frozen
class Progress:
    """Where a batch stands: counts of this run, and the total to send in it."""

    total: int
    sent: int
    failed: int
    unknown: int
    started: float

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.unknown

    @property
    def remaining(self) -> int:
        return self.total - self.done

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        return self.remaining / self.rate if self.rate > 0 else None


@attrs.frozen
class BatchSummary:
    """The batch's state after this run (all runs counted), and what this run did."""

    counts: dict[str, int]
    sent_now: int
    elapsed: float
    unknown: list[Row]
    failed: list[Row]
    recovered: int

    @property
    def complete(self) -> bool:
        return all(self.counts[s] == 0 for s in ("pending", "sending", "failed", "unknown", "invalid"))


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8") as fh:
        for number, text in enumerate(fh, start=1):
            if text.strip():
                yield number, text.strip()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reference(payload: Any) -> str | None:
    ref = payload.get("referenceNo") if isinstance(payload, dict) else None
    return ref if isinstance(ref, str) else None


def check_file(
    client: Any, path: Path, endpoint: str, invalid: dict[int, list[Violation]], *, skip_invalid: bool
) -> Iterator[tuple[int, str, str | None, State, str | None]]:
    """Pass 1, streamed: each line's (number, digest, reference, state, error) for the journal. Invalid lines are
    collected in ``invalid``; at the end, if there are any and they are not to be skipped, BatchValidationError is
    raised, inside the journal's transaction, which is then rolled back: nothing is recorded and nothing sent."""
    for number, text in _lines(path):
        try:
            payload = json.loads(text)
        except ValueError as exc:
            violations = [Violation("<line>", f"is not valid JSON ({exc})", "a JSON object", text[:40])]
        else:
            violations = client.validate(payload, endpoint)
        if violations:
            invalid[number] = violations[:MAX_VIOLATIONS_KEPT]
            yield number, _digest(text), None, "invalid", f"{len(violations)} violation(s), first: {violations[0]}"
        else:
            yield number, _digest(text), _reference(payload), "pending", None
    if invalid and not skip_invalid:
        raise BatchValidationError(invalid)


async def send_batch(
    client: Any,
    source: str | Path,
    endpoint: str,
    *,
    journal: str | Path | Journal,
    concurrency: int = 8,
    skip_invalid: bool = False,
    retry_failed: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
) -> BatchSummary:
    """Send every order of a JSON Lines file through an ``AsyncFrontpaymentClient``, once each (see module doc)."""
    if endpoint not in METHODS:
        raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {', '.join(METHODS)}")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    path = Path(source)
    book = journal if isinstance(journal, Journal) else Journal(journal)
    try:
        return await _run(
            client,
            path,
            endpoint,
            book,
            concurrency=concurrency,
            skip_invalid=skip_invalid,
            retry_failed=retry_failed,
            on_progress=on_progress,
        )
    finally:
        if not isinstance(journal, Journal):
            book.close()


async def _run(
    client: Any,
    path: Path,
    endpoint: str,
    book: Journal,
    *,
    concurrency: int,
    skip_invalid: bool,
    retry_failed: bool,
    on_progress: Callable[[Progress], None] | None,
) -> BatchSummary:
    started = time.monotonic()
    book.bind(endpoint=endpoint)
    book.register(check_file(client, path, endpoint, {}, skip_invalid=skip_invalid))
    recovered = book.recover()
    wanted = book.to_send(retry_failed)
    send: Callable[..., Awaitable[Any]] = getattr(client, METHODS[endpoint])
    tally = {"sent": 0, "failed": 0, "unknown": 0}
    queue: asyncio.Queue[tuple[int, Any] | None] = asyncio.Queue(maxsize=concurrency * 2)

    def report() -> None:
        if on_progress is not None:
            on_progress(Progress(len(wanted), tally["sent"], tally["failed"], tally["unknown"], started))

    async def worker() -> None:
        while (item := await queue.get()) is not None:
            line, payload = item
            book.mark(line, "sending")  # committed before the request can leave
            try:
                result = await send(payload, validate=False)
            except FrontpaymentError as exc:
                state: State = "unknown" if exc.outcome_unknown else "failed"
                book.mark(line, state, error=f"{type(exc).__name__}: {exc}"[:2000])
                tally[state] += 1
            except Exception as exc:  # noqa: BLE001 - a bug must not turn into a resend: record and go on
                book.mark(line, "unknown", error=f"unexpected {type(exc).__name__}: {exc}"[:2000])
                tally["unknown"] += 1
            else:
                book.mark(line, "sent", order_uuid=result.order_uuid)
                tally["sent"] += 1
            report()

    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        for number, text in _lines(path):
            if number in wanted:
                await queue.put((number, json.loads(text)))
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
    report()
    return BatchSummary(
        counts=book.counts(),
        sent_now=tally["sent"],
        elapsed=time.monotonic() - started,
        unknown=list(book.rows("unknown")),
        failed=list(book.rows("failed")),
        recovered=recovered,
    )
