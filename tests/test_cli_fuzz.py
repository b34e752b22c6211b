"""The CLI never prints a traceback: every command and subcommand, found by walking ``build_parser()`` (so a new
command is fuzzed without touching this file), is run with hostile arguments and files, one slot at a time, against
a local server that answers with hostile responses. Every run must exit 0, 1 or 2, print no traceback and no
"internal error" (the last-resort handler is not what makes this pass), and say a usage error in a few lines.

The attacks listed in issue 10 item 18 are asserted one by one with their exact messages, in process and through
the real console script.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from local_server import LocalServer, Received, Reply, envelope

from frontpayment_ext import _cli_input as arg
from frontpayment_ext._cli_examples import example_batch, example_payload
from frontpayment_ext.cli import build_parser, main
from frontpayment_ext.journal import Journal

NUMERIC_TYPES = (arg.positive_int, arg.concurrency, arg.positive_seconds, int, float)
NUMERIC_VALUES = ["0", "-1", "nan", "-inf", "inf", "abc", "1e309", "", "9" * 5000]
# "\udcff" is how Python hands over a command-line byte that is not UTF-8; "\ud800" cannot come from a real shell.
HOSTILE_STRINGS = ["", " ", ".", "..", "a/../b", "\x00", "\r\n", "\udcff", "\ud800", "x" * 20_000, "-", "--", "é"]


def _hostile_replies() -> Iterator[Reply]:
    """Answers no client should trust, none of them retried (so the fuzz stays fast)."""
    html = (200, {"Content-Type": "text/html"}, b"<html>oops</html>")
    null = envelope(200, None)
    garbage = (200, {"Content-Type": "application/json"}, b'{"data": {"uuid": 12, "customerUuid": [')
    phone = envelope(417, None, message="payloadValidationErrors", errors={"msisdn": ["46567468 is taken"]})
    denied = envelope(401, None, message="Unauthenticated.")
    missing = envelope(404, None, message="orderNotFound")
    binary = (200, {"Content-Type": "application/json"}, bytes(range(256)))
    while True:
        yield from (html, null, garbage, phone, denied, missing, binary)


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[LocalServer]:
    replies = _hostile_replies()

    def handler(_request: Received) -> Reply:
        return next(replies)

    server = LocalServer(handler)
    yield server
    server.close()


def _refused_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hostile")
    rng = random.Random(18)
    payload = example_payload("invoice")
    surrogate = dict(payload, customerDetails=dict(payload["customerDetails"], name="\ud800"))
    contents: dict[str, bytes] = {
        "invoice.json": json.dumps(payload).encode(),
        "batch.jsonl": example_batch("invoice", 2).encode(),
        "binary.dat": rng.randbytes(4096),
        "empty.json": b"",
        "huge-line.json": b'{"referenceNo": "' + b"x" * 2_000_000 + b'"}',
        "deep-array.json": b"[" * 100_000,
        "deep-object.json": b'{"a":' * 50_000,
        "deep-line.jsonl": example_batch("invoice", 1).encode() + b"[" * 100_000 + b"\n",
        "invalid-utf8.json": b'{"referenceNo": "\xff\xfe\xc3"}',
        "surrogate.json": json.dumps(surrogate).encode(),  # json.dumps writes "\ud800" as an escape
        "surrogate-line.jsonl": json.dumps(surrogate).encode() + b"\n",
        "nul.json": b'{"referenceNo": "\x00"}' + b"\x00" * 64,
        "nan.json": b'{"orderSummary": NaN, "products": [Infinity]}',
        "big-int.json": b"1" * 5000,
        "bom.json": b"\xef\xbb\xbf" + json.dumps(payload).encode(),
        "fake.sqlite": b"SQLite format 3\x00" + rng.randbytes(2000),
        "array.json": b"[1, 2, 3]",
    }
    paths = {}
    for name, data in contents.items():
        (root / name).write_bytes(data)
        paths[name] = str(root / name)
    other = root / "other.sqlite"
    with contextlib.closing(sqlite3.connect(other)) as db:
        db.execute("CREATE TABLE t (x)")
        db.commit()
    paths["other.sqlite"] = str(other)
    (root / "a-directory").mkdir()
    paths["a-directory"] = str(root / "a-directory")
    paths["missing"] = str(root / "missing" / "nothing.json")
    paths["dev-null"] = os.devnull
    paths["dev-zero"] = "/dev/zero"
    return paths


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path
    for action in subs:
        for name, child in action.choices.items():
            yield from _leaves(child, (*path, name))


def _parser_of(path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = build_parser()
    for name in path:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = action.choices[name]
    return parser


COMMANDS = sorted(set(_leaves(build_parser())))


def _is_file_slot(action: argparse.Action) -> bool:
    words = f"{action.dest} {action.help or ''}".lower()
    return action.type is arg.text_file or any(w in words for w in ("file", "path", "journal", "log", "json"))


def _baseline(path: tuple[str, ...], parser: argparse.ArgumentParser, files: dict[str, str], url: str) -> list[Any]:
    """One plausible command line, as slots ``(action, values)``; each slot is then attacked in turn."""
    slots: list[Any] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.nargs == 0:
            continue
        if action.dest == "positional":  # send [ENDPOINT] FILE
            slots.append((action, ["invoice", files["invoice.json"]]))
        elif not action.option_strings:
            if action.choices:
                value = next(iter(action.choices))
            elif _is_file_slot(action):
                value = files["batch.jsonl" if action.type is arg.text_file else "invoice.json"]
            else:
                value = "ODR2005869234"
            slots.append((action, [value]))
        elif action.dest == "base_url":
            slots.append((action, [url]))
        elif action.required:
            slots.append((action, [next(iter(action.choices)) if action.choices else "x"]))
        else:
            slots.append((action, None))  # not on the baseline command line, but attacked
    return slots


def _argv(path: tuple[str, ...], slots: list[Any]) -> list[str]:
    argv = list(path)
    for action, values in slots:
        if values is None:
            continue
        argv += ([action.option_strings[0]] if action.option_strings else []) + values
    return argv


def _attacks(action: argparse.Action, files: dict[str, str], refused: str) -> Iterator[list[str]]:
    if action.type in NUMERIC_TYPES:
        yield from ([v] for v in NUMERIC_VALUES)
        return
    if action.choices:  # every choice (a choice the command cannot serve is a bug), and two that are not
        yield from ([str(c)] for c in action.choices)
        yield from (["bogus"], [""])
        return
    if action.dest == "base_url":
        for value in (refused, "http://127.0.0.1:99999", "ftp://127.0.0.1", "http://", "not a url", "", "http://[::1"):
            yield [value]
        return
    hostile_files = [v for k, v in files.items() if k not in ("invoice.json", "batch.jsonl")]
    if action.dest == "positional":
        yield from (["invoice", f] for f in hostile_files)
        yield from ([s, files["invoice.json"]] for s in HOSTILE_STRINGS)
        yield from ([], ["invoice"], ["invoice", "ehf", "x"])
        return
    if _is_file_slot(action):
        yield from ([f] for f in hostile_files)
    yield from ([s] for s in HOSTILE_STRINGS)


def _run(argv: list[str], stdin: bytes = b"\xff\xfe\x00not json") -> tuple[int | str, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            code: int | str = main(argv, out=out)
    except SystemExit as exc:  # main returns its status; an escaping SystemExit is a bug
        code = f"SystemExit({exc.code})"
    except BaseException as exc:  # noqa: BLE001 - anything escaping main is what this test looks for
        code = f"raised {type(exc).__name__}: {exc}"[:300]
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue()


def _problem(argv: list[str], code: int | str, out: str, err: str) -> str | None:
    text = out + err
    if code not in (0, 1, 2):
        return f"exit {code!r}"
    if "Traceback" in text:
        return "a traceback"
    if "internal error" in err:
        return f"the last-resort handler: {err.strip()[:300]}"
    if code == 2 and len(err.splitlines()) > 3:
        return f"a usage error of {len(err.splitlines())} lines: {err[:300]}"
    if code == 2 and not err.startswith("error: "):
        return f"a usage error without 'error: ': {err[:200]!r}"
    return None


@pytest.fixture
def _no_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command that serves until Ctrl-C (``sandbox``) is fuzzed up to the point where it would start serving."""
    with contextlib.suppress(ImportError):
        import frontpayment_ext.sandbox

        monkeypatch.setattr(frontpayment_ext.sandbox, "serve", lambda *_args, **_kwargs: None)


