"""CLI commands made from the operation table: every operation whose ``x-sdk`` entry names a ``cli`` verb becomes a
subcommand (``frontpayment orders status UUID``), with no code that knows it by name.

Path parameters are positional arguments; query parameters are options; a body is read from a JSON file (or
``-``), unless the operation lists ``cli_fields``, which turn body fields into options (``--note``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TextIO

from ._operation_spec import OperationSpec

AddOptions = Callable[[argparse.ArgumentParser], None]


def _non_empty(value: str) -> str:
    """A path parameter: empty, ``.`` and ``..`` would change the path, so they are usage errors."""
    if value.strip() in ("", ".", ".."):
        raise argparse.ArgumentTypeError(f"must be a non-empty identifier, got {value!r}")
    return value


def add_operation_commands(
    sub: Any, operations: Iterable[OperationSpec], *, common: AddOptions, connection: AddOptions
) -> set[str]:
    """Add a subcommand per operation with a CLI verb; returns the top-level command names added."""
    groups: dict[str, Any] = {}
    added: set[str] = set()
    for op in operations:
        if len(op.cli) < 2:
            continue
        group, verb = op.cli[0], " ".join(op.cli[1:])
        if group not in groups:
            parser = sub.add_parser(group, help=f"{group} commands")
            groups[group] = parser.add_subparsers(dest=f"{group}_command", required=True)
            added.add(group)
        p = groups[group].add_parser(verb, help=op.summary, description=f"{op.summary}.")
        for python_name, wire in op.path_params:
            p.add_argument(python_name, metavar=wire.upper() if wire != "orderUuid" else "UUID", type=_non_empty)
        for python_name, wire in op.query_params:
            p.add_argument(f"--{python_name.replace('_', '-')}", dest=python_name, help=f"the `{wire}` filter")
        if op.cli_fields:
            for option, wire in op.cli_fields:
                p.add_argument(f"--{option}", dest=f"field__{wire}", help=f"the body's `{wire}`")
        elif op.body is not None or op.body_fields:
            p.add_argument("file", help="JSON body file, or - for standard input")
        if op.body is not None:
            p.add_argument("--no-validate", action="store_true", help="skip client-side validation")
        p.set_defaults(operation=op)
        common(p)
        connection(p)
    return added


def call_arguments(
    op: OperationSpec, args: argparse.Namespace, read_json: Callable[[str], Any]
) -> tuple[list[Any], dict[str, Any]]:
    """The positional and keyword arguments of the client method for a parsed command line."""
    positional: list[Any] = [getattr(args, python_name) for python_name, _ in op.path_params]
    keywords: dict[str, Any] = {py: getattr(args, py) for py, _ in op.query_params if getattr(args, py) is not None}
    if op.cli_fields:
        wire_to_python = {wire: py for py, wire in op.body_fields}
        for _, wire in op.cli_fields:
            value = getattr(args, f"field__{wire}")
            if value is not None:
                keywords[wire_to_python[wire]] = value
    elif op.body is not None or op.body_fields:
        body = read_json(str(args.file))
        if op.body_fields:
            if not isinstance(body, Mapping):
                raise ValueError("the body file must hold a JSON object")
            wire_to_python = {wire: py for py, wire in op.body_fields}
            keywords.update({wire_to_python.get(str(k), str(k)): v for k, v in body.items()})
        else:
            positional.append(body)
    if op.body is not None and getattr(args, "no_validate", False):
        keywords["validate"] = False
    return positional, keywords


def describe(result: Any, out: TextIO, as_fields: Callable[[Any], Any]) -> None:
    """A result for people: its message, then one line per field (or per item of a list)."""
    fields = as_fields(result)
    message = fields.pop("message", "") if isinstance(fields, dict) else ""
    items = fields.pop("items", None) if isinstance(fields, dict) else None
    if message:
        out.write(f"{message}\n")
    if items is not None:
        if not items:
            out.write("(none)\n")
        for item in items:
            out.write("  ".join(f"{k}={_plain(v)}" for k, v in item.items() if v is not None) + "\n")
        return
    for key, value in fields.items():
        if value is not None and value != ():
            out.write(f"{key}: {_plain(value)}\n")


def _plain(value: Any) -> str:
    """A value as a person reads it: text and numbers as they are, structures as compact JSON (no Decimal('1'))."""
    if isinstance(value, str | int | Decimal):
        return str(value)
    return json.dumps(value, default=str, ensure_ascii=False)
