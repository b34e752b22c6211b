"""The send loop every client shares: prepare, send through the generated client's httpx client, retry by the
policy, decode, and tell the plugins at each step.

A client class mixes in ``SyncTransport`` or ``AsyncTransport`` and provides ``generated`` (the generated client),
``plugins`` (its ``PluginHost``), ``redactor``, ``_prepare(op, call, source, validate, timeout, **path)`` (httpx
keyword arguments and the audit event to record, if the operation changes state) and ``_finish(op, response,
elapsed)`` (a result, or raise). The two loops are the only code that differs between sync and async.

Each attempt has a total deadline (``deadline=``, 60 s by default) besides httpx's per-read timeouts, so a server
that trickles a byte every half second cannot hold a call for minutes, and a body is read only up to
``max_response_bytes`` once decoded (10 MB by default), so a small gzip bomb cannot take the process's memory.
Async: the attempt runs under ``asyncio.timeout``. Sync: every socket read of a connection the client opened is
given at most the time left (through httpcore's ``trace`` extension, which hands over each new network stream),
and the deadline is checked between body chunks.
"""

from __future__ import annotations

import contextvars
import copy
import datetime
import json
import platform
import re
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, ClassVar, Self

import attrs
import httpx

from ._bodies import BodyTooLarge, BodyUndecodable, DeadlinePassed, aread_body, read_body
from ._operation_spec import OperationSpec
from ._version import __version__
from ._wire import header_problem
from .errors import (
    CallInterruptedError,
    ConfigurationError,
    FrontpaymentError,
    MalformedResponseError,
    PayloadValidationError,
    ResponseTooLargeError,
)
from .events import AuditEvent, Call, Exchange
from .operations import Operation, parameter_violation
from .plugins import EntrypointChoice, PluginHost
from .ratelimit import RateLimit, RateLimiter, parse_retry_after
from .redaction import DEFAULT_REDACTOR, MASK, Redactor, mask_request_headers
from .responses import decode_json, raw, status_error
from .results import RawResponse
from .retries import DEFAULT_MAX_RETRY_AFTER, RetryPolicy, connection_error, never_sent
from .violations import Violation

# What the send loop needs of an operation (name, endpoint, creates_order): one of the spec's, or a raw one.
AnyOperation = Operation | OperationSpec
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
DEFAULT_DEADLINE = 60.0
DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
# What every request says it comes from, as stripe-python and openai-python do; ``default_headers`` may replace it.
USER_AGENT = f"frontpayment-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
TimeoutArg = float | httpx.Timeout | None


class DeadlineExceeded(httpx.ReadTimeout):
    """An attempt's total deadline passed after the request began to be written, while the SDK waited for or read
    the answer. A timeout like httpx's read timeout: a read is retried, a state-changing call has an unknown
    outcome."""


class DeadlineBeforeSending(httpx.ConnectTimeout):
    """An attempt's total deadline passed before any byte of the request was written (connecting, or waiting for
    a pooled connection): like a connect timeout, it provably never left."""


# The deadline (time.monotonic) of the attempt running in this thread or task; read by the sockets' read wrapper.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("frontpayment_deadline", default=None)


def _within_deadline(read: Callable[..., bytes]) -> Callable[..., bytes]:
    def read_before_deadline(max_bytes: int, timeout: float | None = None) -> bytes:
        deadline = _DEADLINE.get()
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                import httpcore  # noqa: PLC0415 - lazy: only a passed deadline needs it

                raise httpcore.ReadTimeout("the attempt's deadline passed")
            timeout = left if timeout is None else min(timeout, left)
        return read(max_bytes, timeout)

    return read_before_deadline


_NEW_STREAM = ("connection.connect_tcp.complete", "connection.start_tls.complete", "connection.connect_unix_socket")


def _bound(stream: Any) -> None:
    """Give a network stream the client opened a read that respects the running attempt's deadline."""
    read = getattr(stream, "read", None)
    if read is not None and not getattr(stream, "_frontpayment_deadline", False):
        try:
            stream.read = _within_deadline(read)
            stream._frontpayment_deadline = True
        except AttributeError:  # a stream that takes no attributes: the per-chunk check still applies
            pass