@pytest.mark.timeout(60)  # a command that blocks fails here instead of hanging the suite
@pytest.mark.usefixtures("_no_serving")
@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_fuzz_every_command_never_tracebacks(
    path: tuple[str, ...], files: dict[str, str], hostile_server: LocalServer, tmp_path: Path
) -> None:
    refused = f"http://127.0.0.1:{_refused_port()}"
    parser = _parser_of(path)
    slots = _baseline(path, parser, files, hostile_server.url)
    runs: list[list[str]] = [_argv(path, slots)]
    for index, (action, _values) in enumerate(slots):
        for attack in _attacks(action, files, refused):
            mutated = list(slots)
            mutated[index] = (action, attack)
            runs.append(_argv(path, mutated))
    started = time.monotonic()
    problems = []
    cwd = os.getcwd()
    os.chdir(tmp_path)  # journals and audit logs a command writes land here
    try:
        for argv in runs:
            code, out, err = _run(argv)
            problem = _problem(argv, code, out, err)
            if problem:
                problems.append(f"{[a[:60] for a in argv]}: {problem}")
    finally:
        os.chdir(cwd)
    assert problems == [], f"{len(problems)} of {len(runs)} runs:\n" + "\n".join(problems[:40])
    assert time.monotonic() - started < 20, "the fuzz of one command must stay well bounded"


