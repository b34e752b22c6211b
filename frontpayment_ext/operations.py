"""The table of operations: for each, the generated module that knows its method, URL and body, whether it creates
an order (and so must never be sent twice), the endpoint whose rules validate its payload, and how its success
body becomes a typed result. Adding an endpoint to the spec and regenerating, then adding a row here, is all an
operation needs."""

from __future__ import annotations

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

from .results import InvoiceNumber, InvoiceSession, OrderCreated, RawResponse


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


@attrs.frozen
class Operation:
    name: str
    module: ModuleType | None = attrs.field(repr=False)
    envelope: Any = attrs.field(repr=False)  # the generated model of the success body
    result: Callable[[Any, RawResponse], Any] = attrs.field(repr=False)
    endpoint: str | None = None  # the validator's endpoint name for the payload; None when there is no body
    creates_order: bool = False

    def kwargs(self, **args: Any) -> dict[str, Any]:
        """The request as httpx keyword arguments (method, url, json/params, headers), from the generated code."""
        if "payload" in args:
            args["body"] = _Prepared(args.pop("payload"))
        assert self.module is not None, "an operation without a generated module overrides kwargs()"
        result: dict[str, Any] = self.module._get_kwargs(**args)  # the generated request builder
        return result


SEND_INVOICE = Operation("send_invoice", send_invoice, OrderCreatedEnvelope, _order_created, "invoice", True)
SEND_EHF_INVOICE = Operation("send_ehf_invoice", send_ehf_invoice, OrderCreatedEnvelope, _order_created, "ehf", True)
CREATE_INVOICE_SESSION = Operation(
    "create_invoice_session", create_invoice_session, InvoiceSessionEnvelope, _session, "session", True
)
GET_INVOICE_NUMBER = Operation("get_invoice_number", get_invoice_number, InvoiceNumberEnvelope, _invoice_number)
