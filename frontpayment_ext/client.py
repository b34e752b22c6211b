"""``FrontpaymentClient`` and ``AsyncFrontpaymentClient``: the facades people use.

They sit on the generated ``frontpayment_client.AuthenticatedClient`` (which owns the httpx client) and take each
request's method, URL and body from the generated code; there is no second HTTP layer. Around that they add
configuration from arguments or the environment, validation before sending, retries that never duplicate an
order, and decoding into typed results and errors.

    with FrontpaymentClient() as client:          # FRONTPAYMENT_TOKEN from the environment, demo by default
        created = client.send_invoice(order)      # an Order builder or a raw dict payload
        print(created.order_uuid)
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Protocol, cast

import httpx

from ._auth import FrontpaymentAuthenticatedClient, HeaderAuth, check_secret
from ._wire import unencodable
from .batch import BatchSummary, Progress, send_batch
from .builders import Endpoint, Order
from .errors import ConfigurationError, FrontpaymentError, PayloadValidationError, RequestVetoedError
from .events import AuditEvent, Call
from .operations import (
    CREATE_INVOICE_SESSION,
    GET_INVOICE_NUMBER,
    SEND_EHF_INVOICE,
    SEND_INVOICE,
    Operation,
)
from .plugins import EntrypointChoice
from .ratelimit import RateLimiter
from .redaction import Redactor, Secret
from .responses import decode_envelope, status_error
from .results import InvoiceNumber, InvoiceSession, OrderCreated, RawResponse
from .transport import AsyncTransport, SyncTransport, TimeoutArg, Transport, finish_raw, raw_operation
from .validation import Clock, ExtraRule, number, utc_now, validate
from .violations import Violation

ENVIRONMENTS = {"demo": "https://demo-api.frontpayment.no", "production": "https://apigo.frontpayment.no"}
TOKEN_ENV, BASE_URL_ENV = "FRONTPAYMENT_TOKEN", "FRONTPAYMENT_BASE_URL"

Environment = Literal["demo", "production"]


class PayloadSource(Protocol):
    """Anything that can give the payload for an endpoint, such as ``builders.Order``."""

    def to_payload(self, endpoint: Endpoint, *, clock: Clock = ...) -> dict[str, Any]: ...


def resolve_base_url(base_url: str | None, environment: str) -> str:
    """The explicit base URL, else FRONTPAYMENT_BASE_URL, else the environment's host."""
    url = base_url or os.environ.get(BASE_URL_ENV)
    if url is None:
        if environment not in ENVIRONMENTS:
            raise ConfigurationError(f"unknown environment {environment!r}; expected demo or production")
        url = ENVIRONMENTS[environment]
    return url


def audit_event(call: Call, payload: Any) -> AuditEvent:
    """The ``attempt`` audit event of an order-creating call: its totals and reference, no personal data."""
    summary = payload.get("orderSummary") if isinstance(payload, Mapping) else None
    amounts = {}
    if isinstance(summary, Mapping):
        amounts = {k: n for k, v in summary.items() if (n := number(v)) is not None}
    reference = payload.get("referenceNo") if isinstance(payload, Mapping) else None
    return AuditEvent(
        time=datetime.datetime.now(datetime.UTC),
        call_id=call.id,
        operation=call.operation,
        outcome="attempt",
        reference_no=reference if isinstance(reference, str) else None,
        amounts=amounts,
    )


def _encode(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:f}" if value.is_finite() else str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def jsonable(value: Any) -> Any:
    """A new, JSON-only copy of a payload: Decimal values become exact numeric strings (JSON has no decimal type),
    tuples lists, mappings dicts. Done by a round trip through the C JSON codec, which is also a cheap check that
    the payload is JSON at all (TypeError if not; RecursionError if it is absurdly deep)."""
    return json.loads(json.dumps(value, default=_encode))


