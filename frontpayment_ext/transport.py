"""The send loop every client shares: prepare, send through the generated client's httpx client, retry by the
policy, decode, and tell the plugins at each step.

A client class mixes in ``SyncTransport`` or ``AsyncTransport`` and provides ``generated`` (the generated client),
``plugins`` (its ``PluginHost``), ``redactor``, ``_prepare(op, call, source, validate, timeout, **path)`` (httpx
keyword arguments and the audit event to record, if the operation changes state) and ``_finish(op, response,
elapsed)`` (a result, or raise). The two loops are the only code that differs between sync and async.
"""

from __future__ import annotations

import asyncio
import datetime
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, ClassVar

import attrs
import httpx

from .errors import ConfigurationError, FrontpaymentError
from .events import AuditEvent, Call, Exchange
from .operations import Operation
from .plugins import EntrypointChoice, PluginHost
from .ratelimit import RateLimit, RateLimiter, parse_retry_after
from .redaction import DEFAULT_REDACTOR, MASK, Redactor
from .responses import decode_json, raw, status_error
from .results import RawResponse
from .retries import RetryPolicy, connection_error

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
TimeoutArg = float | httpx.Timeout | None


def timeout_of(value: TimeoutArg) -> httpx.Timeout:
    """A timeout from seconds (read; connect at most 5 s) or an ``httpx.Timeout``; None gives the default."""
    if value is None:
        return DEFAULT_TIMEOUT
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value, connect=min(value, 5.0))


@attrs.frozen
class _RawOperation(Operation):
    method: str = "GET"
    path: str = "/"
    json: Any = None

    def kwargs(self, **args: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"method": self.method, "url": self.path}
        if self.json is not None:
            kwargs["json"] = self.json
        return kwargs


def raw_operation(method: str, path: str, json: Any = None) -> Operation:
    """An operation for an endpoint the spec does not cover yet; a POST counts as order-creating."""
    method = method.upper()
    return _RawOperation(
        f"{method} {path}",
        None,
        None,
        lambda model, raw: raw,
        creates_order=method == "POST",
        method=method,
        path=path,
        json=json,
    )


def finish_raw(op: Operation, response: httpx.Response, elapsed: float, redactor: Redactor) -> RawResponse:
    """The result of ``client.request``: the raw response, or the typed error for its status."""
    if 200 <= response.status_code < 300:
        return raw(response, decode_json(response), None, elapsed)
    raise status_error(response, operation=op.name, outcome_unknown=op.creates_order, redactor=redactor)


def safe_url(kwargs: dict[str, Any], redactor: Redactor) -> str:
    """The request URL with the values of sensitive query parameters masked."""
    if not kwargs.get("params") and "?" not in kwargs["url"]:
        return str(kwargs["url"])
    url = httpx.URL(kwargs["url"], params=kwargs.get("params"))
    params = [(k, MASK if redactor.is_sensitive(k) else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params) if params else url)


def checked_base_url(url: str) -> str:
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(f"base URL must be an http(s) URL with a host, got {url!r}")
    return url.rstrip("/")


