"""``validate(payload, endpoint)``: every rule of the spec, plus the ones JSON Schema cannot say.

The spec's rules are read from the spec itself (its component schemas), so the spec stays the single source.
They are applied the way the server (a Laravel application) applies its own: first the payload is normalised as
Laravel's middleware does (every string trimmed, a blank string turned into null; ``laravel_input``), then the
schema runs on the result. So a value the server accepts after its own trimming is never refused here, and the
compiled and reference validators see the same, trimmed strings. On top of the schema:

* each line: ``amount = quantity x rate - discount``, rounded to ore;
* ``grandTotal`` = sum of amounts, ``totalDiscount`` = sum of discounts, ``totalTax`` = sum of the VAT contained in
  each line's amount at its rate, and ``subTotal`` either ``grandTotal - totalTax`` or the net of the lines before
  their discounts (the documents allow both readings); each within 0.01 per line for rounding;
* numeric strings with an exponent (``"2.5e1"``) for the VAT rate and ``invoiceInterval``, whose value JSON Schema
  cannot compute, are compared by value with the allowed set;
* ``address.country`` is a real ISO 3166-1 alpha-2 code;
* on the session endpoint, ``orderDate`` is today or later (Norwegian time; the clock is injectable);
* the VAT rates allowed default to the spec's (0, 12, 15, 25) and can be configured.

The business rules are written to accept any JSON-like input: a value they cannot read is left to the schema's
own violation and never raises.
"""

from __future__ import annotations

import copy
import datetime
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .countries import ISO_3166_ALPHA2
from .dates import OSLO, order_date
from .errors import PayloadValidationError
from .money import HUNDRED, MAX_MAGNITUDE, ORE, in_range, line_amount, round_ore, vat_included
from .schema import compile_fast, ecma_pattern, fast_is_valid, reference_validator
from .specs import ENDPOINTS, component_schema, load_spec
from .violations import PathPart, Violation, format_path, to_violations

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

Clock = Callable[[], datetime.datetime]
ExtraRule = Callable[[Mapping[str, Any], str], Iterable[Violation]]

# PHP's is_numeric skips this white space around a number (``" 1"``, and since PHP 8 ``"1 "``).
_PHP_SPACE = " \t\n\r\x0b\x0c"


@functools.cache
def _numeric_pattern() -> re.Pattern[str]:
    """The spec's Numeric pattern (PHP's is_numeric), read once. Patterns are ECMA-262: ``$`` is the very end."""
    return re.compile(ecma_pattern(load_spec("frontpayment")["components"]["schemas"]["Numeric"]["pattern"]))


@functools.cache
def trimmed_characters() -> str:
    """Every character the server's TrimStrings middleware removes, from the spec's ``Blank`` pattern (a single
    character class), expanded once so that trimming is a plain ``str.strip``."""
    pattern = load_spec("frontpayment")["components"]["schemas"]["Blank"]["pattern"]
    char_class = re.compile(pattern.removeprefix("^").removesuffix("*$"))
    return "".join(ch for ch in map(chr, range(0x10000)) if char_class.fullmatch(ch))


