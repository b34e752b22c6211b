"""The audit trail under attack (issue 10, items 14 and 15).

Forks: two clients in one process, threads, and real processes append to one log at once; the chain must stay
whole (each had its own cached head before, and forked). Tampering: an attacker with write access edits a record
and recomputes every hash, inserts a forged record, or cuts records off the end; a keyed log (HMAC-SHA-256) catches
each re-chaining, the plain one by design does not. ``audit verify`` through the real CLI refuses files that are
no audit log with one line and exit 2, and the key shows up nowhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from unittest import mock

import httpx
import pytest
from test_spec_rules import INVOICE, documented

from frontpayment_ext import AuditError, AuditPlugin, ConfigurationError, FrontpaymentClient
from frontpayment_ext.cli import main
from frontpayment_ext.journal import Journal
from frontpayment_ext.plugins.audit import (
    GENESIS,
    KEY_ENV,
    KEYED,
    PLAIN,
    AuditKey,
    AuditLog,
    AuditLogError,
    open_store,
    record_hash,
    verify,
)

KEY = "audit-key-canary-5e1f0c7b2d"
CREATED = {"status_code": 201, "status_message": "OK", "message": "ok", "data": {"uuid": "ODR7", "customerUuid": "C7"}}
STORES = ["audit.jsonl", "audit.sqlite"]


@pytest.fixture(autouse=True)
def _no_ambient_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)


def client(path: Path | None = None, **plugin_args: Any) -> FrontpaymentClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(201, json=CREATED))
    plugins = [] if path is None else [AuditPlugin(path, **plugin_args)]
    return FrontpaymentClient(plugins=plugins, http_client=httpx.Client(transport=transport))


def records(path: Path) -> list[dict[str, Any]]:
    return [r for _, r, _ in open_store(path).records() if r is not None]


def rewrite(path: Path, rows: list[dict[str, Any]]) -> None:
    """Replace the log's records with these, as an attacker with write access to the file would."""
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
        return
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM audit_log")
        conn.executemany(
            "INSERT INTO audit_log (seq, prev, hash, record) VALUES (?, ?, ?, ?)",
            [(r["seq"], r["prev"], r["hash"], json.dumps(r, sort_keys=True)) for r in rows],
        )


def rechain(rows: list[dict[str, Any]], *, start: int = 0, alg: str | None = None) -> list[dict[str, Any]]:
    """Recompute seq, prev and hash from ``start`` on, the way an attacker without the key can: plain SHA-256
    (optionally relabelling the records' ``alg``)."""
    for i in range(start, len(rows)):
        row = rows[i]
        if alg is not None:
            row["alg"] = alg
        row["seq"] = i + 1
        row["prev"] = rows[i - 1]["hash"] if i else GENESIS
        row["hash"] = record_hash(row)
    return rows


def write_log(path: Path, n: int = 3, key: str | None = None) -> None:
    """``n`` orders sent: 2n records (attempt and outcome each)."""
    c = client(path, key=key)
    for _ in range(n):
        c.send_invoice(documented(INVOICE))


# ---------------------------------------------------------------------------------------------- item 14: forks