class _Progress:
    """How far one attempt got, from httpcore's ``trace`` extension: whether any byte of the request may have
    been written, so whether a deadline or a cancellation means "never left" or "outcome unknown". Only a transport
    seen tracing (a new connection being opened) can prove that nothing left: a transport that ignores the extension
    (a mock, a cassette, a reused connection still waited for) is taken to have sent."""

    def __init__(self) -> None:
        self.traced = False
        self.sending = False

    def trace(self, event: str, info: dict[str, Any]) -> None:
        self.traced = True
        if event.endswith("send_request_headers.started"):
            self.sending = True
        elif event.startswith(_NEW_STREAM):
            _bound(info.get("return_value"))

    async def atrace(self, event: str, info: dict[str, Any]) -> None:
        self.traced = True
        if event.endswith("send_request_headers.started"):
            self.sending = True

    @property
    def never_left(self) -> bool:
        return self.traced and not self.sending

    def deadline_error(self, seconds: float) -> httpx.TimeoutException:
        message = f"deadline of {seconds:g} s exceeded"
        return DeadlineBeforeSending(message) if self.never_left else DeadlineExceeded(message)


def timeout_of(value: TimeoutArg) -> httpx.Timeout:
    """A timeout from seconds (read; connect at most 5 s) or an ``httpx.Timeout``; None gives the default."""
    if value is None:
        return DEFAULT_TIMEOUT
    return value if isinstance(value, httpx.Timeout) else httpx.Timeout(value, connect=min(value, 5.0))


