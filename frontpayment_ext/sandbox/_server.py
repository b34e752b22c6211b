"""The sandbox over HTTP, on uvicorn: in a background thread (``SandboxServer``, for tests and the demo) or in the
foreground (``serve``, for ``frontpayment sandbox``)."""

from __future__ import annotations

import threading
import time
from typing import Any

import uvicorn

from ._app import Sandbox


def _config(sandbox: Sandbox, host: str, port: int, log_level: str) -> uvicorn.Config:
    # h11 is pure Python and always there; the lifespan protocol is not used. A stalled answer must not hold up
    # stopping the server for as long as the stall was asked to last.
    return uvicorn.Config(
        sandbox.app,
        host=host,
        port=port,
        http="h11",
        lifespan="off",
        log_level=log_level,
        timeout_graceful_shutdown=2,
    )


class SandboxServer:
    """``with SandboxServer(sandbox) as server: server.url``: uvicorn on ``host`` and a free port (``port=0``)
    in a daemon thread, stopped when the block ends."""

    def __init__(self, sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning") -> None:
        self.sandbox = sandbox
        self.host = host
        self._server = uvicorn.Server(_config(sandbox, host, port, log_level))
        self._thread: threading.Thread | None = None
        self.port = port

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> None:
        self._thread = threading.Thread(target=self._server.run, name="frontpayment-sandbox-http", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox could not listen on {self.host}:{self.port}")
            time.sleep(0.01)
        sockets = [s for server in self._server.servers for s in server.sockets]
        self.port = int(sockets[0].getsockname()[1])

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def serve(sandbox: Sandbox, host: str = "127.0.0.1", port: int = 4010, log_level: str = "info") -> None:
    """Serve in the foreground until interrupted (Ctrl-C)."""
    uvicorn.Server(_config(sandbox, host, port, log_level)).run()
