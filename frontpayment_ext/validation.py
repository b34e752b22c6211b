"""``validate(payload, endpoint)``: every rule of the spec, plus the ones JSON Schema cannot say.

The spec's rules are read from the spec itself (its component schemas), so the spec stays the single source.
They are applied the way the server (a Laravel application) applies its own: first the payload is normalised as
Laravel's middleware does (every string trimmed, a blank string turned into null; ``laravel_input``), then the
schema runs on the result. So a value the server accepts after its own trimming is never refused here. On top of the
schema:

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

Speed: the schema is compiled once (jsonschema-rs, ``schema.py``). The common payload, valid and already as the
server's middleware would leave it, is answered by one compiled check (the schema together with "no string to
trim, no blank string, every number finite, nested at most MAX_DEPTH deep"), so it is neither walked nor copied in
Python; anything else takes the full path (shape checks, the trimmed copy, every error by path). The business rules
then make one pass over the lines, reading each number once.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import functools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ._lifecycle_rules import check_contact_channel, check_refund
from ._surface import ENDPOINT_RULES
from .countries import ISO_3166_ALPHA2
from .dates import OSLO, order_date
from .errors import PayloadValidationError
from .money import HUNDRED, MAX_MAGNITUDE, MONEY, ORE, round_ore
from .schema import SchemaValidator, compile_schema, ecma_pattern
from .specs import ENDPOINTS, component_schema, load_spec
from .violations import PathPart, Violation, format_path

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
    return "".join(re.findall(_blank_class(), "".join(map(chr, range(0x10000)))))


def _blank_class() -> str:
    """The spec's ``Blank`` pattern is ``^[...]*$``: its one character class."""
    pattern: str = load_spec("frontpayment")["components"]["schemas"]["Blank"]["pattern"]
    return pattern.removeprefix("^").removesuffix("*$")


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
def _validator(endpoint: str, custom_vat: bool) -> SchemaValidator:
    """The endpoint's compiled schema: every error with its path."""
    return SchemaValidator(_schema(endpoint, custom_vat))


def _clean_defs() -> dict[str, Any]:
    """Schemas for "as the server's middleware leaves it": every string non-empty with no trimmed character at
    either end, every number finite, nothing nested MAX_DEPTH or more deep (one schema per level, so that the
    compiled check never recurses further than that)."""
    blank = _blank_class()
    kept = "[^" + blank.removeprefix("[")
    leaf = {"pattern": f"^{kept}([\\s\\S]*{kept})?$"}
    scalars = ["string", "number", "boolean", "null"]  # NaN and the infinities are none of these
    defs: dict[str, Any] = {f"clean{MAX_DEPTH}": {"type": scalars, **leaf}}
    for depth in range(MAX_DEPTH - 1, -1, -1):
        deeper = {"$ref": f"#/$defs/clean{depth + 1}"}
        defs[f"clean{depth}"] = {
            "type": [*scalars, "array", "object"],
            **leaf,
            "items": deeper,
            "additionalProperties": deeper,
        }
    return defs


@functools.cache
def _quick(endpoint: str, custom_vat: bool) -> Callable[[Any], bool]:
    """One compiled check of the common case: valid, and nothing the server's middleware would change (then the
    trimmed copy would be the payload itself, and the full path would report nothing)."""
    schema = _schema(endpoint, custom_vat)
    both = {
        "$schema": schema["$schema"],
        "allOf": [{"$ref": schema["$ref"]}, {"$ref": "#/$defs/clean0"}],
        "components": schema["components"],
        "$defs": _clean_defs(),
    }
    return compile_schema(both).is_valid


def _is_quick(endpoint: str, custom_vat: bool, payload: Any) -> bool:
    # Only a plain dict whose lines are a list or a dict: the rules below then read the payload as they would
    # read the trimmed copy (which turns other mappings and tuples into dicts and lists).
    if type(payload) is not dict or type(payload.get("products")) is tuple:
        return False
    try:
        return _quick(endpoint, custom_vat)(payload)
    except (ValueError, UnicodeError):  # a value jsonschema-rs cannot read (a set, bytes, a lone surrogate, ...)
        return False