class Transport:
    """Configuration, retry decisions and plugin notifications shared by every client and both loops."""

    base_url: str
    timeout: httpx.Timeout
    retry_policy: RetryPolicy
    default_headers: dict[str, str]
    generated: Any
    plugins: PluginHost
    redactor: Redactor
    rate_limiter: RateLimiter | None
    asynchronous: ClassVar[bool] = False
    _injected_http: bool = False

    def _attach_http(self, generated: Any, http_client: httpx.Client | httpx.AsyncClient | None) -> None:
        """Hand an injected httpx client to the generated client, checking it is the kind this client needs."""
        self._injected_http = http_client is not None
        if http_client is None:
            return
        wanted = httpx.AsyncClient if self.asynchronous else httpx.Client
        if not isinstance(http_client, wanted):
            raise ConfigurationError(
                f"{type(self).__name__} needs an {wanted.__name__} as http_client, not {type(http_client).__name__}"
            )
        if self.asynchronous:
            generated.set_async_httpx_client(http_client)
        else:
            generated.set_httpx_client(http_client)

    def _configure(
        self,
        *,
        base_url: str,
        timeout: TimeoutArg,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        plugins: Iterable[object],
        load_entrypoints: EntrypointChoice,
        redactor: Redactor | None,
        secrets: Iterable[str | None],
        rate_limiter: RateLimiter | None,
    ) -> None:
        self.base_url = checked_base_url(base_url)
        self.timeout = timeout_of(timeout)
        self.retry_policy = RetryPolicy(max_retries=max_retries)
        self.default_headers = dict(default_headers or {})
        self.redactor = (redactor or DEFAULT_REDACTOR).with_secrets(secrets)
        self.plugins = PluginHost(plugins, load_entrypoints=load_entrypoints)
        self.rate_limiter = rate_limiter

    def _prepare(
        self, op: Operation, call: Call, source: Any, validate: bool | None, timeout: TimeoutArg, **path: Any
    ) -> tuple[dict[str, Any], AuditEvent | None]:
        raise NotImplementedError

    def _finish(self, op: Operation, response: httpx.Response, elapsed: float) -> Any:
        raise NotImplementedError

    def _policy(self, max_retries: int | None) -> RetryPolicy:
        if max_retries is None:
            return self.retry_policy
        return attrs.evolve(self.retry_policy, max_retries=max_retries)

    def _delay_after_exception(
        self, op: Operation, exc: httpx.TransportError, attempt: int, policy: RetryPolicy, reference_no: str | None
    ) -> float:
        """Seconds to wait before retrying, or raise the SDK's error for this failure."""
        if policy.retry_exception(exc, creates_order=op.creates_order, attempt=attempt):
            return policy.delay(attempt)
        raise connection_error(
            exc, operation=op.name, creates_order=op.creates_order, reference_no=reference_no
        ) from exc

    def _delay_after_status(
        self, op: Operation, response: httpx.Response, attempt: int, policy: RetryPolicy
    ) -> float | None:
        """Seconds to wait before retrying this status, or None to stop and decode it."""
        if policy.retry_status(response.status_code, creates_order=op.creates_order, attempt=attempt):
            return policy.delay(attempt, parse_retry_after(response.headers))
        return None

    def _client_headers(self, auth: Mapping[str, str]) -> dict[str, str]:
        """Headers the SDK-built httpx client carries on every request (so no request repeats them)."""
        return {**self.default_headers, "Accept": "application/json", **auth}

    def _per_request(self, kwargs: dict[str, Any], timeout: TimeoutArg, auth: Mapping[str, str]) -> None:
        """Add headers and timeout to one request, only where its httpx client does not carry them already: an
        injected client knows neither the SDK's auth and headers nor its default timeout."""
        if self._injected_http:
            kwargs["headers"] = {**kwargs.get("headers", {}), **self._client_headers(auth)}
        if timeout is not None:
            kwargs["timeout"] = timeout_of(timeout)
        elif self._injected_http:
            kwargs["timeout"] = self.timeout

    def _pace(self) -> float:
        """Seconds to wait for the rate limiter's next slot (0 without a limiter)."""
        return 0.0 if self.rate_limiter is None else self.rate_limiter.reserve()

    def _exchanged(
        self,
        call: Call,
        attempt: int,
        kwargs: dict[str, Any],
        *,
        response: httpx.Response | None = None,
        error: Exception | None = None,
        elapsed: float,
    ) -> None:
        if response is not None and self.rate_limiter is not None:
            self.rate_limiter.observe(RateLimit.from_headers(response.headers))
        if not self.plugins.wants("frontpayment_after_exchange"):
            return
        headers = {} if response is None else self.redactor.headers(response.headers.multi_items())
        self.plugins.observe(
            "frontpayment_after_exchange",
            exchange=Exchange(
                call,
                attempt,
                kwargs["method"].upper(),
                safe_url(kwargs, self.redactor),
                None if response is None else response.status_code,
                elapsed,
                headers,
                None if response is None else RateLimit.from_headers(response.headers).remaining,
                None if error is None else type(error).__name__,
                request_json=kwargs.get("json"),
                response_content=b"" if response is None else response.content,
                redactor=self.redactor,
            ),
        )

    def _succeeded(self, call: Call, audit: AuditEvent | None, result: Any) -> None:
        if audit is not None:
            self.plugins.audit(
                attrs.evolve(
                    audit,
                    time=datetime.datetime.now(datetime.UTC),
                    outcome="success",
                    order_uuid=getattr(result, "order_uuid", None),
                    customer_uuid=getattr(result, "customer_uuid", None),
                    status=getattr(getattr(result, "raw", result), "status_code", None),
                )
            )
        self.plugins.observe("frontpayment_operation_finished", call=call, result=result, error=None)

    def _failed(self, call: Call, audit: AuditEvent | None, error: FrontpaymentError, started: bool) -> None:
        if audit is not None:
            self.plugins.audit(
                attrs.evolve(
                    audit,
                    time=datetime.datetime.now(datetime.UTC),
                    outcome="unknown" if error.outcome_unknown else "failed",
                    status=getattr(error, "status_code", None),
                    error=f"{type(error).__name__}: {error}",
                )
            )
        self.plugins.observe("frontpayment_on_error", call=call, error=error)
        if started:
            self.plugins.observe("frontpayment_operation_finished", call=call, result=None, error=error)


