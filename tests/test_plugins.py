"""The plugin system: every hook fires with its documented arguments (sync and async, both vendors), shaping hooks
amend, veto and add rules, observers cannot break a call, required audit fails closed, entry points load."""

from __future__ import annotations

import asyncio
import json
import logging
from decimal import Decimal
from typing import Any

import httpx
import pytest
from test_spec_rules import INVOICE, documented

from frontpayment_ext import (
    AsyncFrontpaymentClient,
    AsyncKatsuPayClient,
    AuditError,
    AuditEvent,
    BusinessLogicError,
    Call,
    ConfigurationError,
    Exchange,
    FrontpaymentClient,
    KatsuPayClient,
    OrderCreated,
    PayloadValidationError,
    RequestVetoedError,
    Violation,
    hookimpl,
)
from frontpayment_ext.redaction import MASK

TOKEN = "canary-token-51f0e2d9"
CREATED = {"status_code": 201, "status_message": "OK", "message": "ok", "data": {"uuid": "ODR9", "customerUuid": "C9"}}


class Recorder:
    """A throwaway plugin that implements every hook and keeps what it was given."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any]]] = []

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]

    def args(self, hook: str) -> list[dict[str, Any]]:
        return [args for name, args in self.seen if name == hook]

    @hookimpl
    def frontpayment_prepare_request(self, call: Call, payload: dict[str, Any]) -> None:
        self.seen.append(("frontpayment_prepare_request", {"call": call, "payload": dict(payload)}))

    @hookimpl
    def frontpayment_validation_rules(self, endpoint: str, payload: dict[str, Any]) -> None:
        self.seen.append(("frontpayment_validation_rules", {"endpoint": endpoint}))

    @hookimpl
    def frontpayment_operation_started(self, call: Call) -> None:
        self.seen.append(("frontpayment_operation_started", {"call": call}))

    @hookimpl
    def frontpayment_before_attempt(self, call: Call, attempt: int, method: str, url: str) -> None:
        self.seen.append(
            ("frontpayment_before_attempt", {"call": call, "attempt": attempt, "method": method, "url": url})
        )

    @hookimpl
    def frontpayment_after_exchange(self, exchange: Exchange) -> None:
        self.seen.append(("frontpayment_after_exchange", {"exchange": exchange}))

    @hookimpl
    def frontpayment_on_error(self, call: Call, error: Exception) -> None:
        self.seen.append(("frontpayment_on_error", {"call": call, "error": error}))

    @hookimpl
    def frontpayment_operation_finished(self, call: Call, result: Any, error: Exception | None) -> None:
        self.seen.append(("frontpayment_operation_finished", {"call": call, "result": result, "error": error}))

    @hookimpl
    def frontpayment_audit_event(self, event: AuditEvent) -> None:
        self.seen.append(("frontpayment_audit_event", {"event": event}))


def transport(status: int = 201, body: Any = None, sent: list[httpx.Request] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if sent is not None:
            sent.append(request)
        return httpx.Response(
            status,
            json=CREATED if body is None else body,
            headers={"x-ratelimit-limit": "240", "x-ratelimit-remaining": "17"},
        )

    return httpx.MockTransport(handler)


def send(
    plugins: list[object],
    mock: httpx.MockTransport,
    *,
    asynchronous: bool = False,
    payload: dict[str, Any] | None = None,
) -> Any:
    payload = documented(INVOICE) if payload is None else payload
    if asynchronous:

        async def run() -> Any:
            client = AsyncFrontpaymentClient(TOKEN, plugins=plugins, http_client=httpx.AsyncClient(transport=mock))
            async with client:
                return await client.send_invoice(payload)

        return asyncio.run(run())
    with FrontpaymentClient(TOKEN, plugins=plugins, http_client=httpx.Client(transport=mock)) as client:
        return client.send_invoice(payload)


SUCCESS_ORDER = [
    "frontpayment_prepare_request",
    "frontpayment_validation_rules",
    "frontpayment_audit_event",
    "frontpayment_operation_started",
    "frontpayment_before_attempt",
    "frontpayment_after_exchange",
    "frontpayment_audit_event",
    "frontpayment_operation_finished",
]


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_every_hook_fires_in_order_with_its_documented_arguments(asynchronous: bool) -> None:
    recorder = Recorder()
    result = send([recorder], transport(), asynchronous=asynchronous)
    assert isinstance(result, OrderCreated)
    assert recorder.names() == SUCCESS_ORDER

    [prepare] = recorder.args("frontpayment_prepare_request")
    call = prepare["call"]
    assert (call.operation, call.endpoint, call.creates_order) == ("send_invoice", "invoice", True)
    assert call.client == ("AsyncFrontpaymentClient" if asynchronous else "FrontpaymentClient")
    assert prepare["payload"]["orderSummary"]["grandTotal"] == "51.00"
    assert recorder.args("frontpayment_validation_rules") == [{"endpoint": "invoice"}]

    [exchange] = [a["exchange"] for a in recorder.args("frontpayment_after_exchange")]
    assert exchange.call is call
    [before] = recorder.args("frontpayment_before_attempt")
    assert before == {"call": call, "attempt": 0, "method": "POST", "url": exchange.url}
    assert (exchange.method, exchange.status, exchange.attempt) == ("POST", 201, 0)
    assert exchange.url == "https://demo-api.frontpayment.no/api/v1/connect/orders/invoice/create"
    assert exchange.elapsed >= 0
    assert exchange.rate_limit_remaining == 17
    assert exchange.request_body["customerDetails"]["personalNumber"] == MASK
    assert exchange.request_body["orderSummary"]["grandTotal"] == "51.00"
    assert exchange.response_body == CREATED

    attempt, outcome = (a["event"] for a in recorder.args("frontpayment_audit_event"))
    assert (attempt.outcome, outcome.outcome) == ("attempt", "success")
    assert attempt.call_id == outcome.call_id == call.id
    assert outcome.order_uuid == "ODR9"
    assert outcome.amounts == {
        "subTotal": Decimal("51.00"),
        "totalTax": Decimal("0.00"),
        "totalDiscount": Decimal("0.00"),
        "grandTotal": Decimal("51.00"),
    }
    [finished] = recorder.args("frontpayment_operation_finished")
    assert finished["result"] is result
    assert finished["error"] is None


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_error_hooks_fire_on_a_refused_order(asynchronous: bool) -> None:
    recorder = Recorder()
    body = {"status_code": 400, "status_message": "Conflict", "message": "orderStatusAlreadyPaid", "errors": []}
    with pytest.raises(BusinessLogicError):
        send([recorder], transport(400, body), asynchronous=asynchronous)
    assert recorder.names()[-3:] == [
        "frontpayment_audit_event",
        "frontpayment_on_error",
        "frontpayment_operation_finished",
    ]
    outcome = recorder.args("frontpayment_audit_event")[-1]["event"]
    assert (outcome.outcome, outcome.status) == ("failed", 400)
    [on_error] = recorder.args("frontpayment_on_error")
    assert isinstance(on_error["error"], BusinessLogicError)
    assert recorder.args("frontpayment_operation_finished")[0]["error"] is on_error["error"]


def test_invalid_payload_fires_on_error_but_nothing_else_after_validation() -> None:
    recorder, sent = Recorder(), []
    payload = documented(INVOICE)
    payload["orderSummary"]["grandTotal"] = "1"
    with pytest.raises(PayloadValidationError):
        send([recorder], transport(sent=sent), payload=payload)
    assert sent == []
    assert recorder.names() == [
        "frontpayment_prepare_request",
        "frontpayment_validation_rules",
        "frontpayment_on_error",
    ]


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_katsupay_fires_the_observing_hooks(asynchronous: bool) -> None:
    recorder = Recorder()
    body = {"succeeded": True, "data": {"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "amount": 5}}
    kwargs: dict[str, Any] = {"plugins": [recorder], "token": TOKEN, "api_key": "key-123456"}
    if asynchronous:

        async def run() -> None:
            async with AsyncKatsuPayClient(
                "http://127.0.0.1:8080", http_client=httpx.AsyncClient(transport=transport(200, body)), **kwargs
            ) as client:
                await client.get_invoice("abc")

        asyncio.run(run())
    else:
        with KatsuPayClient(
            "http://127.0.0.1:8080", http_client=httpx.Client(transport=transport(200, body)), **kwargs
        ) as client:
            client.get_invoice("abc")
    assert recorder.names() == [
        "frontpayment_operation_started",
        "frontpayment_before_attempt",
        "frontpayment_after_exchange",
        "frontpayment_operation_finished",
    ]
    exchange = recorder.args("frontpayment_after_exchange")[0]["exchange"]
    assert exchange.url == "http://127.0.0.1:8080/api/v1/Invoice/getbyId?InvoiceId=abc"
    [before] = recorder.args("frontpayment_before_attempt")
    assert (before["attempt"], before["method"], before["url"]) == (0, "GET", exchange.url)
    assert exchange.call.operation == "katsupay.get_invoice"


class Stamp:
    @hookimpl
    def frontpayment_prepare_request(self, payload: dict[str, Any]) -> None:
        payload["referenceNo"] = "ERP-42"


class Veto:
    @hookimpl
    def frontpayment_prepare_request(self, payload: dict[str, Any]) -> str | None:
        return "closed for inventory" if payload["orderSummary"]["grandTotal"] == "51.00" else None


class NoHairWash:
    @hookimpl
    def frontpayment_validation_rules(self, endpoint: str, payload: dict[str, Any]) -> list[Violation]:
        return [Violation('products["0"].name', "is not sold any more", "another product", "Hair Wash")]


def test_a_plugin_may_amend_the_payload_and_the_callers_dict_is_untouched() -> None:
    sent: list[httpx.Request] = []
    payload = documented(INVOICE)
    send([Stamp()], transport(sent=sent), payload=payload)
    assert json.loads(sent[0].content)["referenceNo"] == "ERP-42"
    assert payload["referenceNo"] is None


def test_a_plugin_may_veto_and_nothing_is_sent() -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(RequestVetoedError, match="closed for inventory"):
        send([Veto()], transport(sent=sent))
    assert sent == []


def test_plugin_rules_are_reported_with_the_sdks_and_nothing_is_sent() -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(PayloadValidationError) as caught:
        send([NoHairWash()], transport(sent=sent))
    assert [v.path for v in caught.value.violations] == ['products["0"].name']
    assert sent == []


class Broken:
    @hookimpl
    def frontpayment_after_exchange(self, exchange: Exchange) -> None:
        raise RuntimeError("plugin bug")

    @hookimpl
    def frontpayment_operation_finished(self, call: Call) -> None:
        raise RuntimeError("plugin bug")


def test_an_observing_plugin_that_raises_is_logged_and_does_not_break_the_call(
    caplog: pytest.LogCaptureFixture,
) -> None:
    recorder = Recorder()
    with caplog.at_level(logging.ERROR, logger="frontpayment_ext.plugins"):
        result = send([recorder, Broken()], transport())
    assert result.order_uuid == "ODR9"
    assert recorder.names() == SUCCESS_ORDER  # the others still saw everything
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "failed in frontpayment_after_exchange; the call goes on" in messages[0]
    assert "failed in frontpayment_operation_finished; the call goes on" in messages[1]
    assert all(r.exc_info is not None for r in caplog.records)  # with the plugin's traceback


class FailingAudit:
    def __init__(self, required: bool) -> None:
        self.required = required

    @hookimpl
    def frontpayment_audit_event(self, event: AuditEvent) -> None:
        raise OSError("disk full")


def test_a_required_audit_plugin_fails_closed() -> None:
    sent: list[httpx.Request] = []
    recorder = Recorder()
    with pytest.raises(AuditError, match="nothing was sent"):
        send([recorder, FailingAudit(required=True)], transport(sent=sent))
    assert sent == []
    assert "frontpayment_operation_started" not in recorder.names()
    assert recorder.names()[-1] == "frontpayment_on_error"


def test_an_optional_audit_plugin_that_fails_does_not_stop_the_call(caplog: pytest.LogCaptureFixture) -> None:
    sent: list[httpx.Request] = []
    with caplog.at_level(logging.ERROR, logger="frontpayment_ext.plugins"):
        assert send([FailingAudit(required=False)], transport(sent=sent)).order_uuid == "ODR9"
    assert len(sent) == 1
    assert len(caplog.records) == 2  # the attempt and the outcome


class Misspelt:
    @hookimpl
    def frontpayment_after_exchnage(self, exchange: Exchange) -> None:  # the typo is the test
        pass


def test_check_pending_catches_a_misspelt_hook() -> None:
    with pytest.raises(ConfigurationError, match="frontpayment_after_exchnage"):
        FrontpaymentClient(TOKEN, plugins=[Misspelt()])


def test_each_client_has_its_own_plugin_manager() -> None:
    one, two = Recorder(), Recorder()
    a = FrontpaymentClient(TOKEN, plugins=[one])
    b = FrontpaymentClient(TOKEN, plugins=[two])
    assert a.plugins.pm is not b.plugins.pm
    send([one], transport())
    assert two.seen == []


def test_builtin_logging_plugin_is_registered_by_default() -> None:
    assert FrontpaymentClient(TOKEN).plugins.names() == ["logging"]


def test_audit_plugin_from_the_environment(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTPAYMENT_AUDIT", str(tmp_path / "audit.jsonl"))
    assert FrontpaymentClient(TOKEN).plugins.names() == ["logging", "audit"]


# Entry points: the example package under examples/plugins is installed by the tests session.
def _example() -> Any:
    import frontpayment_example_plugin

    frontpayment_example_plugin.SEEN.clear()
    return frontpayment_example_plugin


@pytest.mark.parametrize("choice", [True, ["example"]])
def test_the_example_plugin_loads_through_its_entry_point_and_sees_every_hook(choice: Any) -> None:
    example = _example()
    sent: list[httpx.Request] = []
    payload = documented(INVOICE)
    client = FrontpaymentClient(
        TOKEN, load_entrypoints=choice, http_client=httpx.Client(transport=transport(sent=sent))
    )
    assert "example" in client.plugins.names()
    client.send_invoice(payload)
    body = {"status_code": 404, "status_message": "Not Found", "message": "orderNotFound", "data": None}
    client.generated.set_httpx_client(httpx.Client(transport=transport(404, body)))
    with pytest.raises(Exception, match="orderNotFound"):
        client.get_invoice_number("ODR1")
    hooks = {name for name, _ in example.SEEN}
    assert hooks == {
        "frontpayment_prepare_request",
        "frontpayment_validation_rules",
        "frontpayment_audit_event",
        "frontpayment_operation_started",
        "frontpayment_before_attempt",
        "frontpayment_after_exchange",
        "frontpayment_on_error",
        "frontpayment_operation_finished",
    }
    assert json.loads(sent[0].content)["referenceNo"].startswith("EX-")  # it amended the payload


def test_entry_points_are_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    _example()
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "example")
    assert "example" in FrontpaymentClient(TOKEN).plugins.names()
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "all")
    assert "example" in FrontpaymentClient(TOKEN).plugins.names()
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "none")
    assert "example" not in FrontpaymentClient(TOKEN).plugins.names()
    # The argument wins over the variable.
    assert "example" in FrontpaymentClient(TOKEN, load_entrypoints=True).plugins.names()


def test_an_installed_plugin_is_not_loaded_until_the_user_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A payments library does not hand its calls to whatever happens to be installed: opt-in only."""
    _example()
    monkeypatch.delenv("FRONTPAYMENT_PLUGINS", raising=False)
    assert FrontpaymentClient(TOKEN).plugins.names() == ["logging"]
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "")
    assert "example" not in FrontpaymentClient(TOKEN).plugins.names()
    monkeypatch.setenv("FRONTPAYMENT_PLUGINS", "example")
    assert "example" in FrontpaymentClient(TOKEN).plugins.names()


def test_an_unknown_entry_point_name_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="no plugin named 'nope'"):
        FrontpaymentClient(TOKEN, load_entrypoints=["nope"])


def test_the_example_plugin_vetoes_and_adds_a_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    _example()
    monkeypatch.setenv("EXAMPLE_PLUGIN_MAX_TOTAL", "50")
    client = FrontpaymentClient(TOKEN, load_entrypoints=["example"], http_client=httpx.Client(transport=transport()))
    with pytest.raises(RequestVetoedError, match="above this shop's limit of 50"):
        client.send_invoice(documented(INVOICE))
    monkeypatch.delenv("EXAMPLE_PLUGIN_MAX_TOTAL")
    monkeypatch.setenv("EXAMPLE_PLUGIN_NO_TEST_NAMES", "1")
    payload = documented(INVOICE)
    payload["customerDetails"]["name"] = "TEST Person"
    with pytest.raises(PayloadValidationError, match="looks like a test customer"):
        FrontpaymentClient(TOKEN, load_entrypoints=["example"]).send_invoice(payload)
