"""JSON Schema validation of payloads against the spec's own component schemas.

Formats are checked with the SDK's own rules, the same everywhere: jsonschema's stock ``email`` check only looks
for an ``@`` and its ``uri`` check silently passes unless an optional package is installed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .specs import SpecName, component_schema
from .violations import Violation, to_violations

# The HTML living standard's "valid e-mail address", with at least one dot in the domain as Laravel's check wants.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
EMAIL_PATTERN = rf"^[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})+$"
_EMAIL = re.compile(EMAIL_PATTERN)


def is_email(value: object) -> bool:
    return not isinstance(value, str) or bool(_EMAIL.match(value))


def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc) and parts.scheme.isascii() and parts.scheme.isalpha()


if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, FormatChecker


@functools.cache
def format_checker() -> FormatChecker:
    """The SDK's format checks for jsonschema (built on first use: jsonschema is imported only when needed)."""
    from jsonschema import FormatChecker  # noqa: PLC0415 - lazy, to keep import time low

    checker = FormatChecker(formats=())
    checker.checks("email")(is_email)
    checker.checks("uri")(is_uri)
    return checker


def _draft7(node: Any) -> Any:
    """The schema in draft-07 terms for fastjsonschema: ``dependentRequired`` is draft-07's ``dependencies``."""
    if isinstance(node, dict):
        out = {k: _draft7(v) for k, v in node.items() if k not in ("$schema", "dependentRequired", "examples")}
        if "dependentRequired" in node:
            out["dependencies"] = node["dependentRequired"]
        return out
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node


def compile_fast(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """A fastjsonschema validator for a 2020-12 component schema, with the SDK's own format checks."""
    import fastjsonschema  # noqa: PLC0415 - lazy, to keep import time low

    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#", **_draft7(schema)}
    compiled: Callable[[Any], Any] = fastjsonschema.compile(draft7, formats={"email": is_email, "uri": is_uri})
    return compiled


def fast_is_valid(validator: Callable[[Any], Any], instance: Any) -> bool:
    """True if the compiled validator accepts the instance. Any failure, its own or a crash on odd input (it is
    generated code), counts as "not known valid" and sends the payload to the reference validator."""
    try:
        validator(instance)
    except Exception:  # noqa: BLE001 - JsonSchemaValueException, or anything the generated code trips on
        return False
    return True


def reference_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """The reference (jsonschema, Draft 2020-12) validator of a schema, with the SDK's format checks: slower than
    the compiled one, but it reports every error with its path."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415 - lazy, to keep import time low

    return Draft202012Validator(schema, format_checker=format_checker())


@functools.cache
def validator_for(component: str, spec: SpecName = "frontpayment") -> Draft202012Validator:
    """The reference validator of one component schema of a spec, built once."""
    return reference_validator(component_schema(component, spec))


def schema_violations(instance: Any, component: str, spec: SpecName = "frontpayment") -> list[Violation]:
    """Every violation of the component's schema, by path."""
    return to_violations(validator_for(component, spec).iter_errors(instance))
