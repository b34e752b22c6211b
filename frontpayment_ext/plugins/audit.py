"""The built-in ``audit`` plugin: an append-only, hash-chained audit log in JSON Lines or SQLite.

Every record carries ``seq`` (1, 2, ...), ``prev`` (the previous record's hash; 64 zeros for the first), ``alg``
and ``hash``, computed over the record's canonical JSON without ``hash``. So an edited record no longer matches its
hash, a deleted or reordered one breaks the ``seq`` and ``prev`` chain, and ``frontpayment audit verify PATH``
finds each of them.

Two modes, named in every record's ``alg``:

- ``sha256`` (no key): catches accidents and careless edits, but anyone who can write the file can edit a record
  and recompute every hash after it, and the log verifies again.
- ``hmac-sha256`` (``key=`` or ``FRONTPAYMENT_AUDIT_KEY``): the hash is an HMAC-SHA-256 under a key the attacker
  does not have, so a re-chained log fails ``frontpayment audit verify --key``. The key is never written to a
  record, a log line, a repr or an error. A log has one mode: appending with the other one is refused.

Removing records from the *end* leaves a shorter valid chain in either mode: keep the last hash (printed by
``verify``) somewhere else and pass it back with ``--expect-hash`` to catch that too.

Appends are serialised across threads, clients and processes, with the head read inside the lock: JSON Lines
takes an exclusive ``flock`` on the log (on Windows, ``msvcrt.locking`` on a sidecar ``PATH.lock``; untested in
CI), reads the last record from the file's tail, appends and fsyncs; SQLite does the same in one ``BEGIN
IMMEDIATE`` transaction (writers first queue on a sidecar ``PATH.lock``). Nothing caches the head, so any
number of writers can share one log.

    AuditPlugin("audit.jsonl")                    # or .sqlite / .db for the stdlib sqlite3 table
    AuditPlugin("audit.sqlite", required=True)    # fail closed: no record, no request
    AuditPlugin("audit.jsonl", key=secret)        # keyed: a re-chained log fails verification
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from frontpayment_ext.errors import ConfigurationError, FrontpaymentError
from frontpayment_ext.events import AuditEvent
from frontpayment_ext.hookspecs import hookimpl

GENESIS = "0" * 64
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
KEY_ENV = "FRONTPAYMENT_AUDIT_KEY"
PLAIN, KEYED = "sha256", "hmac-sha256"
SQLITE_MAGIC = b"SQLite format 3\x00"
_TAIL_CHUNK = 8192
_MAX_RECORD = 1 << 20  # bytes; a record is a few hundred
_SQLITE_TIMEOUT = 30.0  # seconds a writer waits for another's transaction; appends take milliseconds


class AuditLogError(FrontpaymentError):
    """A file given as an audit log is not one or cannot be read, or the log's mode does not fit the key given
    (keyed without a key, plain with one). Never names the key."""


class AuditKey:
    """An HMAC-SHA-256 key. Holds only a keyed hash object, so neither its repr nor its attributes show the key."""

    __slots__ = ("_mac",)

    def __init__(self, key: str | bytes) -> None:
        try:
            raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        except UnicodeEncodeError:
            raise ConfigurationError("the audit key is not valid UTF-8 text") from None
        if not raw:
            raise ConfigurationError("the audit key is empty")
        self._mac = hmac.new(raw, digestmod=hashlib.sha256)

    @classmethod
    def of(cls, key: str | bytes | AuditKey | None) -> AuditKey | None:
        return key if key is None or isinstance(key, AuditKey) else cls(key)

    def hexdigest(self, data: bytes) -> str:
        mac = self._mac.copy()
        mac.update(data)
        return mac.hexdigest()

    def __repr__(self) -> str:
        return "AuditKey(<hidden>)"


def key_from_env() -> str | None:
    """``FRONTPAYMENT_AUDIT_KEY``, or None when it is unset or empty."""
    return os.environ.get(KEY_ENV) or None


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode()


def record_hash(record: dict[str, Any], key: str | bytes | AuditKey | None = None) -> str:
    """SHA-256 (no key) or HMAC-SHA-256 (a key) of the record's canonical JSON (sorted keys, no spaces), ``hash``
    itself left out."""
    body = _canonical({k: v for k, v in record.items() if k != "hash"})
    mac = AuditKey.of(key)
    return hashlib.sha256(body).hexdigest() if mac is None else mac.hexdigest(body)


@attrs.frozen
class Head:
    """The last record of a log: what the next record chains onto."""

    seq: int = 0
    hash: str = GENESIS
    alg: str | None = None  # None: an empty log, which takes either mode


def _head_of(record: object) -> Head | None:
    if not isinstance(record, dict):
        return None
    seq, digest, alg = record.get("seq"), record.get("hash"), record.get("alg", PLAIN)
    if type(seq) is not int or not isinstance(digest, str) or not isinstance(alg, str):
        return None
    return Head(seq, digest, alg)


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError too; RecursionError: deep nesting
        return None
    return record if isinstance(record, dict) else None


if sys.platform == "win32":  # pragma: no cover - CI runs on Linux
    import msvcrt
    import time

    @contextmanager
    def _exclusive(path: Path, fh: IO[bytes]) -> Iterator[None]:
        """Windows locks are mandatory, so lock a sidecar file rather than bytes a reader needs."""
        with Path(f"{path}.lock").open("a+b") as lock:
            lock.seek(0)
            while True:
                try:
                    msvcrt.locking(lock.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    time.sleep(0.005)
            try:
                yield
            finally:
                lock.seek(0)
                msvcrt.locking(lock.fileno(), msvcrt.LK_UNLCK, 1)

    @contextmanager
    def _shared(fh: IO[bytes]) -> Iterator[None]:
        yield

else:
    import fcntl

    @contextmanager
    def _exclusive(path: Path, fh: IO[bytes]) -> Iterator[None]:
        """``flock`` belongs to the open file description: it also serialises two opens in one process."""
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    @contextmanager
    def _shared(fh: IO[bytes]) -> Iterator[None]:
        """A reader waits for a write in progress, so it never takes half a line for the end of the log."""
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


Builder = Callable[[Head], dict[str, Any]]

_PATH_LOCKS: dict[str, threading.Lock] = {}
_PATH_LOCKS_GUARD = threading.Lock()


def _path_lock(path: Path) -> threading.Lock:
    """One lock per file in this process: its threads queue here, so only other processes meet the file lock
    (SQLite's busy handler sleeps up to 100 ms between tries; a thread lock wakes the next writer at once)."""
    with _PATH_LOCKS_GUARD:
        return _PATH_LOCKS.setdefault(os.path.realpath(path), threading.Lock())


def _reset_after_fork() -> None:
    """A lock another thread held at ``fork`` would never be released in the child."""
    global _PATH_LOCKS_GUARD  # noqa: PLW0603
    _PATH_LOCKS_GUARD = threading.Lock()
    _PATH_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


class AuditStore(Protocol):
    path: Path

    def append_next(self, build: Builder) -> dict[str, Any]: ...
    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]: ...


