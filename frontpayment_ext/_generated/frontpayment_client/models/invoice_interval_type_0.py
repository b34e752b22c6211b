from typing import Literal

InvoiceIntervalType0 = Literal[0, 1, 2]

INVOICE_INTERVAL_TYPE_0_VALUES: set[InvoiceIntervalType0] = {
    0,
    1,
    2,
}


def check_invoice_interval_type_0(value: int) -> InvoiceIntervalType0:
    if value in INVOICE_INTERVAL_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INVOICE_INTERVAL_TYPE_0_VALUES!r}")
