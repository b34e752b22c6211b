"""The send loop every client shares: send through the generated client's httpx client, retry by the policy, decode.

A client class mixes in ``SyncTransport`` or ``AsyncTransport`` and provides ``generated`` (the generated client),
``_request(op, source, validate, timeout, **path)`` (httpx keyword arguments) and ``_finish(op, response, elapsed)``
(a result, or raise). The two loops are the only code that differs between sync and async.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import httpx

from .operations import Operation
from .ratelimit import parse_retry_after
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


def finish_raw(op: Operation, response: httpx.Response, elapsed: float) -> RawResponse:
    if 200 <= response.status_code < 300:
        return raw(response, decode_json(response), None, elapsed)
    raise status_error(response, operation=op.name, outcome_unknown=op.creates_order)


def _reference(source: Any) -> str | None:
    """The caller's referenceNo, quoted in an unknown-outcome error so the order can be looked up."""
    if isinstance(source, dict):
        ref = source.get("referenceNo")
        return ref if isinstance(ref, str) else None
    return getattr(getattr(source, "options", None), "reference_no", None)


class Transport:
    """Retry decisions shared by both loops."""

    retry_policy: RetryPolicy
    generated: Any

    def _request(
        self, op: Operation, source: Any, validate: bool | None, timeout: TimeoutArg, **path: Any
    ) -> dict[str, Any]:
        raise NotImplementedError

    def _finish(self, op: Operation, response: httpx.Response, elapsed: float) -> Any:
        raise NotImplementedError

    def _policy(self, max_retries: int | None) -> RetryPolicy:
        if max_retries is None:
            return self.retry_policy
        return attrs.evolve(self.retry_policy, max_retries=max_retries)

    def _delay_after_exception(
        self, op: Operation, exc: httpx.TransportError, attempt: int, policy: RetryPolicy, source: Any
    ) -> float:
        """Seconds to wait before retrying, or raise the SDK's error for this failure."""
        if policy.retry_exception(exc, creates_order=op.creates_order, attempt=attempt):
            return policy.delay(attempt)
        raise connection_error(
            exc, operation=op.name, creates_order=op.creates_order, reference_no=_reference(source)
        ) from exc

    def _delay_after_status(
        self, op: Operation, response: httpx.Response, attempt: int, policy: RetryPolicy
    ) -> float | None:
        """Seconds to wait before retrying this status, or None to stop and decode it."""
        if policy.retry_status(response.status_code, creates_order=op.creates_order, attempt=attempt):
            return policy.delay(attempt, parse_retry_after(response.headers))
        return None


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
        kwargs = self._request(op, source, validate, timeout, **path)
        http, policy, attempt = self.generated.get_httpx_client(), self._policy(max_retries), 0
        while True:
            started = time.perf_counter()
            try:
                response = http.request(**kwargs)
            except httpx.TransportError as exc:
                self.sleep(self._delay_after_exception(op, exc, attempt, policy, source))
            else:
                delay = self._delay_after_status(op, response, attempt, policy)
                if delay is None:
                    return self._finish(op, response, time.perf_counter() - started)
                self.sleep(delay)
            attempt += 1


class AsyncTransport(Transport):
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
        kwargs = self._request(op, source, validate, timeout, **path)
        http, policy, attempt = self.generated.get_async_httpx_client(), self._policy(max_retries), 0
        while True:
            started = time.perf_counter()
            try:
                response = await http.request(**kwargs)
            except httpx.TransportError as exc:
                await self.sleep(self._delay_after_exception(op, exc, attempt, policy, source))
            else:
                delay = self._delay_after_status(op, response, attempt, policy)
                if delay is None:
                    return self._finish(op, response, time.perf_counter() - started)
                await self.sleep(delay)
            attempt += 1