def _positive(name: str, value: float | None, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ConfigurationError(f"{name} must be a positive number of seconds, got {value!r}")
    return float(value)


def _clamped(timeout: httpx.Timeout, deadline: float) -> httpx.Timeout:
    """No single wait longer than the whole attempt may take."""
    parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if all(p is not None and p <= deadline for p in parts):
        return timeout
    c, r, w, p = (deadline if t is None else min(t, deadline) for t in parts)
    return httpx.Timeout(connect=c, read=r, write=w, pool=p)


_DOT_SEGMENT = re.compile(r"(?:^|/)\.{1,2}(?:/|$)")


def raw_path_violation(path: str) -> Violation | None:
    """Why ``client.request``'s path cannot be sent as given: it is the caller's own path, so separators are fine,
    but not dot segments (``/orders/../x``), control characters or lone surrogates."""
    if not isinstance(path, str) or not path.startswith("/"):
        return Violation("path", "must be a path starting with /", "/api/...", type(path).__name__)
    problem = parameter_violation("path", path, in_path=False)
    if problem is not None:
        return problem
    if _DOT_SEGMENT.search(path.split("?", 1)[0]):
        return Violation("path", "contains a dot segment that would change the request path", "a plain path", path)
    return None


@attrs.frozen
class _RawOperation(Operation):
    method: str = "GET"
    path: str = "/"
    json: Any = None

    def kwargs(self, **args: Any) -> dict[str, Any]:
        problem = raw_path_violation(self.path)  # checked in _prepare: refused before anything is sent
        if problem is not None:
            raise PayloadValidationError([problem])
        kwargs: dict[str, Any] = {"method": self.method, "url": self.path}
        if self.json is not None:
            kwargs["json"] = self.json
        return kwargs


_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def raw_operation(method: str, path: str, json: Any = None, redactor: Redactor = DEFAULT_REDACTOR) -> Operation:
    """An operation for an endpoint the spec does not cover yet. Anything but GET, HEAD and OPTIONS counts as
    state-changing (cancel, refund and resend are POSTs): never resent unless it provably never left. The path is
    checked before anything is sent (``PayloadValidationError`` naming ``path``)."""
    method = str(method).upper()
    # The operation's name goes into error messages, log lines and audit records: the path redacted (a personal
    # number or a secret in it is masked), its query left out (its values can be anything).
    route, _, query = path.partition("?")
    label = f"{method} {redactor.text(route)}{' ?...' if query else ''}"
    return _RawOperation(
        label,
        None,
        None,
        lambda model, raw: raw,
        creates_order=method not in _SAFE_METHODS,
        method=method,
        path=path,
        json=json,
    )


def finish_raw(op: AnyOperation, response: httpx.Response, elapsed: float, redactor: Redactor) -> RawResponse:
    """The result of ``client.request``: the raw response, or the typed error for its status."""
    if 200 <= response.status_code < 300:
        body = decode_json(response, operation=op.name, outcome_unknown=op.creates_order)
        return raw(response, body, None, elapsed)
    raise status_error(response, operation=op.name, outcome_unknown=op.creates_order, redactor=redactor)


def safe_url(kwargs: dict[str, Any], redactor: Redactor) -> str:
    """The request URL as logs, spans and plugins may show it: the values of sensitive query parameters masked, and
    then the whole URL redacted as text (the client's own secrets, personal and phone numbers, e-mail addresses in
    the path or under any other name)."""
    if not kwargs.get("params") and "?" not in kwargs["url"]:
        return redactor.text(str(kwargs["url"]))
    url = httpx.URL(kwargs["url"])  # not URL(url, params=None): that drops a query written in the path
    if kwargs.get("params"):
        url = url.copy_merge_params(kwargs["params"])
    params = [(k, MASK if redactor.is_sensitive(k) else redactor.text(v)) for k, v in url.params.multi_items()]
    shown = url.copy_with(params=params) if params else url
    return redactor.text(str(shown.copy_with(raw_path=shown.raw_path)))


def _checked_default_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    checked = dict(headers or {})
    for name, value in checked.items():
        if (problem := header_problem(name, value)) is not None:
            shown = name if isinstance(name, str) and name.isascii() and name.isprintable() else ascii(name)
            raise ConfigurationError(f"default header {shown[:60]}: {problem}")
    return checked


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
    deadline: float = DEFAULT_DEADLINE
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    asynchronous: ClassVar[bool] = False
    _injected_http: bool = False
    _shares_pool: bool = False  # a with_options copy: the httpx client is its parent's, closed by the parent

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
        deadline: float | None = None,
        max_response_bytes: int | None = None,
        max_retry_after: float | None = None,
    ) -> None:
        self.base_url = checked_base_url(base_url)
        self.timeout = timeout_of(timeout)
        self.deadline = _positive("deadline", deadline, DEFAULT_DEADLINE)
        if max_response_bytes is not None and (
            isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes < 1
        ):
            raise ConfigurationError(f"max_response_bytes must be a positive integer, got {max_response_bytes!r}")
        self.max_response_bytes = max_response_bytes or DEFAULT_MAX_RESPONSE_BYTES
        retry_after = _positive("max_retry_after", max_retry_after, DEFAULT_MAX_RETRY_AFTER)
        self.retry_policy = RetryPolicy(max_retries=max_retries, max_retry_after=retry_after)
        self.default_headers = _checked_default_headers(default_headers)
        self.redactor = (redactor or DEFAULT_REDACTOR).with_secrets(secrets)
        self.plugins = PluginHost(plugins, load_entrypoints=load_entrypoints)
        self.rate_limiter = rate_limiter

    def _prepare(
        self, op: AnyOperation, call: Call, source: Any, validate: bool | None, timeout: TimeoutArg, **path: Any
    ) -> tuple[dict[str, Any], AuditEvent | None]:
        raise NotImplementedError

    def _finish(self, op: AnyOperation, response: httpx.Response, elapsed: float) -> Any:
        raise NotImplementedError

    def with_options(
        self,
        *,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        default_headers: Mapping[str, str] | None = None,
        deadline: float | None = None,
        max_retry_after: float | None = None,
    ) -> Self:
        """A copy of this client with some options changed, sharing its connection pool, credentials, plugins,
        rate limiter and redactor: cheap enough for one call site (``client.with_options(max_retries=0).send_...``).

        Options not given keep this client's values; ``default_headers`` are merged over this client's (a
        ``User-Agent`` among them replaces the SDK's). Closing the copy (or leaving its ``with`` block) leaves the
        shared pool open; closing the client it was made from closes the pool for both.
        """
        clone = copy.copy(self)
        # The shared httpx client carries this client's headers and timeout, not the copy's: each request of the
        # copy carries its own, as with an injected http_client.
        clone._injected_http = clone._shares_pool = True
        if timeout is not None:
            clone.timeout = timeout_of(timeout)
        if deadline is not None:
            clone.deadline = _positive("deadline", deadline, DEFAULT_DEADLINE)
        if max_retries is not None or max_retry_after is not None:
            retry_after = _positive("max_retry_after", max_retry_after, self.retry_policy.max_retry_after)
            retries = self.retry_policy.max_retries if max_retries is None else max_retries
            clone.retry_policy = attrs.evolve(self.retry_policy, max_retries=retries, max_retry_after=retry_after)
        if default_headers:
            clone.default_headers = {**self.default_headers, **_checked_default_headers(default_headers)}
        return clone

    def _policy(self, max_retries: int | None) -> RetryPolicy:
        if max_retries is None:
            return self.retry_policy
        return attrs.evolve(self.retry_policy, max_retries=max_retries)

    def _delay_after_exception(
        self, op: AnyOperation, exc: httpx.TransportError, attempt: int, policy: RetryPolicy, reference_no: str | None
    ) -> float:
        """Seconds to wait before retrying, or raise the SDK's error for this failure."""
        if policy.retry_exception(exc, creates_order=op.creates_order, attempt=attempt):
            return policy.delay(attempt)
        mask_request_headers(exc)  # the chained exception keeps the request: no token in its headers
        raise connection_error(
            exc, operation=op.name, creates_order=op.creates_order, reference_no=reference_no
        ) from exc

    def _delay_after_status(
        self, op: AnyOperation, response: httpx.Response, attempt: int, policy: RetryPolicy
    ) -> float | None:
        """Seconds to wait before retrying this status, or None to stop and decode it (so a ``Retry-After`` longer
        than ``max_retry_after`` gives ``RateLimitError`` with its ``retry_after`` at once, without waiting)."""
        retry_after = parse_retry_after(response.headers)
        if policy.retry_status(
            response.status_code, creates_order=op.creates_order, attempt=attempt, retry_after=retry_after
        ):
            return policy.delay(attempt, retry_after)
        return None

    def _attempt_setup(self, kwargs: dict[str, Any], deadline: float | None) -> tuple[dict[str, Any], float]:
        """The request keyword arguments of every attempt of one call (no wait longer than the deadline), and
        the deadline in seconds."""
        seconds = _positive("deadline", deadline, self.deadline)
        timeout = kwargs.get("timeout", self.timeout)
        clamped = _clamped(timeout, seconds) if isinstance(timeout, httpx.Timeout) else timeout
        if clamped is not timeout:
            kwargs = {**kwargs, "timeout": clamped}
        return kwargs, seconds

    def _unreadable(self, op: AnyOperation, response: httpx.Response, problem: Exception) -> MalformedResponseError:
        """The typed error for a body that was over the size cap or could not be decoded."""
        unknown = op.creates_order and not 400 <= response.status_code < 500  # a 4xx refused it, whatever it said
        if isinstance(problem, BodyTooLarge):
            return ResponseTooLargeError(
                f"{op.name}: body larger than max_response_bytes ({problem.limit} bytes once decoded); not read",
                status_code=response.status_code,
                body=problem.head,
                response=None,
                outcome_unknown=unknown,
                operation=op.name,
            )
        encoding = problem.encoding if isinstance(problem, BodyUndecodable) else "?"
        return MalformedResponseError(
            f"{op.name}: body could not be decoded (content-encoding {encoding[:40]!r})",
            status_code=response.status_code,
            body=b"",
            response=None,
            outcome_unknown=unknown,
            operation=op.name,
        )

    def _client_headers(self, auth: Mapping[str, str]) -> dict[str, str]:
        """Headers the SDK-built httpx client carries on every request (so no request repeats them): the SDK's
        ``User-Agent`` unless the user's ``default_headers`` name one (in any case)."""
        sdk = {} if any(name.lower() == "user-agent" for name in self.default_headers) else {"User-Agent": USER_AGENT}
        return {**sdk, **self.default_headers, "Accept": "application/json", **auth}

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

    def _before_attempt(self, call: Call, attempt: int, kwargs: dict[str, Any]) -> None:
        """Tell the plugins an attempt is about to be sent (the ``otel`` plugin opens its CLIENT span here)."""
        if self.plugins.wants("frontpayment_before_attempt"):
            method, url = kwargs["method"].upper(), safe_url(kwargs, self.redactor)
            self.plugins.observe("frontpayment_before_attempt", call=call, attempt=attempt, method=method, url=url)

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
                request_json=kwargs["json"] if "json" in kwargs else _json_content(kwargs),
                response_content=b"" if response is None else response.content,
                redactor=self.redactor,
            ),
        )

    def _succeeded(self, call: Call, audit: AuditEvent | None, result: Any) -> None:
        if audit is not None and self.plugins.records_audit:
            self.plugins.audit(
                attrs.evolve(
                    audit,
                    time=datetime.datetime.now(datetime.UTC),
                    outcome="success",
                    order_uuid=getattr(result, "order_uuid", None) or audit.order_uuid,
                    customer_uuid=getattr(result, "customer_uuid", None),
                    status=getattr(getattr(result, "raw", result), "status_code", None),
                )
            )
        self.plugins.observe("frontpayment_operation_finished", call=call, result=result, error=None)

    def _interrupted(
        self, op: AnyOperation, call: Call, audit: AuditEvent | None, exc: BaseException, *, started: bool, sent: bool
    ) -> None:
        """A call ended by an exception that is not the SDK's (a cancellation, Ctrl-C, a bug): the audit log gets
        its outcome and every plugin hears that it ended, before the exception goes on to the caller."""
        self._failed(
            call,
            audit,
            CallInterruptedError(op.name, type(exc).__name__, request_sent=sent, creates_order=op.creates_order),
            started,
        )

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


