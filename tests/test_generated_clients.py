"""The generated low-level clients send the documented requests and parse every documented response.

Responses are served by an httpx MockTransport from the spec's own examples, so these tests also pin the
generator's behaviour: when a regeneration changes how a documented body is parsed, a test here fails.
"""

from __future__ import annotations

import asyncio
import importlib
import json
from typing import Any

import httpx
import pytest
from spec_walk import iter_examples

from frontpayment_ext.specs import load_spec


def _operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """operationId -> (method, path template, operation), for every operation of the Frontpayment spec."""
    doc = load_spec("frontpayment")
    return {
        op["operationId"]: (method.upper(), path, op)
        for path, item in doc["paths"].items()
        for method, op in item.items()
    }


FP_PATHS = {op_id: (method, path) for op_id, (method, path, _) in _operations().items()}


def _documented_responses(spec: str) -> list[tuple[str, int, str, Any]]:
    """(operationId, status, example name, body) for every response example of a spec."""
    doc = load_spec(spec)  # type: ignore[arg-type]
    out = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for ex in iter_examples({"paths": {path: {method: op}}, "components": doc["components"]}):
                parts = ex.where.split(" ")
                if len(parts) > 2 and parts[2].isdigit():
                    out.append((op["operationId"], int(parts[2]), ex.where, ex.value))
    return out


def _schema_name(spec: str, op_id: str, status: int) -> set[str]:
    """The generated class names a response of this status may parse into."""
    doc = load_spec(spec)  # type: ignore[arg-type]
    op = next(o for item in doc["paths"].values() for o in item.values() if o["operationId"] == op_id)
    response = op["responses"][str(status)]
    if "$ref" in response:
        response = doc["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
    schema = response["content"]["application/json"]["schema"]
    name = schema["$ref"].rsplit("/", 1)[-1]
    target = doc["components"]["schemas"][name]
    return {b["$ref"].rsplit("/", 1)[-1] for b in target["anyOf"]} if "anyOf" in target else {name}


def _fp_call(op_id: str, transport: httpx.MockTransport, *, asynchronous: bool = False) -> Any:
    from frontpayment_ext._generated.frontpayment_client import AuthenticatedClient

    _method, path, op = _operations()[op_id]
    module = importlib.import_module(f"frontpayment_ext._generated.frontpayment_client.api.{op['tags'][0]}.{op_id}")
    # The transport goes in through httpx_args so that the generated client still builds its own httpx client,
    # with the Authorization header it adds.
    client = AuthenticatedClient(
        base_url="https://demo-api.frontpayment.no", token="test-token", httpx_args={"transport": transport}
    )
    kwargs: dict[str, Any] = {"order_uuid": "ODR2005869234"} if "{orderUuid}" in path else {}
    if "requestBody" in op:
        kwargs["body"] = _request_model(op_id)
    if asynchronous:
        return asyncio.run(module.asyncio_detailed(client=client, **kwargs))
    return module.sync_detailed(client=client, **kwargs)


def _request_example(op_id: str) -> dict[str, Any]:
    _, _, op = _operations()[op_id]
    value: dict[str, Any] = op["requestBody"]["content"]["application/json"]["examples"]["documented"]["value"]
    return value


def _request_model(op_id: str) -> Any:
    from frontpayment_ext._generated.frontpayment_client import models

    _, _, op = _operations()[op_id]
    name = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    return getattr(models, name).from_dict(_request_example(op_id))


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(
    ("op_id", "status", "where", "body"),
    _documented_responses("frontpayment"),
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_frontpayment_parses_documented_response(
    op_id: str, status: int, where: str, body: Any, asynchronous: bool
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body)

    response = _fp_call(op_id, httpx.MockTransport(handler), asynchronous=asynchronous)
    assert response.status_code == status
    assert type(response.parsed).__name__ in _schema_name("frontpayment", op_id, status)
    assert response.parsed.to_dict() == body
    method, path = FP_PATHS[op_id]
    request = seen[0]
    assert request.method == method
    assert request.headers["Authorization"] == "Bearer test-token"
    if method == "POST":
        # The generated request model gives back exactly the documented payload.
        assert json.loads(request.content) == _request_example(op_id)
    assert request.url.path == path.replace("{orderUuid}", "ODR2005869234")


@pytest.mark.parametrize("status", [401, 403, 418, 429, 502, 503])
@pytest.mark.parametrize("op_id", list(FP_PATHS))
def test_frontpayment_reports_undocumented_status_without_parsing(op_id: str, status: int) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, text="<html>upstream error</html>"))
    response = _fp_call(op_id, transport)
    assert response.status_code == status
    assert response.parsed is None
    assert response.content == b"<html>upstream error</html>"


