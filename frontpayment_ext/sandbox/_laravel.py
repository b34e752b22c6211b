"""The server's own words for a rejected payload: SDK violations rewritten as Laravel 9 validation messages.

The real server answers 417 with sentences such as ``The products.0.rate field is required.`` and
``The customer details.email must be a valid email address.`` (``shared/peer``): the attribute is the dotted path
with each camelCase segment split into lower-case words, and the sentence is Laravel's for the rule that failed. A
user's error handling is tested against these, so the sandbox writes them the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from frontpayment_ext.violations import Violation

_PART = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _numeric_pattern(message: str) -> bool:
    """Whether a pattern message is about the spec's ``Numeric`` (digits, with a fraction or an exponent)."""
    return "[0-9]" in message and ("^-?[0-9]+" in message or "[eE]" in message)


def path_parts(path: str) -> list[str]:
    """``products[0].rate`` -> ``["products", "0", "rate"]``; ``products["0"].rate`` the same."""
    parts: list[str] = []
    for match in _PART.finditer(path):
        name, index, quoted = match.groups()
        parts.append(name if name is not None else index if index is not None else str(json.loads(quoted)))
    return parts


def attribute(path: str) -> str:
    """Laravel's display name of a field: ``customerDetails.personalNumber`` -> ``customer details.personal number``
    (``Str::snake`` of each segment, underscores as spaces)."""
    return ".".join(_CAMEL.sub("_", part).lower().replace("_", " ") for part in path_parts(path))


def _type_sentence(expected: str) -> str:
    kinds = set(expected.replace(" or ", " ").split())
    kinds.discard("null")
    if "number" in kinds or ("integer" in kinds and "string" in kinds):
        return "must be a number."
    if kinds == {"integer"}:
        return "must be an integer."
    if kinds == {"boolean"}:
        return "field must be true or false."
    if kinds & {"object", "array"}:
        return "must be an array."
    return "must be a string."


def sentence(violation: Violation) -> str:
    """One violation as the server would word it."""
    attr = attribute(violation.path) if violation.path != "<root>" else "payload"
    message = violation.message
    if message in ("is required", "must not be empty"):
        return f"The {attr} field is required."
    if message.startswith("is required when ") and message.endswith(" is set"):
        others = message.removeprefix("is required when ").removesuffix(" is set")
        return f"The {attr} field is required when {', '.join(attribute(o) for o in others.split(', '))} is present."
    if message.startswith("must be of type "):
        return f"The {attr} {_type_sentence(message.removeprefix('must be of type '))}"
    if message.startswith("does not match the pattern"):
        if _numeric_pattern(message):
            return f"The {attr} must be a number."
        if attr == "order date":
            return "The order date does not match the format d M, Y."
        return f"The {attr} format is invalid."
    if message == "is not a valid email":
        return f"The {attr} must be a valid email address."
    if message in ("is not a valid uri", "is not a valid url"):
        return f"The {attr} must be a valid URL."
    if message.startswith(("must be one of", 'must be "')):
        return f"The selected {attr} is invalid."
    if message.startswith("must be at most ") and message.endswith(" characters"):
        return f"The {attr} must not be greater than {message.split()[4]} characters."
    if message.startswith("must be at least ") and message.endswith(" characters"):
        return f"The {attr} must be at least {message.split()[4]} characters."
    if message == "does not match any allowed form":
        return f"The {attr} format is invalid."
    if message.startswith("must be today or later"):
        return f"The {attr} must be a date after or equal to today."
    return f"The {attr} {message}."


def sentences(violations: Iterable[Violation]) -> list[str]:
    """Every violation as a Laravel message, in order, each once."""
    return list(dict.fromkeys(sentence(v) for v in violations))
