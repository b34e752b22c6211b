"""Money arithmetic: Decimal from input to wire, rounded explicitly.

Rule: every amount is rounded to whole ore (0.01 NOK) with ROUND_HALF_UP, once per order line, and totals are
sums of rounded line values. Unit prices and discounts are never rounded: they go on the wire as given
(``wire_price``), and each line's amount is computed from exactly those values. Prices (``rate``) and line
amounts include VAT, as in Frontpayment's one documented example with VAT (4500 NOK at 12 %: VAT 482.14,
net 4017.86). Floats are refused: a float has already lost the exact value the user meant, so the SDK asks for
``Decimal``, ``int`` or a numeric string instead.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ORE = Decimal("0.01")
HUNDRED = Decimal(100)
# No amount, quantity or price beyond a quadrillion is a real invoice; bounding them keeps every product of two
# of them (at most 10^30) exact in MONEY's 60 digits, so arithmetic can neither round silently nor overflow.
MAX_MAGNITUDE = Decimal("1e15")
MONEY = decimal.Context(
    prec=60, rounding=ROUND_HALF_UP, traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow]
)

MoneyInput = Decimal | int | str


def to_decimal(value: object, *, what: str = "amount") -> Decimal:
    """An exact Decimal from a Decimal, int or numeric string. Floats and booleans are refused."""
    if isinstance(value, bool | float):
        raise TypeError(f"{what} must be a Decimal, int or numeric string, not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int | str):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{what} is not a number: {value!r}") from None
    else:
        raise TypeError(f"{what} must be a Decimal, int or numeric string, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what} must be finite")
    if not in_range(result):
        raise ValueError(f"{what} is out of range (at most {MAX_MAGNITUDE:,.0f} either way)")
    return result


def in_range(value: Decimal) -> bool:
    """True for a finite amount no larger than MAX_MAGNITUDE either way. ``copy_abs`` uses no context, so a numeric
    string such as ``"1e1000000"`` (valid for PHP's is_numeric) is answered, not an Overflow."""
    return value.is_finite() and value.copy_abs() <= MAX_MAGNITUDE


def line_amount(quantity: Decimal, rate: Decimal, discount: Decimal) -> Decimal:
    """quantity x rate - discount, rounded to ore half up (inputs within MAX_MAGNITUDE)."""
    return round_ore(MONEY.subtract(MONEY.multiply(quantity, rate), discount))


def round_ore(value: Decimal) -> Decimal:
    """Round to whole ore, half up (1.005 -> 1.01)."""
    return value.quantize(ORE, rounding=ROUND_HALF_UP, context=MONEY)


def vat_included(gross: Decimal, rate_percent: Decimal) -> Decimal:
    """The VAT contained in a gross (VAT-inclusive) amount, rounded to ore: gross x rate / (100 + rate).
    Rates are percentages in [0, 100)."""
    return round_ore(MONEY.divide(MONEY.multiply(gross, rate_percent), MONEY.add(HUNDRED, rate_percent)))


def wire(value: Decimal) -> str:
    """How an amount goes on the wire: a numeric string with two decimals ("51.00"), never a float."""
    return f"{round_ore(value):f}"


def wire_price(value: Decimal) -> str:
    """A unit price or discount on the wire: with two decimals when it has at most two (``"99.90"``), otherwise
    exactly as given (``"0.125"``), never rounded. The line amount is computed from this same, unrounded value,
    so what is sent always satisfies ``amount = quantity x rate - discount``; rounding the price instead would
    change what the customer pays (100 x 0.125 is 12.50, 100 x 0.13 is 13.00)."""
    rounded = round_ore(value)
    return f"{rounded:f}" if rounded == value else f"{value.normalize():f}"


def wire_number(value: Decimal) -> str:
    """A quantity or rate on the wire, as written (``"1"``, ``"1.5"``), without exponent."""
    return f"{value.normalize():f}"
