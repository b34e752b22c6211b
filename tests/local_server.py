"""A small HTTP/1.1 server on 127.0.0.1 for tests that need real sockets.

The handler decides each response; every request is recorded. Each response is written with one ``sendall``
(headers and body together), so keep-alive clients are not stalled by delayed ACKs.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from typing import Any

import attrs


@attrs.define
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Reply = tuple[int, dict[str, str], bytes]
Handler = Callable[[Received], Reply]


@attrs.frozen
class Fault:
    """What the server does instead of answering normally.

    ``close_before_body``: close as soon as the request headers are read. ``close_after_body``: read the whole
    request, then close without answering. ``stall``: read the request and answer nothing for ``seconds``.
    ``truncate``: announce the full reply's length, send half of it, close. ``trickle``: send the reply one byte
    every ``seconds``. ``reply``: answer with ``reply`` instead of the handler's answer.
    """

    kind: str
    seconds: float = 0.0
    reply: Reply | None = None


def envelope(status: int, data: Any = None, **fields: Any) -> Reply:
    body = {
        "status_code": status,
        "status_message": "OK",
        "message": "ok",
        "is_data": data is not None,
        "data": data,
        **fields,
    }
    return (
        status,
        {"Content-Type": "application/json", "x-ratelimit-limit": "240", "x-ratelimit-remaining": "239"},
        json.dumps(body).encode(),
    )


class LocalServer:
    def __init__(self, handler: Handler, faults: list[Fault | None] | None = None, port: int = 0) -> None:
        self.handler = handler
        self.faults = list(faults or [])
        self.received: list[Received] = []  # requests read in full
        self.attempts = 0  # requests whose headers arrived, whatever happened next
        self.open_connections = 0
        self.peak_connections = 0
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", port))
        self._sock.listen(128)
        self._sock.settimeout(0.2)  # here, not in the thread: a server closed at once must not race it
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _next_fault(self) -> Fault | None:
        with self._lock:
            self.attempts += 1
            return self.faults.pop(0) if self.faults else None

    def _connection(self, conn: socket.socket) -> None:
        with self._lock:
            self.open_connections += 1
            self.peak_connections = max(self.peak_connections, self.open_connections)
        try:
            self._exchange_all(conn)
        except OSError:
            pass
        finally:
            with self._lock:
                self.open_connections -= 1

    def _exchange_all(self, conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buffer = b""
        with conn:
            while not self._stop.is_set():
                while b"\r\n\r\n" not in buffer:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                head, buffer = buffer.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
                fault = self._next_fault()
                if fault is not None and fault.kind == "close_before_body":
                    return
                length = int(headers.get("content-length", "0"))
                while len(buffer) < length:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    buffer += chunk
                body, buffer = buffer[:length], buffer[length:]
                request = Received(method, path, headers, body)
                with self._lock:
                    self.received.append(request)
                if fault is not None and fault.kind == "close_after_body":
                    return
                if fault is not None and fault.kind == "stall":
                    self._stop.wait(fault.seconds)
                    return
                status, reply_headers, content = (
                    fault.reply if fault is not None and fault.reply is not None else self.handler(request)
                )
                out = [f"HTTP/1.1 {status} X", f"Content-Length: {len(content)}"]
                out += [f"{k}: {v}" for k, v in reply_headers.items()]
                data = ("\r\n".join(out) + "\r\n\r\n").encode() + content
                if fault is not None and fault.kind == "truncate":
                    conn.sendall(data[: len(data) - len(content) // 2])
                    return
                if fault is not None and fault.kind == "trickle":
                    for i in range(len(data)):
                        conn.sendall(data[i : i + 1])
                        self._stop.wait(fault.seconds)
                    continue
                conn.sendall(data)

    def posts(self, path_suffix: str = "") -> int:
        """How many POST requests were received in full (body included) on paths ending so."""
        return sum(1 for r in self.received if r.method == "POST" and r.path.endswith(path_suffix))

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        self._thread.join(timeout=2)