def test_frontpayment_raises_on_undocumented_status_when_asked() -> None:
    from frontpayment_ext._generated.frontpayment_client import AuthenticatedClient, errors
    from frontpayment_ext._generated.frontpayment_client.api.invoices import get_invoice_number

    transport = httpx.MockTransport(lambda request: httpx.Response(418, text="teapot"))
    client = AuthenticatedClient(
        base_url="https://x.invalid", token="t", raise_on_unexpected_status=True, httpx_args={"transport": transport}
    )
    with pytest.raises(errors.UnexpectedStatus) as caught:
        get_invoice_number.sync_detailed(client=client, order_uuid="ODR1")
    assert caught.value.status_code == 418


def _katsu_call(transport: httpx.MockTransport) -> Any:
    from frontpayment_ext._generated.katsupay_client import AuthenticatedClient
    from frontpayment_ext._generated.katsupay_client.api.invoices import get_invoice

    client = AuthenticatedClient(base_url="http://127.0.0.1:8080", token="k", httpx_args={"transport": transport})
    return get_invoice.sync_detailed(client=client, invoice_id="3fa85f64-5717-4562-b3fc-2c963f66afa6")


@pytest.mark.parametrize(
    ("op_id", "status", "where", "body"),
    _documented_responses("katsupay"),
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_katsupay_parses_documented_response(op_id: str, status: int, where: str, body: Any) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body)

    response = _katsu_call(httpx.MockTransport(handler))
    parsed = response.parsed
    assert type(parsed).__name__ == "GetInvoiceResponse"
    assert parsed.succeeded is body["succeeded"]
    if body["data"] is not None:
        assert str(parsed.data.id) == body["data"]["id"]
        assert parsed.data.recuring_invoice is body["data"]["recuringInvoice"]
        assert parsed.data.invoice_status == body["data"]["invoiceStatus"]
        assert parsed.data.due_date.year == 2024
    assert seen[0].url.params["InvoiceId"] == "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    assert "version" not in seen[0].url.path


@pytest.mark.parametrize("status", [400, 404, 500])
def test_katsupay_documented_errors_have_no_body(status: int) -> None:
    response = _katsu_call(httpx.MockTransport(lambda request: httpx.Response(status)))
    assert response.status_code == status
    assert response.parsed is None


def test_generated_request_models_carry_the_laravel_forms() -> None:
    """The spec's Laravel semantics reach the generated client: a session body with Laravel's boolean and numeric
    forms, an upper-case language and seed 003's optional fields as null round-trips unchanged."""
    from frontpayment_ext._generated.frontpayment_client import models

    body = _request_example("create_invoice_session")
    body = json.loads(json.dumps(body))
    body["products"][0].update(productId=None, discount=None, tax="25.00", quantity="1e0")
    body["customerDetails"]["preferredLanguage"] = "NO"
    body.update(invoiceFeeApplicable="1", separateInvoices=0, referenceNo=None, settings={"secureDetails": None})
    body["callback"]["callbackUrl"] = None
    assert models.CreateInvoiceSessionRequest.from_dict(body).to_dict() == body
