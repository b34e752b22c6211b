"""Shared fixtures: the specs, the real recordings, and a guard that no test reaches the network."""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from local_server import Fault, Handler, LocalServer

from frontpayment_ext.specs import load_spec

# Hypothesis runs derandomized (the same examples on every machine, so CI cannot flake) and keeps no example
# database in the repository. HYPOTHESIS_PROFILE=explore runs random, longer searches locally.
settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("explore", deadline=None, max_examples=5000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The suite's canary: every client built without an explicit token gets this one (FRONTPAYMENT_TOKEN), the SDK's
# loggers run at DEBUG for the whole session, and when the session ends every captured log record, every file the
# tests wrote under pytest's temporary directory and every cassette is searched for it (pytest_sessionfinish).
CANARY_TOKEN = "canary-suite-token-4bd1c07e9a"

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
    environment unless a test asks for them; the token is the suite's canary."""
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "none")
    monkeypatch.setenv("FRONTPAYMENT_TOKEN", CANARY_TOKEN)
    for name in (
        "FRONTPAYMENT_LOG",
        "FRONTPAYMENT_AUDIT",
        "FRONTPAYMENT_AUDIT_KEY",
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
def local_server() -> Iterator[Callable[..., LocalServer]]:
    """Start servers on 127.0.0.1 with a given handler (and fault script); all are closed after the test."""
    servers: list[LocalServer] = []

    def start(handler: Handler, faults: list[Fault | None] | None = None, port: int = 0) -> LocalServer:
        server = LocalServer(handler, faults, port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


class _LogCollector(logging.Handler):
    """Keeps every formatted log record of the session (with tracebacks), for the canary check."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(logging.Formatter("%(name)s %(levelname)s %(message)s").format(record))


_COLLECTOR = _LogCollector()


def pytest_configure(config: pytest.Config) -> None:
    logging.getLogger().addHandler(_COLLECTOR)
    logging.getLogger("frontpayment_ext").setLevel(logging.DEBUG)


def canary_leaks(basetemp: Path | None) -> list[str]:
    """Where the suite's canary token was found: log records, files the tests wrote, cassettes."""
    leaks = [f"log record: {text[:120]}" for text in _COLLECTOR.texts if CANARY_TOKEN in text]
    roots = [p for p in (basetemp, ROOT / "cassettes") if p is not None and p.exists()]
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and CANARY_TOKEN.encode() in path.read_bytes():
                leaks.append(f"file: {path}")
    return leaks


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    factory = getattr(session.config, "_tmp_path_factory", None)
    basetemp = factory.getbasetemp() if factory is not None else None
    leaks = canary_leaks(basetemp)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"canary check: {len(_COLLECTOR.texts)} log records and the files under "
            f"{basetemp} and cassettes/ searched; {len(leaks)} leak(s)"
        )
        for leak in leaks:
            reporter.write_line(f"  CANARY LEAK {leak}", red=True)
    if leaks:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
