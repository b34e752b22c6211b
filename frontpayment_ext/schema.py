"""JSON Schema validation of payloads against the spec's own component schemas.

Formats are checked with the SDK's own rules, the same everywhere: jsonschema's stock ``email`` check only looks
for an ``@`` and its ``uri`` check silently passes unless an optional package is installed.
"""

from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

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


FORMAT_CHECKER = FormatChecker(formats=())
FORMAT_CHECKER.checks("email")(is_email)
FORMAT_CHECKER.checks("uri")(is_uri)


@functools.cache
def validator_for(component: str, spec: SpecName = "frontpayment") -> Draft202012Validator:
    """A compiled-once validator for one component schema of a spec."""
    return Draft202012Validator(component_schema(component, spec), format_checker=FORMAT_CHECKER)


def schema_violations(instance: Any, component: str, spec: SpecName = "frontpayment") -> list[Violation]:
    """Every violation of the component's schema, by path."""
    return to_violations(validator_for(component, spec).iter_errors(instance))
