"""Bulk sending: a JSON Lines file of order payloads, sent once each, resumable after any crash.

    summary = await send_batch(client, "orders.jsonl", "invoice", journal="orders.journal.sqlite")

1. Every line is validated before the first send. Invalid lines are all reported at once
   (``BatchValidationError``) and nothing is sent, unless ``skip_invalid`` sends the rest.
2. Each order's state goes to the journal (``journal.py``) before and after its request. A rerun with the same
   journal resumes: it sends what is still pending, never resends what was sent, and lists orders whose outcome
   is unknown (a killed process, a timeout after sending, an answer the SDK could not read) for checking instead
   of resending them. The journal has one writer at a time (a second run is refused with ``JournalLockedError``)
   and every state change is a compare-and-set, so no row is claimed for sending twice.
3. The journal's changes are committed in groups: the results of the orders that came back are committed
   together with the next claim (``sending``), in one transaction. A worker sends only after its claim is
   committed; a result still uncommitted when the process dies leaves its row in ``sending``, which the rerun
   turns into ``unknown`` (never resent). The last results are committed when the run ends, however it ends.
4. Sending uses a bounded number of concurrent requests, paced by the client's rate limiter if it has one. A worker
   waits for its rate-limit slot first and only then marks the order ``sending`` and sends it (the slot is passed
   on with ``RateLimiter.prepaid``), so an order still waiting for its slot when the run is interrupted stays
   ``pending`` and the rerun sends it.

The file is read twice, line by line (validate, then send), so memory does not grow with the batch. The second
read sends only a line whose SHA-256 is the one recorded when it was validated: a line edited during the run is
not sent (``JournalMismatchError``, nothing more is sent), so what goes out is exactly what was validated.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ._surface import OPERATIONS
from .errors import FrontpaymentError
from .journal import Change, Entry, Journal, JournalError, JournalMismatchError, Row, State
from .ratelimit import RateLimiter
from .redaction import DEFAULT_REDACTOR
from .violations import Violation

# The order-creating operations a batch can send, by endpoint name (invoice, ehf, session, faktura): from the spec.
METHODS = {op.body: op.name for op in OPERATIONS.values() if op.changes_state and op.body and not op.path_params}
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
    attempted_now: int = 0  # orders this run sent or tried to send (0: the batch had nothing left to send)

    @property
    def complete(self) -> bool:
        return all(self.counts[s] == 0 for s in ("pending", "sending", "failed", "unknown", "invalid"))


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines, stripped, with their line numbers. Bytes that are not UTF-8 come through as lone
    surrogates (``surrogateescape``), for ``check_file`` to refuse that line alone."""
    try:
        with path.open(encoding="utf-8", errors="surrogateescape") as fh:
            for number, text in enumerate(fh, start=1):
                if text.strip():
                    yield number, text.strip()
    except OSError as exc:
        raise FrontpaymentError(f"cannot read {path}: {exc.strerror or exc}") from None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _reference(payload: Any) -> str | None:
    ref = payload.get("referenceNo") if isinstance(payload, dict) else None
    return ref if isinstance(ref, str) else None


def _violations(client: Any, text: str, endpoint: str) -> tuple[list[Violation], Any]:
    """One line's violations (a line that is not UTF-8 or not JSON is one violation), and its payload."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return [Violation("<line>", "is not valid UTF-8 text", "a JSON object in UTF-8", "undecodable bytes")], None
    try:
        payload = json.loads(text)
    except ValueError as exc:
        return [Violation("<line>", f"is not valid JSON ({exc})", "a JSON object", text[:40])], None
    except RecursionError:
        return [Violation("<line>", "is nested too deeply", "a JSON object", "deeply nested JSON")], None
    try:
        return list(client.validate(payload, endpoint)), payload
    except RecursionError:
        return [Violation("<line>", "is nested too deeply", "a JSON object", "deeply nested JSON")], None


def check_file(
    client: Any, path: Path, endpoint: str, invalid: dict[int, list[Violation]], *, skip_invalid: bool
) -> Iterator[Entry]:
    """Pass 1, streamed: each line's entry (number, digest, reference, state, error) for the journal. Invalid lines
    are collected in ``invalid``; at the end, if there are any and they are not to be skipped, BatchValidationError
    is raised, inside the journal's transaction, which is then rolled back: nothing is recorded and nothing sent."""
    for number, text in _lines(path):
        violations, payload = _violations(client, text, endpoint)
        if violations:
            invalid[number] = violations[:MAX_VIOLATIONS_KEPT]
            error = f"{len(violations)} violation(s), first: {violations[0]}"
            yield Entry(number, _digest(text), None, "invalid", error)
        else:
            yield Entry(number, _digest(text), _reference(payload), "pending", None)
    if invalid and not skip_invalid:
        raise BatchValidationError(invalid)


