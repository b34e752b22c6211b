"""One operation of the spec, as the SDK needs it: how to build its request, how to read its answer, and the SDK's
policy for it (does it change state, which rules validate its body, which CLI verb runs it).

Instances are generated into ``_surface.py`` from the spec's paths and their ``x-sdk`` entries (the one
declarative place per operation), so no hand-written code knows an operation by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Protocol, TypedDict
from urllib.parse import quote

import attrs
import httpx

from ._models import Model, ShapeError, decode
from ._wire import header_problem
from .errors import MalformedResponseError, PayloadValidationError
from .redaction import Redactor
from .responses import decode_json, malformed, raw, status_error
from .violations import Violation

ResultKind = Literal["object", "list", "none"]


class PayloadSource(Protocol):
    """Anything that can give the body for an endpoint, such as ``builders.Order``."""

    def to_payload(self, endpoint: Any, *, clock: Any = ...) -> dict[str, Any]: ...


class RequestOptions(TypedDict, total=False):
    """Per-call options every operation takes, by keyword. Unknown names are refused (by mypy, and at run time).

    ``timeout``: seconds (or an ``httpx.Timeout``) for this call; ``max_retries``: retries of a safe read (a call
    that changes state is resent only if it provably never left); ``validate``: False skips client-side validation;
    ``extra_headers``: headers added to this request; ``deadline``: seconds one attempt may take in all, however
    slowly the server trickles its answer.
    """

    timeout: float | httpx.Timeout | None
    max_retries: int | None
    validate: bool | None
    extra_headers: Mapping[str, str] | None
    deadline: float | None


OPTION_NAMES = frozenset(RequestOptions.__annotations__)


def check_options(options: Mapping[str, Any]) -> None:
    """Refuse a misspelt option (``timout=3``) instead of silently ignoring it."""
    unknown = sorted(set(options) - OPTION_NAMES)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; expected some of {', '.join(sorted(OPTION_NAMES))}")


@attrs.frozen
class OperationSpec:
    """An operation: ``name`` is its operationId (and the client's flat method name)."""

    name: str
    method: str
    path: str
    summary: str
    result: type[Model]
    result_kind: ResultKind
    path_params: tuple[tuple[str, str], ...] = ()  # (python name, wire name)
    query_params: tuple[tuple[str, str], ...] = ()
    body: str | None = None  # the validator's endpoint name for the request body; None when there is no body
    body_fields: tuple[tuple[str, str], ...] = ()  # a flat body's fields as keyword parameters (python, wire)
    changes_state: bool = False
    empty_on_404: bool = False
    success: frozenset[int] = frozenset({200})
    cli: tuple[str, ...] = ()
    cli_fields: tuple[tuple[str, str], ...] = ()  # CLI option -> body field, for a flat body

    @property
    def creates_order(self) -> bool:
        """Kept for the transport and plugins: true for every call that changes state, not only order creation."""
        return self.changes_state

    @property
    def endpoint(self) -> str | None:
        return self.body

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, dict[str, Any], dict[str, Any]]:
        """(body, URL parameters, options) from a call written as its generated method would take it: the path
        parameters positionally, then the body; query parameters and a flat body's fields by keyword."""
        names = [python_name for python_name, _ in self.path_params]
        if len(args) < len(names) or len(args) > len(names) + 1:
            raise TypeError(f"{self.name} takes {', '.join(names) or 'no path parameters'} and at most a body")
        params: dict[str, Any] = dict(zip(names, args, strict=False))
        source = args[len(names)] if len(args) > len(names) else None
        for python_name, _ in self.query_params:
            if python_name in kwargs:
                params[python_name] = kwargs.pop(python_name)
        if self.body_fields:
            fields = {wire: kwargs.pop(py) for py, wire in self.body_fields if py in kwargs}
            source = {wire: value for wire, value in fields.items() if value is not None}
        return source, params, kwargs

    def url(self, params: Mapping[str, Any]) -> str:
        """The path with its parameters filled in; each is one path segment, percent-encoded."""
        path = self.path
        for python_name, wire in self.path_params:
            path = path.replace("{" + wire + "}", quote(str(params[python_name]), safe=""))
        return path

    def query(self, params: Mapping[str, Any]) -> dict[str, str]:
        return {wire: str(params[py]) for py, wire in self.query_params if params.get(py) is not None}

    def read(self, body: Any, **extra: Any) -> Any:
        """The typed result from a decoded 2xx body; ``ShapeError`` names what is wrong."""
        if not isinstance(body, Mapping):
            raise ShapeError("<body>", "an envelope object", body)
        message = body.get("message")
        extra["message"] = message if isinstance(message, str) else ""
        build: Any = self.result  # a generated class; its fields are the keywords
        if self.result_kind == "none":
            return build(**extra)
        data = body.get("data")
        if self.result_kind == "list":
            item = self.result.item_model()  # type: ignore[attr-defined]
            if not isinstance(data, list):
                raise ShapeError("data", "a list", data)
            items = tuple(decode(item, entry, f"data[{i}]") for i, entry in enumerate(data))
            return build(items=items, **extra)
        return decode(self.result, data, "data", **extra)

    def empty(self, **extra: Any) -> Any:
        """The empty result a 404 means for a list operation (``empty_on_404``)."""
        build: Any = self.result
        return build(items=(), **extra)


