"""``FrontpaymentClient`` and ``AsyncFrontpaymentClient``: the facades people use.

They sit on the generated ``_generated.frontpayment_client.AuthenticatedClient`` (which owns the httpx client); the
methods, results and operation table come from the spec (``_surface.py``). Around that they add
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
from typing import TYPE_CHECKING, Any, Literal, Protocol, Self, cast

import httpx

from ._auth import FrontpaymentAuthenticatedClient, HeaderAuth, check_secret
from ._operation_spec import OperationSpec, check_options, checked_headers, finish_spec
from ._surface import AsyncFrontpaymentMethods, FrontpaymentMethods
from ._wire import encoded_json, unencodable
from .builders import Endpoint, Order
from .errors import ConfigurationError, FrontpaymentError, PayloadValidationError, RequestVetoedError
from .events import AuditEvent, Call
from .operations import parameter_violation
from .plugins import EntrypointChoice
from .ratelimit import RateLimiter
from .redaction import Redactor, Secret
from .results import RawResponse
from .transport import AnyOperation, AsyncTransport, SyncTransport, TimeoutArg, Transport, finish_raw, raw_operation
from .validation import Clock, ExtraRule, number, utc_now, validate
from .violations import Violation

if TYPE_CHECKING:  # the batch job (asyncio, hashlib, sqlite3) is imported when a batch is sent
    from .batch import BatchSummary, Progress

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


def audit_event(call: Call, payload: Any, order_uuid: Any = None, *, amounts: bool = True) -> AuditEvent:
    """The ``attempt`` audit event of a call that changes state: the order it acts on (a cancel's or refund's path
    parameter), the money it moves (an order's summary, a refund's ``grandTotal``) and the caller's reference; no
    personal data."""
    summary = payload.get("orderSummary") if isinstance(payload, Mapping) and amounts else None
    moved = {}  # read only when a plugin records the event (``amounts``): the reference is needed anyway
    if isinstance(summary, Mapping):
        moved = {k: n for k, v in summary.items() if (n := number(v)) is not None}
    elif amounts and isinstance(payload, Mapping) and (total := number(payload.get("grandTotal"))) is not None:
        moved = {"grandTotal": total}
    reference = payload.get("referenceNo") if isinstance(payload, Mapping) else None
    return AuditEvent(
        time=datetime.datetime.now(datetime.UTC),
        call_id=call.id,
        operation=call.operation,
        outcome="attempt",
        reference_no=reference if isinstance(reference, str) else None,
        amounts=moved,
        order_uuid=order_uuid if isinstance(order_uuid, str) else None,
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
    """What the sync and async Frontpayment clients share: configuration, validation, request and decoding. The
    constructor's parameters are documented on ``__init__``, which both public clients inherit."""

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
        """A client for one Frontpayment token. Every option but ``token`` is keyword-only.

        :param token: the API token; default ``FRONTPAYMENT_TOKEN`` (demo and production tokens differ).
        :param environment: ``"demo"`` (the default) or ``"production"``: the host, when no base URL is given.
        :param base_url: the API's base URL; default ``FRONTPAYMENT_BASE_URL``, else the environment's host.
        :param timeout: seconds (for reading; connecting takes at most 5) or an ``httpx.Timeout``; default 5 s to
            connect and 30 s to read. Also per call.
        :param max_retries: retries of safe reads and of state-changing calls that provably never left the machine
            (default 2; also per call). A state-changing call that may have reached the server is never resent.
        :param http_client: your own ``httpx.Client`` (``httpx.AsyncClient`` for the async client), for proxies,
            certificates or transports; its base URL is not used. Closing the SDK client closes it.
        :param validate: False skips client-side validation (the server still validates); also per call.
        :param vat_rates: the VAT rates your merchant account accepts, if not the ones the spec allows.
        :param clock: today's date for the rule that a session's ``orderDate`` is today or later (for tests).
        :param extra_rules: validation rules of your own, run after the spec's and the SDK's.
        :param default_headers: headers sent with every request; a ``User-Agent`` among them replaces the SDK's
            (``frontpayment-sdk/<version> python/<version> httpx/<version>``).
        :param plugins: plugin objects or modules to register (see the plugin guide).
        :param load_entrypoints: which entry-point plugins to load: True for all, False for none, or their names;
            default ``FRONTPAYMENT_PLUGINS``, else none (plugins are opt-in).
        :param redactor: replaces the default redaction of logs, errors and hook arguments.
        :param rate_limiter: paces requests (see ``RateLimiter``); share one between clients of one token.
        :param deadline: the most seconds one attempt may take as a whole, waiting and reading included (default
            60; also per call).
        :param max_response_bytes: the largest decoded body read (default 10 MB); a larger one is an error.
        :param max_retry_after: the longest ``Retry-After`` waited for before retrying (default 60 s); a longer
            one raises ``RateLimitError`` at once.
        :raises ConfigurationError: no token, or an option that cannot work.
        """
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

    def with_options(
        self,
        *,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
        max_retry_after: float | None = None,
        validate: bool | None = None,
    ) -> Self:
        """A copy of this client with some options changed, sharing its connection pool (see
        ``Transport.with_options``); ``validate`` too. Closing the copy leaves the pool open."""
        clone = super().with_options(
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            deadline=deadline,
            max_retry_after=max_retry_after,
        )
        if validate is not None:
            clone.validate_payloads = validate
        return clone

    def validate(self, payload: Any, endpoint: str) -> list[Violation]:
        """The violations ``send_*`` would refuse, with this client's VAT rates, clock and rules (plugins' too)."""
        rules = [*self.extra_rules, self.plugins.rules]
        return validate(payload, endpoint, vat_rates=self.vat_rates, clock=self.clock, extra_rules=rules)

    def _payload(
        self, op: OperationSpec, call: Call, source: Any, validate: bool | None, *, encode: bool = False
    ) -> tuple[dict[str, Any], bytes | None]:
        """The payload to send, built, shaped by plugins and validated, and (with ``encode``) its JSON body, encoded
        once: the bytes httpx sends. Raises before anything is sent."""
        endpoint: Endpoint = op.endpoint  # type: ignore[assignment]
        built = source.to_payload(endpoint, clock=self.clock) if hasattr(source, "to_payload") else source
        if not isinstance(built, Mapping):
            raise PayloadValidationError(
                [Violation("<root>", "must be a JSON object", "an object", type(built).__name__)], endpoint
            )
        validating = endpoint is not None and (self.validate_payloads if validate is None else validate)
        # A builder's payload is fresh and JSON-only already; anything else is copied, so that plugins may amend it
        # while the caller's dict stays as it was, and validation sees it as JSON (a Decimal as its string). When
        # neither happens, the caller's payload is only encoded (Decimals as exact strings all the same).
        copied = not isinstance(source, Order) and (validating or not encode or self.plugins.amends_payloads)
        try:
            payload: dict[str, Any] = jsonable(built) if copied else cast(dict[str, Any], built)
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
        body: bytes | None = None
        not_json: Exception | None = None
        if encode:
            try:  # the one encoding, which is also the check that it can be encoded (even with validate=False)
                body, unwritable = encoded_json(payload, default=_encode)
            except (RecursionError, TypeError, ValueError) as exc:
                unwritable, not_json = [], exc
        else:
            unwritable = unencodable(payload)  # checked even with validate=False: httpx could not encode it
        violations = [*unwritable, *self.validate(payload, endpoint)] if validating else unwritable
        if not violations and not_json is not None:
            reason = f"is not JSON ({type(not_json).__name__}: {not_json})"[:200]
            violations = [Violation("<root>", reason, "a JSON object", type(built).__name__)]
        if violations:
            raise PayloadValidationError(violations, endpoint)
        return payload, body

    def _prepare(
        self, op: AnyOperation, call: Call, source: Any, validate: bool | None, timeout: TimeoutArg, **path: Any
    ) -> tuple[dict[str, Any], AuditEvent | None]:
        """httpx keyword arguments for one call, and its audit event; nothing is sent if this raises."""
        payload: Any
        if isinstance(op, OperationSpec):
            kwargs, payload = self._spec_request(op, call, source, validate, **path)
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
        target = (path.get("params") or {}).get("order_uuid") if isinstance(op, OperationSpec) else None
        audit = audit_event(call, payload, target, amounts=self.plugins.records_audit) if op.creates_order else None
        if audit is not None:
            self.plugins.audit(audit)  # fails closed for a required audit plugin: nothing is sent
        return kwargs, audit

    def _spec_request(
        self, op: OperationSpec, call: Call, source: Any, validate: bool | None, **options: Any
    ) -> tuple[dict[str, Any], Any]:
        """The request of an operation of the spec: its URL from the checked parameters, its body built, amended by
        plugins and validated, the caller's extra headers. A misspelt option is a TypeError, not ignored."""
        params: Mapping[str, Any] = options.pop("params", None) or {}
        extra_headers: Mapping[str, str] | None = options.pop("extra_headers", None)
        check_options(options)
        problems = [
            violation
            for names, in_path in ((op.path_params, True), (op.query_params, False))
            for python_name, _ in names
            if (params.get(python_name) is not None or in_path)
            and (violation := parameter_violation(python_name, params.get(python_name), in_path=in_path)) is not None
        ]
        if problems:
            raise PayloadValidationError(problems)
        kwargs: dict[str, Any] = {"method": op.method, "url": op.url(params)}
        if query := op.query(params):
            kwargs["params"] = query
        if extra_headers:
            kwargs["headers"] = checked_headers(extra_headers)
        payload = None
        if op.body is not None or op.body_fields or source is not None:
            payload, body = self._payload(op, call, source, validate, encode=True)
            kwargs["content"] = body  # encoded once; httpx would encode the payload again
            headers = kwargs.setdefault("headers", {})
            if not any(name.lower() == "content-type" for name in headers):
                headers["Content-Type"] = "application/json"
        return kwargs, payload

    def _finish(self, op: AnyOperation, response: httpx.Response, elapsed: float) -> Any:
        if isinstance(op, OperationSpec):
            return finish_spec(op, response, elapsed, self.redactor)
        return finish_raw(op, response, elapsed, self.redactor)  # client.request: every other operation is the spec's