@pytest.mark.parametrize("name", STORES)
def test_two_clients_in_one_process_with_frontpayment_audit_share_one_chain(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each client builds its own AuditPlugin from ``FRONTPAYMENT_AUDIT``; before, each cached its own head and
    the interleaved calls forked the chain (12 problems after 10 calls)."""
    path = tmp_path / name
    monkeypatch.setenv("FRONTPAYMENT_AUDIT", str(path))
    first, second = client(), client()
    for _ in range(5):
        first.send_invoice(documented(INVOICE))
        second.send_invoice(documented(INVOICE))
    result = verify(path)
    assert result.problems == []
    assert (result.records, result.last_seq) == (20, 20)


@pytest.mark.parametrize("name", STORES)
@pytest.mark.parametrize("key", [None, KEY])
def test_threads_with_their_own_logs_on_one_file_keep_one_chain(name: str, key: str | None, tmp_path: Path) -> None:
    path = tmp_path / name
    threads, per_thread = 4, 40
    barrier = threading.Barrier(threads)

    def work(n: int) -> None:
        log = AuditLog(path, key=key)
        barrier.wait()
        for i in range(per_thread):
            log.append({"thread": n, "i": i})
            time.sleep(0.0005)  # let the others in between

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    result = verify(path, key=key)
    assert result.problems == []
    assert result.records == threads * per_thread
    assert sorted((r["thread"], r["i"]) for r in records(path)) == [
        (n, i) for n in range(threads) for i in range(per_thread)
    ]


WRITER = """
import sys
import time
from frontpayment_ext.plugins.audit import AuditLog, key_from_env
log = AuditLog(sys.argv[1], key=key_from_env())
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2])):
    log.append({"reference_no": f"w{sys.argv[3]}-{i}"})
    time.sleep(0.002)  # appends spread over the others' (without this, one process may finish first)
