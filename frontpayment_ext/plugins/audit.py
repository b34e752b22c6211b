"""The built-in ``audit`` plugin: an append-only, hash-chained audit log in JSON Lines or SQLite.

Every record carries ``seq`` (1, 2, ...), ``prev`` (the previous record's hash; 64 zeros for the first) and
``hash`` (SHA-256 of the record's canonical JSON without ``hash``). So an edited record no longer matches its
hash, a deleted or reordered one breaks the ``seq`` and ``prev`` chain, and ``frontpayment audit verify PATH``
finds each of them. Removing records from the *end* leaves a shorter valid chain: keep the last hash (printed by
``verify``) somewhere else if that must be caught too.

    AuditPlugin("audit.jsonl")                    # or .sqlite / .db for the stdlib sqlite3 table
    AuditPlugin("audit.sqlite", required=True)    # fail closed: no record, no request
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import attrs

from frontpayment_ext.events import AuditEvent
from frontpayment_ext.hookspecs import hookimpl

GENESIS = "0" * 64
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def record_hash(record: dict[str, Any]) -> str:
    """SHA-256 of the record's canonical JSON (sorted keys, no spaces), ``hash`` itself left out."""
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class AuditStore(Protocol):
    def last(self) -> tuple[int, str]: ...
    def append(self, record: dict[str, Any]) -> None: ...
    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]: ...


class JsonlStore:
    """One JSON object per line, appended and flushed to disk with each record."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
        """(line number, record or None if unreadable, raw line)."""
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError:
                    record = None
                yield number, record if isinstance(record, dict) else None, line

    def last(self) -> tuple[int, str]:
        seq, digest = 0, GENESIS
        for _, record, _ in self.records():
            if record is not None:
                seq, digest = int(record.get("seq", seq)), str(record.get("hash", digest))
        return seq, digest

    def append(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n")
            fh.flush()


class SqliteStore:
    """A table ``audit_log(seq, prev, hash, record)`` in a stdlib sqlite3 database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute("CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER, prev TEXT, hash TEXT, record TEXT NOT NULL)")
        return conn

    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
        conn = self._connect()
        try:
            rows = conn.execute("SELECT rowid, record FROM audit_log ORDER BY rowid").fetchall()
        finally:
            conn.close()
        for rowid, text in rows:
            try:
                record = json.loads(text)
            except ValueError:
                record = None
            yield int(rowid), record if isinstance(record, dict) else None, str(text)

    def last(self) -> tuple[int, str]:
        conn = self._connect()
        try:
            row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY rowid DESC LIMIT 1").fetchone()
        finally:
            conn.close()
        return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))

    def append(self, record: dict[str, Any]) -> None:
        conn = self._connect()
        try:
            with conn:
                conn.execute(
                    "INSERT INTO audit_log (seq, prev, hash, record) VALUES (?, ?, ?, ?)",
                    (
                        record["seq"],
                        record["prev"],
                        record["hash"],
                        json.dumps(record, sort_keys=True, separators=(",", ":")),
                    ),
                )
        finally:
            conn.close()


def open_store(path: str | Path) -> AuditStore:
    path = Path(path)
    return SqliteStore(path) if path.suffix.lower() in SQLITE_SUFFIXES else JsonlStore(path)


class AuditLog:
    """Appends hash-chained records to a store; safe across threads of one process."""

    def __init__(self, path: str | Path) -> None:
        self.store = open_store(path)
        self._lock = threading.Lock()
        self._head: tuple[int, str] | None = None

    def append(self, fields: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            seq, prev = self._head if self._head is not None else self.store.last()
            record = {**fields, "seq": seq + 1, "prev": prev}
            record["hash"] = record_hash(record)
            self.store.append(record)
            self._head = (record["seq"], record["hash"])
            return record


@attrs.frozen
class VerifyResult:
    records: int
    last_hash: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(path: str | Path) -> VerifyResult:
    """Check the whole chain; every problem found is listed with where it is."""
    store = open_store(path)
    if not Path(path).exists():
        return VerifyResult(0, GENESIS, [f"{path}: no such audit log"])
    problems: list[str] = []
    expected_seq, prev, count = 1, GENESIS, 0
    for where, record, _ in store.records():
        count += 1
        if record is None:
            problems.append(f"record at {where}: unreadable")
            continue
        seq = record.get("seq")
        if record.get("hash") != record_hash(record):
            problems.append(f"record at {where} (seq {seq}): edited (its hash does not match its contents)")
        if seq != expected_seq:
            problems.append(f"record at {where}: seq {seq} where {expected_seq} was expected (deleted or reordered)")
        if record.get("prev") != prev:
            problems.append(
                f"record at {where} (seq {seq}): does not follow the previous record (deleted or reordered)"
            )
        expected_seq = seq + 1 if isinstance(seq, int) else expected_seq + 1
        prev = str(record.get("hash"))
    return VerifyResult(count, prev, problems)


class AuditPlugin:
    """Writes every audit event to the log. ``required=True`` makes the client fail closed when it cannot."""

    def __init__(self, path: str | Path, *, required: bool = False) -> None:
        self.log = AuditLog(path)
        self.required = required

    def __repr__(self) -> str:
        return f"AuditPlugin({str(getattr(self.log.store, 'path', ''))!r}, required={self.required})"

    @hookimpl
    def frontpayment_audit_event(self, event: AuditEvent) -> None:
        self.log.append(event.as_record())
