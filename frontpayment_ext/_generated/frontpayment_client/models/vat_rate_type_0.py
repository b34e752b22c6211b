from typing import Literal

VatRateType0 = Literal[0, 12, 15, 25]

VAT_RATE_TYPE_0_VALUES: set[VatRateType0] = {
    0,
    12,
    15,
    25,
}


def check_vat_rate_type_0(value: int) -> VatRateType0:
    if value in VAT_RATE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VAT_RATE_TYPE_0_VALUES!r}")
