"""Which operations the sandbox serves: every path of both specs, plus the lifecycle endpoints of
``shared/api-lifecycle.md`` at their documented paths until the spec has them.

Handlers are keyed by method and path template (parameter names ignored), so when an operation is added to the
spec its route lines up with the handler already here and takes the spec's operationId, request schema and
documented responses. A spec operation without a handler is still served: validated against its request schema
and answered with its first documented success example.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from frontpayment_ext.specs import ENDPOINTS, SpecName, load_spec

_PARAM = re.compile(r"\{[^}]+\}")
METHODS = ("get", "post", "put", "patch", "delete")


def template(path: str) -> str:
    """``/orders/status/{orderUuid}`` -> ``/orders/status/{}``: the key a handler is registered under."""
    return _PARAM.sub("{}", path)


@attrs.frozen
class Route:
    """One operation the sandbox answers."""

    spec: SpecName
    method: str  # upper case
    path: str  # Starlette/OpenAPI template, e.g. /api/v1/connect/orders/status/{orderUuid}
    operation_id: str
    operation: dict[str, Any] = attrs.field(factory=dict, repr=False, eq=False)  # the spec's operation, if any
    in_spec: bool = True

    @property
    def key(self) -> tuple[str, str]:
        return self.method, template(self.path)

    @property
    def request_schema(self) -> str | None:
        """The component name of the JSON request body's schema, if the spec declares one."""
        content = self.operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        ref = content.get("schema", {}).get("$ref", "")
        return ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else None

    @property
    def sdk_endpoint(self) -> str | None:
        """The SDK validator's endpoint name for the request schema (``invoice``, ``ehf``, ...), if it has one."""
        by_schema = {schema: name for name, schema in ENDPOINTS.items()}
        return by_schema.get(self.request_schema or "")

    @property
    def needs_auth(self) -> bool:
        """Frontpayment requires a bearer token everywhere; Katsu Pay documents an anonymous option."""
        security = self.operation.get("security", load_spec(self.spec).get("security", []))
        return not any(requirement == {} for requirement in security) if self.in_spec else True


# The lifecycle operations, by the paths the real server and the documents give (api-lifecycle.md).
LIFECYCLE: tuple[tuple[str, str, str], ...] = (
    ("GET", "/api/v1/connect/orders/status", "list_order_statuses"),
    ("GET", "/api/v1/connect/orders/status/{orderUuid}", "get_order_status"),
    ("GET", "/api/v1/connect/orders/details/{orderUuid}", "get_order_details"),
    ("POST", "/api/v1/connect/orders/cancel/{orderUuid}", "cancel_order"),
    ("POST", "/api/v1/connect/orders/refund/{orderUuid}", "refund_order"),
    ("POST", "/api/v1/orders/refund/request/approval/{orderUuid}", "request_refund_approval"),
    ("POST", "/api/v1/connect/orders/resend/{orderUuid}", "resend_payment_link"),
    ("POST", "/api/v1/connect/orders/invoice/create/faktura", "send_efaktura"),
)


def spec_routes(name: SpecName) -> list[Route]:
    document = load_spec(name)
    routes = []
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                op_id = str(operation.get("operationId") or f"{method}_{template(path)}")
                routes.append(Route(name, method.upper(), path, op_id, operation))
    return routes


def all_routes() -> list[Route]:
    """Every route: both specs' operations, then the lifecycle operations the spec does not have yet."""
    routes = spec_routes("frontpayment") + spec_routes("katsupay")
    known = {r.key for r in routes}
    for method, path, op_id in LIFECYCLE:
        if (method, template(path)) not in known:
            routes.append(Route("frontpayment", method, path, op_id, in_spec=False))
    return routes


def documented_example(route: Route, status: int) -> tuple[bool, Any]:
    """(documented, body): the first example the spec gives for this status, if it documents the status."""
    responses = route.operation.get("responses", {})
    response = responses.get(str(status))
    if response is None:
        return False, None
    components = load_spec(route.spec).get("components", {}).get("responses", {})
    while "$ref" in response:
        response = components[response["$ref"].rsplit("/", 1)[-1]]
    content = response.get("content", {}).get("application/json", {})
    examples = content.get("examples", {})
    if examples:
        return True, next(iter(examples.values())).get("value")
    if "example" in content:
        return True, content["example"]
    return True, None