class JsonlStore:
    """One JSON object per line; each append locked, chained onto the file's last record, and fsynced."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
        """(line number, record or None if unreadable, raw line)."""
        if not self.path.is_file():
            return
        with self.path.open("rb") as fh:
            # The size under a shared lock is a consistent snapshot (no write is half done, and nothing before it
            # ever changes); reading up to it needs no lock, so a long verify never stalls the writers.
            with _shared(fh):
                left = os.fstat(fh.fileno()).st_size
            number = 0
            while left > 0 and (line := fh.readline(min(_MAX_RECORD + 1, left))):
                left -= len(line)
                number += 1
                if len(line) > _MAX_RECORD:  # no record is this long: skip the rest of the line, in bounded reads
                    while not line.endswith(b"\n") and left > 0 and (line := fh.readline(min(_MAX_RECORD, left))):
                        left -= len(line)
                    yield number, None, "(an overlong line)"
                elif line.strip():
                    yield number, _parse(line), line.decode("utf-8", "replace")

    @staticmethod
    def _tail(fh: IO[bytes]) -> tuple[Head, bool]:
        """The last readable record, read backwards from the end (a large log costs no more than a small one),
        and whether the file ends with a newline (it does not after a write torn by a crash)."""
        end = fh.seek(0, os.SEEK_END)
        if end == 0:
            return Head(), True
        fh.seek(end - 1)
        clean = fh.read(1) == b"\n"
        pos, partial, overlong = end, b"", False
        while pos > 0:
            step = min(_TAIL_CHUNK, pos)
            pos -= step
            fh.seek(pos)
            lines = (fh.read(step) + partial).split(b"\n")
            if overlong:  # the end of a line already given up on
                lines[-1], overlong = b"", len(lines) == 1
            partial = lines.pop(0) if pos > 0 else b""
            if len(partial) > _MAX_RECORD:  # no record is this long: memory stays bounded on any file
                partial, overlong = b"", True
            for line in reversed(lines):
                head = _head_of(_parse(line)) if line.strip() else None
                if head is not None:
                    return head, clean
        return Head(), clean

    def append_next(self, build: Builder) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _path_lock(self.path), self.path.open("a+b") as fh, _exclusive(self.path, fh):
            head, clean = self._tail(fh)
            record = build(head)
            # After a torn write, end that line first: it stays one unreadable line, and verify reports it.
            fh.write((b"" if clean else b"\n") + _canonical(record) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
            return record


class SqliteStore:
    """A table ``audit_log(seq, prev, hash, record)`` in a stdlib sqlite3 database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def records(self) -> Iterator[tuple[int, dict[str, Any] | None, str]]:
        """Read-only: reading never creates the file or the table. Raises ``sqlite3.Error`` for a damaged file
        and ``AuditLogError`` for a database without the table."""
        if not self.path.is_file():
            return
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=_SQLITE_TIMEOUT)
        try:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='audit_log'").fetchone() is None:
                raise AuditLogError(f"{self.path} is an SQLite database without an audit_log table: not an audit log")
            rows = conn.execute("SELECT rowid, record FROM audit_log ORDER BY rowid").fetchall()
        finally:
            conn.close()
        for rowid, text in rows:
            record = _parse(text.encode("utf-8", "replace")) if isinstance(text, str) else None
            yield int(rowid), record, str(text)

    def append_next(self, build: Builder) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # BEGIN IMMEDIATE alone is correct; the sidecar lock makes writers queue rather than poll (SQLite's busy
        # handler sleeps up to 100 ms between tries: 3 processes took 28 ms an append instead of 1.3).
        with _path_lock(self.path), Path(f"{self.path}.lock").open("a+b") as fh, _exclusive(self.path, fh):
            return self._append_locked(build)

    def _append_locked(self, build: Builder) -> dict[str, Any]:
        conn = sqlite3.connect(self.path, timeout=_SQLITE_TIMEOUT, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")  # the write lock first, then the head: no two writers chain onto one
            try:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS audit_log (seq INTEGER, prev TEXT, hash TEXT, record TEXT NOT NULL)"
                )
                with closing(conn.execute("SELECT record FROM audit_log ORDER BY rowid DESC")) as rows:  # lazily
                    heads = (_head_of(_parse(str(text).encode("utf-8", "replace"))) for (text,) in rows)
                    head = next((h for h in heads if h is not None), Head())  # the last readable record
                record = build(head)
                conn.execute(
                    "INSERT INTO audit_log (seq, prev, hash, record) VALUES (?, ?, ?, ?)",
                    (record["seq"], record["prev"], record["hash"], _canonical(record).decode()),
                )
                conn.execute("COMMIT")
            except BaseException:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()
        return record


