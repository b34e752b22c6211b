"""The validator applies each field's rule as the Laravel server does: one table, every rule of every field of every
endpoint, and from it the values the rule accepts and the values it refuses.

``RULES`` is the table: (endpoint, field, Laravel rule string) as the documents print them (``shared/api-docs``,
``shared/api-notes.md``), with the readings the spec accepts where the documents disagree. ``SAMPLES`` says, for each
rule token, which values Laravel accepts and refuses (after its TrimStrings and ConvertEmptyStringsToNull
middleware). Every case starts from the endpoint's documented example, sets one field, and checks that
``validate`` reports a violation at that field exactly when Laravel would.
"""

from __future__ import annotations

import datetime
import email.utils
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_spec_rules import EHF, INVOICE, SESSION, documented

from frontpayment_ext import validate
from frontpayment_ext.dates import MONTHS, OSLO
from frontpayment_ext.violations import format_path

DOC_DAY = datetime.datetime(2025, 8, 14, 9, 0, tzinfo=datetime.UTC)  # the session example's own date
MISSING = object()
COMPONENT = {"invoice": INVOICE, "ehf": EHF, "session": SESSION}

_PRODUCT = [
    ("products", "required|array"),
    ("products.*.name", "required|string"),
    ("products.*.quantity", "required|numeric"),
    ("products.*.rate", "required|numeric"),
    ("products.*.discount", "nullable|numeric"),
    ("products.*.tax", "required|numeric|vat"),
    ("products.*.amount", "required|numeric"),
]
_SUMMARY = [
    ("orderSummary", "required|array"),
    ("orderSummary.subTotal", "required|numeric"),
    ("orderSummary.totalTax", "required|numeric"),
    ("orderSummary.totalDiscount", "required|numeric"),
    ("orderSummary.grandTotal", "required|numeric"),
    ("orderDate", "required|string|order_date"),
]
_CUSTOMER = [
    ("customerDetails", "required|array"),
    ("customerDetails.countryCode", "required|string"),
    ("customerDetails.msisdn", "required|string"),
    ("customerDetails.email", "required|email"),
    ("customerDetails.name", "required|string"),
    ("customerDetails.address", "required|array"),
    ("customerDetails.address.street", "required|string"),
    ("customerDetails.address.zip", "required|string"),
    ("customerDetails.address.city", "required|string"),
    ("customerDetails.address.country", "required|string|iso_alpha2"),
]
_SCHEDULE = [
    ("invoiceInterval", "sometimes|numeric|in:0,1,2"),
    ("invoiceMaturity", "sometimes|numeric"),
    ("separateInvoices", "sometimes|boolean"),
]

