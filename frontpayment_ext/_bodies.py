"""Reading a response body within a size cap and a deadline, for the sync and async send loops.

httpx's own decoders inflate each network chunk in one go, so 64 KB of gzip can become 64 MB in one call before
any cap could look at it. Here gzip and deflate are inflated in bounded steps (``_STEP`` bytes of output at a
time) and reading stops as soon as the decoded size passes the cap. Other encodings (br, zstd) go through httpx's
decoders, capped after each chunk.

The result is stored as the response's content, so that everything after (decoding, ``response.json()``, plugins)
sees an ordinary, fully read ``httpx.Response``.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import AsyncIterator, Callable, Iterator

import httpx

_STEP = 256 * 1024
KEPT_BYTES = 64 * 1024  # what a ResponseTooLargeError keeps of a body it refused


class BodyTooLarge(Exception):  # noqa: N818 - an internal signal, turned into ResponseTooLargeError by the caller
    def __init__(self, limit: int, head: bytes) -> None:
        self.limit = limit
        self.head = head


class BodyUndecodable(Exception):  # noqa: N818 - an internal signal, turned into MalformedResponseError
    def __init__(self, encoding: str) -> None:
        self.encoding = encoding


class DeadlinePassed(Exception):  # noqa: N818 - an internal signal, turned into the transport's DeadlineExceeded
    pass


class _Inflater:
    """gzip or deflate (zlib-wrapped, or raw as some servers send it), inflated ``_STEP`` bytes at a time."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.raw_fallback = encoding == "deflate"
        self.started = False
        wbits = zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self.inflater = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self.inflater.decompress(data, _STEP)
            except zlib.error:
                if self.raw_fallback and not self.started:  # "deflate" without the zlib wrapper
                    self.raw_fallback = False
                    self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BodyUndecodable(self.encoding) from None
            self.started = True
            yield out
            if self.inflater.eof:
                return
            data = self.inflater.unconsumed_tail

    def flush(self) -> bytes:
        """The rest of the output; a stream that stopped before its end is undecodable (truncated or not gzip)."""
        try:
            rest = self.inflater.flush()
        except zlib.error:
            raise BodyUndecodable(self.encoding) from None
        if self.started and not self.inflater.eof:
            raise BodyUndecodable(self.encoding)
        return rest


def _encoding(response: httpx.Response) -> str:
    return str(response.headers.get("content-encoding", "")).strip().lower()


class _Collector:
    """The decoded body so far, refusing to grow past ``limit`` or to go on past ``deadline``."""

    def __init__(self, limit: int, deadline: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.deadline = deadline
        self.clock = clock
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, part: bytes) -> None:
        self.size += len(part)
        if self.size > self.limit:
            raise BodyTooLarge(self.limit, self._head(part))
        self.parts.append(part)

    def _head(self, last: bytes) -> bytes:
        """The first ``KEPT_BYTES`` of the body, without joining all of it."""
        head = bytearray()
        for part in [*self.parts, last]:
            head += part[: KEPT_BYTES - len(head)]
            if len(head) >= KEPT_BYTES:
                break
        return bytes(head)

    def tick(self) -> None:
        if self.clock() >= self.deadline:
            raise DeadlinePassed

    def body(self) -> bytes:
        return b"".join(self.parts)


def _already_read(response: httpx.Response, limit: int) -> bytes | None:
    """The content of a response that was read before the SDK saw it (a mock transport, a cassette)."""
    if not hasattr(response, "_content"):
        return None
    if len(response.content) > limit:
        raise BodyTooLarge(limit, response.content[:KEPT_BYTES])
    return response.content


def _store(response: httpx.Response, body: bytes) -> None:
    response._content = body  # what httpx's own read() stores; the response then behaves as fully read


def read_body(
    response: httpx.Response, *, limit: int, deadline: float, clock: Callable[[], float] = time.monotonic
) -> None:
    """Read a streamed response's body, decoded, into the response (sync)."""
    if _already_read(response, limit) is not None:
        return
    collect = _Collector(limit, deadline, clock)
    encoding = _encoding(response)
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encoding)
        for chunk in response.iter_raw():
            collect.tick()
            for part in inflater.feed(chunk):
                collect.add(part)
        collect.add(inflater.flush())
    else:  # identity, or an encoding httpx decodes (br, zstd, several)
        try:
            for chunk in response.iter_bytes():
                collect.tick()
                collect.add(chunk)
        except httpx.DecodingError:
            raise BodyUndecodable(encoding) from None
    _store(response, collect.body())


async def aread_body(
    response: httpx.Response, *, limit: int, deadline: float, clock: Callable[[], float] = time.monotonic
) -> None:
    """Read a streamed response's body, decoded, into the response (async)."""
    if _already_read(response, limit) is not None:
        return
    collect = _Collector(limit, deadline, clock)
    encoding = _encoding(response)
    chunks: AsyncIterator[bytes]
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encoding)
        chunks = response.aiter_raw()
        async for chunk in chunks:
            collect.tick()
            for part in inflater.feed(chunk):
                collect.add(part)
        collect.add(inflater.flush())
    else:
        try:
            async for chunk in response.aiter_bytes():
                collect.tick()
                collect.add(chunk)
        except httpx.DecodingError:
            raise BodyUndecodable(encoding) from None
    _store(response, collect.body())
