"""Can this be written on the wire at all? A lone surrogate (``"\\ud800"``) is a valid Python string but has no
UTF-8 form, so httpx would raise a bare ``UnicodeEncodeError`` while encoding the body, after the audit log already
recorded an attempt. These checks find every such string by its path before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from .violations import PathPart, Violation, format_path


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(text: str, limit: int = 40) -> str:
    """The text with its surrogates written as ``\\udXXX`` (printable anywhere), cut to ``limit`` characters."""
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return shown if len(shown) <= limit else shown[:limit] + "..."


def unencodable(payload: Any) -> list[Violation]:
    """A violation for every key or string value of a JSON-like payload that cannot be encoded as UTF-8.

    The common case, a payload with none, costs one C-speed encode of its JSON; only a payload that fails is
    walked to name the paths."""
    try:
        json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    except UnicodeEncodeError:
        pass
    except (TypeError, ValueError, RecursionError):  # not JSON: the validator or the encoder will say so
        return []
    else:
        return []
    found: list[Violation] = []
    stack: list[tuple[list[PathPart], Any]] = [([], payload)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            if not _encodable(node):
                found.append(_violation(path, node))
        elif isinstance(node, Mapping):
            for key, value in node.items():
                if isinstance(key, str) and not _encodable(key):
                    found.append(_violation([*path, _escaped(key)], key, what="key"))
                stack.append(([*path, key], value))
        elif isinstance(node, list | tuple):
            stack.extend(([*path, i], value) for i, value in enumerate(node))
    return sorted(found, key=lambda v: v.path)


def encoded_json(payload: Any, default: Callable[[Any], Any] | None = None) -> tuple[bytes | None, list[Violation]]:
    """The request body of a payload, encoded as httpx encodes ``json=`` (compact, UTF-8, no NaN), and the
    violations of the strings that cannot be encoded as UTF-8 (a lone surrogate; then the body is None). Raises
    TypeError, ValueError or RecursionError if the payload is not JSON."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=default)
    try:
        return text.encode("utf-8"), []
    except UnicodeEncodeError:
        return None, unencodable(payload)


def _violation(path: list[PathPart], text: str, *, what: str = "text") -> Violation:
    shown = [_escaped(p, 200) if isinstance(p, str) else p for p in path]
    return Violation(
        format_path(shown),
        f"{what} contains a lone surrogate, which cannot be encoded as UTF-8",
        "text that is valid Unicode",
        _escaped(text),
    )


def header_problem(name: str, value: str) -> str | None:
    """Why a header cannot be sent as given (httpx writes header values as ASCII), or None. Never echoes the value:
    a header may carry a secret."""
    if not isinstance(name, str) or not isinstance(value, str):
        return "must be a string"
    if not name.isascii() or not name.isprintable() or not name.strip() or ":" in name:
        return "has a name that is not a printable ASCII token"
    if not value.isascii():
        return "has a value that is not ASCII"
    if any((ch < " " and ch != "\t") or ch == "\x7f" for ch in value):
        return "has a value with a control character (CR or LF could inject a header)"
    return None