def open_store(path: str | Path) -> AuditStore:
    path = Path(path)
    return SqliteStore(path) if path.suffix.lower() in SQLITE_SUFFIXES else JsonlStore(path)


class AuditLog:
    """Appends hash-chained records to a store. Any number of logs, threads and processes may share one file."""

    def __init__(self, path: str | Path, *, key: str | bytes | AuditKey | None = None) -> None:
        self.store = open_store(path)
        self._key = AuditKey.of(key)

    @property
    def alg(self) -> str:
        return PLAIN if self._key is None else KEYED

    def __repr__(self) -> str:
        return f"AuditLog({str(self.store.path)!r}, alg={self.alg!r})"

    def append(self, fields: dict[str, Any]) -> dict[str, Any]:
        alg = self.alg

        def build(head: Head) -> dict[str, Any]:
            if head.alg is not None and head.alg != alg:
                raise AuditLogError(
                    f"audit log {self.store.path} is {head.alg[:20]!r} and this writer {alg!r}: "
                    "a log has one mode, so start a new log when you add or remove the key"
                )
            record = {**fields, "alg": alg, "seq": head.seq + 1, "prev": head.hash}
            record["hash"] = record_hash(record, self._key)
            return record

        return self.store.append_next(build)


@attrs.frozen
class VerifyResult:
    records: int
    last_hash: str
    problems: list[str]
    alg: str = PLAIN
    last_seq: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _same(a: str, b: str) -> bool:
    """A constant-time comparison that any stored text can go through (``compare_digest`` refuses non-ASCII str)."""
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode())


