"""The benchmarks' local server: asyncio on 127.0.0.1, one ``write`` per response with TCP_NODELAY.

A server that writes headers and body separately (Python's http.server does) stalls each keep-alive request about
40 ms on delayed ACK and makes every ratio meaningless. This one answers every request with a fixed, valid
Frontpayment envelope as fast as Python can, so that what is measured is the client.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading

CREATED = json.dumps(
    {
        "status_code": 201,
        "status_message": "OK",
        "message": "orderAddedSuccessfully",
        "is_data": False,
        "data": {"uuid": "ODR3506777330", "customerUuid": "CSRT3463048878"},
    }
).encode()
RESPONSE = (
    b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nx-ratelimit-limit: 240\r\n"
    b"x-ratelimit-remaining: 239\r\nContent-Length: " + str(len(CREATED)).encode() + b"\r\n\r\n" + CREATED
)


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            writer.write(RESPONSE)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


class BenchServer:
    """Runs the server in its own thread with its own event loop; ``url`` once started."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.url = ""

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(_handle, "127.0.0.1", 0, backlog=512))
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        self._ready.set()
        self.loop.run_forever()

    def __enter__(self) -> BenchServer:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
