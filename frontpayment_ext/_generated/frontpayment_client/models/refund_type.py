from typing import Literal

RefundType = Literal["invoiced", "regular", "reservation"]

REFUND_TYPE_VALUES: set[RefundType] = {
    "invoiced",
    "regular",
    "reservation",
}


def check_refund_type(value: str) -> RefundType:
    if value in REFUND_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REFUND_TYPE_VALUES!r}")
