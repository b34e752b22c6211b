"""The batch journal: one SQLite row per order line, committed before and after every send.

States: ``pending`` (not sent yet), ``sending`` (committed just before the request goes out, once its rate-limit
slot has come), ``sent`` (with the order UUID), ``failed`` (the server refused it, or it provably never left: not
created), ``unknown`` (it may or may not have been created: never resent automatically, listed for checking),
``invalid`` (refused by validation, with ``--skip-invalid``).

One writer at a time. A writing ``Journal`` holds an exclusive OS lock (``flock`` on Unix, ``msvcrt.locking`` on
Windows) on a sidecar file, ``<journal>.lock``, from the moment it opens until it closes. The lock belongs to the
open file, so the OS drops it when the holder exits in any way (SIGKILL and power loss included): a dead run never
leaves a stale lock, and the sidecar file itself, left in place, means nothing. A second writer is refused at once
with ``JournalLockedError``. (SQLite's own locks only cover one transaction, and a sidecar keeps this lock apart
from them.) Readers (``readonly=True``, as ``batch status`` uses) take no lock and never write.

Every state change is a compare-and-set from the state it expects (``UPDATE ... WHERE line = ? AND state IN
(...)``, checking the row count): a row that is not where this run left it raises ``JournalConflictError``, and a
row is only sent after its own ``pending`` (or ``failed``) -> ``sending`` change succeeded.

Changes may be committed one by one (``mark``) or several in one transaction (``apply``, a group commit: the batch
commits the claims and results of all its in-flight orders together). Each change in a group is still its own
compare-and-set, and a claim is committed before its request goes out; a result not committed yet when the process
dies leaves its row in ``sending``, which is safe. The database is in WAL mode with ``synchronous=NORMAL``: a commit
survives the process being killed (power loss may undo the last commits, never tear one), and the statements are
prepared once and reused (sqlite3's statement cache, keyed by the query text, which is built once per form).

A process killed at any point leaves every row either in a final state or in ``sending``; the next run (under the
lock) turns ``sending`` into ``unknown`` before it sends anything. So a rerun never sends an order twice and skips
none. Lines are identified by their number and the SHA-256 of their content: a changed input file is refused
instead of being resumed wrongly. The journal holds no payload (so no personal data beyond your ``referenceNo``).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

import attrs

from .errors import FrontpaymentError

State = Literal["pending", "sending", "sent", "failed", "unknown", "invalid"]
STATES: tuple[State, ...] = ("pending", "sending", "sent", "failed", "unknown", "invalid")

_SQLITE_MAGIC = b"SQLite format 3\x00"
_COLUMNS = {"line", "digest", "reference", "state", "order_uuid", "error", "attempts", "updated"}
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


class JournalError(FrontpaymentError):
    """The journal cannot be used: not a batch journal, damaged, locked by another program, or in a missing
    directory. Nothing was sent."""


class JournalLockedError(JournalError):
    """Another run is writing this journal (it holds the journal's lock); this one sent nothing."""


class JournalConflictError(JournalError):
    """A row was not in the state this run expected (a failed compare-and-set): something else changed the journal.
    The order of a failed ``sending`` claim was not sent."""


class JournalMismatchError(JournalError):
    """The journal belongs to another input file or endpoint (or the file changed): resuming from it would be
    wrong."""


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


class Entry(NamedTuple):
    """One input line as validation saw it, to register: ``pending`` or ``invalid`` (with its error)."""

    line: int
    digest: str
    reference: str | None
    state: State
    error: str | None


class Change(NamedTuple):
    """One row's compare-and-set, for a group commit: move ``line`` to ``state`` if it is in ``expected`` now."""

    line: int
    state: State
    expected: tuple[State, ...]
    order_uuid: str | None = None
    error: str | None = None


@functools.cache
def _update(expected_count: int) -> str:
    """The compare-and-set statement for a number of expected states: one text per form, so sqlite3 prepares it
    once and reuses it."""
    marks = ",".join("?" * expected_count)
    return (
        "UPDATE orders SET state = ?, order_uuid = COALESCE(?, order_uuid), error = ?, updated = ?, "  # noqa: S608
        f"attempts = attempts + ? WHERE line = ? AND state IN ({marks})"
    )


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _lock(path: Path, journal: Path) -> int:
    """Take the journal's writer lock (a file descriptor, closed to release it), or refuse at once."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)  # not inherited by child processes (PEP 446)
    except OSError as exc:
        raise JournalError(f"cannot lock journal {journal}: {exc.strerror or exc}") from None
    try:
        if not _try_lock(fd):
            holder = ""
            with contextlib.suppress(OSError, ValueError):  # the holder's pid, for the message only
                os.lseek(fd, 0, os.SEEK_SET)
                holder = f" (pid {int(os.read(fd, 32).decode('ascii').strip())})"
            raise JournalLockedError(
                f"journal {journal} is in use by another send-batch{holder}; wait for it to finish, or use "
                "another --journal for another batch"
            )
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    except JournalError:
        os.close(fd)
        raise
    except OSError as exc:
        os.close(fd)
        raise JournalError(f"cannot lock journal {journal}: {exc.strerror or exc}") from None
    return fd


def _lock_inode(journal: Path) -> int | None:
    """Also lock the journal file itself, so that a second name for the same file (a hard link, which has its own
    sidecar) is refused as well. ``flock`` on Unix is independent of SQLite's own ``fcntl`` locks on a local disk;
    on Windows the sidecar alone is used, since a byte-range lock there would collide with SQLite's."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return None
    try:
        fd = os.open(journal, os.O_RDWR | os.O_CREAT, 0o600)  # an empty file is a new SQLite database
    except OSError as exc:
        raise JournalError(f"cannot lock journal {journal}: {exc.strerror or exc}") from None
    if not _try_lock(fd):
        os.close(fd)
        raise JournalLockedError(
            f"journal {journal} is in use by another send-batch (under another name); wait for it to finish, or "
            "use another --journal for another batch"
        )
    return fd


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> JournalError:
    text = str(exc)
    if "not a database" in text:
        return JournalError(f"{path} is not a batch journal (not an SQLite database)")
    if "locked" in text or "busy" in text:
        return JournalError(f"journal {path} is locked by another program ({text})")
    if "malformed" in text or "corrupt" in text:
        return JournalError(f"journal {path} is damaged ({text})")
    return JournalError(f"journal {path} cannot be used: {text}")


class Journal:
    """A batch's journal file. Every state change is its own committed transaction (WAL mode).

    ``Journal(path)`` opens it for writing: it creates the file if needed (never its directory), takes the writer
    lock (``JournalLockedError`` if another run holds it) and keeps it until ``close()``. ``readonly=True`` opens an
    existing journal to read, without the lock. Anything that is not a batch journal is a ``JournalError``.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._lock_fd: int | None = None
        self._inode_fd: int | None = None
        self._check_file()
        try:
            self._real = self.path.resolve()  # one lock file whatever symlink names the journal
        except (OSError, RuntimeError, ValueError) as exc:
            raise JournalError(f"cannot open journal {self.path}: {exc}") from None
        self.lock_path = self._real.with_name(self._real.name + ".lock")
        if not readonly:
            self._lock_fd = _lock(self.lock_path, self.path)  # before SQLite touches the file
            try:
                self._inode_fd = _lock_inode(self.path)  # the same file under another name (a hard link) too
            except JournalError:
                self._unlock()
                raise
        try:
            with self._sql():
                self._db = self._connect()
                self._check_schema()
        except BaseException:
            self.close()
            raise

    def _check_file(self) -> None:
        """Refuse what cannot be a journal before SQLite sees it (SQLite opens any file, and fails later)."""
        if not self.path.parent.is_dir():
            raise JournalError(f"cannot open journal {self.path}: directory {self.path.parent} does not exist")
        if self.path.is_dir():
            raise JournalError(f"cannot use {self.path} as a journal: it is a directory")
        if not self.path.exists():
            if self.readonly:
                raise JournalError(f"cannot read {self.path}: no such journal")
            return
        try:
            with self.path.open("rb") as fh:
                head = fh.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise JournalError(f"cannot read journal {self.path}: {exc.strerror or exc}") from None
        if head == b"" and not self.readonly:
            return  # an empty file (touch j.sqlite): SQLite makes a new database of it
        if head != _SQLITE_MAGIC:
            raise JournalError(f"{self.path} is not a batch journal (not an SQLite database)")

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            uri = self._real.as_uri() + "?mode=ro"
            return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=1.0)
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process; fsync at checkpoints
        return db

    def _check_schema(self) -> None:
        tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and not self.readonly:
            self._db.executescript(_SCHEMA)
            return
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(orders)")}
        if "meta" not in tables or not columns >= _COLUMNS:
            raise JournalError(f"{self.path} is an SQLite database but not a batch journal")

    @contextlib.contextmanager
    def _sql(self) -> Iterator[None]:
        """SQLite's errors as one clear JournalError (a corrupt file, a lock held by another program)."""
        try:
            yield
        except sqlite3.Error as exc:
            raise _sqlite_problem(self.path, exc) from None

    def _writer(self) -> None:
        if self._lock_fd is None:
            raise JournalError(f"journal {self.path} is open read-only (without the writer lock)")

    def _unlock(self) -> None:
        for name in ("_inode_fd", "_lock_fd"):
            fd = getattr(self, name, None)
            if fd is not None:
                os.close(fd)  # releases the lock
                setattr(self, name, None)

    def close(self) -> None:
        try:
            if hasattr(self, "_db"):
                self._db.close()
        finally:
            self._unlock()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def bind(self, **meta: str) -> None:
        """Tie the journal to its endpoint (and input): refuse to resume a batch for another one."""
        self._writer()
        with self._sql():
            for key, value in meta.items():
                row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
                if row is None:
                    self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
                elif row[0] != value:
                    raise JournalMismatchError(
                        f"{self.path} was written for {key}={row[0]!r}, not {value!r}; use another --journal"
                    )

    def register(self, lines: Iterable[Entry | tuple[int, str, str | None, State, str | None]]) -> None:
        """Record lines in one transaction. A line already in the journal keeps its state, except that validation
        moves it between ``invalid`` and ``pending``/``failed`` (a line now invalid is never sent); a line whose
        content changed is refused."""
        self._writer()
        with self._sql():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for line, digest, reference, state, error in lines:
                    known = self._db.execute("SELECT digest, state FROM orders WHERE line = ?", (line,)).fetchone()
                    if known is None:
                        self._db.execute(
                            "INSERT INTO orders (line, digest, reference, state, error, updated) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            (line, digest, reference, state, error, _now()),
                        )
                    elif known[0] != digest:
                        raise JournalMismatchError(
                            f"line {line} of the input changed since {self.path} was written; a journal resumes "
                            "only the same file (use another --journal for a new batch)"
                        )
                    elif known[1] == "invalid" and state == "pending":
                        self._change(line, ("invalid",), "pending")
                    elif known[1] in ("pending", "failed") and state == "invalid":
                        self._change(line, ("pending", "failed"), "invalid", error=error)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def recover(self) -> int:
        """Rows left in ``sending`` by a killed run become ``unknown``; returns how many. Only the lock holder
        may do this: another run's ``sending`` rows are in flight, not interrupted."""
        self._writer()
        with self._sql():
            cursor = self._db.execute(
                "UPDATE orders SET state = 'unknown', error = ?, updated = ? WHERE state = 'sending'",
                ("interrupted while sending: the order may or may not have been created", _now()),
            )
        return cursor.rowcount

    def mark(
        self,
        line: int,
        state: State,
        *,
        expected: State | tuple[State, ...],
        order_uuid: str | None = None,
        error: str | None = None,
    ) -> None:
        """Commit one row's new state, if and only if it is in the ``expected`` state now (compare-and-set);
        otherwise ``JournalConflictError`` and nothing changes. ``sending`` also counts an attempt."""
        self._writer()
        with self._sql():
            self._change(line, (expected,) if isinstance(expected, str) else expected, state, order_uuid, error)

    def apply(self, changes: Sequence[Change]) -> list[JournalConflictError | None]:
        """Commit several rows' changes in one transaction (a group commit). Each is a compare-and-set as in
        ``mark``: a row not in its expected state is left as it is and its ``JournalConflictError`` is returned in
        its place (the others are committed all the same); None for each change made."""
        self._writer()
        if not changes:
            return []
        results: list[JournalConflictError | None] = []
        with self._sql():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                now = _now()
                for change in changes:
                    results.append(self._try_change(*change, now=now))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return results

    def _change(
        self,
        line: int,
        expected: tuple[State, ...],
        state: State,
        order_uuid: str | None = None,
        error: str | None = None,
    ) -> None:
        conflict = self._try_change(line, state, expected, order_uuid, error)
        if conflict is not None:
            raise conflict

    def _try_change(
        self,
        line: int,
        state: State,
        expected: tuple[State, ...],
        order_uuid: str | None = None,
        error: str | None = None,
        *,
        now: str | None = None,
    ) -> JournalConflictError | None:
        values = (state, order_uuid, error, now or _now(), int(state == "sending"), line, *expected)
        if self._db.execute(_update(len(expected)), values).rowcount == 1:
            return None
        found = self._db.execute("SELECT state FROM orders WHERE line = ?", (line,)).fetchone()
        actual = "missing" if found is None else repr(found[0])
        return JournalConflictError(
            f"journal {self.path}: line {line} is {actual}, not {' or '.join(map(repr, expected))}, so it was "
            f"not moved to {state!r}; something else changed the journal during this run"
        )

    def recorded(self, line: int) -> tuple[str, State] | None:
        """A line's recorded digest and state, or None if the line is not in the journal."""
        with self._sql():
            row = self._db.execute("SELECT digest, state FROM orders WHERE line = ?", (line,)).fetchone()
        return None if row is None else (row[0], row[1])

    def to_send(self, retry_failed: bool = False) -> set[int]:
        states = ("pending", "failed") if retry_failed else ("pending",)
        marks = ",".join("?" * len(states))
        with self._sql():
            return {r[0] for r in self._db.execute(f"SELECT line FROM orders WHERE state IN ({marks})", states)}  # noqa: S608

    def counts(self) -> dict[str, int]:
        with self._sql():
            found = dict(self._db.execute("SELECT state, COUNT(*) FROM orders GROUP BY state").fetchall())
        return {state: int(found.get(state, 0)) for state in STATES}

    def rows(self, *states: State) -> Iterator[Row]:
        query = "SELECT line, digest, reference, state, order_uuid, error, attempts, updated FROM orders"
        args: tuple[Any, ...] = ()
        if states:
            query += f" WHERE state IN ({','.join('?' * len(states))})"
            args = states
        with self._sql():
            for values in self._db.execute(query + " ORDER BY line", args):
                yield Row(*values)
