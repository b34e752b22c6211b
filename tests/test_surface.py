"""The spec drives the surface: a field or an operation added to the spec reaches the typed results, the client's
methods and the CLI after regeneration, with no hand edit beyond the operation's one ``x-sdk`` entry."""

from __future__ import annotations

import copy
import importlib.util
import io
import json
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from local_server import LocalServer, envelope

from frontpayment_ext import FrontpaymentClient, cli
from frontpayment_ext._surface import ENDPOINTS, OPERATIONS, OrderStatus
from frontpayment_ext.client import _FrontpaymentBase
from frontpayment_ext.transport import SyncTransport

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "frontpayment.yaml"
sys.path.insert(0, str(ROOT / "tools"))
import surface_codegen  # noqa: E402


def _spec() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


def _generate(document: dict[str, Any], tmp_path: Path, name: str) -> ModuleType:
    spec_file = tmp_path / "frontpayment.yaml"
    spec_file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    out = tmp_path / f"{name}.py"
    surface_codegen.generate(spec_file, out, "frontpayment")
    module_spec = importlib.util.spec_from_file_location(name, out)
    assert module_spec is not None
    assert module_spec.loader is not None
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module  # attrs resolves the classes' annotations through the module
    module_spec.loader.exec_module(module)
    return module


def _client_class(module: ModuleType) -> type[Any]:
    """A client with the regenerated methods: what FrontpaymentClient is, built from another generated module."""
    return type("RegeneratedClient", (SyncTransport, _FrontpaymentBase, module.FrontpaymentMethods), {})


def _answering(body: dict[str, Any], seen: list[httpx.Request], status: int = 200) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body, headers={"x-ratelimit-limit": "240"})

    return httpx.Client(transport=httpx.MockTransport(handler))


STATUS_BODY = {
    "status_code": 200,
    "status_message": "OK",
    "message": "Order Status Retrieved Successfully",
    "is_data": True,
    "data": {"uuid": "ODR1", "status": "PAID", "orderAmount": 40, "refundedAmount": "0.50"},
}


def test_the_committed_surface_is_what_the_spec_generates(tmp_path: Path) -> None:
    out = tmp_path / "_surface.py"
    surface_codegen.generate(SPEC, out, "frontpayment")
    committed = (ROOT / "frontpayment_ext" / "_surface.py").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, "run `nox -s generate`"


def test_a_response_field_added_to_the_spec_appears_on_the_typed_result(tmp_path: Path) -> None:
    document = _spec()
    data = document["components"]["schemas"]["OrderStatusData"]
    data["properties"]["trackingFee"] = {"$ref": "#/components/schemas/ResponseAmount"}
    data["properties"]["courier"] = {"type": ["string", "null"]}
    module = _generate(document, tmp_path, "surface_with_field")
    seen: list[httpx.Request] = []
    body = copy.deepcopy(STATUS_BODY)
    body["data"] |= {"trackingFee": "12.50", "courier": "Posten"}
    with _client_class(module)(http_client=_answering(body, seen)) as client:
        result = client.get_order_status("ODR1")
    assert result.tracking_fee == Decimal("12.50")
    assert result.courier == "Posten"
    assert result.order_amount == Decimal(40)
    # and without the regeneration the field is not there: the committed surface knows nothing of it
    assert not hasattr(OrderStatus, "tracking_fee")
    assert "tracking_fee" not in OrderStatus.__annotations__


