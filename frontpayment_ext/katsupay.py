"""``KatsuPayClient`` and ``AsyncKatsuPayClient``: Katsu Pay's Get Invoice by ID over the generated katsupay_client.

Katsu Pay documents no host, so the base URL is required (argument or ``KATSUPAY_BASE_URL``). Its page contradicts
itself on auth, so all three forms work: none, a bearer token, or a bearer token plus an ``apiKey`` header.
``succeeded: false`` is an error even with HTTP 200.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import httpx

from ._auth import HeaderAuth, KatsuPayAuthenticatedClient, check_secret
from ._generated.katsupay_client import Client
from ._generated.katsupay_client.api.invoices import get_invoice
from ._generated.katsupay_client.models import GetInvoiceResponse, Invoice
from ._generated.katsupay_client.types import Unset
from .errors import ConfigurationError, MalformedResponseError, UnsuccessfulResponseError
from .events import AuditEvent, Call
from .operations import Operation
from .plugins import EntrypointChoice
from .ratelimit import RateLimiter
from .redaction import Redactor, Secret
from .responses import build_model, decode_object, raw, status_error
from .results import KatsuInvoice, RawResponse
from .transport import AnyOperation, AsyncTransport, SyncTransport, TimeoutArg, Transport

BASE_URL_ENV, TOKEN_ENV, API_KEY_ENV = "KATSUPAY_BASE_URL", "KATSUPAY_TOKEN", "KATSUPAY_API_KEY"

GET_INVOICE = Operation("katsupay.get_invoice", get_invoice, GetInvoiceResponse, lambda model, raw: model)


def _opt(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value)) if isinstance(value, int) else None


def _invoice(model: GetInvoiceResponse, body: dict[str, Any], response_raw: RawResponse) -> KatsuInvoice:
    data = model.data
    if not isinstance(data, Invoice):
        # The generated parser hands back the raw value when `data` is not a valid Invoice (e.g. no `id`).
        raise MalformedResponseError(
            "succeeded without a valid `data` invoice", status_code=response_raw.status_code, body=response_raw.content
        )
    wire = body["data"]  # amounts from the body's own digits (parsed as Decimal), not the model's float

    def when(value: Any) -> datetime.datetime | None:
        value = _opt(value)
        return value if isinstance(value, datetime.datetime) else None

    return KatsuInvoice(
        id=str(data.id),
        invoice_id=_opt(data.invoice_id),
        counter_party_name=_opt(data.counter_party_name),
        account_name=_opt(data.account_name),
        due_date=when(data.due_date),
        currency=_opt(data.currency),
        discount_type=_opt(data.discount_type),
        description=_opt(data.description),
        billing_cycle=_opt(data.billing_cycle),
        recuring_invoice=_opt(data.recuring_invoice),
        payment_option=_opt(data.payment_option),
        user_id=None if _opt(data.user_id) is None else str(data.user_id),
        amount=_decimal(wire.get("amount")),
        notifications=_opt(data.notifications),
        paid_amount=_decimal(wire.get("paidAmount")),
        created=when(data.created),
        invoice_status=_opt(data.invoice_status),
        before_due_date=_opt(data.before_due_date),
        after_due_date=_opt(data.after_due_date),
        on_due_date=_opt(data.on_due_date),
        message=_opt(model.message),
        raw=response_raw,
    )


class _KatsuBase(Transport):
    """What the sync and async Katsu Pay clients share. The constructor's parameters are documented on
    ``__init__``, which both public clients inherit."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        token: str | None = None,
        api_key: str | None = None,
        timeout: TimeoutArg = None,
        max_retries: int = 2,
        http_client: httpx.Client | httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        plugins: Iterable[object] = (),
        load_entrypoints: EntrypointChoice = None,
        redactor: Redactor | None = None,
        rate_limiter: RateLimiter | None = None,
        deadline: float | None = None,
        max_response_bytes: int | None = None,
        max_retry_after: float | None = None,
    ) -> None:
        """A client for one Katsu Pay account. Every option but ``base_url`` is keyword-only.

        :param base_url: the API's base URL, required (Katsu Pay documents no host); default ``KATSUPAY_BASE_URL``.
        :param token: a bearer token, optional; default ``KATSUPAY_TOKEN``.
        :param api_key: an ``apiKey`` header sent with the token, optional; default ``KATSUPAY_API_KEY``.
        :param timeout: seconds or an ``httpx.Timeout``, as for ``FrontpaymentClient``; also per call.
        :param max_retries: retries of the (safe) reads, default 2; also per call.
        :param http_client: your own ``httpx.Client`` (``httpx.AsyncClient`` for the async client).
        :param default_headers: headers sent with every request; a ``User-Agent`` among them replaces the SDK's.
        :param plugins: plugin objects or modules to register.
        :param load_entrypoints: which entry-point plugins to load (True, False or names; default
            ``FRONTPAYMENT_PLUGINS``, else none).
        :param redactor: replaces the default redaction.
        :param rate_limiter: paces requests (see ``RateLimiter``).
        :param deadline: the most seconds one attempt may take as a whole (default 60; also per call).
        :param max_response_bytes: the largest decoded body read (default 10 MB).
        :param max_retry_after: the longest ``Retry-After`` waited for before retrying (default 60 s).
        :raises ConfigurationError: no base URL, an ``apiKey`` without a token, or an option that cannot work.
        """
        url = base_url or os.environ.get(BASE_URL_ENV)
        if not url:
            raise ConfigurationError(f"Katsu Pay documents no host: pass base_url=... or set {BASE_URL_ENV}")
        token, api_key = token or os.environ.get(TOKEN_ENV), api_key or os.environ.get(API_KEY_ENV)
        # Checked before anything could echo them; held only in Secret boxes (masked repr) from here on.
        self._token = check_secret("Katsu Pay token", token) if token else None
        self._api_key = check_secret("Katsu Pay apiKey", api_key) if api_key else None
        if self._api_key and not self._token:
            raise ConfigurationError("an apiKey is sent together with a bearer token: pass token=... as well")
        self._configure(
            base_url=url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            plugins=plugins,
            load_entrypoints=load_entrypoints,
            redactor=redactor,
            secrets=[secret.reveal() for secret in (self._token, self._api_key) if secret],
            rate_limiter=rate_limiter,
            deadline=deadline,
            max_response_bytes=max_response_bytes,
            max_retry_after=max_retry_after,
        )
        self.generated = self._generated(http_client)

    @property
    def auth(self) -> str:
        """``none``, ``bearer`` or ``bearer+apiKey``."""
        return "bearer+apiKey" if self._api_key else "bearer" if self._token else "none"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth={self.auth!r})"

    def _secret_headers(self) -> dict[str, Secret]:
        auth = {"Authorization": Secret(f"Bearer {self._token.reveal()}")} if self._token else {}
        return auth | ({"apiKey": self._api_key} if self._api_key else {})

    def _auth(self) -> dict[str, str]:
        return {name: secret.reveal() for name, secret in self._secret_headers().items()}

    def _generated(self, http_client: httpx.Client | httpx.AsyncClient | None) -> Client | KatsuPayAuthenticatedClient:
        generated: Client | KatsuPayAuthenticatedClient
        if self._token:  # the secrets go on each request through HeaderAuth, never into a repr or default headers
            generated = KatsuPayAuthenticatedClient(
                base_url=self.base_url,
                timeout=self.timeout,
                headers=self._client_headers({}),
                httpx_args={"auth": HeaderAuth(self._secret_headers())},
            )
        else:
            generated = Client(base_url=self.base_url, timeout=self.timeout, headers=self._client_headers({}))
        self._attach_http(generated, http_client)
        return generated

    def _prepare(
        self, op: AnyOperation, call: Call, source: Any, validate: bool | None, timeout: TimeoutArg, **path: Any
    ) -> tuple[dict[str, Any], AuditEvent | None]:
        """A read: httpx keyword arguments and no audit event."""
        assert isinstance(op, Operation), "Katsu Pay's operations are generated-builder operations"
        kwargs = op.kwargs(**path)
        kwargs["url"] = self.base_url + kwargs["url"]
        self._per_request(kwargs, timeout, self._auth())
        return kwargs, None

    def _finish(self, op: AnyOperation, response: httpx.Response, elapsed: float) -> KatsuInvoice:
        if not 200 <= response.status_code < 300:
            raise status_error(response, operation=op.name, redactor=self.redactor)
        body = decode_object(response, operation=op.name)
        model = build_model(response, GetInvoiceResponse.from_dict, body, operation=op.name)
        if model.succeeded is not True:
            message = _opt(model.message) or "succeeded: false"
            raise UnsuccessfulResponseError(
                status_code=response.status_code,
                message=message,
                errors=_opt(model.errors),
                redactor=self.redactor,
                response=response,
                operation=op.name,
            )
        return _invoice(model, body, raw(response, body, model, elapsed))


class KatsuPayClient(SyncTransport, _KatsuBase):
    """Synchronous Katsu Pay client over one connection pool. Use it as a context manager, or call ``close()``.
    Its parameters are listed under ``__init__`` below; ``with_options(...)`` gives a copy on the same pool."""

    def get_invoice(
        self,
        invoice_id: str,
        *,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> KatsuInvoice:
        """One invoice by its identifier. A safe read, retried on failure. An empty identifier, or one with control
        characters or lone surrogates, is refused before anything is sent (``PayloadValidationError``)."""
        result: KatsuInvoice = self._call(
            GET_INVOICE, invoice_id=invoice_id, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result


class AsyncKatsuPayClient(AsyncTransport, _KatsuBase):
    """Asynchronous Katsu Pay client, the same as ``KatsuPayClient`` with ``await``. Use ``async with``. Its
    parameters are listed under ``__init__`` below."""

    async def get_invoice(
        self,
        invoice_id: str,
        *,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> KatsuInvoice:
        """One invoice by its identifier (see ``KatsuPayClient.get_invoice``)."""
        result: KatsuInvoice = await self._call(
            GET_INVOICE, invoice_id=invoice_id, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return result
