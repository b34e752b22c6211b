"""JSON Schema validation of payloads against the spec's own component schemas.

Formats are checked with the SDK's own rules, the same everywhere: jsonschema's stock ``email`` check only looks
for an ``@`` and its ``uri`` check silently passes unless an optional package is installed.

Patterns are ECMA-262 regular expressions, as JSON Schema prescribes: ``$`` matches only at the very end of the
string. Python's ``$`` also matches before a final newline, so both validators (the compiled one does this itself)
read the spec's patterns through ``ecma_pattern``; the two paths then agree on ``"12345678901\n"``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .specs import SpecName, component_schema
from .violations import Violation, to_violations

# Laravel's default ``email`` rule is egulias' RFCValidation: an RFC 5322 addr-spec, with UTF-8 allowed (RFC 6532),
# so internationalised local parts and domains pass (ola@blåbær.no). Local part: a dot-atom or a quoted string;
# domain: dot-separated labels (a single label too, as RFCValidation allows) or an address literal in brackets.
_UTF8 = "\u0080-\U0010ffff"
_ATEXT = rf"[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~{_UTF8}-]"
_LOCAL = rf'(?:{_ATEXT}+(?:\.{_ATEXT}+)*|"(?:[^"\\\r\n]|\\.)*")'
_LABEL = rf"[A-Za-z0-9{_UTF8}](?:[A-Za-z0-9{_UTF8}-]*[A-Za-z0-9{_UTF8}])?"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[^\[\]\\\s]+\])"
EMAIL_PATTERN = rf"{_LOCAL}@{_DOMAIN}"
_EMAIL = re.compile(EMAIL_PATTERN)
_DOLLAR = re.compile(r"(?<!\\)\$")  # an unescaped $, as fastjsonschema finds it


def is_email(value: object) -> bool:
    return not isinstance(value, str) or _EMAIL.fullmatch(value) is not None


def ecma_pattern(pattern: str) -> str:
    """A spec pattern for Python's ``re`` with ECMA-262's ``$`` (the very end), as fastjsonschema compiles it."""
    return _DOLLAR.sub(r"\\Z", pattern)


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
    checker.checks("idn-email")(is_email)
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
    compiled: Callable[[Any], Any] = fastjsonschema.compile(
        draft7, formats={"email": is_email, "idn-email": is_email, "uri": is_uri}
    )
    return compiled


def fast_is_valid(validator: Callable[[Any], Any], instance: Any) -> bool:
    """True if the compiled validator accepts the instance. Any failure, its own or a crash on odd input (it is
    generated code), counts as "not known valid" and sends the payload to the reference validator."""
    try:
        validator(instance)
    except Exception:  # noqa: BLE001 - JsonSchemaValueException, or anything the generated code trips on
        return False
    return True


@functools.cache
def _reference_class() -> Any:
    """Draft 2020-12 with ECMA-262 patterns (see ``ecma_pattern``); everything else is jsonschema's own."""
    from jsonschema import Draft202012Validator, ValidationError, validators  # noqa: PLC0415 - lazy

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and not re.search(ecma_pattern(patrn), instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    extend: Any = validators.extend  # untyped in jsonschema's stubs
    return extend(Draft202012Validator, {"pattern": pattern})


def reference_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """The reference (jsonschema, Draft 2020-12) validator of a schema, with the SDK's format checks: slower than
    the compiled one, but it reports every error with its path."""
    validator: Draft202012Validator = _reference_class()(schema, format_checker=format_checker())
    return validator


@functools.cache
def validator_for(component: str, spec: SpecName = "frontpayment") -> Draft202012Validator:
    """The reference validator of one component schema of a spec, built once."""
    return reference_validator(component_schema(component, spec))


def schema_violations(instance: Any, component: str, spec: SpecName = "frontpayment") -> list[Violation]:
    """Every violation of the component's schema, by path."""
    return to_violations(validator_for(component, spec).iter_errors(instance))