def checked_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """A call's ``extra_headers``, refused (before anything is sent) if one could not be written or could inject
    another header; the message never shows the value, which may be a secret."""
    problems = [
        Violation(f"extra_headers.{name}", problem, "a printable ASCII header", "[not shown]")
        for name, value in headers.items()
        if (problem := header_problem(name, value)) is not None
    ]
    if problems:
        raise PayloadValidationError(problems)
    return dict(headers)


_PLAIN_SUCCESS = frozenset({200, 201, 202})


def envelope_problem(op: OperationSpec, status: int, body: Any) -> str | None:
    """Why a 2xx body is not a success the SDK can report, or None: an error envelope sent with a 2xx
    (``is_error: true``, or a ``status_code`` outside 2xx), or, for a call that changes state, a 2xx the operation
    does not document (a 203 or 299 from something in between). Such an answer is never read as "done"."""
    if not isinstance(body, Mapping):
        return None  # the shape check says what is wrong
    if body.get("is_error") is True:
        return f"an error envelope in a {status} answer (is_error: true, message {str(body.get('message'))[:80]!r})"
    code = body.get("status_code")
    if isinstance(code, int) and not isinstance(code, bool) and not 200 <= code < 300:
        return f"an error envelope in a {status} answer (status_code {code})"
    if op.changes_state and status not in op.success | _PLAIN_SUCCESS:
        return f"HTTP {status}, which {op.name} does not document as a success"
    return None


def finish_spec(op: OperationSpec, response: httpx.Response, elapsed: float, redactor: Redactor) -> Any:
    """The typed result of an answer, or the typed error. A 2xx the SDK cannot read is ``MalformedResponseError``
    naming what is wrong; for a call that changes state its outcome is unknown (the server may well have acted)."""
    status = response.status_code
    if 200 <= status < 300:
        body = decode_json(response, operation=op.name, outcome_unknown=op.changes_state)
        if (problem := envelope_problem(op, status, body)) is not None:
            raise malformed(response, problem, operation=op.name, outcome_unknown=op.changes_state)
        try:
            return op.read(body, raw=raw(response, body, None, elapsed))
        except ShapeError as exc:
            error = malformed(response, str(exc), operation=op.name, outcome_unknown=op.changes_state)
            data = body.get("data") if isinstance(body, Mapping) else None
            uuid = data.get("uuid") or data.get("orderUuid") if isinstance(data, Mapping) else None
            if isinstance(uuid, str) and uuid.strip():
                error.order_uuid = uuid  # the order it names, though the rest is unreadable: look that one up
            raise error from None
    if status == 404 and op.empty_on_404:
        try:
            body = decode_json(response, operation=op.name)
        except MalformedResponseError:  # a 404 that is no envelope: the status error below, not an empty list
            body = None
        if isinstance(body, Mapping):
            message = body.get("message")
            return op.empty(message=message if isinstance(message, str) else "", raw=raw(response, body, None, elapsed))
    raise status_error(response, operation=op.name, outcome_unknown=op.changes_state, redactor=redactor)


class ListResult(Model):
    """A result that is a sequence: iterate it, ``len()`` it, index it."""

    items: tuple[Any, ...]

    @classmethod
    def item_model(cls) -> type[Model]:
        raise NotImplementedError

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> Any:
        return self.items[index]


class Resource:
    """A group of operations hung off a client (``client.orders``), as openai-python's resources are."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {type(self._client).__name__}>"
