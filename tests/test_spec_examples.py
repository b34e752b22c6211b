"""Every example in both specs, and every real recording for a documented endpoint, satisfies its schema."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from spec_walk import Example, iter_examples, match_path, response_schema

from frontpayment_ext.schema import format_checker
from frontpayment_ext.specs import load_spec


def _validator(doc: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    # The schema is validated in the context of its document so that "#/components/..." references resolve.
    return Draft202012Validator({**schema, "components": doc["components"]}, format_checker=format_checker())


def _examples(name: str) -> list[Example]:
    return list(iter_examples(load_spec(name)))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["frontpayment", "katsupay"])
def test_the_walker_finds_every_kind_of_example(name: str) -> None:
    wheres = " | ".join(e.where for e in _examples(name))
    assert "request" in wheres or name == "katsupay"
    assert " 200 " in wheres
    assert "parameter" in wheres


@pytest.mark.parametrize(
    ("name", "example"),
    [(name, ex) for name in ("frontpayment", "katsupay") for ex in _examples(name)],
    ids=lambda v: v.where if isinstance(v, Example) else v,
)
def test_example_satisfies_its_schema(name: str, example: Example) -> None:
    doc = load_spec(name)  # type: ignore[arg-type]
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in _validator(doc, example.schema).iter_errors(example.value)
    ]
    assert errors == []


def test_frontpayment_documents_every_status_the_issue_names(fp_spec: dict[str, Any]) -> None:
    ops = {op["operationId"]: op for item in fp_spec["paths"].values() for op in item.values()}
    assert set(ops) == {"get_invoice_number", "send_invoice", "send_ehf_invoice", "create_invoice_session"}
    for op_id, op in ops.items():
        statuses = set(op["responses"])
        assert {"400", "417", "500", "510"} <= statuses, op_id
        assert statuses & {"200", "201"}, op_id
        assert op["security"] == [{"bearerAuth": []}]
    assert "404" in ops["get_invoice_number"]["responses"]


def _peer_for_spec(peer: list[dict[str, Any]], doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for rec in peer:
        template = match_path(doc, urlsplit(rec["uri"]).path)
        if template is not None and rec["method"].lower() in doc["paths"][template]:
            found.append((template, rec))
    return found


def test_real_recordings_satisfy_the_response_schema_of_their_status(
    peer: list[dict[str, Any]], fp_spec: dict[str, Any]
) -> None:
    matched = _peer_for_spec(peer, fp_spec)
    # invoice/create (417), invoice/create/ehf (417) and invoice-number (404) are the recorded documented endpoints.
    assert sorted({(t, r["status"]) for t, r in matched}) == [
        ("/api/v1/connect/orders/invoice-number/{orderUuid}", 404),
        ("/api/v1/connect/orders/invoice/create", 417),
        ("/api/v1/connect/orders/invoice/create/ehf", 417),
    ]
    for template, rec in matched:
        schema = response_schema(fp_spec, rec["method"], template, rec["status"])
        assert schema is not None, f"{rec['method']} {template} {rec['status']} is not documented"
        errors = [e.message for e in _validator(fp_spec, schema).iter_errors(rec["response_body"])]
        assert errors == [], rec["cassette"]


def test_envelopes_accept_both_404_shapes(fp_spec: dict[str, Any]) -> None:
    schema = response_schema(fp_spec, "GET", "/api/v1/connect/orders/invoice-number/{orderUuid}", 404)
    assert schema is not None
    validator = _validator(fp_spec, schema)
    success_shape = {"status_code": 404, "status_message": "Not Found", "message": "x", "is_data": False, "data": None}
    error_shape = {"status_code": 404, "status_message": "Not Found", "message": "x", "is_error": False, "errors": None}
    assert validator.is_valid(success_shape)
    assert validator.is_valid(error_shape)
    assert not validator.is_valid({"status_code": 404, "status_message": "Not Found"})


def test_unknown_order_status_is_accepted(fp_spec: dict[str, Any]) -> None:
    schema = response_schema(fp_spec, "GET", "/api/v1/connect/orders/invoice-number/{orderUuid}", 200)
    assert schema is not None
    body = {
        "status_code": 200,
        "status_message": "OK",
        "message": "m",
        "is_data": True,
        "data": {"orderUuid": "ODR1", "invoiceNumber": None, "status": "SOMETHING NEW"},
    }
    assert _validator(fp_spec, schema).is_valid(body)