# THE table. Seeds: 001 Send Invoice, 002 Send EHF Invoice, 003 Create Session (shared/api-docs).
RULES: list[tuple[str, str, str]] = [
    *[("invoice", f, r) for f, r in [*_PRODUCT, *_SUMMARY, *_CUSTOMER, *_SCHEDULE]],
    ("invoice", "products.*.productId", "nullable|string"),
    ("invoice", "customerDetails.type", "required|string|in:private,corporate"),
    ("invoice", "customerDetails.preferredLanguage", "nullable|string|language"),
    ("invoice", "customerDetails.personalNumber", "nullable|string|max:11"),
    ("invoice", "customerDetails.organizationId", "required_if:customerDetails.type,corporate|nullable|string"),
    ("invoice", "invoiceFeeApplicable", "required|boolean"),
    ("invoice", "referenceNo", "nullable|string"),
    ("invoice", "customerReference", "nullable|string"),
    ("invoice", "callback.callbackUrl", "required|url"),
    *[("ehf", f, r) for f, r in [*_PRODUCT, *_SUMMARY, *_CUSTOMER, *_SCHEDULE]],
    *[("ehf", f"invoiceReferences.{f}", r) for f, r in _SCHEDULE],
    ("ehf", "products.*.productId", "nullable|string"),
    ("ehf", "sendOrderBy.sms", "required|boolean"),
    ("ehf", "sendOrderBy.email", "required|boolean"),
    ("ehf", "sendOrderBy.invoice", "required|boolean"),
    ("ehf", "isCreditCheckAvailable", "required|boolean"),
    ("ehf", "invoiceAsPaymentOption", "required|boolean"),
    ("ehf", "invoiceFeeApplicable", "nullable|boolean"),  # no rule on seed 002: null and blank are nothing
    ("ehf", "customerDetails.type", "sometimes|string|in:corporate"),
    ("ehf", "customerDetails.customerUuid", "nullable|string"),
    ("ehf", "customerDetails.preferredLanguage", "required|string|language"),
    ("ehf", "customerDetails.personalNumber", "nullable|string|max:11"),
    ("ehf", "customerDetails.organizationId", "nullable|string"),
    ("ehf", "invoiceReferences", "nullable|array"),
    ("ehf", "invoiceReferences.referenceNo", "nullable|string"),
    ("ehf", "invoiceReferences.customerReference", "nullable|string"),
    ("ehf", "invoiceReferences.receiptNo", "nullable|string"),
    ("ehf", "invoiceReferences.customerNotes", "nullable|string"),
    ("ehf", "invoiceReferences.tnc", "nullable|string"),
    ("ehf", "internalReferences", "nullable|array"),
    ("ehf", "internalReferences.referenceNo", "nullable|string"),
    ("ehf", "internalReferences.notes", "nullable|string"),
    *[("session", f, r) for f, r in [*_PRODUCT, *_SUMMARY, *_CUSTOMER, *_SCHEDULE]],
    ("session", "products.*.productId", "nullable|string|max:25"),
    ("session", "referenceNo", "nullable|string"),
    ("session", "customerReference", "nullable|string"),
    ("session", "invoiceFeeApplicable", "required|boolean"),
    ("session", "callback.callbackUrl", "nullable|url"),
    ("session", "callback.success", "required|string"),
    ("session", "callback.failure", "required|string"),
    ("session", "settings.secureDetails", "nullable|boolean"),
    ("session", "customerDetails.type", "required|string|in:private,corporate"),
    ("session", "customerDetails.personalNumber", "required_if:customerDetails.type,private|nullable|size:11"),
    ("session", "customerDetails.preferredLanguage", "nullable|string|language"),
    ("session", "customerDetails.organizationId", "required_if:customerDetails.type,corporate|nullable|alpha_num"),
    ("session", "orderFrom", "required_with:fpgoUuid|in:PARTNER"),
]

Setup = Callable[[dict[str, Any]], None]


def _corporate(payload: dict[str, Any]) -> None:
    payload["customerDetails"].update(type="corporate", organizationId="123456789")


def _with_fpgo(payload: dict[str, Any]) -> None:
    payload["fpgoUuid"] = "ODR4286244937"


def _numeric_forms(value: Any) -> list[Any]:
    """The same number written every way PHP's is_numeric reads it (1 for a field the example leaves out)."""
    d = Decimal(1) if value is None else Decimal(str(value).strip())
    s = f"{d:f}"
    forms: list[Any] = [s, f" {s}", f"{s}\n", f"+{s}", f"{s}e0", f"{s}E+0", f"{d / 10:f}e1", float(d)]
    forms += [f"{s}.", f"{s}.0"] if "." not in s else [s.rstrip("0"), f"{s}0"]
    if d == 0:
        forms += ["-0", ".0", "0e5", "00"]
    return forms


def _same_day_php(value: Any) -> str:
    day = datetime.datetime.fromtimestamp(int(value), OSLO).date()
    return f"{day.day:02d} {MONTHS[day.month - 1]}, {day.year}"


