"""An operation over a generated request builder (Katsu Pay's, and ``client.request``), and the check every URL
parameter passes before anything is sent. Frontpayment's operations are generated from its spec into
``_surface.py`` (see ``_operation_spec.py``)."""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import attrs

from .errors import PayloadValidationError
from .results import RawResponse
from .violations import Violation

# Anything that could make a path parameter change the path once the server (or a proxy) decodes it: a separator,
# the start of a query or fragment, a percent escape (``%2e%2e``, ``%2f``), a control character, a lone surrogate.
_PATH_UNSAFE = re.compile(r"[/\\?#%\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# In a query value only what cannot be written, or could split the request, is refused.
_QUERY_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "..."


def parameter_violation(name: str, value: Any, *, in_path: bool) -> Violation | None:
    """Why ``value`` cannot be sent as the URL parameter ``name``, or None. A path parameter must stay one path
    segment: not empty, not ``.`` or ``..`` (dot segments that clients and servers resolve away), nothing that a
    decoder turns into a separator. Checked before anything is sent."""
    if isinstance(value, int) and not isinstance(value, bool):
        return None
    if not isinstance(value, str):
        return Violation(name, "must be a string", "a string", type(value).__name__)
    if not value.strip():
        return Violation(name, "must not be empty", "a non-empty identifier", value)
    if in_path and value.strip() in (".", ".."):
        return Violation(name, "is a dot segment that would change the request path", "an identifier", value)
    unsafe = (_PATH_UNSAFE if in_path else _QUERY_UNSAFE).search(value)
    if unsafe is not None:
        char = unsafe.group()
        what = "a lone surrogate" if "\ud800" <= char <= "\udfff" else f"the character {char!r}"
        where = "that would change the request path" if in_path else "that cannot be sent"
        expected = "an identifier without / \\ ? # % or control characters" if in_path else "printable text"
        return Violation(name, f"contains {what} {where}", expected, _shown(value))
    return None


@functools.cache
def _path_parameters(build: Callable[..., Any]) -> frozenset[str]:
    """The generated request builder's path parameters: openapi-python-client makes them positional and every
    query, header and body parameter keyword-only."""
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return frozenset(p.name for p in inspect.signature(build).parameters.values() if p.kind in kinds)


def check_parameters(args: Mapping[str, Any], path_names: frozenset[str]) -> None:
    """Raise ``PayloadValidationError`` naming every URL parameter of ``args`` that cannot be sent as it is."""
    found = [
        violation
        for name, value in args.items()
        if (violation := parameter_violation(name, value, in_path=name in path_names)) is not None
    ]
    if found:
        raise PayloadValidationError(found)


@attrs.frozen
class Operation:
    name: str
    module: ModuleType | None = attrs.field(repr=False)
    envelope: Any = attrs.field(repr=False)  # the generated model of the success body
    result: Callable[[Any, RawResponse], Any] = attrs.field(repr=False)
    endpoint: str | None = None  # the validator's endpoint name for the payload; None when there is no body
    creates_order: bool = False  # changes state on the server: never resent unless it provably never left

    def kwargs(self, **args: Any) -> dict[str, Any]:
        """The request as httpx keyword arguments (method, url, json/params, headers), from the generated code.
        Every URL parameter is checked first (``check_parameters``): a value that would change the path is
        refused, whichever operation it is for."""
        assert self.module is not None, "an operation without a generated module overrides kwargs()"
        build = self.module._get_kwargs  # the generated request builder
        if args:
            check_parameters(args, _path_parameters(build))
        result: dict[str, Any] = build(**args)
        return result