def _store_for_reading(path: Path) -> AuditStore:
    """The store to verify, by suffix, or by content for an SQLite database under another name; refuses what is
    no log. An ``.sqlite`` file is never opened but by sqlite3 itself: closing another descriptor of the file would
    drop the POSIX locks of any connection this process has on it."""
    try:
        if not path.exists():
            raise AuditLogError(f"{path}: no such audit log")
        if not path.is_file():
            raise AuditLogError(f"{path} is not a file, so not an audit log")
        if path.stat().st_size == 0:
            raise AuditLogError(f"{path} is empty: not an audit log")
        if path.suffix.lower() in SQLITE_SUFFIXES:
            return SqliteStore(path)
        with path.open("rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise AuditLogError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from None
    return SqliteStore(path) if magic == SQLITE_MAGIC else JsonlStore(path)


def verify(
    path: str | Path, *, key: str | bytes | AuditKey | None = None, expect_hash: str | None = None
) -> VerifyResult:
    """Check the whole chain; every problem found is listed with where it is.

    With ``key``, every record must be keyed (``hmac-sha256``) and match its HMAC; without one, a keyed log is
    refused (it cannot be checked). ``expect_hash``, a hash kept elsewhere, must still be in the chain: that
    catches records removed from the end. Raises ``AuditLogError`` for a missing file or one that is not an audit
    log (empty, another SQLite database, a batch journal, binary, JSON that holds no audit record)."""
    path = Path(path)
    mac = AuditKey.of(key)
    store = _store_for_reading(path)
    problems: list[str] = []
    expected_seq, prev, count, audit_records, seen_expected = 1, GENESIS, 0, 0, False
    algs: set[str] = set()
    try:
        for where, record, _ in store.records():
            count += 1
            head = _head_of(record)
            if record is None or head is None or "prev" not in record:
                problems.append(f"record at {where}: {'unreadable' if record is None else 'not an audit record'}")
                continue
            audit_records += 1
            seq, alg = head.seq, head.alg or PLAIN
            algs.add(alg)
            if alg not in (PLAIN, KEYED):
                problems.append(f"record at {where} (seq {seq}): unknown alg {alg[:20]!r}")
            elif alg == PLAIN and mac is not None:
                problems.append(f"record at {where} (seq {seq}): not keyed ({PLAIN}) in a log verified with a key")
            elif alg == KEYED and mac is None:
                pass  # cannot be checked; refused below
            elif not _same(head.hash, record_hash(record, mac if alg == KEYED else None)):
                wrong_key = " or the wrong key" if alg == KEYED else ""
                problems.append(
                    f"record at {where} (seq {seq}): edited (its hash does not match its contents{wrong_key})"
                )
            if seq != expected_seq:
                problems.append(
                    f"record at {where}: seq {seq} where {expected_seq} was expected (deleted or reordered)"
                )
            if record.get("prev") != prev:
                problems.append(
                    f"record at {where} (seq {seq}): does not follow the previous record (deleted or reordered)"
                )
            seen_expected = seen_expected or head.hash == expect_hash
            expected_seq, prev = seq + 1, head.hash
    except sqlite3.DatabaseError as exc:
        why = "not an SQLite database, or a damaged one" if str(exc) == "file is not a database" else str(exc)
        raise AuditLogError(f"cannot read {path} as an audit log: {why}") from None
    if audit_records == 0:
        raise AuditLogError(f"{path} holds no audit records: not an audit log")
    if mac is None and KEYED in algs:
        raise AuditLogError(
            f"{path} is a keyed audit log ({KEYED}): verify it with its key (FRONTPAYMENT_AUDIT_KEY, or --key)"
        )
    if mac is not None and KEYED not in algs:
        raise AuditLogError(
            f"{path} has no keyed record, but a key was given: it was written without a key, or re-chained by "
            "someone without it"
        )
    if expect_hash is not None and not seen_expected:
        problems.append(
            f"the record with hash {expect_hash[:64]} is not in the log: records were removed from the end, "
            "or the log was rewritten"
        )
    return VerifyResult(count, prev, problems, KEYED if mac is not None else PLAIN, expected_seq - 1)


class AuditPlugin:
    """Writes every audit event to the log. ``required=True`` makes the client fail closed when it cannot.
    ``key`` (else ``FRONTPAYMENT_AUDIT_KEY``) makes the log keyed (HMAC-SHA-256)."""

    def __init__(self, path: str | Path, *, required: bool = False, key: str | bytes | None = None) -> None:
        self.log = AuditLog(path, key=key if key is not None else key_from_env())
        self.required = required

    def __repr__(self) -> str:
        return f"AuditPlugin({str(self.log.store.path)!r}, required={self.required}, alg={self.log.alg!r})"

    @hookimpl
    def frontpayment_audit_event(self, event: AuditEvent) -> None:
        self.log.append(event.as_record())