"""

# The SDK as an application runs it: a client whose audit plugin comes from FRONTPAYMENT_AUDIT (and the key from
# FRONTPAYMENT_AUDIT_KEY), two records per order.
CLIENT_WRITER = """
import json
import sys
import time
import httpx
from frontpayment_ext import FrontpaymentClient
payload = json.loads(sys.argv[1])
created = {"status_code": 201, "status_message": "OK", "message": "ok", "data": {"uuid": "ODR7", "customerUuid": "C7"}}
transport = httpx.MockTransport(lambda request: httpx.Response(201, json=created))
client = FrontpaymentClient(http_client=httpx.Client(transport=transport))
print("ready", flush=True)
sys.stdin.readline()
for i in range(int(sys.argv[2]) // 2):
    client.send_invoice({**payload, "referenceNo": f"w{sys.argv[3]}-{i}"})
    time.sleep(0.002)
"""


@pytest.mark.parametrize(
    ("name", "key", "writer"),
    [("audit.jsonl", None, WRITER), ("audit.sqlite", None, WRITER), ("audit.jsonl", KEY, CLIENT_WRITER)],
    ids=["jsonl", "sqlite", "jsonl-keyed-clients"],
)
def test_processes_appending_at_once_keep_one_chain(name: str, key: str | None, writer: str, tmp_path: Path) -> None:
    """Three real processes, released together, append to one log. Before: 242 to 346 problems in 180 JSON Lines
    records and 93 to 335 in SQLite (three trials each); now none."""
    path, processes, per_process = tmp_path / name, 3, 60
    env = {k: v for k, v in os.environ.items() if k != KEY_ENV} | {"FRONTPAYMENT_AUDIT": str(path)}
    if key:
        env[KEY_ENV] = key
    first = str(path) if writer is WRITER else json.dumps(documented(INVOICE))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", writer, first, str(per_process), str(n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(processes)
    ]
    try:
        for w in writers:
            assert w.stdout is not None
            assert w.stdout.readline() == "ready\n"
        for w in writers:  # all are waiting: release them together
            assert w.stdin is not None
            w.stdin.write("go\n")
            w.stdin.flush()
        assert [w.wait(timeout=60) for w in writers] == [0] * processes
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
                w.wait()
    result = verify(path, key=key)
    assert result.problems == []
    assert result.records == processes * per_process
    rows = records(path)
    assert {r["alg"] for r in rows} == {KEYED if key else PLAIN}
    assert len({r["reference_no"][:2] for r in rows[: per_process * 2]}) > 1, "the writers did not overlap: no test"


def test_a_torn_last_line_is_reported_and_the_chain_goes_on(tmp_path: Path) -> None:
    """A crash mid-write leaves half a line without a newline; the next append must not glue itself onto it."""
    path = tmp_path / "audit.jsonl"
    log = AuditLog(path)
    log.append({"i": 0})
    with path.open("ab") as fh:
        fh.write(b'{"i":1,"seq":2,"prev":"')
    log.append({"i": 2})
    rows = records(path)
    assert [r["i"] for r in rows] == [0, 2]
    assert rows[1]["seq"] == 2
    assert rows[1]["prev"] == rows[0]["hash"]
    assert verify(path).problems == ["record at 2: unreadable"]


def test_an_unreadable_last_sqlite_row_does_not_restart_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.sqlite"
    log = AuditLog(path)
    first = log.append({"i": 0})
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO audit_log (seq, prev, hash, record) VALUES (2, 'x', 'y', '{not json')")
    second = log.append({"i": 1})
    assert (second["seq"], second["prev"]) == (2, first["hash"])
    assert verify(path).problems == ["record at 2: unreadable"]


def test_appending_reads_only_the_tail_of_a_large_log(tmp_path: Path) -> None:
    """A log of 4 GiB (sparse: a hole, then the records) takes one append as fast as a small one; reading the whole
    file to find the head would take seconds and gigabytes."""
    small, path = tmp_path / "small.jsonl", tmp_path / "audit.jsonl"
    first = AuditLog(small).append({"i": 0})
    try:
        with path.open("wb") as fh:
            fh.truncate(4 << 30)
        with path.open("ab") as fh:
            fh.write(b"\n" + small.read_bytes())
        started = time.perf_counter()
        second = AuditLog(path).append({"i": 1})
        elapsed = time.perf_counter() - started
        assert (second["seq"], second["prev"]) == (2, first["hash"])
        assert elapsed < 1.0
    finally:
        path.unlink()  # the session's canary scan reads every file it finds


def test_a_log_of_garbage_without_newlines_costs_bounded_memory(tmp_path: Path) -> None:
    """Neither the tail scan nor verify holds a whole overlong line: 24 MiB with no newline, then one record."""
    path = tmp_path / "audit.jsonl"
    path.write_bytes(b"x" * (24 << 20) + b"\n")
    record = AuditLog(path).append({"i": 0})
    assert record["seq"] == 1
    assert verify(path).problems == ["record at 1: unreadable"]
    path.unlink()


# ------------------------------------------------------------------------------------ item 15: the keyed mode


@pytest.mark.parametrize("name", STORES)
def test_a_keyed_log_verifies_with_its_key_only(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    write_log(path, key=KEY)
    rows = records(path)
    assert {r["alg"] for r in rows} == {KEYED}
    assert all(r["hash"] != record_hash(r) for r in rows)  # not plain SHA-256
    result = verify(path, key=KEY)
    assert (result.ok, result.records, result.alg) == (True, 6, KEYED)
    with pytest.raises(AuditLogError, match="is a keyed audit log"):
        verify(path)
    wrong = verify(path, key="another key")
    assert len(wrong.problems) == 6
    assert all("or the wrong key" in p for p in wrong.problems)


@pytest.mark.parametrize("name", STORES)
def test_a_plain_log_verified_with_a_key_is_refused(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    write_log(path)
    assert {r["alg"] for r in records(path)} == {PLAIN}
    assert verify(path).ok
    with pytest.raises(AuditLogError, match="no keyed record, but a key was given"):
        verify(path, key=KEY)


def test_the_key_comes_from_frontpayment_audit_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("FRONTPAYMENT_AUDIT", str(path))
    monkeypatch.setenv(KEY_ENV, KEY)
    client().send_invoice(documented(INVOICE))
    assert {r["alg"] for r in records(path)} == {KEYED}
    assert verify(path, key=KEY).ok


@pytest.mark.parametrize("name", STORES)
@pytest.mark.parametrize(("log_key", "writer_key"), [(None, KEY), (KEY, None)])
def test_a_log_keeps_its_mode_and_a_required_plugin_fails_closed(
    name: str, log_key: str | None, writer_key: str | None, tmp_path: Path
) -> None:
    path = tmp_path / name
    write_log(path, n=1, key=log_key)
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(201, json=CREATED))
    c = FrontpaymentClient(
        plugins=[AuditPlugin(path, required=True, key=writer_key)], http_client=httpx.Client(transport=transport)
    )
    with pytest.raises(AuditError, match="nothing was sent") as caught:
        c.send_invoice(documented(INVOICE))
    assert sent == []
    assert "a log has one mode" in str(caught.value.__cause__)
    assert KEY not in str(caught.value.__cause__)
    assert len(records(path)) == 2


def test_a_log_written_before_alg_existed_still_verifies_and_grows(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    rows = rechain([{"i": 0}, {"i": 1}])
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert verify(path).ok
    AuditLog(path).append({"i": 2})
    result = verify(path)
    assert (result.ok, result.records, result.last_seq) == (True, 3, 3)


def test_the_key_appears_in_no_record_repr_error_or_output(tmp_path: Path) -> None:
    jsonl, sqlite = tmp_path / "audit.jsonl", tmp_path / "audit.sqlite"
    plugins = [AuditPlugin(jsonl, key=KEY), AuditPlugin(sqlite, key=KEY.encode())]
    c = FrontpaymentClient(
        plugins=plugins,
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(201, json=CREATED))),
    )
    c.send_invoice(documented(INVOICE))
    texts = [repr(p) for p in plugins] + [repr(p.log) for p in plugins] + [repr(AuditKey(KEY)), repr(c)]
    with pytest.raises(AuditLogError) as refused:
        verify(jsonl)
    texts.append(str(refused.value))
    try:
        AuditLog(jsonl).append({"i": 1})
    except AuditLogError as exc:
        texts.append(str(exc))
    texts.extend(cli("audit", "verify", str(jsonl), "--json")[1:])
    texts.extend(cli("audit", "verify", str(jsonl), "--key", KEY)[1:])
    texts.extend(cli("audit", "verify", str(sqlite), "--expect-hash", "0" * 64, env={KEY_ENV: KEY})[1:])
    rewrite(jsonl, rechain(records(jsonl), alg=PLAIN))
    texts.extend(cli("audit", "verify", str(jsonl), env={KEY_ENV: KEY})[1:])
    texts.extend(cli("audit", "verify", str(jsonl), "--key", KEY, "--json")[1:])
    secret = KEY.encode()
    assert all(KEY not in t for t in texts), [t for t in texts if KEY in t]
    assert secret not in jsonl.read_bytes()
    assert secret not in sqlite.read_bytes()
    assert hashlib.sha256(secret).hexdigest().encode() not in jsonl.read_bytes()
    assert not hasattr(AuditKey(KEY), "__dict__")


@pytest.mark.parametrize("bad", ["", b"", "\udcff"])
def test_an_unusable_key_is_a_configuration_error(bad: str | bytes, tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="the audit key is") as caught:
        AuditPlugin(tmp_path / "audit.jsonl", key=bad)
    assert caught.value.__cause__ is None


# -------------------------------------------------------------------------------------------------- the attacks


def _edit(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows[1]["amounts"]["grandTotal"] = "5.00"
    return rows


@pytest.mark.parametrize("name", STORES)
def test_edit_and_rechain_passes_a_plain_log_by_design(name: str, tmp_path: Path) -> None:
    """The documented limit of the plain mode: whoever can write the file can rewrite the whole chain."""
    path = tmp_path / name
    write_log(path)
    rewrite(path, rechain(_edit(records(path))))
    assert verify(path).ok


@pytest.mark.parametrize("name", STORES)
@pytest.mark.parametrize("how", ["keep-alg", "relabel-suffix"])
def test_edit_and_rechain_without_the_key_fails_a_keyed_log(name: str, how: str, tmp_path: Path) -> None:
    path = tmp_path / name
    write_log(path, key=KEY)
    rows = _edit(records(path))
    rewrite(path, rechain(rows, start=1) if how == "keep-alg" else rechain(rows, start=1, alg=PLAIN))
    result = verify(path, key=KEY)
    assert not result.ok
    assert len(result.problems) == 5  # every record from the edit on
    assert all("seq " in p and ("edited" in p or "not keyed" in p) for p in result.problems)
    code, _, err = run_main("audit", "verify", str(path), env={KEY_ENV: KEY})
    assert code == 1
    assert err.splitlines()[-1] == "audit log damaged: 5 problem(s) in 6 records"


@pytest.mark.parametrize("name", STORES)
def test_rechaining_a_keyed_log_as_plain_is_refused_with_the_key(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    write_log(path, key=KEY)
    rewrite(path, rechain(_edit(records(path)), alg=PLAIN))
    assert verify(path).ok  # what the attacker sees
    code, out, err = cli("audit", "verify", str(path), env={KEY_ENV: KEY})
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "no keyed record, but a key was given" in err


@pytest.mark.parametrize("name", STORES)
@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_forged_record_is_caught_in_a_keyed_log(name: str, where: str, tmp_path: Path) -> None:
    path = tmp_path / name
    for key in (None, KEY):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        write_log(path, key=key)
        rows = records(path)
        forged = {**rows[1], "order_uuid": "ODR-FORGED", "call_id": "forged"}
        at = 2 if where == "middle" else len(rows)
        rows.insert(at, forged)
        rewrite(path, rechain(rows, start=at))  # a correct SHA-256 chain from the forgery on
        if key is None:
            assert verify(path).ok  # plain: by design
        else:
            result = verify(path, key=KEY)
            assert len(result.problems) == len(rows) - at
            assert f"(seq {at + 1}): edited" in result.problems[0]


@pytest.mark.parametrize("name", STORES)
@pytest.mark.parametrize("key", [None, KEY])
def test_truncation_passes_unless_the_last_hash_was_kept(name: str, key: str | None, tmp_path: Path) -> None:
    """Cutting records off the end leaves a valid, shorter chain (documented); the last hash printed by verify and
    kept elsewhere catches it with --expect-hash."""
    path = tmp_path / name
    write_log(path, key=key)
    kept = verify(path, key=key)
    assert kept.ok
    rewrite(path, records(path)[:-2])
    short = verify(path, key=key)
    assert (short.ok, short.records) == (True, 4)
    assert short.last_hash != kept.last_hash
    env = {KEY_ENV: key} if key else {}
    code, out, err = run_main("audit", "verify", str(path), "--expect-hash", kept.last_hash, env=env)
    assert code == 1
    assert "is not in the log: records were removed from the end" in err
    write_log(path, n=1, key=key)  # the log grew since the hash was kept: still found
    code, out, err = run_main("audit", "verify", str(path), "--expect-hash", short.last_hash, env=env)
    assert (code, err) == (0, "")
    assert out.startswith("audit log intact: 6 records, last hash ")


HOSTILE = [
    '{"seq": 2, "prev": "x", "hash": "\u00e9t\u00e9", "alg": "sha256"}',  # non-ASCII hash: compare_digest raised
    "[" * 100_000 + "]" * 100_000,  # nesting deeper than the JSON parser's recursion
    '{"seq": true, "prev": "x", "hash": "y"}',
    '{"seq": 2, "prev": "x", "hash": 5}',
    '{"seq": 2, "prev": "x", "hash": "y", "alg": "' + "md5" * 100 + '"}',
    '{"seq": 1e999, "prev": null, "hash": "y"}',
]


def test_hostile_records_are_problems_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    AuditLog(path).append({"i": 0})
    with path.open("a", encoding="utf-8") as fh:
        fh.write("".join(line + "\n" for line in HOSTILE))
    result = verify(path)
    assert result.records == 1 + len(HOSTILE)
    assert len(result.problems) >= len(HOSTILE)
    with pytest.raises(AuditLogError, match="is 'md5md5md5md5md5md5md' and this writer 'sha256'"):
        AuditLog(path).append({"i": 1})  # the head is the last record that has a seq and a hash: refused
    code, out, err = cli("audit", "verify", str(path))
    assert (code, out) == (1, "")
    assert "Traceback" not in err
    assert "md5md5md5md5md5md5" in err  # named, cut short
    assert "md5" * 100 not in err


# ------------------------------------------------------------------------------------- not an audit log: exit 2


def cli(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The real command, in its own process."""
    full_env = {k: v for k, v in os.environ.items() if k != KEY_ENV} | (env or {})
    done = subprocess.run(
        [sys.executable, "-m", "frontpayment_ext.cli", *argv],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def run_main(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The command in this process (cheaper, where what is tested is the verdict rather than the process)."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ, env or {}), contextlib.redirect_stderr(err):
        if not env:
            os.environ.pop(KEY_ENV, None)
        code = main(list(argv), out=out)
    return code, out.getvalue(), err.getvalue()


def _other_sqlite(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE things (a, b)")
        conn.execute("INSERT INTO things VALUES (1, 2)")


def _journal(path: Path) -> None:
    with Journal(path):
        pass


NOT_LOGS: dict[str, tuple[str, Any, str]] = {
    "missing": ("audit.jsonl", None, "no such audit log"),
    "directory": ("audit.jsonl", "dir", "not a file"),
    "empty jsonl": ("audit.jsonl", b"", "is empty"),
    "empty sqlite": ("audit.sqlite", b"", "is empty"),
    "batch journal": ("orders.jsonl.journal.sqlite", _journal, "without an audit_log table"),
    "other sqlite": ("other.db", _other_sqlite, "without an audit_log table"),
    "sqlite named jsonl": ("audit.jsonl", _other_sqlite, "without an audit_log table"),
    "binary": ("audit.jsonl", bytes(range(256)) * 64, "holds no audit records"),
    "fake sqlite": ("audit.sqlite", b'{"seq": 1}\n', "not an SQLite database"),
    "corrupt sqlite": ("audit.sqlite", b"SQLite format 3\x00" + b"\xff" * 2000, "not an SQLite database"),
    "corrupt sqlite named jsonl": ("audit.jsonl", b"SQLite format 3\x00" + b"\xff" * 2000, "not an SQLite database"),
    "jsonl of other objects": ("orders.jsonl", b'{"referenceNo": "A1"}\n[1, 2]\n"x"\n', "holds no audit records"),
    "blank lines": ("audit.jsonl", b"\n\n  \n", "holds no audit records"),
}


@pytest.mark.parametrize("case", list(NOT_LOGS))
def test_verify_refuses_what_is_no_audit_log(case: str, tmp_path: Path) -> None:
    name, content, message = NOT_LOGS[case]
    path = tmp_path / name
    if content == "dir":
        path.mkdir()
    elif callable(content):
        content(path)
    elif content is not None:
        path.write_bytes(content)
    before = path.read_bytes() if path.is_file() else None
    code, out, err = cli("audit", "verify", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1, err
    assert err.startswith("error: ")
    assert message in err
    assert "Traceback" not in err
    assert "intact" not in err
    assert (path.read_bytes() if path.is_file() else None) == before  # verify changed nothing, created nothing
    assert path.exists() == (content is not None)


HOW = "(FRONTPAYMENT_AUDIT_KEY, or --key)"


def test_verify_refuses_a_keyed_log_without_its_key_and_an_empty_key(tmp_path: Path) -> None:
    path = tmp_path / "audit.sqlite"
    write_log(path, n=1, key=KEY)
    code, out, err = cli("audit", "verify", str(path))
    assert (code, out) == (2, "")
    assert err == f"error: {path} is a keyed audit log (hmac-sha256): verify it with its key {HOW}\n"
    code, out, err = cli("audit", "verify", str(path), "--key", "")
    assert (code, err) == (2, "error: --key is empty\n")
    code, out, err = cli("audit", "verify", str(path), "--json", env={KEY_ENV: KEY})
    assert code == 0
    assert json.loads(out) | {"last_hash": None} == {
        "ok": True,
        "records": 2,
        "last_seq": 2,
        "last_hash": None,
        "alg": KEYED,
        "problems": [],
    }
