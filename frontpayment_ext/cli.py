# PYTHON_ARGCOMPLETE_OK
"""The ``frontpayment`` command.

    frontpayment example invoice > order.json                    a working payload to start from (or: batch)
    frontpayment validate --endpoint invoice order.json          exit 0 valid, 1 with one line per violation
    frontpayment send invoice order.json --base-url http://127.0.0.1:4010
    frontpayment invoice-number ODR2005869234
    frontpayment katsupay get-invoice 3fa85f64-5717-4562-b3fc-2c963f66afa6 --base-url https://katsu.example
    frontpayment audit verify audit.jsonl                        exit 0 intact, 1 with each problem found, 2 no log
    frontpayment send-batch orders.jsonl --endpoint invoice      resumable; rerun to resume
    frontpayment batch status orders.jsonl.journal.sqlite        states, and the orders to check by hand

Options go after the subcommand. The token comes from ``FRONTPAYMENT_TOKEN`` (or ``--token``; the environment is
safer, as a command line is visible to other users). ``--json`` prints machine-readable output everywhere. A failure
prints one clear line per problem to stderr and exits non-zero: 1 for a rejected payload or an API error, 2 for bad
usage, configuration or input; never a traceback (``FRONTPAYMENT_DEBUG=1`` shows the traceback of an internal error).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import re
import socket
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import attrs

from . import _cli_input as arg
from ._cli_examples import example_batch, example_payload
from ._cli_input import UsageError, read_json
from ._cli_operations import add_operation_commands, call_arguments, describe
from ._cli_progress import ProgressPrinter, close_all
from ._operation_spec import OperationSpec
from ._surface import OPERATIONS
from ._version import __version__
from .batch import METHODS, BatchSummary, BatchValidationError
from .client import ENVIRONMENTS, AsyncFrontpaymentClient, FrontpaymentClient
from .errors import (
    APIConnectionError,
    ConfigurationError,
    FrontpaymentError,
    PayloadValidationError,
)
from .journal import Journal, JournalError
from .katsupay import KatsuPayClient
from .plugins.audit import AuditLogError, key_from_env
from .plugins.audit import verify as verify_audit_log
from .plugins.log import ROOT_LOGGER, RedactingFilter
from .ratelimit import RateLimiter
from .specs import ENDPOINTS
from .validation import validate
from .violations import Violation

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# The order-creating endpoints (ENDPOINTS also names lifecycle payloads), from the spec: invoice, ehf, session, faktura.
ORDERS = tuple(METHODS)

__all__ = ["ProgressPrinter", "UsageError", "build_parser", "main"]


def _jsonable(value: Any) -> Any:
    if attrs.has(type(value)):
        return {f.name: _jsonable(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.name != "raw"}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _print_json(value: Any, out: TextIO) -> None:
    out.write(json.dumps(_jsonable(value), default=str, indent=2, ensure_ascii=False) + "\n")


def _print_violations(violations: Sequence[Violation], as_json: bool, out: TextIO) -> None:
    if as_json:
        _print_json([v.as_dict() for v in violations], out)
    else:
        for v in violations:
            out.write(f"{v}\n")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def _connection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url", type=arg.base_url, help="API base URL (default: FRONTPAYMENT_BASE_URL, or the environment's)"
    )
    parser.add_argument("--token", type=arg.non_empty, help="bearer token (default: FRONTPAYMENT_TOKEN)")
    parser.add_argument("--environment", choices=["demo", "production"], default="demo")


def build_parser(operations: Iterable[OperationSpec] | None = None) -> argparse.ArgumentParser:
    """The whole command line; ``operations`` (default: the spec's) adds a command per operation with a CLI verb."""
    parser = arg.OneLineParser(prog="frontpayment", description="Frontpayment invoice API from the shell.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a payload file against an endpoint's rules; sends nothing")
    p.add_argument("--endpoint", required=True, choices=list(ENDPOINTS))
    p.add_argument("file", help="JSON payload file, or - for standard input")
    p.add_argument(
        "--vat-rates", type=arg.vat_rates, help="comma-separated VAT rates, if your merchant configuration differs"
    )
    _common(p)

    p = sub.add_parser(
        "send",
        help="validate and send a payload to one of the order endpoints",
        usage=f"%(prog)s [--endpoint] {{{','.join(ORDERS)}}} FILE [options]",
    )
    p.set_defaults(send_parser=p)
    # ``send invoice order.json`` and ``send --endpoint invoice order.json``: both positionals are optional here
    # and sorted out in _send_target, because argparse cannot express "an optional positional before a required one".
    p.add_argument("positional", nargs="*", metavar="[ENDPOINT] FILE", help="JSON payload file, or - for stdin")
    p.add_argument("--endpoint", dest="endpoint_option", choices=ORDERS, help="or give it before FILE")
    p.add_argument("--no-validate", action="store_true", help="skip client-side validation (the server validates)")
    _common(p)
    _connection(p)

    p = sub.add_parser("invoice-number", help="the invoice number and status of an order")
    p.add_argument("order_uuid", type=arg.path_id)
    _common(p)
    _connection(p)

    p = sub.add_parser("example", help="print a working example payload to start from (sends nothing)")
    p.add_argument("kind", choices=[*ORDERS, "batch"], help="an endpoint's payload, or JSON lines for send-batch")
    p.add_argument("--endpoint", choices=ORDERS, default="invoice", help="for batch: the lines' endpoint")
    p.add_argument("--count", type=arg.concurrency, default=3, help="for batch: how many lines (default 3)")

    katsu = sub.add_parser("katsupay", help="Katsu Pay commands").add_subparsers(dest="katsu_command", required=True)
    p = katsu.add_parser("get-invoice", help="one Katsu Pay invoice by its id")
    p.add_argument("invoice_id", type=arg.path_id)
    p.add_argument("--base-url", type=arg.base_url, help="Katsu Pay base URL (default: KATSUPAY_BASE_URL)")
    p.add_argument("--token", type=arg.non_empty, help="bearer token (default: KATSUPAY_TOKEN; optional)")
    p.add_argument("--api-key", type=arg.non_empty, help="apiKey header (default: KATSUPAY_API_KEY; optional)")
    _common(p)

    p = sub.add_parser("send-batch", help="send every order of a JSON Lines file once, resumably")
    p.add_argument("file", type=arg.text_file, help="one JSON payload per line")
    p.add_argument("--endpoint", required=True, choices=ORDERS)
    p.add_argument(
        "--journal",
        type=arg.file_path,
        help="the SQLite journal (default: FILE.journal.sqlite); rerun with it to resume",
    )
    p.add_argument("--concurrency", type=arg.concurrency, default=8, help="requests in flight at once (default 8)")
    p.add_argument("--skip-invalid", action="store_true", help="send the valid lines even if some are invalid")
    p.add_argument("--retry-failed", action="store_true", help="resend lines the server refused (never unknown ones)")
    p.add_argument(
        "--rate-limit", type=arg.positive_int, default=240, help="requests per window to pace to (default 240)"
    )
    p.add_argument(
        "--rate-window", type=arg.positive_seconds, default=60.0, help="the rate-limit window in seconds (default 60)"
    )
    p.add_argument("--no-rate-limit", action="store_true", help="do not pace (for a local server)")
    _common(p)
    _connection(p)

    batch = sub.add_parser("batch", help="batch journal commands").add_subparsers(dest="batch_command", required=True)
    p = batch.add_parser("status", help="the states of a batch journal's orders; lists unknown outcomes")
    p.add_argument("journal", type=arg.file_path)
    _common(p)

    audit = sub.add_parser("audit", help="audit log commands").add_subparsers(dest="audit_command", required=True)
    p = audit.add_parser("verify", help="check an audit log's hash chain for edited, deleted or reordered records")
    p.add_argument("path", help="the audit log (.jsonl, or .sqlite/.db)")
    p.add_argument(
        "--key",
        help="the key of a keyed (hmac-sha256) log; default FRONTPAYMENT_AUDIT_KEY, which is safer: a command line "
        "is visible to other users",
    )
    p.add_argument(
        "--expect-hash",
        metavar="HASH",
        help="a last hash kept elsewhere: fail unless its record is still in the chain (catches truncation)",
    )
    _common(p)

    p = sub.add_parser("sandbox", help="run a local, stateful Frontpayment to test against (needs the sandbox extra)")
    p.add_argument("--port", type=arg.port, default=4010, help="port to listen on (default 4010; 0 picks a free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--db", metavar="FILE", help="keep orders in this SQLite file instead of memory")
    p.add_argument("--secret", default=None, help="the merchant secret callbacks are signed with")

    # One command per operation whose x-sdk entry names a CLI verb (orders list, orders status UUID, ...).
    add_operation_commands(
        sub, OPERATIONS.values() if operations is None else operations, common=_common, connection=_connection
    )
    return parser


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    payload = read_json(args.file)
    violations = validate(payload, args.endpoint, vat_rates=args.vat_rates)
    if args.json:
        _print_violations(violations, True, out)
    elif violations:
        _print_violations(violations, False, sys.stderr)
    else:
        out.write(f"valid {args.endpoint} payload\n")
    return EXIT_FAILED if violations else EXIT_OK


def _fp_client(args: argparse.Namespace) -> FrontpaymentClient:
    return FrontpaymentClient(args.token, base_url=args.base_url, environment=args.environment)


def _send_target(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """``send ENDPOINT FILE`` or ``send --endpoint ENDPOINT FILE``: set ``args.endpoint`` and ``args.file``."""
    given = list(args.positional)
    if len(given) == 2 and args.endpoint_option is None:
        endpoint, file = given
        if endpoint not in ORDERS:
            parser.error(f"argument endpoint: invalid choice: {endpoint!r} (choose from {', '.join(ORDERS)})")
    elif len(given) == 1 and args.endpoint_option is not None:
        endpoint, file = args.endpoint_option, given[0]
    elif len(given) == 1:
        parser.error("the endpoint is missing: send ENDPOINT FILE, or send --endpoint ENDPOINT FILE")
    elif not given:
        parser.error("the payload file is missing: send ENDPOINT FILE")
    else:
        parser.error(f"expected [ENDPOINT] FILE, got {' '.join(given)}")
    args.endpoint, args.file = endpoint, file


def _send(args: argparse.Namespace, out: TextIO) -> int:
    payload = read_json(args.file)
    with _fp_client(args) as client:
        result = getattr(client, METHODS[args.endpoint])(payload, validate=not args.no_validate)
    if args.json:
        _print_json(result, out)
    else:
        link = getattr(result, "bank_id_url", None) or getattr(result, "payment_url", None)
        out.write(f"order {result.order_uuid} created for customer {result.customer_uuid}\n")
        if link:
            out.write(f"BankID verification: {link}\n")
    return EXIT_OK


def _invoice_number(args: argparse.Namespace, out: TextIO) -> int:
    with _fp_client(args) as client:
        result = client.get_invoice_number(args.order_uuid)
    if args.json:
        _print_json(result, out)
    else:
        number = result.invoice_number or "none yet"
        out.write(f"order {result.order_uuid}: status {result.status}, invoice number {number}\n")
    return EXIT_OK


def _katsu_get_invoice(args: argparse.Namespace, out: TextIO) -> int:
    with KatsuPayClient(args.base_url, token=args.token, api_key=args.api_key) as client:
        invoice = client.get_invoice(args.invoice_id)
    if args.json:
        _print_json(invoice, out)
    else:
        out.write(
            f"invoice {invoice.invoice_id or invoice.id}: amount {invoice.amount}, paid {invoice.paid_amount}, "
            f"status code {invoice.invoice_status}, due {invoice.due_date}\n"
        )
    return EXIT_OK


def _summary_lines(summary: BatchSummary) -> list[str]:
    counts = summary.counts
    lines = [
        f"batch: {counts['sent']} sent ({summary.sent_now} in this run), {counts['failed']} failed, "
        f"{counts['unknown']} unknown, {counts['invalid']} invalid, {counts['pending']} pending "
        f"({summary.elapsed:.1f} s)"
    ]
    if summary.recovered:
        lines.append(f"{summary.recovered} order(s) were interrupted while sending by an earlier run: outcome unknown")
    for row in summary.unknown:
        lines.append(
            f"unknown: line {row.line} (referenceNo {row.reference or '-'}): check before resending "
            f"(get_invoice_number / Front Payment Go); {row.error}"
        )
    if summary.attempted_now == 0 and summary.failed:
        # A rerun of a finished batch: the failures are old news, not 40 lines to read again.
        lines.append(
            f"nothing left to send: {len(summary.failed)} order(s) failed in an earlier run; rerun with "
            "--retry-failed to resend them, or see `frontpayment batch status JOURNAL`"
        )
        return lines
    for row in summary.failed:
        lines.append(f"failed: line {row.line}: {row.error}")
    return lines


def _send_batch(args: argparse.Namespace, out: TextIO) -> int:
    limiter = None if args.no_rate_limit else RateLimiter(args.rate_limit, args.rate_window)
    journal = args.journal or f"{args.file}.journal.sqlite"
    if not Path(args.file).is_file():
        raise UsageError(f"cannot read {args.file}: no such file")

    async def run() -> BatchSummary:
        client = AsyncFrontpaymentClient(
            args.token, base_url=args.base_url, environment=args.environment, rate_limiter=limiter
        )
        async with client:
            return await client.send_batch(
                args.file,
                args.endpoint,
                journal=journal,
                concurrency=args.concurrency,
                skip_invalid=args.skip_invalid,
                retry_failed=args.retry_failed,
                on_progress=None if args.json else ProgressPrinter(sys.stderr),
            )

    try:
        summary = asyncio.run(run())
    except JournalError as exc:  # locked by another run, not a journal, damaged, changed input: one line, exit 2
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        close_all()  # end the progress line first
        sys.stderr.write("error: interrupted; orders not sent yet stay pending: run the same command to resume\n")
        return 130
    except BatchValidationError as exc:
        sys.stderr.write(
            f"error: {len(exc.invalid)} invalid line(s); nothing was sent (--skip-invalid sends the rest)\n"
        )
        for line, violations in exc.invalid.items():
            for violation in violations:
                sys.stderr.write(f"line {line}: {violation}\n")
        return EXIT_FAILED
    if args.json:
        _print_json(
            {
                "counts": summary.counts,
                "sent_now": summary.sent_now,
                "elapsed": summary.elapsed,
                "journal": journal,
                "unknown": [_jsonable(r) for r in summary.unknown],
                "failed": [_jsonable(r) for r in summary.failed],
            },
            out,
        )
    else:
        out.write("\n".join(_summary_lines(summary)) + "\n")
    return EXIT_OK if summary.complete else EXIT_FAILED


def _batch_status(args: argparse.Namespace, out: TextIO) -> int:
    try:
        with Journal(args.journal, readonly=True) as journal:  # no lock: readable while a run writes it
            counts = journal.counts()
            unknown, failed = list(journal.rows("unknown")), list(journal.rows("failed"))
    except JournalError as exc:  # missing, not a journal, damaged, locked by another program: one line, exit 2
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USAGE
    if args.json:
        _print_json(
            {"counts": counts, "unknown": [_jsonable(r) for r in unknown], "failed": [_jsonable(r) for r in failed]},
            out,
        )
    else:
        out.write("  ".join(f"{state} {n}" for state, n in counts.items()) + "\n")
        for row in unknown:
            out.write(
                f"unknown: line {row.line} (referenceNo {row.reference or '-'}) since {row.updated}: "
                f"check before resending\n"
            )
        for row in failed:
            out.write(f"failed: line {row.line}: {row.error}\n")
    return EXIT_OK


def _audit_verify(args: argparse.Namespace, out: TextIO) -> int:
    if args.key == "":
        raise UsageError("--key is empty")
    try:
        result = verify_audit_log(args.path, key=args.key or key_from_env(), expect_hash=args.expect_hash)
    except AuditLogError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        _print_json(
            {
                "ok": result.ok,
                "records": result.records,
                "last_seq": result.last_seq,
                "last_hash": result.last_hash,
                "alg": result.alg,
                "problems": result.problems,
            },
            out,
        )
    elif result.ok:
        out.write(f"audit log intact: {result.records} records, last hash {result.last_hash} ({result.alg})\n")
    else:
        for problem in result.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"audit log damaged: {len(result.problems)} problem(s) in {result.records} records\n")
    return EXIT_OK if result.ok else EXIT_FAILED


def _example(args: argparse.Namespace, out: TextIO) -> int:
    if args.kind == "batch":
        out.write(example_batch(args.endpoint, args.count))
    else:
        out.write(json.dumps(example_payload(args.kind), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _sandbox(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from .sandbox import DEFAULT_SECRET, Sandbox, serve  # noqa: PLC0415 - optional: the sandbox extra
    except ImportError as exc:
        raise UsageError(f"the sandbox needs its extra: pip install 'frontpayment-sdk[sandbox]' ({exc})") from None
    port = args.port or _free_port(args.host)  # 0: a free port, which the first line must then name
    with Sandbox(db=args.db, secret=args.secret or DEFAULT_SECRET) as sandbox:
        where = f"http://{args.host}:{port}"
        out.write(f"Frontpayment sandbox on {where} (any bearer token; admin routes under {where}/_sandbox/)\n")
        out.flush()
        serve(sandbox, host=args.host, port=port)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "validate": _validate,
    "send": _send,
    "invoice-number": _invoice_number,
    "katsupay": _katsu_get_invoice,
    "audit": _audit_verify,
    "send-batch": _send_batch,
    "batch": _batch_status,
    "example": _example,
    "sandbox": _sandbox,
}


def _cli_words(message: str) -> str:
    """The library says ``pass token=...``; on the command line that is ``--token``."""
    return re.sub(r"pass (token|base_url|api_key)=\.\.\.", lambda m: "use --" + m[1].replace("_", "-"), message)


def _host(args: argparse.Namespace) -> str:
    """The host the command talks to, for a connection error: the user may not know which one was used."""
    if args.command == "katsupay":
        url = args.base_url or os.environ.get("KATSUPAY_BASE_URL") or ""
    else:
        url = getattr(args, "base_url", None) or os.environ.get("FRONTPAYMENT_BASE_URL") or ""
        url = url or ENVIRONMENTS.get(getattr(args, "environment", "demo"), "")
    return urlsplit(url).netloc or url


def _tolerant_output() -> None:
    """A lone surrogate or an odd byte from a hostile file must not crash the printing of the error about it."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a detached or closed stream
                reconfigure(errors="backslashreplace")


class _WarningLine(logging.Handler):
    """The SDK's warnings (an audit plugin that failed, say) as one line each on stderr, without the traceback that
    Python's last-resort handler would print; FRONTPAYMENT_LOG or FRONTPAYMENT_DEBUG brings the details back."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.addFilter(RedactingFilter())

    def emit(self, record: logging.LogRecord) -> None:
        if any(getattr(h, "_frontpayment", False) for h in logging.getLogger(ROOT_LOGGER).handlers):
            return  # FRONTPAYMENT_LOG is set: the log plugin's handler prints it in full
        if os.environ.get("FRONTPAYMENT_DEBUG"):
            sys.stderr.write(logging.Formatter("%(levelname)s %(name)s: %(message)s").format(record) + "\n")
            return
        text = " ".join(record.getMessage().split())
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {' '.join(str(exc).split())})"[:300]
        sys.stderr.write(f"{record.levelname.lower()}: {text}\n")


def _complete(parser: argparse.ArgumentParser) -> None:
    """Tab completion, when the shell asks for it and argcomplete is installed (the ``completion`` extra;
    ``eval "$(register-python-argcomplete frontpayment)"``). It prints the completions and exits."""
    if "_ARGCOMPLETE" in os.environ:
        with contextlib.suppress(ImportError):
            import argcomplete  # noqa: PLC0415 - optional, and only imported when completing

            argcomplete.autocomplete(parser)


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        arg.check_argv(words)
    except UsageError as exc:
        parser.error(str(exc))
    args, extras = parser.parse_known_args(words)
    if args.command == "send":  # argparse leaves a FILE after an option among the extras
        if any(e.startswith("-") and e != "-" for e in extras):
            parser.error(f"unrecognized arguments: {' '.join(extras)}")
        args.positional = [*args.positional, *extras]
        _send_target(args, args.send_parser)
    elif extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def _operation(args: argparse.Namespace, out: TextIO) -> int:
    """Any command made from the operation table (``orders status UUID``...): the same call as the client's."""
    op: OperationSpec = args.operation
    positional, keywords = call_arguments(op, args, read_json)
    with _fp_client(args) as client:
        result = client.invoke(op, *positional, **keywords)
    if args.json:
        _print_json(result, out)
    else:
        describe(result, out, _jsonable)
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, operations: Iterable[OperationSpec] | None = None
) -> int:
    """Run the command; returns the exit status (the console script exits with it). ``operations`` replaces the
    spec's operation table (a regenerated surface, in tests)."""
    warnings = _WarningLine()
    logging.getLogger(ROOT_LOGGER).addHandler(warnings)
    try:
        return _main(argv, out or sys.stdout, operations)
    finally:
        logging.getLogger(ROOT_LOGGER).removeHandler(warnings)


def _main(argv: Sequence[str] | None, out: TextIO, operations: Iterable[OperationSpec] | None = None) -> int:
    _tolerant_output()
    parser = build_parser(operations)
    _complete(parser)
    try:
        args = _parse(parser, argv)
    except SystemExit as exc:  # a usage error (one line, already printed), --help or --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else EXIT_USAGE
    try:
        try:
            return (_operation if hasattr(args, "operation") else COMMANDS[args.command])(args, out)
        finally:
            close_all()  # an open progress line ends before anything else is printed
    except PayloadValidationError as exc:
        sys.stderr.write(f"error: {len(exc.violations)} invalid field(s); nothing was sent\n")
        _print_violations(exc.violations, bool(getattr(args, "json", False)), sys.stderr)
        return EXIT_FAILED
    except (UsageError, ConfigurationError, JournalError, AuditLogError) as exc:  # what the user gave: exit 2
        sys.stderr.write(f"error: {_cli_words(str(exc))}\n")
        return EXIT_USAGE
    except APIConnectionError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        host = _host(args)
        where = f"cannot reach {host}: " if host and host not in first else ""
        sys.stderr.write(f"error: {type(exc).__name__}: {where}{first}\n")
        return EXIT_FAILED
    except FrontpaymentError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        sys.stderr.write(f"error: {type(exc).__name__}: {first}\n")
        return EXIT_FAILED
    except sqlite3.DatabaseError as exc:  # a journal or audit file that is not what it should be
        sys.stderr.write(f"error: not a usable SQLite file ({exc})\n")
        return EXIT_USAGE
    except BrokenPipeError:  # ``frontpayment example batch --count 1000 | head``: the reader has gone, say nothing
        if out is sys.stdout:  # no second error when the interpreter flushes it at exit
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as exc:  # the file system refused (permissions, a full disk, a missing directory)
        sys.stderr.write(f"error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130
    except Exception as exc:  # the last resort: a bug, still one line; FRONTPAYMENT_DEBUG=1 shows the traceback
        if os.environ.get("FRONTPAYMENT_DEBUG"):
            raise
        first = (str(exc).splitlines() or [""])[0][:300]
        sys.stderr.write(
            f"error: internal error ({type(exc).__name__}): {first} (set FRONTPAYMENT_DEBUG=1 to see the traceback)\n"
        )
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
