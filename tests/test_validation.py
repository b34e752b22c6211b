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
    payload["customerDetails"].update(personalNumber="123456789012", email="nope", type="company")
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
        validate({}, "refunds")


# The compiled validator (jsonschema-rs) must agree with an independent implementation of JSON Schema (the Python
# jsonschema package, a test dependency only): if it accepted what the spec refuses, an invalid payload could be
# sent; if it refused what the spec accepts, a valid order would be blocked. Both directions are checked, on
# mutated documented payloads and on the rule cases above.
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from jsonschema_reference import reference_validator  # noqa: E402

from frontpayment_ext.validation import _schema, _validator  # noqa: E402

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


_REFERENCES: dict[tuple[str, bool], Any] = {}


def _agree(payload: Any, endpoint: str, custom: bool = False) -> None:
    if (endpoint, custom) not in _REFERENCES:
        _REFERENCES[endpoint, custom] = reference_validator(_schema(endpoint, custom))
    compiled = _validator(endpoint, custom).is_valid(payload)
    reference = _REFERENCES[endpoint, custom].is_valid(payload)
    assert compiled == reference, f"compiled={compiled} reference={reference}"


@given(st.sampled_from(list(ENDPOINT.items())), st.data(), _values, st.booleans())
def test_compiled_and_independent_validators_agree(
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
def test_compiled_validator_rejects_each_rule_case(
    rule: str, component: str, change: Callable[[Any], None], path: str
) -> None:
    payload = documented(component)
    change(payload)
    assert not _validator(ENDPOINT[component], False).is_valid(payload), rule
    _agree(payload, ENDPOINT[component])


@pytest.mark.parametrize("component", list(OPS))
def test_compiled_validator_accepts_the_documents_examples(component: str) -> None:
    assert _validator(ENDPOINT[component], False).is_valid(documented(component))


# --- Laravel semantics: the server's trimming, both subTotal readings, and the two validation paths agreeing ---

from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis_jsonschema import from_schema  # noqa: E402

from frontpayment_ext.specs import load_spec  # noqa: E402
from frontpayment_ext.validation import laravel_input, trimmed_characters  # noqa: E402


def _discounted_session(sub_total: str) -> dict[str, Any]:
    """1 x 100 at 25 % with 10 off: amount 90, VAT 18, net 72 after the discount, 80 before it."""
    payload = documented(SESSION)
    payload["products"][0].update(quantity="1", rate="100", discount="10", tax="25", amount="90")
    payload["orderSummary"] = {"subTotal": sub_total, "totalTax": "18.00", "totalDiscount": "10.00", "grandTotal": "90"}
    return payload


@pytest.mark.parametrize(("sub_total", "valid"), [("72.00", True), ("80.00", True), ("82.00", False), ("75", False)])
def test_sub_total_accepts_both_documented_readings(sub_total: str, valid: bool) -> None:
    """Seed 001 says "before tax and discount" (80.00), the documented VAT example has grandTotal - totalTax
    (72.00): both are accepted, nothing else."""
    paths = [v.path for v in check(_discounted_session(sub_total), SESSION)]
    assert paths == ([] if valid else ["orderSummary.subTotal"])


def test_surrounding_white_space_is_trimmed_as_the_server_does() -> None:
    """TrimStrings runs before every rule: a trailing newline or padding never makes a value invalid, and both
    validators agree on it (Python's $ would match before a final newline, ECMA-262's does not)."""
    payload = documented(SESSION)
    payload["customerDetails"].update(personalNumber="28038712383\n", type=" private ", preferredLanguage="\tEN ")
    payload["products"][0]["tax"] = " 0\n"
    payload["orderDate"] = "1755150488\r\n"
    assert check(payload, SESSION) == []
    raw = documented(INVOICE)
    raw["customerDetails"]["personalNumber"] = "123456789012\n"  # 12 characters: too long even after trimming
    assert [v.path for v in check(raw, INVOICE)] == ["customerDetails.personalNumber"]
    for endpoint, body in (("session", payload), ("invoice", raw)):
        _agree(body, endpoint)
    # On the raw (untrimmed) body, the compiled validator reads `$` as ECMA-262 does (so does the independent one).
    newline = {**documented(SESSION), "orderDate": "1755150488\n"}
    assert not _validator("session", False).is_valid(newline)
    _agree(newline, "session")
    assert check(newline, SESSION) == []  # and validate() trims it first, as the server does


def test_blank_strings_are_null_where_null_is_allowed() -> None:
    payload = documented(INVOICE)
    payload["customerDetails"].update(personalNumber="", organizationId="  ", preferredLanguage="")
    payload.update(referenceNo="", customerReference="\n")
    payload["products"]["0"].update(productId="", discount=" ")
    assert check(payload, INVOICE) == []
    payload["customerDetails"]["type"] = "corporate"  # now organizationId is required, and "  " is null
    assert [v.path for v in check(payload, INVOICE)] == ["customerDetails.organizationId"]


def test_an_invoice_payload_can_be_reused_for_a_session() -> None:
    """Seed 003's "Optional" fields accept null, as the same fields do on seeds 001 and 002."""
    payload = documented(SESSION)
    payload["products"][0].update(productId=None, discount=None)
    payload.update(referenceNo=None, customerReference=None, settings={"secureDetails": None})
    payload["customerDetails"]["preferredLanguage"] = None
    payload["callback"]["callbackUrl"] = None
    assert check(payload, SESSION) == []
    for field in ("invoiceInterval", "invoiceMaturity", "separateInvoices"):  # `sometimes`: absent yes, null no
        assert [v.path for v in check({**payload, field: None}, SESSION)] == [field]


def test_the_trimmed_characters_come_from_the_spec() -> None:
    chars = trimmed_characters()
    assert {" ", "\t", "\n", "\r", "\x00", "\x0b", "\xa0", "\u3000", "\ufeff", "\u200b"} <= set(chars)
    assert not {"a", "0", "_", "\u200d"} & set(chars)
    assert laravel_input({"a": [" x\n", "", "\u00a0"], "b": 1, "c": True}) == {
        "a": ["x", None, None],
        "b": 1,
        "c": True,
    }


def _resolved(node: Any, schemas: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _resolved(schemas[node["$ref"].rsplit("/", 1)[-1]], schemas)
        return {k: _resolved(v, schemas) for k, v in node.items() if k not in ("description", "examples")}
    if isinstance(node, list):
        return [_resolved(v, schemas) for v in node]
    return node


_LEAVES = [
    "Numeric",
    "OptionalNumeric",
    "LaravelBoolean",
    "VatRate",
    "InvoiceInterval",
    "PreferredLanguage",
    "OptionalPreferredLanguage",
    "PersonalNumber",
    "SessionPersonalNumber",
    "OrderDate",
    "CustomerType",
    "Blank",
    "Email",
]
_SCHEMAS = load_spec("frontpayment")["components"]["schemas"]
# Values drawn from the spec's own leaf schemas (hypothesis-jsonschema), plus the forms the issue names.
_LARAVEL_FORMS = ["2.0", "1e0", ".5", " 1", "1 ", "1.", "+4", "0x1A", "1,5", "NaN", "25.00", "2.5e1", "1", "0", 1, 0]
_leaf_values = st.one_of(
    *[from_schema(_resolved(_SCHEMAS[name], _SCHEMAS)) for name in _LEAVES],
    st.sampled_from([*_LARAVEL_FORMS, "", None, True, False, "true", "NO", "En", "12345678901", "ola@blåbær.no"]),
)
_padding = st.sampled_from(["", " ", "\n", "\r\n", "\t ", "\u00a0", "\ufeff"])


@st.composite
def _padded(draw: st.DrawFn) -> Any:
    value = draw(_leaf_values)
    if isinstance(value, str) and draw(st.booleans()):
        return draw(_padding) + value + draw(_padding)
    return value


def _pad_every_string(value: Any) -> Any:
    if isinstance(value, str):
        return f" {value}\n"
    if isinstance(value, dict):
        return {k: _pad_every_string(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pad_every_string(v) for v in value]
    return value


@hypothesis_settings(max_examples=200)
@given(st.sampled_from(list(ENDPOINT.items())), st.data(), st.lists(_padded(), min_size=1, max_size=4))
def test_both_paths_agree_on_a_generated_corpus(item: tuple[str, str], data: st.DataObject, values: list[Any]) -> None:
    """Both validators give the same answer, on the raw body and on the body as the server's middleware leaves it,
    for bodies whose fields carry the spec's own generated values, padded, blank, null and in Laravel's forms; and
    padding every string changes nothing validate() reports."""
    component, endpoint = item
    payload = documented(component)
    for value in values:
        node: Any = payload
        parent: Any = None
        key: Any = None
        while isinstance(node, dict | list) and node:
            key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
            parent, node = node, node[key]
        if parent is not None:
            parent[key] = value
    for body in (payload, laravel_input(payload)):
        _agree(body, endpoint)
    plain = [(v.path, v.message) for v in check(payload, component)]
    assert [(v.path, v.message) for v in check(_pad_every_string(payload), component)] == plain


@pytest.mark.parametrize("huge", ["1E1000000", "-9e999999999", "1e-1000000", "1e99999999999999999999"])
def test_an_exponent_numeric_string_is_judged_not_raised(huge: str) -> None:
    """PHP's is_numeric accepts any exponent; the money checks must answer (out of range, or a wrong amount)
    instead of raising decimal.Overflow, which the corpus test above once found."""
    payload = documented(INVOICE)
    payload["products"]["0"]["quantity"] = huge
    paths = [v.path for v in check(payload, INVOICE)]
    assert paths
    assert all(p.startswith(("products", "orderSummary")) for p in paths)


# --- One compiled validator: ECMA-262 patterns, the quick path, values JSON cannot carry ---

from frontpayment_ext import validation as validation_module  # noqa: E402
from frontpayment_ext.schema import validator_for  # noqa: E402


@pytest.mark.parametrize(
    ("component", "value", "valid"),
    [
        ("Numeric", "12", True),
        ("Numeric", "12\n", True),  # the pattern itself allows trailing ASCII white space (is_numeric does)
        ("Numeric", "\x0b12", True),  # \x0B in the spec's character class
        ("Numeric", "12\x1c", False),  # Python's str.strip would remove \x1c; PHP and the pattern do not
        ("Numeric", "\u0661\u0662", False),  # Arabic-Indic digits are not [0-9]
        ("SessionPersonalNumber", "12345678901", True),
        ("SessionPersonalNumber", "12345678901\n", False),  # ECMA-262's $ is the very end, never before a newline
        ("Blank", "\u3000\ufeff\u200b\x85\xa0", True),  # \uXXXX and \xXX escapes in a character class
        ("Blank", " \u200d", False),  # a zero-width joiner is not trimmed
        ("Blank", "\n", True),
        ("Blank", "a\n", False),
    ],
)
def test_the_compiled_validator_reads_the_spec_patterns_as_ecma_262(component: str, value: str, valid: bool) -> None:
    assert validator_for(component).is_valid(value) is valid


def test_the_organisation_number_pattern_is_ecma_262() -> None:
    """The session page's negated ASCII class: Unicode letters pass, ASCII punctuation and space do not."""
    payload = documented(SESSION)
    payload["customerDetails"].update(type="corporate", organizationId="ØRSTA123")
    assert "customerDetails.organizationId" not in [v.path for v in check(payload, SESSION)]
    payload["customerDetails"]["organizationId"] = "ØRSTA 123"
    assert "customerDetails.organizationId" in [v.path for v in check(payload, SESSION)]


_hostile = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3),
    max_leaves=10,
)


@hypothesis_settings(max_examples=300)
@given(st.sampled_from(list(ENDPOINT.items())), st.data(), st.lists(_padded() | _hostile, min_size=1, max_size=3))
def test_the_quick_path_answers_exactly_as_the_full_path(
    item: tuple[str, str], data: st.DataObject, values: list[Any]
) -> None:
    """validate() answers a valid, already-trimmed payload with one compiled check and no copy; on everything
    else it walks, trims and lists every error. The two must never differ: a payload the quick check let through
    wrongly would be sent unchecked."""
    component = item[0]
    payload = documented(component)
    for value in values:
        node: Any = payload
        parent: Any = None
        key: Any = None
        while isinstance(node, dict | list) and node and data.draw(st.booleans()):
            key = data.draw(st.sampled_from(list(node) if isinstance(node, dict) else list(range(len(node)))))
            parent, node = node, node[key]
        if parent is not None:
            parent[key] = value
    quick = check(payload, component)
    original = validation_module._is_quick
    validation_module._is_quick = lambda *args: False  # type: ignore[assignment]
    try:
        full = check(payload, component)
    finally:
        validation_module._is_quick = original
    assert quick == full


def test_the_quick_path_is_taken_for_a_valid_payload_and_not_for_one_to_trim() -> None:
    assert validation_module._is_quick("invoice", False, documented(INVOICE))
    padded = documented(INVOICE)
    padded["customerDetails"]["name"] = "Kari "
    assert not validation_module._is_quick("invoice", False, padded)
    blank = documented(INVOICE)
    blank["customerDetails"]["name"] = ""
    assert not validation_module._is_quick("invoice", False, blank)
    for number in (float("nan"), float("inf"), Decimal("-Infinity")):
        odd = documented(INVOICE)
        odd["products"]["0"]["quantity"] = number
        assert not validation_module._is_quick("invoice", False, odd)


def test_values_json_cannot_carry_are_violations_not_crashes() -> None:
    payload = documented(INVOICE)
    payload["customerDetails"]["name"] = {1, 2}
    payload["customerReference"] = b"bytes"
    payload["referenceNo"] = "lone \ud800 surrogate"
    payload["customerDetails"]["address"] = {1: "x", "street": "a"}
    found = {v.path: v.message for v in check(payload, INVOICE)}
    assert found["customerDetails.name"] == "is not a JSON value"
    assert found["customerReference"] == "is not a JSON value"
    assert found["referenceNo"] == "contains a lone surrogate"


def test_paths_keep_the_instance_s_own_keys() -> None:
    """jsonschema-rs reads back the key "01" as the int 1 and drops an empty key; the paths users see do not."""
    payload = documented(INVOICE)
    payload["products"] = {"01": {**payload["products"]["0"], "tax": "x"}, "": 5}
    paths = [v.path for v in check(payload, INVOICE)]
    assert 'products["01"].tax' in paths
    assert 'products[""]' in paths