def _json_value(value: Any, path: list[PathPart], problems: list[Violation]) -> Any:
    """The value as JSON would carry it, for a value jsonschema-rs cannot read: subclasses of str, int and float
    as the plain type, keys as ``json.dumps`` writes them; anything JSON cannot carry (a set, bytes, a key that is
    not a scalar, a lone surrogate) is a violation and None in the copy. Depth is already bounded by MAX_DEPTH."""
    if value is None or type(value) in (str, int, float, bool, Decimal):
        if type(value) is str and _SURROGATE.search(value):
            problems.append(
                Violation(format_path(path), "contains a lone surrogate", "text encodable as UTF-8", "a surrogate")
            )
            return None
        return value
    # A subclass (a str subclass, an IntEnum): its plain value, read without the subclass's own conversions.
    if isinstance(value, str):
        return _json_value(str.__str__(value), path, problems)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, Decimal):
        return Decimal(value)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            name = _json_key(key)
            if name is None:
                problems.append(
                    Violation(format_path(path), "has a key that JSON cannot carry", "string keys", repr(type(key)))
                )
                continue
            out[name] = _json_value(item, [*path, name], problems)
        return out
    if isinstance(value, list | tuple):
        return [_json_value(item, [*path, i], problems) for i, item in enumerate(value)]
    problems.append(Violation(format_path(path), "is not a JSON value", "a JSON value", type(value).__name__))
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_key(key: Any) -> str | None:
    """An object key as ``json.dumps`` writes it (``1`` as ``"1"``, ``True`` as ``"true"``), or None for one it
    refuses."""
    if isinstance(key, str):
        return None if _SURROGATE.search(key) else str.__str__(key)
    try:
        (name,) = json.loads(json.dumps({key: None}))
    except (TypeError, ValueError):
        return None
    return str(name)


def _schema_violations(endpoint: str, custom_vat: bool, checked: Any) -> list[Violation]:
    validator = _validator(endpoint, custom_vat)
    try:
        return validator.violations(checked)
    except (ValueError, UnicodeError):  # something JSON cannot carry: report it, and judge the rest as JSON
        problems: list[Violation] = []
        readable = _json_value(checked, [], problems)
        return validator.violations(readable) + problems


_OUT = Decimal("Infinity")  # the parse of a number beyond MAX_MAGNITUDE (or beyond what Decimal holds): no amount


def _parse(value: Any) -> Decimal | None:
    """A finite Decimal from a JSON number or a numeric string as PHP's is_numeric reads it, ``_OUT`` for a
    number beyond money range (``"1e400"`` is numeric for PHP, but no amount), or None if it is not a number."""
    kind = type(value)
    if kind is str:
        return _parse_short(value) if len(value) <= _SHORT else _parse_text(value)
    if kind is int or kind is Decimal:
        result = Decimal(value)
    elif isinstance(value, str):
        return _parse_text(str.__str__(value))
    elif kind is bool:
        return None
    elif isinstance(value, int | Decimal | float):
        try:
            result = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        except (InvalidOperation, ValueError):
            return None
    else:
        return None
    if not result.is_finite():
        return None  # NaN and Infinity: the shape check reports them
    return result if result.copy_abs() <= MAX_MAGNITUDE else _OUT


def _parse_text(value: str) -> Decimal | None:
    if _numeric_pattern().search(value) is None:
        return None
    try:
        result = Decimal(value.strip(_PHP_SPACE))
    except (InvalidOperation, ValueError):
        return _OUT  # an exponent beyond what Decimal can hold
    return result if result.is_finite() and result.copy_abs() <= MAX_MAGNITUDE else _OUT


# Orders repeat their numbers ("1", "25", "0.00", a price): short ones are parsed once per process. Decimals are
# immutable, and the cache is bounded in entries and in the length of what it keeps.
_SHORT = 32
_parse_short = functools.lru_cache(maxsize=4096)(_parse_text)


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
    if isinstance(products, list | tuple):
        return list(enumerate(products))
    if isinstance(products, dict):
        return list(products.items())
    return []


def _out_of_range(path: list[PathPart], value: Any) -> Violation:
    return Violation(format_path(path), "is out of range", f"at most {MAX_MAGNITUDE:,.0f} either way", value)


