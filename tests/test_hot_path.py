"""The lean hot path (issue 15): one JSON encoding per request, no copy of a payload nobody amends or validates,
plugins that amend a payload still see it validated, and `import frontpayment_ext` leaves the heavy parts unloaded."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from typing import Any

import httpx
import pytest
from test_spec_rules import INVOICE, documented

from frontpayment_ext import FrontpaymentClient, LineItem, Order, PayloadValidationError, hookimpl
from frontpayment_ext.builders import Address, Callbacks, Customer

CREATED = {
    "status_code": 201,
    "status_message": "OK",
    "message": "m",
    "is_data": False,
    "data": {"uuid": "ODR1", "customerUuid": "C1"},
}


def _client(sent: list[httpx.Request], **options: Any) -> FrontpaymentClient:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json=CREATED)

    return FrontpaymentClient("t", http_client=httpx.Client(transport=httpx.MockTransport(answer)), **options)


def _order() -> Order:
    customer = Customer.private("Kari", email="k@example.com", msisdn="46567468", address=Address("a", "1", "b"))
    return Order(lines=[LineItem("x", 2, "10.50", 25)], customer=customer, callbacks=Callbacks("https://e.x/cb"))


def test_the_payload_is_encoded_once_and_sent_as_those_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: the SDK encoded the payload to check it could be, then httpx encoded it again."""
    sent: list[httpx.Request] = []
    client = _client(sent)
    order = _order()
    payload = order.to_payload("invoice")
    encodings: list[Any] = []
    dumps = json.dumps

    def counting(obj: Any, *args: Any, **kwargs: Any) -> str:
        # The payload itself (a logging plugin may encode its redacted copy: that is the plugin's business).
        if isinstance(obj, dict) and obj.get("customerDetails", {}).get("email") == "k@example.com":
            encodings.append(obj)
        return dumps(obj, *args, **kwargs)

    monkeypatch.setattr(json, "dumps", counting)
    monkeypatch.setattr(httpx._content, "json_dumps", counting)  # httpx's own reference to json.dumps
    assert client.send_invoice(order).order_uuid == "ODR1"
    assert len(encodings) == 1
    (request,) = sent
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == payload
    assert request.content == dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def test_an_unvalidated_dict_is_sent_as_json_with_decimals_as_exact_strings() -> None:
    sent: list[httpx.Request] = []
    payload = documented(INVOICE)
    payload["orderSummary"]["grandTotal"] = Decimal("1.50")
    _client(sent).send_invoice(payload, validate=False)
    assert json.loads(sent[0].content)["orderSummary"]["grandTotal"] == "1.50"


@pytest.mark.parametrize("bad", [{1, 2}, float("nan"), b"bytes"])
def test_an_unvalidated_payload_that_is_not_json_is_refused_and_not_sent(bad: Any) -> None:
    """Without validation and without a copy, the one encoding is what refuses it: a typed error, nothing sent."""
    sent: list[httpx.Request] = []
    payload = documented(INVOICE)
    payload["customerReference"] = bad
    with pytest.raises(PayloadValidationError) as caught:
        _client(sent).send_invoice(payload, validate=False)
    assert "is not JSON" in str(caught.value)
    assert sent == []


def test_a_payload_a_plugin_amends_is_validated_and_sent_amended_and_the_callers_dict_is_untouched() -> None:
    class Amender:
        @hookimpl
        def frontpayment_prepare_request(self, call: Any, payload: dict[str, Any]) -> None:
            payload["customerDetails"]["email"] = "not an e-mail"  # the plugin breaks it: validation must see that

    sent: list[httpx.Request] = []
    payload = documented(INVOICE)
    original = json.dumps(payload, sort_keys=True)
    with pytest.raises(PayloadValidationError) as caught:
        _client(sent, plugins=[Amender()]).send_invoice(payload)
    assert "customerDetails.email" in [v.path for v in caught.value.violations]
    assert sent == []
    assert json.dumps(payload, sort_keys=True) == original

    class Fixer:
        @hookimpl
        def frontpayment_prepare_request(self, call: Any, payload: dict[str, Any]) -> None:
            payload["referenceNo"] = "amended"

    _client(sent, plugins=[Fixer()]).send_invoice(documented(INVOICE), validate=False)
    assert json.loads(sent[0].content)["referenceNo"] == "amended"


def test_importing_the_package_leaves_the_heavy_parts_unloaded() -> None:
    code = """
import sys
import httpx
by_httpx = set(sys.modules)  # what httpx itself imports is not the SDK's to save (httpx 0.27 imports httpcore)
import frontpayment_ext
heavy = ["asyncio", "sqlite3", "hmac", "httpcore", "yaml", "jsonschema", "fastjsonschema", "opentelemetry",
         "starlette", "uvicorn", "frontpayment_ext.batch", "frontpayment_ext.journal", "frontpayment_ext.katsupay",
         "frontpayment_ext.plugins.audit", "frontpayment_ext.sandbox", "frontpayment_ext.cli",
         "frontpayment_ext.callbacks"]
print(",".join(m for m in heavy if m in sys.modules and m not in by_httpx))
from frontpayment_ext import AuditPlugin, JournalError, KatsuPayClient, verify_callback
assert {"AuditPlugin", "JournalError", "KatsuPayClient", "verify_callback"} <= set(dir(frontpayment_ext))
assert all(hasattr(frontpayment_ext, name) for name in frontpayment_ext.__all__)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == ""
