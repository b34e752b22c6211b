"""The ``frontpayment`` command.

    frontpayment validate --endpoint invoice order.json          exit 0 valid, 1 with one line per violation
    frontpayment send invoice order.json --base-url http://127.0.0.1:4010
    frontpayment invoice-number ODR2005869234
    frontpayment katsupay get-invoice 3fa85f64-5717-4562-b3fc-2c963f66afa6 --base-url https://katsu.example
    frontpayment audit verify audit.jsonl                        exit 0 intact, 1 with each problem found

Options go after the subcommand. The token comes from ``FRONTPAYMENT_TOKEN`` (or ``--token``; the environment is
safer, as a command line is visible to other users). ``--json`` prints machine-readable output everywhere. A failure
prints one clear line per problem to stderr and exits non-zero: 1 for a rejected payload or an API error, 2 for bad
usage, configuration or input; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from ._version import __version__
from .client import FrontpaymentClient
from .errors import ConfigurationError, FrontpaymentError, PayloadValidationError
from .katsupay import KatsuPayClient
from .plugins.audit import verify as verify_audit_log
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
