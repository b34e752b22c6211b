"""Each rule the spec states is enforced by the schema itself, at the path of the offending field.

Every case starts from the document's own (valid) example for the endpoint, breaks exactly one rule, and checks
that the schema rejects it with a violation at the expected path.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from frontpayment_ext.schema import schema_violations
from frontpayment_ext.specs import load_spec

OPS = {
    "SendInvoiceRequest": "/api/v1/connect/orders/invoice/create",
    "SendEhfInvoiceRequest": "/api/v1/connect/orders/invoice/create/ehf",
    "CreateInvoiceSessionRequest": "/api/v1/connect/orders/invoice/submit",
}
INVOICE, EHF, SESSION = OPS


def documented(component: str) -> dict[str, Any]:
    body = load_spec("frontpayment")["paths"][OPS[component]]["post"]["requestBody"]
    return copy.deepcopy(body["content"]["application/json"]["examples"]["documented"]["value"])


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def apply(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return apply


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def apply(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in parents:
            node = node[part]
        del node[last]

    return apply


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        for change in changes:
            change(doc)

    return apply


CASES = [
    # (rule, component, change, path of the violation)
    (
        "personalNumber is at most 11 characters (invoice, max:11)",
        INVOICE,
        _set("customerDetails.personalNumber", "123456789012"),
        "customerDetails.personalNumber",
    ),
    (
        "personalNumber is 11 characters (session, size:11)",
        SESSION,
        _set("customerDetails.personalNumber", "280387 12383"),
        "customerDetails.personalNumber",
    ),
    (
        "organizationId is a string (invoice)",
        INVOICE,
        _both(_set("customerDetails.type", "corporate"), _set("customerDetails.organizationId", 123456789)),
        "customerDetails.organizationId",
    ),
    (
        "organizationId is a string (EHF)",
        EHF,
        _set("customerDetails.organizationId", 123456789),
        "customerDetails.organizationId",
    ),
    (
        "organizationId is alphanumeric (session)",
        SESSION,
        _both(_set("customerDetails.type", "corporate"), _set("customerDetails.organizationId", "12-34")),
        "customerDetails.organizationId",
    ),
    ("countryCode is a string", INVOICE, _set("customerDetails.countryCode", 47), "customerDetails.countryCode"),
    ("msisdn is a string", INVOICE, _set("customerDetails.msisdn", 46567468), "customerDetails.msisdn"),
    (
        "customer type is private or corporate",
        INVOICE,
        _set("customerDetails.type", "business"),
        "customerDetails.type",
    ),
    (
        "preferredLanguage is en/no/sv/da/de",
        SESSION,
        _set("customerDetails.preferredLanguage", "fr"),
        "customerDetails.preferredLanguage",
    ),
    (
        "preferredLanguage is required on EHF",
        EHF,
        _drop("customerDetails.preferredLanguage"),
        "customerDetails.preferredLanguage",
    ),
    ("invoiceInterval is 0, 1 or 2", INVOICE, _set("invoiceInterval", 3), "invoiceInterval"),
    ("invoiceInterval as a string too", SESSION, _set("invoiceInterval", "3"), "invoiceInterval"),
    ("VAT rate is 0/12/15/25", INVOICE, _set("products.0.tax", 20), 'products["0"].tax'),
    ("VAT rate as a string too", SESSION, _set("products.0.tax", "20"), "products[0].tax"),
    (
        "email is an e-mail address",
        INVOICE,
        _set("customerDetails.email", "[email protected]"),
        "customerDetails.email",
    ),
    ("callbackUrl is not empty", INVOICE, _set("callback.callbackUrl", ""), "callback.callbackUrl"),
    ("callbackUrl is a URL", INVOICE, _set("callback.callbackUrl", "not a url"), "callback.callbackUrl"),
    ("session callbackUrl is a URL", SESSION, _set("callback.callbackUrl", "/relative"), "callback.callbackUrl"),
    ("session success callback is a string", SESSION, _set("callback.success", 1), "callback.success"),
    (
        "productId is at most 25 characters on the session endpoint",
        SESSION,
        _set("products.0.productId", "P" * 26),
        "products[0].productId",
    ),
    (
        "corporate needs organizationId",
        INVOICE,
        _both(_set("customerDetails.type", "corporate"), _drop("customerDetails.organizationId")),
        "customerDetails.organizationId",
    ),
    (
        "corporate needs a non-null organizationId",
        INVOICE,
        _set("customerDetails.type", "corporate"),
        "customerDetails.organizationId",
    ),
    (
        "corporate needs a non-empty organizationId (session)",
        SESSION,
        _set("customerDetails.type", "corporate"),
        "customerDetails.organizationId",
    ),
    (
        "private needs personalNumber on the session endpoint",
        SESSION,
        _drop("customerDetails.personalNumber"),
        "customerDetails.personalNumber",
    ),
    (
        "private needs a non-null personalNumber on the session endpoint",
        SESSION,
        _set("customerDetails.personalNumber", None),
        "customerDetails.personalNumber",
    ),
    ("products is non-empty (array)", SESSION, _set("products", []), "products"),
    ("products is non-empty (object)", INVOICE, _set("products", {}), "products"),
    (
        "every products value is a line, whatever its key",
        INVOICE,
        lambda d: d["products"].__setitem__("first", {"name": "x"}),
        "products.first.rate",
    ),
    ("numeric accepts no words", INVOICE, _set("products.0.rate", "fifty"), 'products["0"].rate'),
    ("numeric is not a boolean", SESSION, _set("products.0.quantity", True), "products[0].quantity"),
    ("orderSummary numbers are numeric", INVOICE, _set("orderSummary.grandTotal", "51,00"), "orderSummary.grandTotal"),
    ("orderDate is a timestamp or d M, Y", INVOICE, _set("orderDate", "2023-12-20"), "orderDate"),
    ("orderDate's day has two digits", SESSION, _set("orderDate", "2 Aug, 2023"), "orderDate"),
    ("orderDate is a string", INVOICE, _set("orderDate", 1703040812), "orderDate"),
    ("product name is required", INVOICE, _drop("products.0.name"), 'products["0"].name'),
    ("invoiceFeeApplicable is required", SESSION, _drop("invoiceFeeApplicable"), "invoiceFeeApplicable"),
    ("callbackUrl is required on Send Invoice", INVOICE, _drop("callback.callbackUrl"), "callback.callbackUrl"),
    ("sendOrderBy is required on EHF", EHF, _drop("sendOrderBy"), "sendOrderBy"),
    ("sendOrderBy.sms is boolean", EHF, _set("sendOrderBy.sms", "yes"), "sendOrderBy.sms"),
    ("isCreditCheckAvailable is required on EHF", EHF, _drop("isCreditCheckAvailable"), "isCreditCheckAvailable"),
    ("invoiceAsPaymentOption is required on EHF", EHF, _drop("invoiceAsPaymentOption"), "invoiceAsPaymentOption"),
    ("EHF is corporate only", EHF, _set("customerDetails.type", "private"), "customerDetails.type"),
    ("session failure callback is required", SESSION, _drop("callback.failure"), "callback.failure"),
    ("fpgoUuid needs orderFrom", SESSION, _set("fpgoUuid", "ODR4286244937"), "orderFrom"),
    ("orderFrom is PARTNER", SESSION, _both(_set("fpgoUuid", "ODR1"), _set("orderFrom", "SHOP")), "orderFrom"),
    (
        "address.country is two capital letters",
        INVOICE,
        _set("customerDetails.address.country", "Norway"),
        "customerDetails.address.country",
    ),
    ("invoiceMaturity is numeric", INVOICE, _set("invoiceMaturity", "ten"), "invoiceMaturity"),
    ("invoiceMaturity is not null (sometimes)", SESSION, _set("invoiceMaturity", None), "invoiceMaturity"),
    (
        "preferredLanguage is not null on EHF",
        EHF,
        _set("customerDetails.preferredLanguage", None),
        "customerDetails.preferredLanguage",
    ),
    (
        "invoiceFeeApplicable is a Laravel boolean",
        INVOICE,
        _set("invoiceFeeApplicable", "true"),
        "invoiceFeeApplicable",
    ),
]


@pytest.mark.parametrize("component", list(OPS))
def test_documented_example_is_valid(component: str) -> None:
    assert schema_violations(documented(component), component) == []


@pytest.mark.parametrize(("rule", "component", "change", "path"), CASES, ids=[c[0] for c in CASES])
def test_rule_is_enforced_at_the_field(
    rule: str, component: str, change: Callable[[dict[str, Any]], None], path: str
) -> None:
    payload = documented(component)
    change(payload)
    violations = schema_violations(payload, component)
    assert path in [v.path for v in violations], f"{rule}: got {[str(v) for v in violations]}"


def test_sensitive_values_never_appear_in_violations() -> None:
    payload = documented(SESSION)
    payload["customerDetails"]["personalNumber"] = "2803871238"  # one digit short
    payload["customerDetails"]["email"] = "kari at example.com"
    payload["customerDetails"]["msisdn"] = 46567468  # not a string
    text = " ".join(str(v) + repr(v) for v in schema_violations(payload, SESSION))
    for field in ("personalNumber", "email", "msisdn"):
        assert field in text
    for secret in ("2803871238", "kari at example.com", "46567468"):
        assert secret not in text