# rule token -> (accepted, refused); a callable entry is applied to the documented value of the field. An entry
# (value, setup) is tried after setup() changed the payload (e.g. a corporate customer).
SAMPLES: dict[str, tuple[list[Any], list[Any]]] = {
    "required": ([], [MISSING, None, "", "   ", "\n"]),
    "nullable": ([None, "", "  \t"], []),
    "sometimes": ([MISSING], [None, ""]),
    "string": (
        [lambda v: f"  {v}\n", "any text ÆØÅ", "465 67 468", "+4746567468", "47"],
        [12, 46567468, True, ["x"], {"a": "x"}],
    ),
    "numeric": (
        [_numeric_forms],
        ["abc", "1,5", "0x1A", "NaN", "INF", "1e", "--1", "1 2", True, False, ["1"], {"a": 1}],
    ),
    "boolean": (
        [True, False, 1, 0, "1", "0", " 1 ", "0\n"],
        ["true", "false", "yes", "no", 2, -1, "2", 0.5, [], {}],
    ),
    "array": ([], ["text", 12, True]),
    "vat": (
        ["0", 0, "0.00", "-0", ".0", "0e3", " 0 ", 12, "12.0", 15, "15.", "25.00", "2.5e1", " 25", 25.0, "+25"],
        [20, "20", "25.5", "2.6e1", "-25", 6, "6"],
    ),
    "in:0,1,2": ([0, 1, 2, "1", "1.0", "2e0", " 2 ", 1.0, "+1"], [3, "3", "0.5", "3e0", -1, "-1", "one"]),
    "in:private,corporate": (
        ["private", " private ", ("corporate", _corporate)],
        ["Private", "business", "company"],
    ),
    "in:corporate": (["corporate", "\tcorporate"], ["private", "Corporate"]),
    "in:PARTNER": (
        [("PARTNER", _with_fpgo), (" PARTNER ", _with_fpgo)],
        [("SHOP", _with_fpgo), ("partner", _with_fpgo)],
    ),
    "required_with:fpgoUuid": ([MISSING], [(MISSING, _with_fpgo), (None, _with_fpgo), ("", _with_fpgo)]),
    "language": (
        ["en", "no", "sv", "da", "de", "NO", "EN", "No", " sv ", "DE\n"],
        ["fr", "english", "nb", "e n", "n"],
    ),
    "email": (
        [
            "kari.nordmann@example.com",
            "ola@blåbær.no",
            " kari@example.com\n",
            '"kari nordmann"@example.com',
            "kari+invoices@sub.example.no",
            "ñandú@example.com",
        ],
        ["[email protected]", "kari", "kari@", "@example.com", "kari..n@example.com", "kari @example.com", "a@-b.no"],
    ),
    "url": (
        ["https://example.com/cb", " https://example.com/cb?x=1\n"],
        ["not a url", "/relative", "example.com/cb"],
    ),
    "max:11": (["12345678901", "1234567890", " 12345678901\n"], ["123456789012"]),
    "size:11": (["28038712383", " 28038712383\n"], ["2803871238", "280387123830", "280387 12383"]),
    "max:25": (["P" * 25, "R_1"], ["P" * 26]),
    "alpha_num": (
        ["ABC123", ("123456789", _corporate), " NO123 ", ("ØRSTA123", _corporate)],
        ["12-34", "123 456", ("12.34", _corporate)],
    ),
    "required_if:customerDetails.type,corporate": (
        [MISSING, None, ""],
        [(MISSING, _corporate), (None, _corporate), ("", _corporate), ("  ", _corporate)],
    ),
    "required_if:customerDetails.type,private": (
        [(MISSING, _corporate), (None, _corporate), ("", _corporate)],
        [MISSING, None, "", "   "],
    ),
    "order_date": (
        [lambda v: v, lambda v: f" {v}\n", _same_day_php],
        ["2023-12-20", "2 Aug, 2023", "5 Dec, 2023", "02 aug, 2023", 1703040812, "yesterday"],
    ),
    "iso_alpha2": (["NO", " SE ", "DK\n"], ["XX", "Norway", "N", "NOR"]),
}
# A token whose samples replace the plain "string" ones: the field's own shape says what a valid string is.
_SHAPES = {"email", "url", "language", "max:11", "size:11", "max:25", "alpha_num", "order_date", "iso_alpha2"}
_SHAPES |= {t for t in SAMPLES if t.startswith("in:")}


def _parts(endpoint: str, field: str, payload: dict[str, Any]) -> list[str | int]:
    parts: list[str | int] = []
    node: Any = payload
    for name in field.split("."):
        part: str | int = (0 if isinstance(node, list) else next(iter(node))) if name == "*" else name
        parts.append(part)
        node = node[part] if isinstance(node, list) or (isinstance(node, dict) and part in node) else {}
    return parts


