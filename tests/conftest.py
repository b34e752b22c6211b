"""Shared fixtures: the specs, the real recordings, and a guard that no test reaches the network."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from local_server import Handler, LocalServer

from frontpayment_ext.specs import load_spec

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
PEER = DATA / "peer" / "frontgo_interactions.json"


@pytest.fixture(scope="session")
def fp_spec() -> dict[str, Any]:
    return load_spec("frontpayment")


@pytest.fixture(scope="session")
def katsu_spec() -> dict[str, Any]:
    return load_spec("katsupay")


@pytest.fixture(scope="session")
def peer() -> list[dict[str, Any]]:
    """The 17 interactions another client recorded from the real demo API (shared/peer, copied verbatim)."""
    interactions: list[dict[str, Any]] = json.loads(PEER.read_text(encoding="utf-8"))
    return interactions


@pytest.fixture(autouse=True)
def _no_ambient_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests do not depend on what is installed or exported: no entry-point plugins, logging or audit from the
    environment unless a test asks for them."""
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "none")
    for name in (
        "FRONTPAYMENT_LOG",
        "FRONTPAYMENT_AUDIT",
        "FRONTPAYMENT_TOKEN",
        "FRONTPAYMENT_BASE_URL",
        "KATSUPAY_BASE_URL",
        "KATSUPAY_TOKEN",
        "KATSUPAY_API_KEY",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests may talk to 127.0.0.1 only; any other address is a bug in the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            raise RuntimeError(f"test tried to reach {host!r}; tests never leave this machine")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def local_server() -> Iterator[Callable[[Handler], LocalServer]]:
    """Start servers on 127.0.0.1 with a given handler; all are closed after the test."""
    servers: list[LocalServer] = []

    def start(handler: Handler) -> LocalServer:
        server = LocalServer(handler)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()
