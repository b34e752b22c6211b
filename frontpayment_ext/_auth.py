"""Where the client's secrets live, so that nothing reachable from a client prints them.

The generated ``AuthenticatedClient`` keeps its token in an attrs field shown by ``repr`` and copies it into the
httpx client's default headers (where ``Headers`` masks Authorization in its repr but not an ``apiKey``). Here the
generated clients are subclassed so that their ``token`` field holds only ``[REDACTED]`` and their httpx clients
carry no secret header: a ``HeaderAuth`` (an ``httpx.Auth``) adds the headers to each request as it is sent, from
``Secret`` boxes whose ``repr`` is masked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Generator, Mapping
from typing import Any

import attrs
import httpx

from ._generated import frontpayment_client, katsupay_client
from .errors import ConfigurationError
from .redaction import MASK, Secret


def check_secret(what: str, value: str) -> Secret:
    """``value`` as a ``Secret``, or ``ConfigurationError`` (raised without the value, nor a chained exception
    holding it) if it cannot go into an HTTP header as it is: a control character (CR, LF, any C0 or C1, DEL), a
    character outside ASCII, or whitespace around it (a trailing newline from a file or an ``.env`` line)."""
    problem = None
    for index, char in enumerate(value):
        if unicodedata.category(char) == "Cc":
            problem = f"a control character (U+{ord(char):04X}) at position {index + 1}"
            break
        if not char.isascii():
            problem = f"a non-ASCII character at position {index + 1}"
            break
    if problem is None and value != value.strip():
        problem = "whitespace at its start or end"
    if problem is not None:
        raise ConfigurationError(
            f"the {what} contains {problem}; it cannot be sent as an HTTP header. Remove it (a trailing newline from "
            f"the file or variable it came from is the usual cause). The value is not shown."
        )
    return Secret(value)


class HeaderAuth(httpx.Auth):
    """Adds secret headers (``Authorization``, ``apiKey``) to each request at send time; shows only their names."""

    def __init__(self, headers: Mapping[str, Secret]) -> None:
        self._headers = dict(headers)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        for name, secret in self._headers.items():
            request.headers[name] = secret.reveal()
        yield request

    def __repr__(self) -> str:
        return f"HeaderAuth({', '.join(f'{name}={MASK}' for name in self._headers)})"


def _httpx_kwargs(client: Any) -> dict[str, Any]:
    return {
        "base_url": client._base_url,
        "cookies": client._cookies,
        "headers": client._headers,
        "timeout": client._timeout,
        "verify": client._verify_ssl,
        "follow_redirects": client._follow_redirects,
        **client._httpx_args,
    }


class _OwnHttpx:
    """How both generated clients build their httpx clients here: from ``_httpx_kwargs``, never with the token."""

    _client: httpx.Client | None
    _async_client: httpx.AsyncClient | None

    def get_httpx_client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(**_httpx_kwargs(self))
        return self._client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(**_httpx_kwargs(self))
        return self._async_client


@attrs.define
class FrontpaymentAuthenticatedClient(_OwnHttpx, frontpayment_client.AuthenticatedClient):
    """The generated client, with its token kept out of its fields and its httpx client's headers (see module)."""

    token: str = attrs.field(default=MASK, kw_only=True, repr=False)


@attrs.define
class KatsuPayAuthenticatedClient(_OwnHttpx, katsupay_client.AuthenticatedClient):
    """Katsu Pay's generated client, likewise."""

    token: str = attrs.field(default=MASK, kw_only=True, repr=False)
