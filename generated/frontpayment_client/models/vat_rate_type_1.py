from typing import Literal

VatRateType1 = Literal["0", "12", "15", "25"]

VAT_RATE_TYPE_1_VALUES: set[VatRateType1] = {
    "0",
    "12",
    "15",
    "25",
}


def check_vat_rate_type_1(value: str) -> VatRateType1:
    if value in VAT_RATE_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VAT_RATE_TYPE_1_VALUES!r}")
