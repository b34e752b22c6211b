"""Conformance: every documented request example of both specs goes through the sandbox, and each answer is checked
against the spec by an independent validator (openapi-core, not the SDK's own code), so the sandbox cannot drift
from the spec. Every documented error status is driven too (by the sandbox's status faults), and a second pass
uses an order the sandbox created, so the success answers of the reads are checked as well."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from frontpayment_ext.sandbox import Sandbox
from frontpayment_ext.sandbox._routes import Route, spec_routes
from frontpayment_ext.specs import load_spec

HOSTS = {"frontpayment": "https://demo-api.frontpayment.no", "katsupay": "http://127.0.0.1:8080"}
AUTH = {"Authorization": "Bearer conformance-token"}


def _iso_8601(value: object) -> bool:
    """Katsu Pay's dates are ISO-8601 that "may lack a timezone" (its spec says so of its date-time fields);
    openapi-core's own date-time check is RFC 3339, which requires one."""
    if not isinstance(value, str):
        return True
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module")
def apis() -> dict[str, OpenAPI]:
    config = Config(extra_format_validators={"date-time": _iso_8601})
    return {name: OpenAPI.from_dict(load_spec(name), config=config) for name in HOSTS}  # type: ignore[arg-type]


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(rate_limit=None) as box:
        yield box


def _routes() -> list[Route]:
    return spec_routes("frontpayment") + spec_routes("katsupay")


def _request_examples(route: Route) -> list[tuple[str, Any]]:
    content = route.operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    return [(name, ex["value"]) for name, ex in content.get("examples", {}).items()] or [("none", None)]


def _parameters(route: Route, order_uuid: str | None) -> tuple[dict[str, str], dict[str, str]]:
    path, query = {}, {}
    shared = load_spec(route.spec).get("components", {}).get("parameters", {})
    for listed in route.operation.get("parameters", []):
        parameter = shared[listed["$ref"].rsplit("/", 1)[-1]] if "$ref" in listed else listed
        value = parameter.get("example", parameter.get("schema", {}).get("example", "x"))
        if parameter["name"] == "orderUuid" and order_uuid is not None:
            value = order_uuid
        (path if parameter["in"] == "path" else query)[parameter["name"]] = str(value)
    return path, query


def _exchange(sandbox: Sandbox, apis: dict[str, OpenAPI], route: Route, body: Any, uuid: str | None) -> int:
    path_params, query = _parameters(route, uuid)
    path = route.path.format(**path_params)
    with sandbox.http_client() as http:
        response = http.request(route.method, path, params=query, json=body, headers=AUTH)
    request = MockRequest(
        HOSTS[route.spec],
        route.method,
        path,
        path_pattern=route.path,
        args=query,
        view_args=path_params,
        headers=AUTH,
        data=json.dumps(body).encode() if body is not None else None,
    )
    content_type = response.headers.get("content-type", "")
    reply = MockResponse(response.content, response.status_code, dict(response.headers), content_type)
    apis[route.spec].validate_response(request, reply)  # raises on any disagreement with the spec
    return response.status_code


def _a_paid_order(sandbox: Sandbox) -> str:
    example = dict(_request_examples(next(r for r in _routes() if r.operation_id == "send_invoice"))[0][1])
    with sandbox.client() as client:
        uuid = client.send_invoice(example).order_uuid
    sandbox.set_status(uuid, "PAID")
    return uuid


@pytest.mark.parametrize("route", _routes(), ids=lambda r: r.operation_id)
def test_every_documented_example_is_answered_as_the_spec_says(
    route: Route, sandbox: Sandbox, apis: dict[str, OpenAPI]
) -> None:
    documented = {int(s) for s in route.operation["responses"]}
    seen = set()
    for _name, body in _request_examples(route):
        seen.add(_exchange(sandbox, apis, route, body, None))
        seen.add(_exchange(sandbox, apis, route, body, _a_paid_order(sandbox)))
    for status in sorted(documented - seen):
        sandbox.faults.add(sandbox_fault(status, route.operation_id))
        seen.add(_exchange(sandbox, apis, route, _request_examples(route)[0][1], None))
    assert documented <= seen, f"{route.operation_id}: documented {sorted(documented)}, answered {sorted(seen)}"
    assert seen <= documented, f"{route.operation_id} answered an undocumented status: {sorted(seen - documented)}"


def sandbox_fault(status: int, operation: str) -> Any:
    from frontpayment_ext.sandbox._faults import Fault

    return Fault("status", 1, status, 0.0, operation)


def test_the_spec_operations_are_all_served(sandbox: Sandbox) -> None:
    served = {(r.method, r.path) for r in sandbox.routes}
    for route in _routes():
        assert (route.method, route.path) in served