def _put(payload: dict[str, Any], parts: list[str | int], value: Any) -> None:
    node: Any = payload
    for part in parts[:-1]:
        if isinstance(node, dict) and not isinstance(node.get(part), dict | list):
            node[part] = {}
        node = node[part]
    if value is MISSING:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def _cases() -> list[Any]:
    cases = []
    for endpoint, field, rule in RULES:
        tokens = rule.split("|")
        for token in tokens:
            accepted, refused = SAMPLES[token]
            if token == "string" and _SHAPES & set(tokens):
                accepted = []
            if token == "string" and "max:11" in tokens:
                refused = [12, True]
            if token == "nullable" and "required_if:customerDetails.type,private" in tokens:
                accepted = [(v, _corporate) for v in accepted]  # null is allowed only when it is not required
            for outcome, samples in ((True, accepted), (False, refused)):
                for sample in samples:
                    if token == "sometimes" and outcome is False and "nullable" in tokens:
                        continue
                    label = "accepts" if outcome else "refuses"
                    cases.append(
                        pytest.param(
                            endpoint, field, sample, outcome, id=f"{endpoint}:{field}:{token}:{label}:{sample!r}"
                        )
                    )
    return cases


def _expand(field_value: Any, sample: Any) -> list[tuple[Any, Setup | None]]:
    if isinstance(sample, tuple) and len(sample) == 2 and callable(sample[1]):
        return [sample]
    if callable(sample):
        made = sample(field_value)
        return [(v, None) for v in (made if isinstance(made, list) else [made])]
    return [(sample, None)]


@pytest.mark.parametrize(("endpoint", "field", "sample", "accepted"), _cases())
def test_each_rule_accepts_and_refuses_what_laravel_does(
    endpoint: str, field: str, sample: Any, accepted: bool
) -> None:
    base = documented(COMPONENT[endpoint])
    parts = _parts(endpoint, field, base)
    node: Any = base
    for part in parts:
        node = node[part] if isinstance(node, dict | list) and (isinstance(node, list) or part in node) else None
    for value, setup in _expand(node, sample):
        payload = documented(COMPONENT[endpoint])
        if setup is not None:
            setup(payload)
        _put(payload, parts, value)
        paths = {v.path for v in validate(payload, endpoint, clock=lambda: DOC_DAY)}
        where = format_path(parts)
        if accepted:
            assert where not in paths, f"{where} = {value!r} refused: {paths}"
        else:
            assert where in paths, f"{where} = {value!r} accepted"


def test_the_table_covers_every_property_of_every_request_body() -> None:
    """Each endpoint's schema properties (one level into objects) appear in the table, so a new field cannot slip
    in without its rule."""
    from frontpayment_ext.specs import load_spec

    schemas = load_spec("frontpayment")["components"]["schemas"]
    listed = {(e, f) for e, f, _ in RULES}
    children = {
        "customerDetails": {
            "invoice": "CustomerDetails",
            "ehf": "EhfCustomerDetails",
            "session": "SessionCustomerDetails",
        },
        "orderSummary": dict.fromkeys(COMPONENT, "OrderSummary"),
        "callback": {"invoice": "Callback", "session": "SessionCallback"},
        "sendOrderBy": {"ehf": "SendOrderBy"},
        "settings": {"session": "SessionSettings"},
        "invoiceReferences": {"ehf": "InvoiceReferences"},
        "internalReferences": {"ehf": "InternalReferences"},
    }
    unlisted = {("session", "fpgoUuid"), ("ehf", "callback")}  # free strings / an optional block from a newer page
    for endpoint, component in COMPONENT.items():
        for prop in schemas[component]["properties"]:
            sub = children.get(prop, {}).get(endpoint)
            if sub is None:
                assert (endpoint, prop) in listed or (endpoint, prop) in unlisted, (endpoint, prop)
                continue
            for child in schemas[sub]["properties"]:
                assert (endpoint, f"{prop}.{child}") in listed, (endpoint, f"{prop}.{child}")


# --- The real recordings: the validator refuses at most what the real server refused -------------------------

