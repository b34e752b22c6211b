"""validate(): every spec rule through the public API, plus the rules JSON Schema cannot say."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from test_spec_rules import CASES, EHF, INVOICE, OPS, SESSION, documented

from frontpayment_ext import PayloadValidationError, Violation, ensure_valid, validate
from frontpayment_ext.validation import spec_vat_rates

ENDPOINT = {INVOICE: "invoice", EHF: "ehf", SESSION: "session"}
DOC_DAY = datetime.datetime(2025, 8, 14, 9, 0, tzinfo=datetime.UTC)  # the session example's own date


def check(payload: Any, component: str, **kw: Any) -> list[Violation]:
    return validate(payload, ENDPOINT[component], clock=lambda: DOC_DAY, **kw)


@pytest.mark.parametrize("component", list(OPS))
def test_documents_examples_are_accepted(component: str) -> None:
    assert check(documented(component), component) == []


@pytest.mark.parametrize(("rule", "component", "change", "path"), CASES, ids=[c[0] for c in CASES])
def test_each_spec_rule_is_rejected_at_its_path(
    rule: str, component: str, change: Callable[[Any], None], path: str
) -> None:
    payload = documented(component)
    change(payload)
    violations = check(payload, component)
    assert path in [v.path for v in violations], rule
    for v in violations:
        assert v.message
        assert v.expected


def _mutate(component: str, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    payload = documented(component)
    change(payload)
    return payload


BUSINESS = [
    (
        "line amount = quantity x rate - discount",
        INVOICE,
        lambda d: d["products"]["0"].update(amount=50),
        'products["0"].amount',
    ),
    ("discount is subtracted", SESSION, lambda d: d["products"][0].update(discount="5"), "products[0].amount"),
    (
        "grandTotal is the sum of amounts",
        INVOICE,
        lambda d: d["orderSummary"].update(grandTotal="52.00"),
        "orderSummary.grandTotal",
    ),
    (
        "totalDiscount is the sum of discounts",
        SESSION,
        lambda d: d["orderSummary"].update(totalDiscount="1.00"),
        "orderSummary.totalDiscount",
    ),
    ("totalTax is the VAT in the amounts", EHF, lambda d: d["products"]["0"].update(tax="25"), "orderSummary.totalTax"),
    (
        "subTotal is grandTotal - totalTax",
        INVOICE,
        lambda d: d["orderSummary"].update(subTotal="40.80"),
        "orderSummary.subTotal",
    ),
    (
        "country is a real ISO code",
        INVOICE,
        lambda d: d["customerDetails"]["address"].update(country="XX"),
        "customerDetails.address.country",
    ),
    ("session orderDate is today or later", SESSION, lambda d: d.update(orderDate="1755000000"), "orderDate"),
    ("session orderDate in d M, Y too", SESSION, lambda d: d.update(orderDate="13 Aug, 2025"), "orderDate"),
    ("NaN is not a number", INVOICE, lambda d: d["products"]["0"].update(rate=float("nan")), 'products["0"].rate'),
    (
        "Infinity is not a number",
        INVOICE,
        lambda d: d["orderSummary"].update(grandTotal=Decimal("Infinity")),
        "orderSummary.grandTotal",
    ),
]


@pytest.mark.parametrize(("rule", "component", "change", "path"), BUSINESS, ids=[b[0] for b in BUSINESS])
def test_business_rule_is_rejected_at_its_path(
    rule: str, component: str, change: Callable[[dict[str, Any]], None], path: str
) -> None:
    violations = check(_mutate(component, change), component)
    assert path in [v.path for v in violations], f"{rule}: {[str(v) for v in violations]}"


def test_amount_violation_says_what_was_expected() -> None:
    violations = check(_mutate(INVOICE, lambda d: d["products"]["0"].update(amount=50)), INVOICE)
    by_path = {v.path: v for v in violations}
    assert (by_path['products["0"].amount'].expected, by_path['products["0"].amount'].actual) == ("51.00", 50)
    # The totals are then checked against the amounts as given, so they are reported too.
    assert by_path["orderSummary.grandTotal"].expected == "50.00"


def test_rounding_tolerance_is_one_ore_per_line() -> None:
    payload = _mutate(SESSION, lambda d: d["orderSummary"].update(subTotal="40.01", totalTax="-0.01"))
    assert check(payload, SESSION) == []
    payload = _mutate(SESSION, lambda d: d["orderSummary"].update(subTotal="40.02"))
    assert [v.path for v in check(payload, SESSION)] == ["orderSummary.subTotal"]


def test_session_order_date_today_is_accepted() -> None:
    today = _mutate(SESSION, lambda d: d.update(orderDate="14 Aug, 2025"))
    assert check(today, SESSION) == []


def test_the_clock_is_injectable() -> None:
    later = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    assert [v.path for v in validate(documented(SESSION), "session", clock=lambda: later)] == ["orderDate"]


def test_vat_rates_default_to_the_spec() -> None:
    assert spec_vat_rates() == {Decimal(0), Decimal(12), Decimal(15), Decimal(25)}


def test_vat_rates_are_configurable() -> None:
    def six_percent(d: dict[str, Any]) -> None:
        d["products"][0]["tax"] = "6"  # 40 at 6 % holds 2.26 VAT
        d["orderSummary"].update(subTotal="37.74", totalTax="2.26")

    payload = _mutate(SESSION, six_percent)
    assert [v.path for v in check(payload, SESSION)] == ["products[0].tax"]
    assert check(payload, SESSION, vat_rates=[0, 6, 25]) == []
    narrowed = check(documented(SESSION), SESSION, vat_rates=[25])
    assert [v.path for v in narrowed] == ["products[0].tax"]


def test_every_violation_is_reported_at_once() -> None:
    payload = documented(INVOICE)
    payload["customerDetails"].update(personalNumber="1", email="nope", type="company")
    payload["orderSummary"]["grandTotal"] = "9"
    del payload["callback"]
    paths = [v.path for v in check(payload, INVOICE)]
    assert paths == sorted(paths)
    assert {
        "customerDetails.personalNumber",
        "customerDetails.email",
        "customerDetails.type",
        "orderSummary.grandTotal",
        "callback",
    } <= set(paths)


def test_extra_rules_are_applied() -> None:
    def no_test_customers(payload: Any, endpoint: str) -> list[Violation]:
        name = payload["customerDetails"]["name"]
        return [Violation("customerDetails.name", "is a test name", "a real name", name)] if "Kari" in name else []

    assert [v.path for v in check(documented(INVOICE), INVOICE, extra_rules=[no_test_customers])] == [
        "customerDetails.name"
    ]


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        "text",
        12,
        {"products": "x"},
        {"products": [None, 1, "a"]},
        {"products": {"0": {"quantity": {}}}, "orderSummary": []},
    ],
)
def test_any_json_gives_violations_not_exceptions(payload: Any) -> None:
    for endpoint in ("invoice", "ehf", "session"):
        assert validate(payload, endpoint)


def test_ensure_valid_raises_with_every_violation() -> None:
    with pytest.raises(PayloadValidationError) as caught:
        ensure_valid({}, "invoice")
    assert len(caught.value.violations) == 6
    assert "products: is required" in str(caught.value)


def test_unknown_endpoint() -> None:
    with pytest.raises(ValueError, match="unknown endpoint"):
        validate({}, "refund")


# The fast path: the compiled validator must agree with the reference validator. If it ever accepted what the
# reference rejects, an invalid payload could be sent; if it rejected what the reference accepts, validation would
# only be slower. Both directions are checked, on mutated documented payloads and on the rule cases above.
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from frontpayment_ext.schema import fast_is_valid  # noqa: E402
from frontpayment_ext.validation import _fast_validator, _validator  # noqa: E402

_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(
        [
            "",
            "0",
            "12",
            "25",
            "1.5",
            "abc",
            "+47",
            "NO",
            "no",
            "private",
            "corporate",
            "x@y.no",
            "https://e.x/cb",
            "12345678901",
            "02 Aug, 2023",
            "1703040812",
            "PARTNER",
        ]
    ),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(["0", "1", "name", "type", "tax", "rate", "amount", "a"]), children, max_size=3
        )
    ),
    max_leaves=8,
)


def _agree(payload: Any, endpoint: str, custom: bool = False) -> None:
    fast = fast_is_valid(_fast_validator(endpoint, custom), payload)
    reference = _validator(endpoint, custom).is_valid(payload)
    assert fast == reference, f"fast={fast} reference={reference}"


@given(st.sampled_from(list(ENDPOINT.items())), st.data(), _values, st.booleans())
def test_fast_and_reference_validators_agree(
    item: tuple[str, str], data: st.DataObject, value: Any, custom: bool
) -> None:
    component, endpoint = item
    payload = documented(component)
    node: Any = payload
    keys: list[Any] = []
    while isinstance(node, dict | list) and node and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
        keys.append(key)
        node = node[key]
    if keys:
        parent: Any = payload
        for key in keys[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[keys[-1]]
        else:
            parent[keys[-1]] = value
    _agree(payload, endpoint, custom)


@pytest.mark.parametrize(("rule", "component", "change", "path"), CASES, ids=[c[0] for c in CASES])
def test_fast_validator_rejects_each_rule_case(
    rule: str, component: str, change: Callable[[Any], None], path: str
) -> None:
    payload = documented(component)
    change(payload)
    assert not fast_is_valid(_fast_validator(ENDPOINT[component], False), payload), rule
    _agree(payload, ENDPOINT[component])


@pytest.mark.parametrize("component", list(OPS))
def test_fast_validator_accepts_the_documents_examples(component: str) -> None:
    assert fast_is_valid(_fast_validator(ENDPOINT[component], False), documented(component))