def test_fuzz_covers_every_command() -> None:
    """The walk finds the commands the README documents (and whatever is added later)."""
    names = {" ".join(p) for p in COMMANDS}
    expected = {"validate", "send", "invoice-number", "katsupay get-invoice", "send-batch", "batch status"}
    assert expected | {"audit verify", "example"} <= names


# The attacks of issue 10 item 18, one by one, each with its own message (not the last-resort one).


def _one_line(argv: list[str], files: dict[str, str], expected: str) -> None:
    code, out, err = _run([files.get(a, a) for a in argv])
    assert code == 2, (argv, code, err)
    assert len(err.splitlines()) == 1, err
    assert expected in err, err
    assert "Traceback" not in out + err
    assert "internal error" not in err


SEND = ["--base-url", "http://127.0.0.1:9", "--token", "t"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["validate", "--endpoint", "invoice", "binary.dat"], "is not UTF-8 text (byte 0x"),
        (["send", "invoice", "binary.dat", *SEND], "is not UTF-8 text (byte 0x"),
        (["send", "--endpoint", "invoice", "binary.dat", *SEND], "is not UTF-8 text (byte 0x"),
        (["send-batch", "binary.dat", "--endpoint", "invoice", *SEND], "is not UTF-8 text (byte 0x"),
        (["validate", "--endpoint", "invoice", "invalid-utf8.json"], "is not UTF-8 text (byte 0xff at offset 17)"),
        (["validate", "--endpoint", "invoice", "deep-array.json"], "is nested too deeply"),
        (["send", "invoice", "deep-object.json", *SEND], "is nested too deeply"),
        (["validate", "--endpoint", "invoice", "a-directory"], "Is a directory"),
        (["send-batch", "a-directory", "--endpoint", "invoice", *SEND], "is not a regular file"),
        (["validate", "--endpoint", "invoice", "missing"], "No such file or directory"),
        (["validate", "--endpoint", "invoice", "dev-zero"], "is larger than 64 MiB"),
        (["send-batch", "dev-zero", "--endpoint", "invoice", *SEND], "is not a regular file"),
        (["validate", "--endpoint", "invoice", "big-int.json"], "is not a usable JSON document"),
        (["validate", "--endpoint", "invoice", "nul.json"], "is not valid JSON"),
        (["validate", "--endpoint", "invoice", "invoice.json", "--vat-rates", "abc"], "argument --vat-rates"),
        (["validate", "--endpoint", "invoice", "invoice.json", "--vat-rates", "nan"], "argument --vat-rates"),
        (["validate", "--endpoint", "invoice", "invoice.json", "--vat-rates", "100"], "argument --vat-rates"),
        (["validate", "--endpoint", "invoice", "invoice.json", "--vat-rates", ","], "argument --vat-rates"),
        *[
            (["send-batch", "batch.jsonl", "--endpoint", "invoice", option, value, *SEND], f"argument {option}")
            for option in ("--concurrency", "--rate-limit", "--rate-window")
            for value in ("0", "-1", "nan", "inf", "abc", "1e309")
        ],
        (["send-batch", "batch.jsonl", "--endpoint", "invoice", "--journal", "binary.dat", *SEND], "not"),
        (["send-batch", "batch.jsonl", "--endpoint", "invoice", "--journal", "fake.sqlite", *SEND], "journal"),
        (["batch", "status", "batch.jsonl"], "journal"),
        (["batch", "status", "fake.sqlite"], "journal"),
        (["batch", "status", "other.sqlite"], "journal"),
        (["batch", "status", "a-directory"], "directory"),
        (["audit", "verify", "binary.dat"], "not an audit log"),
        (["audit", "verify", "fake.sqlite"], "as an audit log"),
        (["audit", "verify", "missing"], "missing"),
        (["send-batch", "batch.jsonl", "--endpoint", "invoice", "--journal", ".", *SEND], "argument --journal"),
        (["send-batch", "batch.jsonl", "--endpoint", "invoice", "--journal", "\x00", *SEND], "a NUL character"),
        (["batch", "status", ""], "argument journal"),
        (["send", "invoice", "invoice.json", "--base-url", "http://[::1"], "argument --base-url"),
        (["send", "invoice", "invoice.json", "--base-url", "http://127.0.0.1:99999"], "argument --base-url"),
        (["audit", "verify", "invoice.json", "--key", "\udcff"], "is not valid UTF-8"),
        (["invoice-number", "ODR\udcff", *SEND], "is not valid UTF-8"),
        (["invoice-number", "", *SEND], "argument order_uuid"),
        (["invoice-number", "..", *SEND], "argument order_uuid"),
        (["send", "invoice", "invoice.json", "--base-url", ""], "argument --base-url"),
    ],
    ids=lambda v: " ".join(v)[:70] if isinstance(v, list) else None,
)
def test_each_listed_attack_is_one_specific_line(
    argv: list[str], expected: str, files: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _one_line(argv, files, expected)


def test_send_batch_with_a_deeply_nested_line_names_the_line(files: dict[str, str], tmp_path: Path) -> None:
    journal = str(tmp_path / "j.sqlite")
    code, _out, err = _run(["send-batch", files["deep-line.jsonl"], "--endpoint", "invoice", "--journal", journal])
    assert code == 1
    assert "line 2" in err
    assert "nested too deeply" in err
    assert "Traceback" not in err
    assert "internal error" not in err


def test_a_locked_journal_is_one_line(files: dict[str, str], tmp_path: Path) -> None:
    """Another run holding the journal: one line, exit 2, nothing sent (port 9 would refuse a request)."""
    journal = tmp_path / "j.sqlite"
    with Journal(journal):
        code, _out, err = _run(
            ["send-batch", files["batch.jsonl"], "--endpoint", "invoice", "--journal", str(journal), *SEND]
        )
    assert code == 2, err
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ")
    assert "in use by another send-batch" in err
    assert "Traceback" not in err
    assert "internal error" not in err


def test_a_corrupt_journal_is_one_line(files: dict[str, str], tmp_path: Path) -> None:
    """A journal whose pages were overwritten after it was written."""
    journal = tmp_path / "j.sqlite"
    with Journal(journal):
        pass
    data = bytearray(journal.read_bytes())
    data[100:] = random.Random(6).randbytes(len(data) - 100)
    journal.write_bytes(bytes(data))
    for argv in (
        ["send-batch", files["batch.jsonl"], "--endpoint", "invoice", "--journal", str(journal), *SEND],
        ["batch", "status", str(journal)],
    ):
        code, _out, err = _run(argv)
        assert code == 2, err
        assert len(err.splitlines()) == 1
        assert err.startswith("error: ")
        assert "journal" in err
        assert "Traceback" not in err
        assert "internal error" not in err


def test_the_last_resort_is_one_line_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, files: dict[str, str]
) -> None:
    """A bug (here: validate raising) is still one line with exit 2; FRONTPAYMENT_DEBUG=1 lets the traceback out."""

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("frontpayment_ext.cli.validate", broken)
    code, _out, err = _run(["validate", "--endpoint", "invoice", files["invoice.json"]])
    assert code == 2
    assert err == "error: internal error (ZeroDivisionError): a bug (set FRONTPAYMENT_DEBUG=1 to see the traceback)\n"
    monkeypatch.setenv("FRONTPAYMENT_DEBUG", "1")
    code, _out, _err = _run(["validate", "--endpoint", "invoice", files["invoice.json"]])
    assert code == "raised ZeroDivisionError: a bug"


