"""The logging and OpenTelemetry plugins, and the canary: a known token and personal number pushed through every
path must appear in no log line, audit record, hook argument, error message, repr or cassette."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import httpx
import pytest
from cassettes_config import make_vcr
from local_server import LocalServer, Received, Reply, envelope
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from test_plugins import Recorder
from test_spec_rules import INVOICE, SESSION, documented

from frontpayment_ext import (
    AuditPlugin,
    FrontpaymentClient,
    FrontpaymentError,
    KatsuPayClient,
    NotFoundError,
    ServerValidationError,
)
from frontpayment_ext.plugins.otel import OtelPlugin

CANARY_TOKEN = "canary-tok-9Zx81QpLw3"
CANARY_PN = "01019912345"  # a personal number that appears nowhere else
CANARY_MSISDN = "98765432"
CANARY_EMAIL = "canary.person@example.org"


def frontpayment_like(request: Received) -> Reply:
    """Answers like the real API, echoing personal data back in a 417 as a careless server might."""
    if request.path.endswith("/invoice/create"):
        return envelope(201, {"uuid": "ODR100", "customerUuid": "CSRT100"})
    if request.path.endswith("/invoice/submit"):
        body = json.loads(request.body)
        pn = body["customerDetails"]["personalNumber"]
        return envelope(
            417,
            None,
            message="payloadValidationErrors",
            is_error=True,
            errors=[f"The customer details.personal number {pn} is invalid.", f"Bearer {CANARY_TOKEN} rejected"],
            customerDetails={"personalNumber": pn, "email": CANARY_EMAIL},
        )
    return envelope(404, None, message="orderNotFound")


def test_logging_plugin_one_info_line_per_request_no_bodies(
    local_server: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    server: LocalServer = local_server(frontpayment_like)
    with (
        caplog.at_level(logging.INFO, logger="frontpayment_ext"),
        FrontpaymentClient(CANARY_TOKEN, base_url=server.url, max_retries=0) as client,
    ):
        client.send_invoice(documented(INVOICE))
        with pytest.raises(NotFoundError):
            client.get_invoice_number("ODR100")
    lines = [r.getMessage() for r in caplog.records if r.name == "frontpayment_ext.http"]
    assert len(lines) == 2
    assert lines[0].startswith(f"send_invoice POST {server.url}/api/v1/connect/orders/invoice/create -> 201 in ")
    assert lines[0].endswith(" order=ODR100")
    assert " ms" in lines[0]
    assert lines[1].startswith("get_invoice_number GET ")
    assert "-> 404" in lines[1]
    assert lines[1].endswith("order=ODR100")
    assert all(r.levelno == logging.INFO for r in caplog.records)
    assert "Hair Wash" not in " ".join(lines)  # no bodies at INFO


def test_logging_plugin_debug_has_redacted_bodies(local_server: Any, caplog: pytest.LogCaptureFixture) -> None:
    server: LocalServer = local_server(frontpayment_like)
    with (
        caplog.at_level(logging.DEBUG, logger="frontpayment_ext"),
        FrontpaymentClient(CANARY_TOKEN, base_url=server.url) as client,
    ):
        client.send_invoice(documented(INVOICE))
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert len(debug) == 2
    assert "Hair Wash" in debug[0]
    assert '"personalNumber": "[REDACTED]"' in debug[0]


def test_frontpayment_log_variable_adds_a_handler(
    local_server: Any, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    server: LocalServer = local_server(frontpayment_like)
    root = logging.getLogger("frontpayment_ext")
    before, level = list(root.handlers), root.level
    monkeypatch.setenv("FRONTPAYMENT_LOG", "info")
    try:
        with FrontpaymentClient(CANARY_TOKEN, base_url=server.url) as client:
            client.send_invoice(documented(INVOICE))
        FrontpaymentClient(CANARY_TOKEN)  # a second client adds no second handler
        assert len(root.handlers) == len(before) + 1
    finally:
        for handler in root.handlers[len(before) :]:
            root.removeHandler(handler)
        root.setLevel(level)
    err = capfd.readouterr().err
    assert "INFO frontpayment_ext.http: send_invoice POST" in err
    assert CANARY_TOKEN not in err


def test_otel_plugin_makes_an_operation_span_around_one_span_per_attempt() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    replies = iter(
        [
            httpx.Response(503),
            httpx.Response(
                200,
                json={
                    "status_code": 200,
                    "status_message": "OK",
                    "message": "m",
                    "data": {"orderUuid": "ODR5", "invoiceNumber": "99", "status": "PAID"},
                },
            ),
            httpx.Response(404, json={}),
        ]
    )
    transport = httpx.MockTransport(lambda request: next(replies))
    client = FrontpaymentClient(
        CANARY_TOKEN, plugins=[OtelPlugin(provider)], http_client=httpx.Client(transport=transport)
    )
    client.sleep = lambda seconds: None
    client.get_invoice_number("ODR5")
    with pytest.raises(NotFoundError):
        client.get_invoice_number("ODR6")
    busy, answered, ok, refused, failed = exporter.get_finished_spans()  # each attempt ends before its operation
    assert ok.name == "frontpayment.get_invoice_number"
    assert ok.kind is SpanKind.INTERNAL
    assert ok.attributes["frontpayment.attempts"] == 2  # a 503, then the answer
    assert ok.attributes["frontpayment.order_uuid"] == "ODR5"
    assert ok.status.status_code is StatusCode.UNSET
    assert [s.name for s in (busy, answered, refused)] == ["GET"] * 3
    assert {s.kind for s in (busy, answered, refused)} == {SpanKind.CLIENT}
    assert (busy.attributes["error.type"], answered.attributes["http.request.resend_count"]) == ("503", 1)
    host = "demo-api.frontpayment.no"
    assert answered.attributes["url.full"] == f"https://{host}/api/v1/connect/orders/invoice-number/ODR5"
    assert (answered.attributes["server.address"], answered.attributes["server.port"]) == (host, 443)
    assert refused.attributes["http.response.status_code"] == 404
    assert failed.attributes["error.type"] == "NotFoundError"
    assert failed.status.status_code is StatusCode.ERROR
    assert CANARY_TOKEN not in json.dumps([dict(s.attributes) for s in exporter.get_finished_spans()])


def _canary_payloads() -> tuple[dict[str, Any], dict[str, Any]]:
    invoice, session = documented(INVOICE), documented(SESSION)
    for payload in (invoice, session):
        payload["customerDetails"].update(personalNumber=CANARY_PN, msisdn=CANARY_MSISDN, email=CANARY_EMAIL)
    return invoice, session


def test_canary_appears_in_no_output(local_server: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    server: LocalServer = local_server(frontpayment_like)
    recorder = Recorder()
    jsonl, sqlite = tmp_path / "audit.jsonl", tmp_path / "audit.sqlite"
    outputs: list[str] = []
    invoice, session = _canary_payloads()
    with (
        caplog.at_level(logging.DEBUG, logger="frontpayment_ext"),
        make_vcr("all", tmp_path / "cassettes").use_cassette("canary.yaml"),
        FrontpaymentClient(
            CANARY_TOKEN, base_url=server.url, plugins=[recorder, AuditPlugin(jsonl), AuditPlugin(sqlite)]
        ) as client,
    ):
        outputs += [repr(client), str(client)]
        created = client.send_invoice(invoice)
        outputs += [repr(created), str(created)]
        with pytest.raises(ServerValidationError) as caught:
            client.create_invoice_session(session, validate=False)
        outputs += [
            str(caught.value),
            repr(caught.value),
            json.dumps(caught.value.errors),
            json.dumps([f.message for f in caught.value.field_errors]),
        ]
        bad = dict(invoice, customerDetails=dict(invoice["customerDetails"], personalNumber=CANARY_PN + "x"))
        with pytest.raises(FrontpaymentError) as invalid:
            client.send_invoice(bad)
        outputs += [str(invalid.value), repr(invalid.value), repr(invalid.value.violations)]  # type: ignore[attr-defined]
    with KatsuPayClient(server.url, token=CANARY_TOKEN, api_key=CANARY_TOKEN + "-key", plugins=[recorder]) as katsu:
        outputs.append(repr(katsu))
        with pytest.raises(FrontpaymentError) as katsu_error:
            katsu.get_invoice("x")
        outputs.append(str(katsu_error.value))

    # The server really received the canaries: the test is not vacuous.
    assert CANARY_PN in server.received[0].body.decode()
    assert server.received[0].headers["authorization"] == f"Bearer {CANARY_TOKEN}"

    outputs += [r.getMessage() for r in caplog.records]
    outputs += [jsonl.read_text(encoding="utf-8"), (tmp_path / "cassettes" / "canary.yaml").read_text()]
    import sqlite3

    with sqlite3.connect(sqlite) as conn:
        outputs += [row[0] for row in conn.execute("SELECT record FROM audit_log")]
    conn.close()
    for name, args in recorder.seen:
        if name == "frontpayment_prepare_request":
            continue  # the one hook documented to get the real payload, so that it can amend it
        for value in args.values():
            outputs.append(repr(value))
            if hasattr(value, "request_body"):
                outputs += [json.dumps(value.request_body), json.dumps(value.response_body), repr(value.headers)]
    text = "\n".join(outputs)
    assert len(text) > 5000
    for canary in (CANARY_TOKEN, CANARY_PN, CANARY_MSISDN, CANARY_EMAIL, CANARY_PN[:-1]):
        assert canary not in text, canary


def test_no_committed_cassette_holds_a_secret_or_personal_data() -> None:
    from cassettes_config import CASSETTES

    sensitive = [
        "12345678901",
        "28038712383",
        "46567468",
        "40000000",
        "kari",
        "sandbox-token",
        "sandbox-key",
        "Bearer ",
        "authorization",
        "apikey:",
    ]
    files = sorted(CASSETTES.rglob("*.yaml"))
    assert len(files) == 95  # 73 documented responses, 5 Katsu Pay, 17 real recordings
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for value in sensitive:
            assert value.lower() not in text, f"{path.name} holds {value!r}"


def test_the_suite_canary_check_finds_a_planted_leak(tmp_path: Path) -> None:
    from conftest import CANARY_TOKEN, canary_leaks

    planted = tmp_path / "leak.log"
    planted.write_text(f"Authorization: Bearer {CANARY_TOKEN}\n")
    try:
        assert f"file: {planted}" in canary_leaks(tmp_path)
    finally:
        planted.unlink()  # so that the session-end check stays green
    assert canary_leaks(tmp_path) == []


def test_the_suite_canary_is_the_token_clients_get_by_default() -> None:
    from conftest import CANARY_TOKEN

    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(404, json={}))
    with pytest.raises(NotFoundError):
        FrontpaymentClient(http_client=httpx.Client(transport=transport)).get_invoice_number("ODR1")
    assert seen[0].headers["authorization"] == f"Bearer {CANARY_TOKEN}"