class _FrontpaymentBase(Transport):
    """What the sync and async Frontpayment clients share: configuration, validation, request and decoding.

    ``token`` and ``base_url`` default to ``FRONTPAYMENT_TOKEN`` and ``FRONTPAYMENT_BASE_URL``; ``environment``
    (``demo`` by default, or ``production``) picks the host when no base URL is given. ``http_client`` injects your
    own ``httpx.Client`` (``httpx.AsyncClient`` for the async client; its base URL is not used);
    ``default_headers`` go with every request. ``validate=False`` skips client-side validation (the server still
    validates). ``max_retries`` applies to safe reads and to POSTs that provably never left the machine.
    ``plugins`` registers plugin objects; ``load_entrypoints`` chooses the entry-point plugins (True, False or
    names; default ``FRONTPAYMENT_PLUGINS`` or all); ``redactor`` replaces the default redaction;
    ``rate_limiter`` paces requests (see ``RateLimiter``). ``deadline`` bounds each attempt as a whole (60 s by
    default; also per call), ``max_response_bytes`` the decoded size of a body (10 MB), ``max_retry_after`` the
    longest ``Retry-After`` the client waits for before retrying (60 s; a longer one raises at once).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        environment: Environment = "demo",
        base_url: str | None = None,
        timeout: TimeoutArg = None,
        max_retries: int = 2,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        validate: bool = True,
        vat_rates: Iterable[Decimal | int | str] | None = None,
        clock: Clock = utc_now,
        extra_rules: Iterable[ExtraRule] = (),
        default_headers: Mapping[str, str] | None = None,
        plugins: Iterable[object] = (),
        load_entrypoints: EntrypointChoice = None,
        redactor: Redactor | None = None,
        rate_limiter: RateLimiter | None = None,
        deadline: float | None = None,
        max_response_bytes: int | None = None,
        max_retry_after: float | None = None,
    ) -> None:
        token = token or os.environ.get(TOKEN_ENV)
        if not token:
            raise ConfigurationError(
                f"no Frontpayment token: pass token=... or set {TOKEN_ENV} (demo and production tokens differ)"
            )
        self._token = check_secret("Frontpayment token", token)  # before anything could echo it
        self._configure(
            base_url=resolve_base_url(base_url, environment),
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            plugins=plugins,
            load_entrypoints=load_entrypoints,
            redactor=redactor,
            secrets=[self._token.reveal()],
            rate_limiter=rate_limiter,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            max_retry_after=max_retry_after,
        )
        self.validate_payloads = validate
        self.vat_rates = None if vat_rates is None else tuple(vat_rates)
        self.clock = clock
        self.extra_rules = tuple(extra_rules)
        # The token goes on each request through HeaderAuth, never into a repr or the httpx client's headers.
        self.generated = FrontpaymentAuthenticatedClient(
            base_url=self.base_url,
            timeout=self.timeout,
            headers=self._client_headers({}),
            httpx_args={"auth": HeaderAuth({"Authorization": Secret(f"Bearer {self._token.reveal()}")})},
        )
        self._attach_http(self.generated, http_client)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def validate(self, payload: Any, endpoint: str) -> list[Violation]:
        """The violations ``send_*`` would refuse, with this client's VAT rates, clock and rules (plugins' too)."""
        rules = [*self.extra_rules, self.plugins.rules]
        return validate(payload, endpoint, vat_rates=self.vat_rates, clock=self.clock, extra_rules=rules)

    def _payload(self, op: Operation, call: Call, source: Any, validate: bool | None) -> dict[str, Any]:
        """The payload to send: built, shaped by plugins, validated. Raises before anything is sent."""
        endpoint: Endpoint = op.endpoint  # type: ignore[assignment]
        built = source.to_payload(endpoint, clock=self.clock) if hasattr(source, "to_payload") else source
        if not isinstance(built, Mapping):
            raise PayloadValidationError(
                [Violation("<root>", "must be a JSON object", "an object", type(built).__name__)], endpoint
            )
        # A builder's payload is fresh and JSON-only already; anything else is copied, so that plugins may amend it
        # while the caller's dict stays as it was.
        try:
            payload: dict[str, Any] = cast(dict[str, Any], built) if isinstance(source, Order) else jsonable(built)
        except (RecursionError, TypeError, ValueError) as exc:
            raise PayloadValidationError(
                [
                    Violation(
                        "<root>",
                        f"is not JSON ({type(exc).__name__}: {exc})"[:200],
                        "a JSON object",
                        type(built).__name__,
                    )
                ],
                endpoint,
            ) from None
        reason = self.plugins.prepare(call=call, payload=payload)
        if reason is not None:
            raise RequestVetoedError(reason)
        unwritable = unencodable(payload)  # checked even with validate=False: httpx could not encode it
        if self.validate_payloads if validate is None else validate:
            violations = [*unwritable, *self.validate(payload, endpoint)]
        else:
            violations = unwritable
        if violations:
            raise PayloadValidationError(violations, endpoint)
        return payload

    def _prepare(
        self, op: Operation, call: Call, source: Any, validate: bool | None, timeout: TimeoutArg, **path: Any
    ) -> tuple[dict[str, Any], AuditEvent | None]:
        """httpx keyword arguments for one call, and its audit event; nothing is sent if this raises."""
        payload: Any
        if op.endpoint is not None:
            payload = self._payload(op, call, source, validate)
            kwargs = op.kwargs(payload=payload)
        else:
            kwargs = op.kwargs(**path)
            payload = kwargs.get("json")
            if payload is not None:  # client.request(json=...): the same JSON copy and encodability check
                try:
                    payload = kwargs["json"] = jsonable(payload)
                except (RecursionError, TypeError, ValueError) as exc:
                    reason = f"is not JSON ({type(exc).__name__})"
                    raise PayloadValidationError([Violation("json", reason, "JSON", type(payload).__name__)]) from None
                if unwritable := unencodable(payload):
                    raise PayloadValidationError(unwritable)
        kwargs["url"] = self.base_url + kwargs["url"]
        self._per_request(kwargs, timeout, {"Authorization": f"Bearer {self._token.reveal()}"})
        audit = audit_event(call, payload) if op.creates_order else None
        if audit is not None:
            self.plugins.audit(audit)  # fails closed for a required audit plugin: nothing is sent
        return kwargs, audit

    def _finish(self, op: Operation, response: httpx.Response, elapsed: float) -> Any:
        if op.envelope is None:
            return finish_raw(op, response, elapsed, self.redactor)
        if 200 <= response.status_code < 300:
            model, raw = decode_envelope(
                response,
                op.envelope.from_dict,
                operation=op.name,
                elapsed=elapsed,
                required=op.required,
                outcome_unknown=op.creates_order,  # a 2xx it cannot read: the server may well have acted
            )
            return op.result(model, raw)
        raise status_error(response, operation=op.name, outcome_unknown=op.creates_order, redactor=self.redactor)


class FrontpaymentClient(SyncTransport, _FrontpaymentBase):
    """Synchronous client. Use as a context manager, or call ``close()``. Options: see ``_FrontpaymentBase``."""

    def send_invoice(
        self,
        order: Mapping[str, Any] | PayloadSource,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> OrderCreated:
        """Send Invoice: create an invoice order. Validated first; never sent twice (see ``OutcomeUnknownError``).
        The keyword options override the client's for this call."""
        result: OrderCreated = self._call(
            SEND_INVOICE, order, validate=validate, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result

    def send_ehf_invoice(
        self,
        order: Mapping[str, Any] | PayloadSource,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> OrderCreated:
        """Send EHF Invoice: create an order delivered as an EHF e-invoice to a corporate customer."""
        result: OrderCreated = self._call(
            SEND_EHF_INVOICE, order, validate=validate, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result

    def create_invoice_session(
        self,
        order: Mapping[str, Any] | PayloadSource,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> InvoiceSession:
        """Create Session for Invoice Order: the order, plus a BankID URL for a corporate customer."""
        result: InvoiceSession = self._call(
            CREATE_INVOICE_SESSION,
            order,
            validate=validate,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return result

    def get_invoice_number(
        self,
        order_uuid: str,
        *,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> InvoiceNumber:
        """The invoice number (None until invoiced) and status of an order. A safe read, retried on failure."""
        result: InvoiceNumber = self._call(
            GET_INVOICE_NUMBER, order_uuid=order_uuid, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> RawResponse:
        """Any other Frontpayment endpoint (``GET /api/v1/connect/orders/status``, ...) with the same auth,
        retries and typed errors; the result is the raw response. Any method but GET, HEAD and OPTIONS is treated
        as state-changing (never resent unless it provably never left)."""
        result: RawResponse = self._call(
            raw_operation(method, path, json), timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result


class AsyncFrontpaymentClient(AsyncTransport, _FrontpaymentBase):
    """Asynchronous client, the same as ``FrontpaymentClient`` with ``await``. Use ``async with``."""

    async def send_invoice(
        self,
        order: Mapping[str, Any] | PayloadSource,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> OrderCreated:
        """Send Invoice (see ``FrontpaymentClient.send_invoice``)."""
        result: OrderCreated = await self._call(
            SEND_INVOICE, order, validate=validate, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result

    async def send_ehf_invoice(
        self,
        order: Mapping[str, Any] | PayloadSource,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> OrderCreated:
        """Send EHF Invoice (see ``FrontpaymentClient.send_ehf_invoice``)."""
        result: OrderCreated = await self._call(
            SEND_EHF_INVOICE, order, validate=validate, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result

    async def create_invoice_session(
        self,
        order: Mapping[str, Any] | PayloadSource,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> InvoiceSession:
        """Create Session for Invoice Order (see ``FrontpaymentClient.create_invoice_session``)."""
        result: InvoiceSession = await self._call(
            CREATE_INVOICE_SESSION,
            order,
            validate=validate,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return result

    async def get_invoice_number(
        self,
        order_uuid: str,
        *,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> InvoiceNumber:
        """Invoice number and status of an order (see ``FrontpaymentClient.get_invoice_number``)."""
        result: InvoiceNumber = await self._call(
            GET_INVOICE_NUMBER, order_uuid=order_uuid, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result

    async def send_batch(
        self,
        source: str | Path,
        endpoint: str,
        *,
        journal: str | Path,
        concurrency: int = 8,
        skip_invalid: bool = False,
        retry_failed: bool = False,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> BatchSummary:
        """Send every order of a JSON Lines file once, resumably (see ``frontpayment_ext.batch``). Pace it by
        building the client with ``rate_limiter=RateLimiter()``."""
        return await send_batch(
            self,
            source,
            endpoint,
            journal=journal,
            concurrency=concurrency,
            skip_invalid=skip_invalid,
            retry_failed=retry_failed,
            on_progress=on_progress,
        )

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> RawResponse:
        """Any other Frontpayment endpoint (see ``FrontpaymentClient.request``)."""
        result: RawResponse = await self._call(
            raw_operation(method, path, json), timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result


__all__ = ["AsyncFrontpaymentClient", "FrontpaymentClient", "FrontpaymentError"]
