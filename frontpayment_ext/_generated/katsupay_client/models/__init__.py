"""Contains all the data models used in inputs/outputs"""

from .get_invoice_response import GetInvoiceResponse
from .invoice import Invoice

__all__ = (
    "GetInvoiceResponse",
    "Invoice",
)