async def _asleep(seconds: float) -> None:
    import asyncio  # noqa: PLC0415 - lazy: a sync client never needs it

    await asyncio.sleep(seconds)


def _json_content(kwargs: Mapping[str, Any]) -> Any:
    """The JSON the SDK encoded once into the request's ``content``, read back for a plugin that asks; else None."""
    content, headers = kwargs.get("content"), kwargs.get("headers") or {}
    if not isinstance(content, bytes) or headers.get("Content-Type") != "application/json":
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


class SyncTransport(Transport):
    sleep: Callable[[float], None] = staticmethod(time.sleep)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (a ``with_options`` copy leaves its parent's open)."""
        if not self._shares_pool:
            self.generated.get_httpx_client().close()

    def _send(
        self, op: AnyOperation, http: httpx.Client, kwargs: dict[str, Any], seconds: float, progress: _Progress
    ) -> httpx.Response:
        """One attempt: send, and read the body within the deadline and the size cap."""
        end = time.monotonic() + seconds
        token = _DEADLINE.set(end)
        try:
            request = http.build_request(**kwargs, extensions={"trace": progress.trace})
            response = http.send(request, stream=True)
            try:
                read_body(response, limit=self.max_response_bytes, deadline=end)
            except (BodyTooLarge, BodyUndecodable) as problem:
                raise self._unreadable(op, response, problem) from None
            finally:
                response.close()
        except DeadlinePassed:
            raise progress.deadline_error(seconds) from None
        except httpx.TimeoutException as exc:
            # A socket timeout of "the time left" may fire a hair early; a pool or connect timeout stays what it is.
            if not never_sent(exc) and time.monotonic() >= end - 0.005:
                raise progress.deadline_error(seconds) from exc
            raise
        finally:
            _DEADLINE.reset(token)
        return response

    def _call(
        self,
        op: AnyOperation,
        source: Any = None,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        **path: Any,
    ) -> Any:
        call = Call(op.name, op.endpoint, op.creates_order, type(self).__name__)
        audit: AuditEvent | None = None
        started = sent = False
        progress: _Progress | None = None  # the running attempt's, if one has begun
        try:
            kwargs, audit = self._prepare(op, call, source, validate, timeout, **path)
            kwargs, seconds = self._attempt_setup(kwargs, deadline)
            self.plugins.observe("frontpayment_operation_started", call=call)
            started = True
            http, policy, attempt = self.generated.get_httpx_client(), self._policy(max_retries), 0
            while True:
                if (wait := self._pace()) > 0:
                    self.sleep(wait)
                self._before_attempt(call, attempt, kwargs)
                began = time.perf_counter()
                sent_before, progress = sent, _Progress()
                try:
                    response = self._send(op, http, kwargs, seconds, progress)
                except httpx.TransportError as exc:
                    sent = sent_before or not never_sent(exc)
                    self._exchanged(call, attempt, kwargs, error=exc, elapsed=time.perf_counter() - began)
                    self.sleep(
                        self._delay_after_exception(
                            op, exc, attempt, policy, None if audit is None else audit.reference_no
                        )
                    )
                else:
                    sent, elapsed = True, time.perf_counter() - began
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
        except BaseException as exc:  # Ctrl-C, or a bug: recorded, then raised as it is
            sent = sent or (progress is not None and not progress.never_left)
            self._interrupted(op, call, audit, exc, started=started, sent=sent)
            raise
        self._succeeded(call, audit, result)
        return result


class AsyncTransport(Transport):
    asynchronous = True
    sleep: Callable[[float], Awaitable[None]] = staticmethod(_asleep)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (a ``with_options`` copy leaves its parent's open)."""
        if not self._shares_pool:
            await self.generated.get_async_httpx_client().aclose()

    async def _send(
        self, op: AnyOperation, http: httpx.AsyncClient, kwargs: dict[str, Any], seconds: float, progress: _Progress
    ) -> httpx.Response:
        """One attempt under ``asyncio.timeout``: send, and read the body within the size cap."""
        end = time.monotonic() + seconds
        import asyncio  # noqa: PLC0415 - lazy: a running event loop has imported it already

        limit = asyncio.timeout(seconds)
        try:
            async with limit:
                request = http.build_request(**kwargs, extensions={"trace": progress.atrace})
                response = await http.send(request, stream=True)
                try:
                    await aread_body(response, limit=self.max_response_bytes, deadline=end)
                except (BodyTooLarge, BodyUndecodable) as problem:
                    raise self._unreadable(op, response, problem) from None
                finally:
                    await response.aclose()
        except (TimeoutError, DeadlinePassed) as exc:
            if isinstance(exc, DeadlinePassed) or limit.expired():
                raise progress.deadline_error(seconds) from None
            raise
        return response

    async def _call(
        self,
        op: AnyOperation,
        source: Any = None,
        *,
        validate: bool | None = None,
        timeout: TimeoutArg = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        **path: Any,
    ) -> Any:
        call = Call(op.name, op.endpoint, op.creates_order, type(self).__name__)
        audit: AuditEvent | None = None
        started = sent = False
        progress: _Progress | None = None  # the running attempt's, if one has begun
        try:
            kwargs, audit = self._prepare(op, call, source, validate, timeout, **path)
            kwargs, seconds = self._attempt_setup(kwargs, deadline)
            self.plugins.observe("frontpayment_operation_started", call=call)
            started = True
            http, policy, attempt = self.generated.get_async_httpx_client(), self._policy(max_retries), 0
            while True:
                if (wait := self._pace()) > 0:
                    await self.sleep(wait)
                self._before_attempt(call, attempt, kwargs)
                began = time.perf_counter()
                sent_before, progress = sent, _Progress()
                try:
                    response = await self._send(op, http, kwargs, seconds, progress)
                except httpx.TransportError as exc:
                    sent = sent_before or not never_sent(exc)
                    self._exchanged(call, attempt, kwargs, error=exc, elapsed=time.perf_counter() - began)
                    await self.sleep(
                        self._delay_after_exception(
                            op, exc, attempt, policy, None if audit is None else audit.reference_no
                        )
                    )
                else:
                    sent, elapsed = True, time.perf_counter() - began
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
        except BaseException as exc:  # cancelled (wait_for, task.cancel()), or a bug: recorded, then re-raised
            sent = sent or (progress is not None and not progress.never_left)
            self._interrupted(op, call, audit, exc, started=started, sent=sent)
            raise
        self._succeeded(call, audit, result)
        return result
