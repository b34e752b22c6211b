from typing import Literal

InvoiceIntervalType1 = Literal["0", "1", "2"]

INVOICE_INTERVAL_TYPE_1_VALUES: set[InvoiceIntervalType1] = {
    "0",
    "1",
    "2",
}


def check_invoice_interval_type_1(value: str) -> InvoiceIntervalType1:
    if value in INVOICE_INTERVAL_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_INTERVAL_TYPE_1_VALUES!r}")