def _check_lines(payload: Mapping[str, Any], vat_rates: frozenset[Decimal], report_rates: bool) -> Iterator[Violation]:
    """Line amounts and order totals, in one pass over the lines, each number read once. Totals are skipped when a
    line cannot be read or has a VAT rate that is not allowed: its own violation is the one to fix, and totals
    computed from it would only repeat it."""
    lines = _lines(payload.get("products"))
    grand = discounts = total_tax = net_before_discounts = zero = Decimal(0)
    count = 0
    complete = bool(lines)
    parse, out, ore, half_up, hundred = _parse, _OUT, ORE, ROUND_HALF_UP, HUNDRED  # locals: this loop is hot
    with decimal.localcontext(MONEY):  # every operation below in the money context: exact, or it raises
        for key, line in lines:
            if type(line) is not dict and not isinstance(line, dict):
                complete = False
                continue
            get = line.get
            quantity, rate, amount = parse(get("quantity")), parse(get("rate")), parse(get("amount"))
            given_discount = get("discount")
            discount = zero if given_discount is None else parse(given_discount)
            if quantity is out or rate is out or amount is out or discount is out:
                for field in ("quantity", "rate", "amount", "discount"):
                    if parse(get(field)) is out:
                        yield _out_of_range(["products", key, field], get(field))
                quantity, rate, amount, discount = (None if v is out else v for v in (quantity, rate, amount, discount))
            tax = parse(get("tax"))
            if tax is out:
                tax = None
            elif tax is not None and tax not in vat_rates:
                if report_rates or _has_exponent(get("tax")):
                    allowed = ", ".join(sorted(f"{r.normalize():f}" for r in vat_rates))
                    yield Violation(
                        format_path(["products", key, "tax"]),
                        f"must be one of the configured VAT rates {allowed}",
                        f"one of {allowed}",
                        get("tax"),
                    )
                tax = None
            if quantity is None or rate is None or amount is None or discount is None or tax is None:
                complete = False
                continue
            gross = quantity * rate
            expected = (gross - discount).quantize(ore, half_up)
            if amount != expected and abs(amount - expected) > ore:
                yield Violation(
                    format_path(["products", key, "amount"]),
                    "must equal quantity x rate - discount",
                    f"{expected:f}",
                    get("amount"),
                )
            count += 1
            grand += amount
            # The VAT in the amount (every allowed rate is in [0, 100)), and the net before the discount (the
            # second reading of subTotal): the amount's own net when there is no discount and it is exact.
            vat = (amount * tax / (hundred + tax)).quantize(ore, half_up) if tax else zero
            total_tax += vat
            if discount or amount != expected:
                discounts += discount
                before = gross.quantize(ore, half_up)
                net_before_discounts += before - (
                    (before * tax / (hundred + tax)).quantize(ore, half_up) if tax else zero
                )
            else:
                net_before_discounts += amount - vat
        summary = payload.get("orderSummary")
        if not complete or not isinstance(summary, dict):
            return
        tolerance = ORE * count
        # subTotal has two documented readings: the net total (grandTotal - totalTax, the documented example) or
        # the net "before tax and discount" (the pages' words). Either is accepted; the first is reported.
        wanted: dict[str, tuple[tuple[Decimal, ...], str]] = {
            "grandTotal": ((grand,), "the sum of the line amounts"),
            "totalDiscount": ((discounts,), "the sum of the line discounts"),
            "totalTax": ((total_tax,), "the VAT contained in the line amounts"),
            "subTotal": (
                (grand - total_tax, net_before_discounts),
                "grandTotal - totalTax (the net total), or the net total before discounts",
            ),
        }
        for field, (candidates, meaning) in wanted.items():
            given = _parse(summary.get(field))
            if given is _OUT:
                yield _out_of_range(["orderSummary", field], summary.get(field))
            elif given is not None and all(abs(given - v) > tolerance for v in candidates):
                yield Violation(
                    format_path(["orderSummary", field]),
                    f"must equal {meaning}",
                    f"{round_ore(candidates[0]):f}",
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

    ``endpoint`` is a name from ``ENDPOINTS``, each operation's x-sdk ``validate``: ``"invoice"``, ``"ehf"``,
    ``"session"``, ``"faktura"``, ``"cancel"``, ``"refund"``, ``"refund-approval"``, ``"resend"``.
    ``vat_rates`` replaces the spec's VAT rates for
    merchants with other configuration; ``clock`` returns the current (aware) time; ``extra_rules`` are callables
    ``(payload, endpoint) -> violations``, e.g. contributed by plugins.
    """
    if endpoint not in ENDPOINTS:
        raise ValueError(f"unknown endpoint {endpoint!r}; expected one of {', '.join(ENDPOINTS)}")
    rates = None if vat_rates is None else frozenset(Decimal(str(r)) for r in vat_rates)
    if rates is not None and not all(r.is_finite() and 0 <= r < HUNDRED for r in rates):
        raise ValueError("vat_rates are percentages from 0 to below 100")
    custom = rates is not None and rates != spec_vat_rates()
    checked: Any = payload
    violations: list[Violation] = []
    if not _is_quick(endpoint, custom, payload):
        shape = _check_shape(payload)
        if any("nested" in v.message for v in shape):
            return shape  # nothing else is checked on a structure that deep
        # Non-finite numbers are reported above; the schema sees None in their place, because comparing a
        # signalling NaN (Decimal("sNaN")) raises instead of answering. Every rule then sees the payload as the
        # server's rules do, after its middleware's trimming and blank-to-null.
        checked = laravel_input(_without_non_finite(payload) if shape else payload)
        violations = _schema_violations(endpoint, custom, checked) + shape
    rules = ENDPOINT_RULES.get(endpoint, ())  # the operation's x-sdk `rules`, from the spec
    if isinstance(checked, Mapping):
        if "order" in rules:
            violations += list(_check_lines(checked, rates if rates is not None else spec_vat_rates(), custom))
            violations += list(_check_interval(checked))
            violations += list(_check_country(checked))
        if "session_date" in rules:
            violations += list(_check_order_date(checked, clock))
        if "refund" in rules:
            violations += list(check_refund(checked, number))
        if "contact_channel" in rules:
            violations += list(check_contact_channel(checked, number))
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
