"""The batch journal: one SQLite row per order line, committed before and after every send.

States: ``pending`` (not sent yet), ``sending`` (committed just before the request goes out), ``sent`` (with the
order UUID), ``failed`` (the server refused it, or it provably never left: not created), ``unknown`` (it may or may
not have been created: never resent automatically, listed for checking), ``invalid`` (refused by validation, with
``--skip-invalid``).

A process killed at any point leaves every row either in a final state or in ``sending``; the next run turns
``sending`` into ``unknown`` before it sends anything. So a rerun never sends an order twice and skips none.
Lines are identified by their number and the SHA-256 of their content: a changed input file is refused instead of
being resumed wrongly.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from .errors import FrontpaymentError

State = Literal["pending", "sending", "sent", "failed", "unknown", "invalid"]
STATES: tuple[State, ...] = ("pending", "sending", "sent", "failed", "unknown", "invalid")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (
    line INTEGER PRIMARY KEY,
    digest TEXT NOT NULL,
    reference TEXT,
    state TEXT NOT NULL,
    order_uuid TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_state ON orders (state);
"""


class JournalMismatchError(FrontpaymentError):
    """The journal belongs to another input file or endpoint: resuming from it would be wrong."""


@attrs.frozen
class Row:
    line: int
    digest: str
    reference: str | None
    state: State
    order_uuid: str | None
    error: str | None
    attempts: int
    updated: str


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")


class Journal:
    """A batch's journal file. Every state change is its own committed transaction (WAL mode)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process; fsync at checkpoints
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def bind(self, **meta: str) -> None:
        """Tie the journal to its endpoint (and input): refuse to resume a batch for another one."""
        for key, value in meta.items():
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            if row is None:
                self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
            elif row[0] != value:
                raise JournalMismatchError(
                    f"{self.path} was written for {key}={row[0]!r}, not {value!r}; use another --journal"
                )

    def register(self, lines: Iterable[tuple[int, str, str | None, State, str | None]]) -> None:
        """Record lines (number, digest, reference, pending or invalid, error) in one transaction. A line already
        in the journal keeps its state; a line whose content changed is refused."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for line, digest, reference, state, error in lines:
                known = self._db.execute("SELECT digest, state FROM orders WHERE line = ?", (line,)).fetchone()
                if known is None:
                    self._db.execute(
                        "INSERT INTO orders (line, digest, reference, state, error, updated) VALUES (?, ?, ?, ?, ?, ?)",
                        (line, digest, reference, state, error, _now()),
                    )
                elif known[0] != digest:
                    raise JournalMismatchError(
                        f"line {line} of the input changed since {self.path} was written; a journal resumes only "
                        "the same file (use another --journal for a new batch)"
                    )
                elif known[1] == "invalid" and state == "pending":
                    self._db.execute("UPDATE orders SET state = 'pending', error = NULL WHERE line = ?", (line,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def recover(self) -> int:
        """Rows left in ``sending`` by a killed run become ``unknown``; returns how many."""
        cursor = self._db.execute(
            "UPDATE orders SET state = 'unknown', error = ?, updated = ? WHERE state = 'sending'",
            ("interrupted while sending: the order may or may not have been created", _now()),
        )
        return cursor.rowcount

    def mark(self, line: int, state: State, *, order_uuid: str | None = None, error: str | None = None) -> None:
        """Commit one row's new state (``sending`` also counts an attempt)."""
        self._db.execute(
            "UPDATE orders SET state = ?, order_uuid = COALESCE(?, order_uuid), error = ?, updated = ?, "
            "attempts = attempts + ? WHERE line = ?",
            (state, order_uuid, error, _now(), 1 if state == "sending" else 0, line),
        )

    def to_send(self, retry_failed: bool = False) -> set[int]:
        states = ("pending", "failed") if retry_failed else ("pending",)
        marks = ",".join("?" * len(states))
        return {r[0] for r in self._db.execute(f"SELECT line FROM orders WHERE state IN ({marks})", states)}  # noqa: S608

    def counts(self) -> dict[str, int]:
        found = dict(self._db.execute("SELECT state, COUNT(*) FROM orders GROUP BY state").fetchall())
        return {state: int(found.get(state, 0)) for state in STATES}

    def rows(self, *states: State) -> Iterator[Row]:
        query = "SELECT line, digest, reference, state, order_uuid, error, attempts, updated FROM orders"
        args: tuple[Any, ...] = ()
        if states:
            query += f" WHERE state IN ({','.join('?' * len(states))})"
            args = states
        for values in self._db.execute(query + " ORDER BY line", args):
            yield Row(*values)