class SyncTransport(Transport):
    sleep: Callable[[float], None] = staticmethod(time.sleep)

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.generated.get_httpx_client().close()

    def _call(
        self,
        op: Operation,
        source: Any = None,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        **path: Any,
    ) -> Any:
        call = Call(op.name, op.endpoint, op.creates_order, type(self).__name__)
        audit: AuditEvent | None = None
        started = False
        try:
            kwargs, audit = self._prepare(op, call, source, validate, timeout, **path)
            self.plugins.observe("frontpayment_operation_started", call=call)
            started = True
            http, policy, attempt = self.generated.get_httpx_client(), self._policy(max_retries), 0
            while True:
                if (wait := self._pace()) > 0:
                    self.sleep(wait)
                began = time.perf_counter()
                try:
                    response = http.request(**kwargs)
                except httpx.TransportError as exc:
                    self._exchanged(call, attempt, kwargs, error=exc, elapsed=time.perf_counter() - began)
                    self.sleep(
                        self._delay_after_exception(
                            op, exc, attempt, policy, None if audit is None else audit.reference_no
                        )
                    )
                else:
                    elapsed = time.perf_counter() - began
                    self._exchanged(call, attempt, kwargs, response=response, elapsed=elapsed)
                    delay = self._delay_after_status(op, response, attempt, policy)
                    if delay is None:
                        result = self._finish(op, response, elapsed)
                        break
                    self.sleep(delay)
                attempt += 1
        except FrontpaymentError as error:
            self._failed(call, audit, error, started)
            raise
        self._succeeded(call, audit, result)
        return result


class AsyncTransport(Transport):
    asynchronous = True
    sleep: Callable[[float], Awaitable[None]] = staticmethod(asyncio.sleep)

    async def __aenter__(self) -> Any:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self.generated.get_async_httpx_client().aclose()

    async def _call(
        self,
        op: Operation,
        source: Any = None,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        **path: Any,
    ) -> Any:
        call = Call(op.name, op.endpoint, op.creates_order, type(self).__name__)
        audit: AuditEvent | None = None
        started = False
        try:
            kwargs, audit = self._prepare(op, call, source, validate, timeout, **path)
            self.plugins.observe("frontpayment_operation_started", call=call)
            started = True
            http, policy, attempt = self.generated.get_async_httpx_client(), self._policy(max_retries), 0
            while True:
                if (wait := self._pace()) > 0:
                    await self.sleep(wait)
                began = time.perf_counter()
                try:
                    response = await http.request(**kwargs)
                except httpx.TransportError as exc:
                    self._exchanged(call, attempt, kwargs, error=exc, elapsed=time.perf_counter() - began)
                    await self.sleep(
                        self._delay_after_exception(
                            op, exc, attempt, policy, None if audit is None else audit.reference_no
                        )
                    )
                else:
                    elapsed = time.perf_counter() - began
                    self._exchanged(call, attempt, kwargs, response=response, elapsed=elapsed)
                    delay = self._delay_after_status(op, response, attempt, policy)
                    if delay is None:
                        result = self._finish(op, response, elapsed)
                        break
                    await self.sleep(delay)
                attempt += 1
        except FrontpaymentError as error:
            self._failed(call, audit, error, started)
            raise
        self._succeeded(call, audit, result)
        return result
