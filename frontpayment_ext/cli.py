"""The ``frontpayment`` command.

    frontpayment validate --endpoint invoice order.json          exit 0 valid, 1 with one line per violation
    frontpayment send invoice order.json --base-url http://127.0.0.1:4010
    frontpayment invoice-number ODR2005869234
    frontpayment katsupay get-invoice 3fa85f64-5717-4562-b3fc-2c963f66afa6 --base-url https://katsu.example
    frontpayment audit verify audit.jsonl                        exit 0 intact, 1 with each problem found
    frontpayment send-batch orders.jsonl --endpoint invoice      resumable; rerun to resume
    frontpayment batch status orders.jsonl.journal.sqlite        states, and the orders to check by hand

Options go after the subcommand. The token comes from ``FRONTPAYMENT_TOKEN`` (or ``--token``; the environment is
safer, as a command line is visible to other users). ``--json`` prints machine-readable output everywhere. A failure
prints one clear line per problem to stderr and exits non-zero: 1 for a rejected payload or an API error, 2 for bad
usage, configuration or input; never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from ._version import __version__
from .batch import BatchSummary, BatchValidationError, Progress
from .client import AsyncFrontpaymentClient, FrontpaymentClient
from .errors import ConfigurationError, FrontpaymentError, PayloadValidationError
from .journal import Journal
from .katsupay import KatsuPayClient
from .plugins.audit import verify as verify_audit_log
from .ratelimit import RateLimiter
from .specs import ENDPOINTS
from .validation import validate
from .violations import Violation

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input to the command (unreadable file, invalid JSON): exit 2 with one line."""


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


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
        _print_json([{"path": v.path, "message": v.message} for v in violations], out)
    else:
        for v in violations:
            out.write(f"{v}\n")


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def _connection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base-url", help="API base URL (default: FRONTPAYMENT_BASE_URL, or the environment's)")
    parser.add_argument("--token", help="bearer token (default: FRONTPAYMENT_TOKEN)")
    parser.add_argument("--environment", choices=["demo", "production"], default="demo")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontpayment", description="Frontpayment invoice API from the shell.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a payload file against an endpoint's rules; sends nothing")
    p.add_argument("--endpoint", required=True, choices=list(ENDPOINTS))
    p.add_argument("file", help="JSON payload file, or - for standard input")
    p.add_argument("--vat-rates", help="comma-separated VAT rates, if your merchant configuration differs")
    _common(p)

    p = sub.add_parser("send", help="validate and send a payload to one of the three order endpoints")
    p.add_argument("endpoint", choices=list(ENDPOINTS))
    p.add_argument("file", help="JSON payload file, or - for standard input")
    p.add_argument("--no-validate", action="store_true", help="skip client-side validation (the server validates)")
    _common(p)
    _connection(p)

    p = sub.add_parser("invoice-number", help="the invoice number and status of an order")
    p.add_argument("order_uuid")
    _common(p)
    _connection(p)

    katsu = sub.add_parser("katsupay", help="Katsu Pay commands").add_subparsers(dest="katsu_command", required=True)
    p = katsu.add_parser("get-invoice", help="one Katsu Pay invoice by its id")
    p.add_argument("invoice_id")
    p.add_argument("--base-url", help="Katsu Pay base URL (default: KATSUPAY_BASE_URL)")
    p.add_argument("--token", help="bearer token (default: KATSUPAY_TOKEN; optional)")
    p.add_argument("--api-key", help="apiKey header (default: KATSUPAY_API_KEY; optional)")
    _common(p)

    p = sub.add_parser("send-batch", help="send every order of a JSON Lines file once, resumably")
    p.add_argument("file", help="one JSON payload per line")
    p.add_argument("--endpoint", required=True, choices=list(ENDPOINTS))
    p.add_argument("--journal", help="the SQLite journal (default: FILE.journal.sqlite); rerun with it to resume")
    p.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (default 8)")
    p.add_argument("--skip-invalid", action="store_true", help="send the valid lines even if some are invalid")
    p.add_argument("--retry-failed", action="store_true", help="resend lines the server refused (never unknown ones)")
    p.add_argument("--rate-limit", type=int, default=240, help="requests per window to pace to (default 240)")
    p.add_argument("--rate-window", type=float, default=60.0, help="the rate-limit window in seconds (default 60)")
    p.add_argument("--no-rate-limit", action="store_true", help="do not pace (for a local server)")
    _common(p)
    _connection(p)

    batch = sub.add_parser("batch", help="batch journal commands").add_subparsers(dest="batch_command", required=True)
    p = batch.add_parser("status", help="the states of a batch journal's orders; lists unknown outcomes")
    p.add_argument("journal")
    _common(p)

    audit = sub.add_parser("audit", help="audit log commands").add_subparsers(dest="audit_command", required=True)
    p = audit.add_parser("verify", help="check an audit log's hash chain for edited, deleted or reordered records")
    p.add_argument("path", help="the audit log (.jsonl, or .sqlite/.db)")
    _common(p)
    return parser


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    payload = _read_json(args.file)
    rates = None if args.vat_rates is None else [r.strip() for r in args.vat_rates.split(",") if r.strip()]
    violations = validate(payload, args.endpoint, vat_rates=rates)
    if args.json:
        _print_violations(violations, True, out)
    elif violations:
        _print_violations(violations, False, sys.stderr)
    else:
        out.write(f"valid {args.endpoint} payload\n")
    return EXIT_FAILED if violations else EXIT_OK


def _fp_client(args: argparse.Namespace) -> FrontpaymentClient:
    return FrontpaymentClient(args.token, base_url=args.base_url, environment=args.environment)


def _send(args: argparse.Namespace, out: TextIO) -> int:
    payload = _read_json(args.file)
    method = {"invoice": "send_invoice", "ehf": "send_ehf_invoice", "session": "create_invoice_session"}
    with _fp_client(args) as client:
        result = getattr(client, method[args.endpoint])(payload, validate=not args.no_validate)
    if args.json:
        _print_json(result, out)
    else:
        link = getattr(result, "bank_id_url", None)
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


class ProgressPrinter:
    """The batch's progress on stderr: one updating line on a terminal, a plain line every few seconds otherwise."""

    def __init__(self, stream: TextIO, *, interval: float | None = None) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self._last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        if progress.remaining and now - self._last < self.interval:
            return
        self._last = now
        eta = "--" if progress.eta is None else f"{int(progress.eta) // 60}:{int(progress.eta) % 60:02d}"
        line = (
            f"sent {progress.sent}  failed {progress.failed}  unknown {progress.unknown}  "
            f"remaining {progress.remaining}  {progress.rate:.1f}/s  ETA {eta}"
        )
        self.stream.write(f"\r{line}\x1b[K" if self.tty else f"{line}\n")
        if self.tty and not progress.remaining:
            self.stream.write("\n")
        self.stream.flush()


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
    if not Path(args.journal).is_file():
        raise UsageError(f"cannot read {args.journal}: no such journal")
    with Journal(args.journal) as journal:
        counts = journal.counts()
        unknown, failed = list(journal.rows("unknown")), list(journal.rows("failed"))
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
    result = verify_audit_log(args.path)
    if args.json:
        _print_json(
            {"ok": result.ok, "records": result.records, "last_hash": result.last_hash, "problems": result.problems},
            out,
        )
    elif result.ok:
        out.write(f"audit log intact: {result.records} records, last hash {result.last_hash}\n")
    else:
        for problem in result.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write(f"audit log damaged: {len(result.problems)} problem(s) in {result.records} records\n")
    return EXIT_OK if result.ok else EXIT_FAILED


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "validate": _validate,
    "send": _send,
    "invoice-number": _invoice_number,
    "katsupay": _katsu_get_invoice,
    "audit": _audit_verify,
    "send-batch": _send_batch,
    "batch": _batch_status,
}


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; returns the exit status (the console script exits with it)."""
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, out)
    except PayloadValidationError as exc:
        sys.stderr.write(f"error: {len(exc.violations)} invalid field(s); nothing was sent\n")
        _print_violations(exc.violations, bool(getattr(args, "json", False)), sys.stderr)
        return EXIT_FAILED
    except (UsageError, ConfigurationError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_USAGE
    except FrontpaymentError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        sys.stderr.write(f"error: {type(exc).__name__}: {first}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