def laravel_input(value: Any) -> Any:
    """The payload as the server's rules see it: every string trimmed (TrimStrings) and a blank string turned
    into null (ConvertEmptyStringsToNull), at any depth; keys, numbers and booleans are left alone. Depth is
    bounded by the caller (MAX_DEPTH)."""
    if isinstance(value, str):
        return value.strip(trimmed_characters()) or None
    if isinstance(value, Mapping):
        return {k: laravel_input(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [laravel_input(v) for v in value]
    return value


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@functools.cache
def spec_vat_rates() -> frozenset[Decimal]:
    """The VAT rates the spec allows (its VatRate enum), read once."""
    return _spec_enum("VatRate")


@functools.cache
def _spec_enum(component: str) -> frozenset[Decimal]:
    """The values of a spec component's numeric enum branch (VatRate, InvoiceInterval)."""
    branches = load_spec("frontpayment")["components"]["schemas"][component]["anyOf"]
    return frozenset(Decimal(str(v)) for b in branches for v in b.get("enum", ()))


def _schema(endpoint: str, custom_vat: bool) -> dict[str, Any]:
    schema = component_schema(ENDPOINTS[endpoint])
    if custom_vat:
        # A merchant with other VAT configuration: the schema checks only that tax is numeric, the rule below
        # checks membership in the configured set.
        schema = copy.deepcopy(schema)
        schema["components"]["schemas"]["VatRate"] = {"$ref": "#/components/schemas/Numeric"}
    return schema


@functools.cache
def _validator(endpoint: str, custom_vat: bool) -> Draft202012Validator:
    """The reference validator: slow, but it reports every error with its path."""
    return reference_validator(_schema(endpoint, custom_vat))


@functools.cache
def _fast_validator(endpoint: str, custom_vat: bool) -> Callable[[Any], Any]:
    """The same schema compiled to Python by fastjsonschema (about 25 times faster), used to answer "valid?" for
    the common case. It stops at the first error, so a payload it rejects is re-checked by the reference
    validator for the full list; tests/test_validation.py checks that the two agree."""
    return compile_fast(_schema(endpoint, custom_vat))


def number(value: Any) -> Decimal | None:
    """A finite Decimal from a JSON number or a numeric string as PHP's is_numeric reads it (``"2.0"``,
    ``".5"``, ``"1e0"``, ``" 1"``), or None if the value is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not _numeric_pattern().search(value):
            return None
        try:
            result = Decimal(value.strip(_PHP_SPACE))
        except (InvalidOperation, ValueError):
            return None  # an exponent beyond what Decimal can hold: not money either way
        return result if result.is_finite() else None
    if isinstance(value, int | Decimal | float):
        try:
            result = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, ValueError):
            return None
        return result if result.is_finite() else None
    return None


def _lines(products: Any) -> list[tuple[PathPart, Any]]:
    if isinstance(products, list):
        return list(enumerate(products))
    if isinstance(products, dict):
        return list(products.items())
    return []


def _ranged(path: list[PathPart], value: Any) -> tuple[Decimal | None, Violation | None]:
    """A number in money range, or None, with the violation to report when it is a number out of range."""
    parsed = number(value)
    beyond_decimal = parsed is None and isinstance(value, str) and _numeric_pattern().search(value) is not None
    if (parsed is None and not beyond_decimal) or (parsed is not None and in_range(parsed)):
        return parsed, None
    return None, Violation(format_path(path), "is out of range", f"at most {MAX_MAGNITUDE:,.0f} either way", value)


def _check_lines(payload: Mapping[str, Any], vat_rates: frozenset[Decimal], report_rates: bool) -> Iterator[Violation]:
    """Line amounts and order totals. Totals are skipped when a line cannot be read or has a VAT rate that is not
    allowed: its own violation is the one to fix, and totals computed from it would only repeat it."""
    products = payload.get("products")
    lines = _lines(products)
    amounts: list[Decimal] = []
    discounts: list[Decimal] = []
    taxes: list[Decimal] = []
    nets_before_discount: list[Decimal] = []
    complete = bool(lines)
    for key, line in lines:
        base: list[PathPart] = ["products", key]
        if not isinstance(line, dict):
            complete = False
            continue
        values: dict[str, Decimal | None] = {}
        for field in ("quantity", "rate", "amount", "discount"):
            values[field], out_of_range = _ranged([*base, field], line.get(field))
            if out_of_range is not None:
                yield out_of_range
        quantity, rate, amount = values["quantity"], values["rate"], values["amount"]
        discount = Decimal(0) if line.get("discount") is None else values["discount"]
        tax = number(line.get("tax"))
        if tax is not None and tax not in vat_rates:
            if report_rates or _has_exponent(line.get("tax")):
                allowed = ", ".join(sorted(f"{r.normalize():f}" for r in vat_rates))
                yield Violation(
                    format_path([*base, "tax"]),
                    f"must be one of the configured VAT rates {allowed}",
                    f"one of {allowed}",
                    line.get("tax"),
                )
            tax = None
        if quantity is None or rate is None or amount is None or discount is None or tax is None:
            complete = False
            continue
        expected = line_amount(quantity, rate, discount)
        if abs(amount - expected) > ORE:
            yield Violation(
                format_path([*base, "amount"]),
                "must equal quantity x rate - discount",
                f"{expected:f}",
                line.get("amount"),
            )
        amounts.append(amount)
        discounts.append(discount)
        taxes.append(vat_included(amount, tax) if 0 <= tax < HUNDRED else Decimal(0))
        gross_before = line_amount(quantity, rate, Decimal(0))
        nets_before_discount.append(gross_before - (vat_included(gross_before, tax) if 0 <= tax < HUNDRED else 0))
    summary = payload.get("orderSummary")
    if not complete or not isinstance(summary, dict):
        return
    tolerance = ORE * len(amounts)
    grand = sum(amounts, Decimal(0))
    total_tax = sum(taxes, Decimal(0))
    # subTotal has two documented readings: the net total (grandTotal - totalTax, the documented example) or the
    # net "before tax and discount" (the pages' words). Either is accepted; the first is reported as expected.
    wanted: dict[str, tuple[tuple[Decimal, ...], str]] = {
        "grandTotal": ((grand,), "the sum of the line amounts"),
        "totalDiscount": ((sum(discounts, Decimal(0)),), "the sum of the line discounts"),
        "totalTax": ((total_tax,), "the VAT contained in the line amounts"),
        "subTotal": (
            (grand - total_tax, sum(nets_before_discount, Decimal(0))),
            "grandTotal - totalTax (the net total), or the net total before discounts",
        ),
    }
    for field, (candidates, meaning) in wanted.items():
        value = candidates[0]
        given, out_of_range = _ranged(["orderSummary", field], summary.get(field))
        if out_of_range is not None:
            yield out_of_range
        if given is not None and all(abs(given - v) > tolerance for v in candidates):
            yield Violation(
                format_path(["orderSummary", field]),
                f"must equal {meaning}",
                f"{round_ore(value):f}",
                summary.get(field),
            )


def _has_exponent(value: Any) -> bool:
    """A numeric string with an exponent: the schema admits it without knowing its value, so the value is
    checked here."""
    return isinstance(value, str) and ("e" in value or "E" in value)


def _check_interval(payload: Mapping[str, Any]) -> Iterator[Violation]:
    """``invoiceInterval`` written with an exponent (``"1e0"``) is compared by value with 0, 1 and 2."""
    allowed = _spec_enum("InvoiceInterval")
    references = payload.get("invoiceReferences")
    places: list[tuple[list[PathPart], Any]] = [(["invoiceInterval"], payload.get("invoiceInterval"))]
    if isinstance(references, Mapping):
        places.append((["invoiceReferences", "invoiceInterval"], references.get("invoiceInterval")))
    for path, value in places:
        parsed = number(value) if _has_exponent(value) else None
        if parsed is not None and parsed not in allowed:
            shown = ", ".join(sorted(f"{v:f}" for v in allowed))
            yield Violation(format_path(path), f"must be one of {shown}", f"one of {shown}", value)


MAX_DEPTH = 32  # the documented payloads nest 4 deep; anything far deeper is hostile or broken


def _walk(payload: Any) -> Iterator[tuple[list[PathPart], Any]]:
    """Every (path, value) in a JSON-like structure, iteratively, so no nesting can exhaust the stack."""
    stack: list[tuple[list[PathPart], Any]] = [([], payload)]
    while stack:
        path, value = stack.pop()
        yield path, value
        if len(path) > MAX_DEPTH:
            continue
        if isinstance(value, Mapping):
            stack.extend(([*path, str(k)], v) for k, v in reversed(list(value.items())))
        elif isinstance(value, list | tuple):
            stack.extend(([*path, i], v) for i, v in reversed(list(enumerate(value))))


def _shape_is_suspect(payload: Any) -> bool:
    """A quick scan (no paths built): is anything nested too deep or a number not finite? Almost never true, so
    the path-building walk below runs only when there is something to report."""
    stack: list[tuple[Any, int]] = [(payload, 0)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None:
            continue  # the common leaves, decided without an isinstance chain
        if isinstance(value, dict | list | tuple):
            if depth >= MAX_DEPTH:
                return True
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
        elif isinstance(value, Mapping):
            stack.append((dict(value), depth))
        elif isinstance(value, float):
            if not math.isfinite(value):
                return True
        elif isinstance(value, Decimal) and not value.is_finite():
            return True
    return False


def _check_shape(payload: Any) -> list[Violation]:
    """Nesting beyond MAX_DEPTH, and numbers that are not finite (NaN and Infinity pass JSON Schema's "number"
    but are neither JSON nor money)."""
    if not _shape_is_suspect(payload):
        return []
    found = []
    for path, value in _walk(payload):
        if len(path) > MAX_DEPTH:
            found.append(
                Violation(
                    format_path(path[:MAX_DEPTH]),
                    f"is nested more than {MAX_DEPTH} levels deep",
                    f"at most {MAX_DEPTH} levels",
                    "a deeper structure",
                )
            )
            break
        if isinstance(value, float | Decimal) and not Decimal(str(value)).is_finite():
            found.append(Violation(format_path(path), "must be a finite number", "a finite number", str(value)))
    return found


def _without_non_finite(value: Any) -> Any:
    """A copy with NaN and Infinity (float or Decimal) replaced by None. Depth is already bounded by MAX_DEPTH."""
    if isinstance(value, float | Decimal):
        return value if Decimal(str(value)).is_finite() else None
    if isinstance(value, Mapping):
        return {k: _without_non_finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_non_finite(v) for v in value]
    return value


def _check_country(payload: Mapping[str, Any]) -> Iterator[Violation]:
    customer = payload.get("customerDetails")
    address = customer.get("address") if isinstance(customer, dict) else None
    country = address.get("country") if isinstance(address, dict) else None
    if isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country) and country not in ISO_3166_ALPHA2:
        yield Violation(
            "customerDetails.address.country",
            "is not an ISO 3166-1 alpha-2 country code",
            "an ISO 3166-1 alpha-2 code such as NO",
            country,
        )


def _check_order_date(payload: Mapping[str, Any], clock: Clock) -> Iterator[Violation]:
    given = order_date(payload.get("orderDate"))
    today = clock().astimezone(OSLO).date()
    if given is not None and given < today:
        yield Violation(
            "orderDate", "must be today or later on the session endpoint", f"{today} or later", payload.get("orderDate")
        )


def validate(
    payload: Any,
    endpoint: str,
    *,
    vat_rates: Iterable[Decimal | int | str] | None = None,
    clock: Clock = utc_now,
    extra_rules: Iterable[ExtraRule] = (),
) -> list[Violation]:
    """Every violation of the endpoint's rules in ``payload`` (a raw dict), sorted by path; [] when valid.

    ``endpoint`` is ``"invoice"``, ``"ehf"`` or ``"session"``. ``vat_rates`` replaces the spec's VAT rates for
    merchants with other configuration; ``clock`` returns the current (aware) time; ``extra_rules`` are callables
    ``(payload, endpoint) -> violations``, e.g. contributed by plugins.
    """
    if endpoint not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {', '.join(ENDPOINTS)}")
    rates = None if vat_rates is None else frozenset(Decimal(str(r)) for r in vat_rates)
    if rates is not None and not all(r.is_finite() and 0 <= r < HUNDRED for r in rates):
        raise ValueError("vat_rates are percentages from 0 to below 100")
    custom = rates is not None and rates != spec_vat_rates()
    shape = _check_shape(payload)
    if any("nested" in v.message for v in shape):
        return shape  # nothing else is checked on a structure that deep
    # Non-finite numbers are reported above; the schema sees None in their place, because comparing a signalling
    # NaN (Decimal("sNaN")) raises instead of answering. Every rule then sees the payload as the server's rules
    # do, after its middleware's trimming and blank-to-null.
    checked = laravel_input(_without_non_finite(payload) if shape else payload)
    if shape or not fast_is_valid(_fast_validator(endpoint, custom), checked):
        violations = to_violations(_validator(endpoint, custom).iter_errors(checked)) + shape
    else:
        violations = []
    if isinstance(checked, Mapping):
        violations += list(_check_lines(checked, rates if rates is not None else spec_vat_rates(), custom))
        violations += list(_check_interval(checked))
        violations += list(_check_country(checked))
        if endpoint == "session":
            violations += list(_check_order_date(checked, clock))
    if isinstance(payload, Mapping):
        for rule in extra_rules:
            violations += list(rule(payload, endpoint))
    unique = {(v.path, v.message): v for v in violations}
    return sorted(unique.values(), key=lambda v: v.path)


def ensure_valid(payload: Any, endpoint: str, **options: Any) -> None:
    """Raise ``PayloadValidationError`` naming every violation, or return if the payload is valid."""
    violations = validate(payload, endpoint, **options)
    if violations:
        raise PayloadValidationError(violations, endpoint)