def test_a_get_operation_added_to_the_spec_is_a_client_method_a_resource_method_and_a_cli_command(
    tmp_path: Path, local_server: Callable[..., LocalServer]
) -> None:
    document = _spec()
    document["paths"]["/api/v1/connect/orders/tracking/{orderUuid}"] = {
        "get": {
            "operationId": "get_order_tracking",
            "summary": "Get Order Tracking",
            "x-sdk": {"resource": "orders", "method": "tracking", "cli": "orders tracking"},  # the one entry
            "parameters": [{"$ref": "#/components/parameters/OrderUuid"}],
            "responses": {
                "200": {
                    "description": "The order's status.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrderStatusEnvelope"}}},
                }
            },
        }
    }
    module = _generate(document, tmp_path, "surface_with_operation")
    seen: list[httpx.Request] = []
    with _client_class(module)(http_client=_answering(STATUS_BODY, seen)) as client:
        flat = client.get_order_tracking("ODR1")
        grouped = client.orders.tracking("ODR1")
    assert flat.status == grouped.status == "PAID"
    assert [r.url.path for r in seen] == ["/api/v1/connect/orders/tracking/ODR1"] * 2

    server = local_server(lambda request: envelope(200, STATUS_BODY["data"]))
    out = io.StringIO()
    argv = ["orders", "tracking", "ODR7", "--json", "--base-url", server.url]
    assert cli.main(argv, out=out, operations=module.OPERATIONS.values()) == 0
    assert json.loads(out.getvalue())["status"] == "PAID"
    assert [r.path for r in server.received] == ["/api/v1/connect/orders/tracking/ODR7"]


def test_every_operation_of_the_spec_is_on_the_client_and_its_resource() -> None:
    document = _spec()
    ids = {op["operationId"] for item in document["paths"].values() for op in item.values()}
    assert ids == set(OPERATIONS)
    client = FrontpaymentClient(base_url="http://127.0.0.1:9")
    for name, _op in OPERATIONS.items():
        assert callable(getattr(client, name)), name
    assert {"invoice", "ehf", "session", "faktura", "cancel", "refund", "refund-approval", "resend"} <= set(ENDPOINTS)
    client.close()


def test_a_misspelt_option_is_refused_at_run_time() -> None:
    with FrontpaymentClient(base_url="http://127.0.0.1:9") as client, pytest.raises(TypeError, match="timout"):
        client.get_order_status("ODR1", timout=3)  # type: ignore[call-arg]


@pytest.mark.slow
def test_mypy_reports_a_misspelt_method_and_a_misspelt_option(tmp_path: Path) -> None:
    script = tmp_path / "user_script.py"
    script.write_text(
        textwrap.dedent(
            """
            from frontpayment_ext import FrontpaymentClient

            with FrontpaymentClient() as client:
                status = client.get_order_status("ODR1", timeout=3)
                print(status.order_amount, status.refunded_amount)
                print(client.orders.details("ODR1").customer_details)
                client.orders.cancel("ODR1", cancellation_note="asked", max_retries=0)
                client.get_order_statuss("ODR1")
                client.orders.status("ODR1", timout=3)
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert any('has no attribute "get_order_statuss"' in line for line in lines), result.stdout
    assert any('"timout"' in line for line in lines), result.stdout
    assert len(lines) == 2, result.stdout  # the correct calls type-check


def test_the_guide_to_adding_an_operation_documents_exactly_the_x_sdk_keys(tmp_path: Path) -> None:
    guide = (ROOT / "docs" / "adding-an-operation.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_0-9]+)` \|", guide, flags=re.MULTILINE))
    assert documented == set(surface_codegen.X_SDK_KEYS)
    used = {key for item in _spec()["paths"].values() for op in item.values() for key in op.get("x-sdk", {})}
    assert used <= documented
    # The guide's example is the spec's own entry for that operation.
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", guide, flags=re.DOTALL).group(1))  # type: ignore[union-attr]
    ((path, item),) = example.items()
    assert _spec()["paths"][path]["get"]["x-sdk"] == item["get"]["x-sdk"]
    assert "nox -s generate" in guide
    # A misspelt policy key is an error, not a silently ignored line.
    document = _spec()
    document["paths"][path]["get"]["x-sdk"]["chnages_state"] = True
    with pytest.raises(SystemExit, match="chnages_state"):
        _generate(document, tmp_path, "surface_with_typo")