def test_binary_standard_input_is_one_line() -> None:
    code, _out, err = _run(["validate", "--endpoint", "invoice", "-"], stdin=b"\x00\xff\xfe")
    assert (code, err) == (2, "error: - is not UTF-8 text (byte 0xff at offset 1)\n")


# Through the real console script: what a user's shell sees.


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["validate", "--endpoint", "invoice", "binary.dat"], "error: "),
        (["validate", "--endpoint", "invoice", "deep-array.json"], "is nested too deeply"),
        (["send-batch", "batch.jsonl", "--endpoint", "invoice", "--concurrency", "0"], "argument --concurrency"),
        (["batch", "status", "batch.jsonl"], "journal"),
        (["audit", "verify", "fake.sqlite"], "as an audit log"),
        (["validate", "--endpoint", "invoice", "surrogate.json", "--json"], None),
    ],
)
def test_console_script_never_prints_a_traceback(
    argv: list[str], expected: str | None, files: dict[str, str], tmp_path: Path
) -> None:
    exe = shutil.which("frontpayment")
    assert exe is not None
    proc = subprocess.run(
        [exe, *[files.get(a, a) for a in argv]],
        capture_output=True,
        check=False,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stdout + proc.stderr
    if expected is None:  # a lone surrogate in a field: reported as a violation, printed without crashing
        assert proc.returncode in (0, 1), err
    else:
        assert proc.returncode == 2
        assert len(err.splitlines()) == 1
        assert expected in err


@pytest.mark.usefixtures("_no_serving")
@pytest.mark.parametrize("db", ["fake.sqlite", "binary.dat", "a-directory", "missing"])
def test_a_database_file_that_is_not_one_is_one_line(db: str, files: dict[str, str]) -> None:
    """``sandbox --db`` on something SQLite cannot use: the SQLite error becomes one line, exit 2."""
    code, _out, err = _run(["sandbox", "--db", files[db], "--port", "0"])
    assert code == 2, err
    assert len(err.splitlines()) == 1
    assert err.startswith("error: ")
    assert "internal error" not in err


def test_a_failing_plugin_warns_in_one_line_not_a_traceback(files: dict[str, str], tmp_path: Path) -> None:
    """An audit log that cannot be written (here: a directory) is logged by the SDK with its exception; without a
    handler, Python's last resort printed the whole traceback. The real console script, in a clean environment."""
    exe = shutil.which("frontpayment")
    assert exe is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTPAYMENT_")}
    env |= {"FRONTPAYMENT_AUDIT": files["a-directory"], "FRONTPAYMENT_TOKEN": "t"}
    argv = [exe, "send", "invoice", files["invoice.json"], "--base-url", f"http://127.0.0.1:{_refused_port()}"]
    debug = subprocess.run(
        argv, capture_output=True, text=True, check=False, timeout=60, env=env | {"FRONTPAYMENT_DEBUG": "1"}
    )
    assert "Traceback" in debug.stderr  # the details are there for who asks
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=60, env=env, cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[-1].startswith("error: APIConnectionError: cannot reach 127.0.0.1:")
    assert any("audit" in line and "IsADirectoryError" in line for line in lines[:-1]), proc.stderr
    assert all(line.startswith("error: ") for line in lines)