class FrontpaymentClient(SyncTransport, _FrontpaymentBase, FrontpaymentMethods):
    """Synchronous client: every operation of the spec as a method (``client.send_invoice``,
    ``client.get_order_status``) and grouped by resource (``client.orders.status``), over one connection pool.
    Use it as a context manager, or call ``close()``. Its parameters are listed under ``__init__`` below
    (``help(FrontpaymentClient.__init__)``); ``with_options(...)`` gives a copy with other options on the same
    pool."""

    def invoke(self, operation: OperationSpec, *args: Any, **kwargs: Any) -> Any:
        """Call an operation from the table (``frontpayment_ext._surface.OPERATIONS``) by its spec, as its method
        would be called: what the CLI and generic tools use; prefer the typed methods in code."""
        source, params, options = operation.bind(args, kwargs)
        return self._call(operation, source, params=params, **options)

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
            raw_operation(method, path, json, self.redactor),
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return result


class AsyncFrontpaymentClient(AsyncTransport, _FrontpaymentBase, AsyncFrontpaymentMethods):
    """Asynchronous client, the same as ``FrontpaymentClient`` with ``await``, over one ``httpx.AsyncClient``
    pool. Use ``async with``, or ``await client.aclose()``. Its parameters are listed under ``__init__`` below, as
    for ``FrontpaymentClient``."""

    async def invoke(self, operation: OperationSpec, *args: Any, **kwargs: Any) -> Any:
        """Call an operation from the table by its spec (see ``FrontpaymentClient.invoke``)."""
        source, params, options = operation.bind(args, kwargs)
        return await self._call(operation, source, params=params, **options)

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
        from .batch import send_batch  # noqa: PLC0415 - lazy, to keep import time low

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
            raw_operation(method, path, json, self.redactor),
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        return result


__all__ = ["AsyncFrontpaymentClient", "FrontpaymentClient", "FrontpaymentError"]