# Where the validator refuses a field the server's 417 did not name, the document that requires it. The July 2025
# server did not ask Send Invoice for these; seed 001 (written later) lists both as required, and the five
# documents win where they are explicit (shared/api-notes.md).
BEYOND_THE_SERVER = {
    ("/api/v1/connect/orders/invoice/create", "invoiceFeeApplicable"): "seed 001 rules: invoiceFeeApplicable required",
    ("/api/v1/connect/orders/invoice/create", "callback"): "seed 001 rules: callback.callbackUrl required",
}
# Every recording of a request whose body the SDK validates. A 417 names what the server refused; a 404 came after
# the server's validation (Laravel validates the request before the action looks the order up), so that body passed.
JUDGED = {
    "/api/v1/connect/orders/invoice/create": "invoice",
    "/api/v1/connect/orders/invoice/create/ehf": "ehf",
    "/api/v1/connect/orders/invoice/create/faktura": "faktura",
    "/api/v1/connect/orders/cancel/ODR123456789": "cancel",
    "/api/v1/connect/orders/refund/ODR123456789": "refund",
    "/api/v1/connect/orders/resend/ODR123456789": "resend",
}
# The others carry no body the SDK validates (reads), or go to endpoints the spec leaves to `request()` (payment
# links, one-time checkout sessions).
NOT_AN_ORDER_ENDPOINT = {
    "/api/v1/connect/orders/status",
    "/api/v1/connect/orders/payment-link/create",
    "/api/v1/connect/orders/details/ODR986760186",
    "/api/v1/connect/orders/regular/submit",
    "/api/v1/connect/orders/invoice-number/ODR2005869234",
    "/api/v1/connect/orders/status/ODR347888404",
    "/api/v1/connect/orders/status/ODR1649249709",
}
_SERVER_MESSAGE = re.compile(r"^The (?P<field>.+?) (?:field is required|must be|does not match|format is invalid)")


def server_fields(errors: list[str]) -> set[str]:
    """The dotted field paths a 417 names: "The send order by.sms field is required." -> sendOrderBy.sms."""
    fields = set()
    for message in errors:
        match = _SERVER_MESSAGE.match(message)
        assert match, message
        segments = match.group("field").split(".")
        fields.add(".".join(w[0] + "".join(p.capitalize() for p in w[1:]) for w in (s.split(" ") for s in segments)))
    return {f[0].lower() + f[1:] for f in fields}


def _dotted(path: str) -> str:
    return re.sub(r'\[(?:"([^"]*)"|(\d+))\]', lambda m: "." + (m.group(1) or m.group(2)), path)


def _named(path: str, fields: set[str]) -> bool:
    """A violation is one the server named if it is that field, or the missing parent of one."""
    dotted = _dotted(path)
    return any(f == dotted or f.startswith(dotted + ".") for f in fields)


def test_server_messages_become_field_paths() -> None:
    assert server_fields(
        [
            "The send order by.sms field is required.",
            "The customer details.personal number field is required when submit payment.via is invoice.",
            "The products.0.rate field is required.",
            "The order date does not match the format d M, Y.",
            "The customer details.email must be a valid email address.",
        ]
    ) == {"sendOrderBy.sms", "customerDetails.personalNumber", "products.0.rate", "orderDate", "customerDetails.email"}


def test_real_recordings_are_judged_as_the_server_judged_them(peer: list[dict[str, Any]]) -> None:
    assert len(peer) == 17
    judged = 0
    for record in peer:
        path = urlsplit(record["uri"]).path
        if path not in JUDGED:
            assert path in NOT_AN_ORDER_ENDPOINT, path
            continue
        judged += 1
        body = dict(record["request_body"])
        when = email.utils.parsedate_to_datetime(record["recorded_at"])
        if record["status"] == 404:  # validated and accepted by the server: the SDK must accept it too
            assert validate(body, JUDGED[path], clock=lambda: when) == [], path  # noqa: B023 - used at once
            continue
        as_sent = validate(body, JUDGED[path], clock=lambda: DOC_DAY)
        assert "orderDate" in {v.path for v in as_sent}  # "5 Dec, 2023": refused, as the server refused it
        # The form the server wanted: PHP's d M, Y with a two-digit day ("5 Dec, 2023" -> "05 Dec, 2023").
        body["orderDate"] = re.sub(r"^(\d) ", r"0\1 ", body["orderDate"])
        violations = validate(body, JUDGED[path], clock=lambda: when)  # noqa: B023 - used at once
        named = server_fields(record["response_body"]["errors"]) - {"orderDate"}
        beyond = {v.path for v in violations if not _named(v.path, named)}
        assert beyond == {f for (p, f) in BEYOND_THE_SERVER if p == path}, (path, beyond)
        # And nothing the server refused (apart from the date form, now fixed) goes unreported.
        assert all(any(_named(v.path, {f}) or _dotted(v.path).startswith(f) for v in violations) for f in named)
    assert judged == 6
