"""Turning JSON Schema errors into violations a person can act on.

A raw validator error says "[] is not valid under any of the schemas listed in the 'oneOf' keyword" at
``products`` and quotes the bad value. A user wants every bad field, by its path, with what was expected and what
came, and never wants a personal number echoed into a log. This module walks into ``anyOf``/``oneOf`` to the branch
that was meant, points ``required`` errors at the missing field, and writes its own messages from the failed
keyword and the rule's value in the schema (never from the validator's own text).

The errors are jsonschema-rs's. Their instance paths are JSON Pointer tokens read back as a list, where an object
key that looks like a number comes back as an int (``"0"`` and ``"01"`` both as 0); so each path is re-read against
the instance itself, which also gives the very value the user passed (not the validator's copy of it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from .redaction import DEFAULT_REDACTOR, Redactor

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


def _rule(schema: Any, schema_path: Sequence[PathPart]) -> Any:
    """The value of the failed keyword in the schema document (its ``schema_path`` is resolved there)."""
    node = schema
    for part in schema_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _describe(kind: str, rule: Any) -> tuple[str, str]:
    """(message, expected) for a leaf error, written from the keyword and its rule, never quoting the instance."""
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
        return "does not match any allowed form", _branch_summary(rule)
    if kind == "not":
        return "is not allowed here", "another value"
    return f"breaks the {kind} rule", f"{kind}: {json.dumps(rule, default=str)}"


def _branch_summary(branches: Any) -> str:
    forms = []
    for branch in branches if isinstance(branches, list) else ():
        if isinstance(branch, dict) and "$ref" in branch:
            forms.append(str(branch["$ref"]).rsplit("/", 1)[-1])
        elif isinstance(branch, dict) and "enum" in branch:
            forms.append("one of " + ", ".join(json.dumps(v) for v in branch["enum"]))
        elif isinstance(branch, dict) and "type" in branch:
            forms.append(_types(branch["type"]))
        else:
            forms.append("a value of another form")
    return " | ".join(forms)


# Keywords that apply a subschema to a part of the instance, and those followed in a path by a name or index.
_DESCENDING = frozenset(
    {"properties", "patternProperties", "additionalProperties", "unevaluatedProperties", "items", "prefixItems"}
    | {"contains", "unevaluatedItems", "additionalItems"}
)
_NAMED = frozenset({"properties", "patternProperties", "prefixItems", "allOf", "anyOf", "oneOf", "dependentSchemas"})


def _descents(evaluation_path: Sequence[PathPart]) -> list[str | None]:
    """The steps into the instance along a keyword path, read keyword by keyword (a property named like a keyword
    is a name): a property's name, or None where the key or index is the instance's (``additionalProperties``,
    ``items``)."""
    steps: list[str | None] = []
    parts = iter(evaluation_path)
    for keyword in parts:
        if keyword in _NAMED:
            name = next(parts, None)
            if keyword == "properties":
                steps.append(str(name))
            elif keyword in _DESCENDING:
                steps.append(None)
        elif keyword in _DESCENDING:
            steps.append(None)
    return steps


def _descends(evaluation_path: Sequence[PathPart]) -> bool:
    return bool(_descents(evaluation_path))


def _leaves(error: Any) -> Iterable[Any]:
    """The leaf errors of one error: into an ``anyOf``/``oneOf``, the errors of the branch the value was meant
    for, the one branch whose type matched (none of its errors is a type mismatch of the value itself; judged by
    the keyword path, as an empty key is missing from jsonschema-rs's instance paths)."""
    if error.kind.name in ("anyOf", "oneOf"):
        context = getattr(error.kind, "context", None) or []
        depth = len(error.evaluation_path) + 1  # the branch's index follows the keyword
        meant = [
            branch
            for branch in context
            if not any(e.kind.name == "type" and not _descends(e.evaluation_path[depth:]) for e in branch)
        ]
        if len(meant) == 1:
            for sub in meant[0]:
                yield from _leaves(sub)
            return
    yield error


def _key(node: Mapping[Any, Any], token: PathPart) -> Any:
    """The key of ``node`` a path token names (jsonschema-rs gives ``"0"`` and ``"01"`` back as the int 0 or 1)."""
    if token in node:
        return token
    if str(token) in node or not isinstance(token, int):
        return str(token)
    return next((k for k in node if isinstance(k, str) and k.isdigit() and int(k) == token), str(token))


def _resolve(instance: Any, error: Any) -> tuple[list[PathPart], Any]:
    """The error's path as the instance spells it (object keys as strings, list indices as ints) and the value
    there. An empty key is missing from jsonschema-rs's instance paths; the keyword path says where it was."""
    tokens = list(error.instance_path)
    steps = _descents(error.evaluation_path)
    missing = len(steps) - len(tokens)
    parts: list[PathPart] = []
    node = instance
    for step in steps if missing > 0 else [None] * len(tokens):
        if isinstance(node, Mapping):
            if step is None and missing > 0 and "" in node and (not tokens or _key(node, tokens[0]) not in node):
                key: Any = ""
                missing -= 1
            else:
                key = step if step is not None else _key(node, tokens[0]) if tokens else ""
                tokens = tokens[1:]
            parts.append(key)
            node = node.get(key)
        elif tokens:
            token = tokens.pop(0)
            parts.append(token)
            fits = isinstance(node, list | tuple) and isinstance(token, int) and 0 <= token < len(node)
            node = node[token] if fits else None
    return parts, node


def to_violations(
    errors: Iterable[Any], schema: Any, instance: Any, redactor: Redactor = DEFAULT_REDACTOR
) -> list[Violation]:
    """Every leaf violation in a set of jsonschema-rs errors against ``schema`` for ``instance``, sorted by path,
    sensitive values masked."""
    found: dict[tuple[str, str], Violation] = {}
    for top in errors:
        for leaf in _leaves(top):
            parts, value = _resolve(instance, leaf)
            kind = leaf.kind.name
            keyword = leaf.schema_path[-1] if leaf.schema_path else kind
            actual: Any
            if kind == "required":
                missing = leaf.kind.property
                parts.append(missing)
                actual = MISSING
                if keyword == "dependentRequired":
                    rule = _rule(schema, leaf.schema_path)
                    dependants = [k for k, v in rule.items() if missing in v] if isinstance(rule, dict) else []
                    message, expected = f"is required when {', '.join(dependants)} is set", "a value"
                else:
                    message, expected = "is required", "a value"
            elif kind == "propertyNames":
                inner = leaf.kind.error
                key = inner.instance
                expected = _describe(inner.kind.name, _rule(schema, inner.schema_path))[1]
                message, actual = f"has a key {json.dumps(key)} that is not allowed", key
            elif kind == "falseSchema":
                message, expected, actual = "is not allowed here", "nothing", value
            else:
                message, expected = _describe(kind, _rule(schema, leaf.schema_path))
                actual = value
            last = next((p for p in reversed(parts) if isinstance(p, str)), "")
            if actual is not MISSING:
                actual = redactor.value(last, actual)
            violation = Violation(format_path(parts), message, expected, actual)
            found.setdefault((violation.path, violation.message), violation)
    return sorted(found.values(), key=lambda v: v.path)
