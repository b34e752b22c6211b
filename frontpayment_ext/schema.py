"""JSON Schema validation of payloads against the spec's own component schemas: one compiled validator.

The schemas are compiled once by jsonschema-rs (Draft 2020-12), which answers "valid?" in microseconds and, for a
payload that is not, reports every error with its path; ``violations.py`` turns those errors into what users see.

Formats are checked with the SDK's own rules, the same everywhere: ``email`` and ``idn-email`` as Laravel's
``email`` rule reads an address, ``uri`` as an absolute URI. Every other format the specs name (``uuid``,
``date-time``) is an annotation only, as Draft 2020-12 has it by default.

Patterns are ECMA-262 regular expressions, as JSON Schema prescribes, and jsonschema-rs evaluates them so: ``$``
matches only at the very end of the string (never before a final newline, as Python's does), ``\\x0B`` and
``\\uXXXX`` escapes and ``\\d``/``\\w`` are ECMA's (``tests/test_validation.py`` pins this on the spec's own
patterns). The few patterns the SDK also evaluates in Python go through ``ecma_pattern``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .specs import SpecName, component_schema
from .violations import Violation, to_violations

if TYPE_CHECKING:
    import jsonschema_rs

# Laravel's default ``email`` rule is egulias' RFCValidation: an RFC 5322 addr-spec, with UTF-8 allowed (RFC 6532),
# so internationalised local parts and domains pass (ola@blåbær.no). Local part: a dot-atom or a quoted string;
# domain: dot-separated labels (a single label too, as RFCValidation allows) or an address literal in brackets.
_UTF8 = "\u0080-\U0010ffff"
_ATEXT = rf"[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~{_UTF8}-]"
_LOCAL = rf'(?:{_ATEXT}+(?:\.{_ATEXT}+)*|"(?:[^"\\\r\n]|\\.)*")'
_LABEL = rf"[A-Za-z0-9{_UTF8}](?:[A-Za-z0-9{_UTF8}-]*[A-Za-z0-9{_UTF8}])?"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[^\[\]\\\s]+\])"
EMAIL_PATTERN = rf"{_LOCAL}@{_DOMAIN}"
_DOLLAR = re.compile(r"(?<!\\)\$")  # an unescaped $


@functools.cache
def _email() -> re.Pattern[str]:
    return re.compile(EMAIL_PATTERN)  # compiled on first use: its Unicode classes take 20 ms to compile


def is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _is_email(value) if len(value) <= _CACHED else _email().fullmatch(value) is not None


def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return _is_uri(value) if len(value) <= _CACHED else _uri(value)


def _uri(value: str) -> bool:
    if _SPACE.search(value):  # \s in a str pattern is exactly str.isspace
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc) and parts.scheme.isascii() and parts.scheme.isalpha()


# A client sends the same callback URLs and often the same addresses: their answers are kept (bounded in entries
# and in the length of what is kept; strings are immutable).
_CACHED = 256
_SPACE = re.compile(r"\s")
_is_uri = functools.lru_cache(maxsize=1024)(_uri)
_is_email = functools.lru_cache(maxsize=1024)(lambda value: _email().fullmatch(value) is not None)


def _unchecked(value: object) -> bool:
    return True


FORMATS: dict[str, Callable[[object], bool]] = {"email": is_email, "idn-email": is_email, "uri": is_uri}


def ecma_pattern(pattern: str) -> str:
    """A spec pattern for Python's ``re`` with ECMA-262's ``$`` (the very end of the string)."""
    return _DOLLAR.sub(r"\\Z", pattern)


def _formats_in(node: Any, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            found.add(node["format"])
        for value in node.values():
            _formats_in(value, found)
    elif isinstance(node, list):
        for value in node:
            _formats_in(value, found)
    return found


def compile_schema(schema: dict[str, Any]) -> jsonschema_rs.Validator:
    """The compiled Draft 2020-12 validator of a schema, with the SDK's format checks and no others."""
    import jsonschema_rs  # noqa: PLC0415 - lazy: importing the SDK compiles nothing

    formats = {name: FORMATS.get(name, _unchecked) for name in _formats_in(schema, set())}
    return jsonschema_rs.Draft202012Validator(schema, formats=formats, validate_formats=True)


class SchemaValidator:
    """A compiled schema with the schema document beside it (error reports read rule values from it)."""

    __slots__ = ("is_valid", "schema", "validator")

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.validator = compile_schema(schema)
        self.is_valid: Callable[[Any], bool] = self.validator.is_valid

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        return self.validator.iter_errors(instance)

    def violations(self, instance: Any) -> list[Violation]:
        """Every violation of the schema in ``instance`` (JSON-like, as jsonschema-rs reads it), by path."""
        return to_violations(self.validator.iter_errors(instance), self.schema, instance)


@functools.cache
def validator_for(component: str, spec: SpecName = "frontpayment") -> SchemaValidator:
    """The compiled validator of one component schema of a spec, built once."""
    return SchemaValidator(component_schema(component, spec))


def schema_violations(instance: Any, component: str, spec: SpecName = "frontpayment") -> list[Violation]:
    """Every violation of the component's schema, by path."""
    return validator_for(component, spec).violations(instance)
