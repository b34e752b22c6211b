"""The table of operations: for each, the generated module that knows its method, URL and body, whether it creates
an order (and so must never be sent twice), the endpoint whose rules validate its payload, and how its success
body becomes a typed result. Adding an endpoint to the spec and regenerating, then adding a row here, is all an
operation needs."""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import attrs
from frontpayment_client.api.invoices import (
    create_invoice_session,
    get_invoice_number,
    send_ehf_invoice,
    send_invoice,
)
from frontpayment_client.models import InvoiceNumberEnvelope, InvoiceSessionEnvelope, OrderCreatedEnvelope
from frontpayment_client.types import Unset

from .errors import PayloadValidationError
from .results import InvoiceNumber, InvoiceSession, OrderCreated, RawResponse
from .violations import Violation


def _opt(value: Any) -> Any:
    """None for the generator's UNSET marker (never test UNSET for truthiness: it is falsy like 0)."""
    return None if isinstance(value, Unset) else value


def _order_created(model: OrderCreatedEnvelope, raw: RawResponse) -> OrderCreated:
    return OrderCreated(model.data.uuid, model.data.customer_uuid, model.message, raw)


def _session(model: InvoiceSessionEnvelope, raw: RawResponse) -> InvoiceSession:
    data = model.data
    return InvoiceSession(data.order_uuid, data.customer_uuid, _opt(data.bank_id_url), model.message, raw)


def _invoice_number(model: InvoiceNumberEnvelope, raw: RawResponse) -> InvoiceNumber:
    data = model.data
    return InvoiceNumber(data.order_uuid, data.invoice_number, data.status, model.message, raw)


@attrs.frozen
class _Prepared:
    """A payload that is already the wire JSON, in the shape the generated request builder expects of a model.

    The generated ``_get_kwargs`` decides method, URL, content type and where the body goes, and only calls
    ``body.to_dict()``. Passing the validated dict through this adapter sends exactly what was validated: no
    round trip through the generated model, which would reorder keys and raise on payloads the caller chose not to
    validate.
    """

    payload: Mapping[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.payload)


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
    required: tuple[str, ...] = ()  # ``data`` fields a success must carry as non-empty strings (the order id)

    def kwargs(self, **args: Any) -> dict[str, Any]:
        """The request as httpx keyword arguments (method, url, json/params, headers), from the generated code.
        Every URL parameter is checked first (``check_parameters``): a value that would change the path is
        refused, whichever operation it is for."""
        payload = args.pop("payload", None)
        assert self.module is not None, "an operation without a generated module overrides kwargs()"
        build = self.module._get_kwargs  # the generated request builder
        if args:
            check_parameters(args, _path_parameters(build))
        if payload is not None:
            args["body"] = _Prepared(payload)
        result: dict[str, Any] = build(**args)
        return result


_CREATED = ("uuid",)  # the order id; customerUuid need only be present, as the generated model requires
SEND_INVOICE = Operation(
    "send_invoice", send_invoice, OrderCreatedEnvelope, _order_created, "invoice", True, required=_CREATED
)
SEND_EHF_INVOICE = Operation(
    "send_ehf_invoice", send_ehf_invoice, OrderCreatedEnvelope, _order_created, "ehf", True, required=_CREATED
)
CREATE_INVOICE_SESSION = Operation(
    "create_invoice_session",
    create_invoice_session,
    InvoiceSessionEnvelope,
    _session,
    "session",
    True,
    required=("orderUuid",),
)
GET_INVOICE_NUMBER = Operation("get_invoice_number", get_invoice_number, InvoiceNumberEnvelope, _invoice_number)