class _GroupCommit:
    """The journal's changes of the in-flight orders, committed in groups (``Journal.apply``).

    A result (``settle``) is kept until the next commit: the next claim's, or at the latest the next turn of the
    event loop's; a claim (``claim``) is committed at once, together with every result kept so far, in one
    transaction, and only then may its order be sent. A worker that gets a result claims its next order in the
    same turn, so each order costs about one commit instead of two, and no request waits for another's.

    A JournalError (a failed compare-and-set, or the database) goes to ``problems``, which stops the run; a failed
    claim is raised to its worker, which sends nothing."""

    def __init__(self, book: Journal, problems: list[JournalError]) -> None:
        self.book = book
        self.problems = problems
        self.results: list[Change] = []
        self.scheduled = False

    def claim(self, line: int, claimable: tuple[State, ...]) -> None:
        (conflict,) = self._commit(Change(line, "sending", claimable))
        if conflict is not None:
            raise conflict

    def settle(self, change: Change) -> None:
        self.results.append(change)
        if not self.scheduled:
            self.scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)

    def flush(self) -> None:
        """Commit the results kept so far (if any)."""
        self.scheduled = False
        if self.results:
            self._commit()

    def _commit(self, *claims: Change) -> list[JournalError | None]:
        results, self.results = self.results, []
        outcomes: list[JournalError | None]
        try:
            outcomes = list(self.book.apply([*results, *claims]))
        except JournalError as exc:
            self.problems.append(exc)
            return [exc] * len(claims)
        self.problems.extend(outcome for outcome in outcomes[: len(results)] if outcome is not None)
        return outcomes[len(results) :]


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
    """Send every order of a JSON Lines file through an ``AsyncFrontpaymentClient``, once each (see module doc).

    ``journal`` is a path (opened, locked for the whole run, closed) or a ``Journal`` you opened for writing.
    Raises ``JournalLockedError`` if another run holds the journal, ``JournalError`` if it is not a usable journal,
    ``JournalMismatchError`` if it belongs to another file or the file changed, ``BatchValidationError``."""
    if endpoint not in METHODS:
        raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {', '.join(METHODS)}")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    path = Path(source)
    book = journal if isinstance(journal, Journal) else Journal(journal)
    try:
        if book.readonly:
            raise JournalError(f"journal {book.path} is open read-only; send_batch needs it open for writing")
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
    claimable: tuple[State, ...] = ("pending", "failed") if retry_failed else ("pending",)
    counts = book.counts()
    total = sum(counts[state] for state in claimable)
    send: Callable[..., Awaitable[Any]] = getattr(client, METHODS[endpoint])
    limiter = getattr(client, "rate_limiter", None)
    if not isinstance(limiter, RateLimiter):
        limiter = None  # something else paces in the transport, as before
    tally = {"sent": 0, "failed": 0, "unknown": 0}
    queue: asyncio.Queue[tuple[int, Any] | None] = asyncio.Queue(maxsize=concurrency * 2)
    problems: list[JournalError] = []  # the first one stops the run: nothing more is claimed or sent

    def report() -> None:
        if on_progress is not None:
            on_progress(Progress(total, tally["sent"], tally["failed"], tally["unknown"], started))

    commits = _GroupCommit(book, problems)

    def settle(line: int, state: State, *, order_uuid: str | None = None, error: str | None = None) -> None:
        commits.settle(Change(line, state, ("sending",), order_uuid, error))
        tally[state] += 1
        report()

    async def worker() -> None:
        while (item := await queue.get()) is not None:
            if problems:
                continue  # drain the queue, send nothing more
            line, payload = item
            if limiter is not None and (wait := limiter.reserve()) > 0:
                await asyncio.sleep(wait)  # still pending: an interrupt here leaves the order to the next run
            if problems:
                continue
            try:
                commits.claim(line, claimable)  # compare-and-set, committed (with results) before the request
            except JournalError as exc:
                if exc not in problems:
                    problems.append(exc)  # a failed claim never leads to a send
                continue
            try:
                with limiter.prepaid() if limiter is not None else contextlib.nullcontext():
                    result = await send(payload, validate=False)
            except FrontpaymentError as exc:  # unknown whenever it may have been created: never resent
                state: State = "unknown" if exc.outcome_unknown else "failed"
                named = getattr(exc, "order_uuid", None)  # an unreadable success may still name its order
                settle(line, state, error=f"{type(exc).__name__}: {exc}"[:2000], order_uuid=named)
            except Exception as exc:  # noqa: BLE001 - a bug must not turn into a resend: record and go on
                # A plugin's or a bug's text may quote the payload: redact it like any other error text.
                settle(line, "unknown", error=DEFAULT_REDACTOR.text(f"unexpected {type(exc).__name__}: {exc}"[:2000]))
            except BaseException:  # cancelled or interrupted mid-request: it may have left; record it, then stop
                with contextlib.suppress(JournalError):
                    book.mark(
                        line,
                        "unknown",
                        expected="sending",
                        error="interrupted while sending: the order may or may not have been created",
                    )
                raise
            else:
                settle(line, "sent", order_uuid=result.order_uuid)

    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        await _feed(path, book, claimable, queue, problems)
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        # Let every worker record its row (an interrupted send becomes unknown) before the journal closes, and
        # commit the results still waiting for their group.
        await asyncio.gather(*workers, return_exceptions=True)
        commits.flush()
    if problems:
        raise problems[0]
    report()
    return BatchSummary(
        counts=book.counts(),
        sent_now=tally["sent"],
        elapsed=time.monotonic() - started,
        unknown=list(book.rows("unknown")),
        failed=list(book.rows("failed")),
        recovered=recovered,
        attempted_now=sum(tally.values()),
    )


async def _feed(
    path: Path,
    book: Journal,
    claimable: tuple[State, ...],
    queue: asyncio.Queue[tuple[int, Any] | None],
    problems: list[JournalError],
) -> None:
    """Pass 2: queue each line to send, parsed from the very text whose digest the journal recorded at validation.
    A line that changed since (edited while the batch runs) stops the run: it is not sent, nor anything after it."""
    for number, text in _lines(path):
        if problems:
            return
        recorded = book.recorded(number)
        if recorded is None or recorded[1] not in claimable:
            continue  # sent, unknown or invalid already; or a line added after validation (the next run's)
        if recorded[0] != _digest(text):
            problems.append(
                JournalMismatchError(
                    f"line {number} of {path} changed while the batch was running; it was not sent, and neither was "
                    "anything after it (restore the file and rerun, or use another --journal for a new batch)"
                )
            )
            return
        await queue.put((number, json.loads(text)))
