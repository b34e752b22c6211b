"""Turning JSON Schema errors into violations a person can act on.

A raw ``jsonschema`` error says "[] is not valid under any of the given schemas" at ``products`` and quotes the bad
value. A user wants every bad field, by its path, with what was expected and what came, and never wants a personal
number echoed into a log. This module walks into ``anyOf``/``oneOf`` to the branch that was meant, points
``required`` errors at the missing field, and writes its own messages from the failed keyword.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from .redaction import DEFAULT_REDACTOR, Redactor

if TYPE_CHECKING:  # jsonschema is imported only when a payload needs a full report
    from jsonschema.exceptions import ValidationError

PathPart = str | int
MISSING = "<missing>"


def format_path(parts: Sequence[PathPart]) -> str:
    """``("products", 0, "rate")`` -> ``products[0].rate``; odd keys are quoted: ``products["a b"]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part)}]"
    return out or "<root>"


@attrs.frozen
class Violation:
    """One broken rule: where, what is wrong, what was expected and what came (redacted if sensitive)."""

    path: str
    message: str
    expected: str
    actual: Any = attrs.field(default=MISSING)

    def __str__(self) -> str:
        return f"{self.path}: {self.message} (expected {self.expected}, got {_show(self.actual)})"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "message": self.message, "expected": self.expected, "actual": self.actual}


def _show(value: Any) -> str:
    if value is MISSING or value == MISSING:
        return "nothing"
    try:
        return json.dumps(value, default=str)
    except (TypeError, ValueError):
        return repr(value)


def _types(value: Any) -> str:
    return " or ".join(value) if isinstance(value, list) else str(value)


def _describe(error: ValidationError) -> tuple[str, str]:
    """(message, expected) for a leaf error, written from the keyword, never quoting the instance."""
    kind, rule = str(error.validator), cast(Any, error.validator_value)
    if kind == "type":
        return f"must be of type {_types(rule)}", _types(rule)
    if kind == "pattern":
        return f"does not match the pattern {rule}", f"a string matching {rule}"
    if kind == "enum":
        allowed = ", ".join(json.dumps(v) for v in rule)
        return f"must be one of {allowed}", f"one of {allowed}"
    if kind == "const":
        return f"must be {json.dumps(rule)}", json.dumps(rule)
    if kind == "format":
        name = "email" if rule == "idn-email" else rule  # an e-mail address either way (idn-email allows UTF-8)
        return f"is not a valid {name}", f"a valid {name}"
    if kind in ("minLength", "minItems", "minProperties") and rule == 1:
        return "must not be empty", "a non-empty value"
    if kind == "minLength":
        return f"must be at least {rule} characters", f"at least {rule} characters"
    if kind == "maxLength":
        return f"must be at most {rule} characters", f"at most {rule} characters"
    if kind in ("minItems", "minProperties"):
        return f"must have at least {rule} entries", f"at least {rule} entries"
    if kind == "minimum":
        return f"must be at least {rule}", f">= {rule}"
    if kind in ("anyOf", "oneOf"):
        return "does not match any allowed form", _branch_summary(error)
    if kind == "not":
        return "is not allowed here", "another value"
    return f"breaks the {kind} rule", f"{kind}: {json.dumps(rule, default=str)}"


def _branch_summary(error: ValidationError) -> str:
    forms = []
    for branch in cast(list[Any], error.validator_value):
        if isinstance(branch, dict) and "$ref" in branch:
            forms.append(str(branch["$ref"]).rsplit("/", 1)[-1])
        elif isinstance(branch, dict) and "enum" in branch:
            forms.append("one of " + ", ".join(json.dumps(v) for v in branch["enum"]))
        elif isinstance(branch, dict) and "type" in branch:
            forms.append(_types(branch["type"]))
        else:
            forms.append("a value of another form")
    return " | ".join(forms)


def _meant_branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the anyOf/oneOf branch the value was meant for: the one whose type and kind matched."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
    # A branch is "meant" if the value's own type/kind fit it: none of its errors is a type mismatch at the top.
    meant = [errs for errs in branches.values() if not any(e.validator == "type" and not e.relative_path for e in errs)]
    return meant[0] if len(meant) == 1 else None


def _leaves(error: ValidationError) -> Iterable[ValidationError]:
    if error.validator in ("anyOf", "oneOf"):
        branch = _meant_branch(error)
        if branch is not None:
            for sub in branch:
                yield from _leaves(sub)
            return
    yield error


def _missing_property(error: ValidationError) -> str | None:
    """The property a ``required``/``dependentRequired`` error is about."""
    head = error.message.split(" is a ", 1)[0]
    try:
        name = ast.literal_eval(head)
    except (ValueError, SyntaxError):
        return None
    return name if isinstance(name, str) else None


def to_violations(errors: Iterable[ValidationError], redactor: Redactor = DEFAULT_REDACTOR) -> list[Violation]:
    """Every leaf violation in a set of jsonschema errors, sorted by path, sensitive values masked."""
    found: dict[tuple[str, str], Violation] = {}
    for top in errors:
        for leaf in _leaves(top):
            parts: list[PathPart] = list(leaf.absolute_path)
            actual: Any
            if leaf.validator in ("required", "dependentRequired"):
                missing = _missing_property(leaf)
                if missing is not None:
                    parts.append(missing)
                if leaf.validator == "required":
                    message, expected, actual = "is required", "a value", MISSING
                else:
                    rule = cast(dict[str, list[str]], leaf.validator_value)
                    dependants = [k for k, v in rule.items() if missing in v]
                    message = f"is required when {', '.join(dependants)} is set"
                    expected, actual = "a value", MISSING
            elif "propertyNames" in leaf.schema_path:
                key = leaf.instance
                message, expected = f"has a key {json.dumps(key)} that is not allowed", _describe(leaf)[1]
                actual = key
            else:
                message, expected = _describe(leaf)
                actual = leaf.instance
            last = next((p for p in reversed(parts) if isinstance(p, str)), "")
            if actual is not MISSING:
                actual = redactor.value(last, actual)
            violation = Violation(format_path(parts), message, expected, actual)
            found.setdefault((violation.path, violation.message), violation)
    return sorted(found.values(), key=lambda v: v.path)
