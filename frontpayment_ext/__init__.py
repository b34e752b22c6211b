"""Frontpayment SDK: typed clients, payload builders and validation over the generated Frontpayment and Katsu Pay
clients.

    from frontpayment_ext import FrontpaymentClient, Order, LineItem, Customer, Address, Callbacks
"""

from typing import TYPE_CHECKING, Any

from ._operation_spec import RequestOptions
from ._surface import (
    Accepted,
    InvoiceNumber,
    InvoiceSession,
    OrderCreated,
    OrderDetails,
    OrderDetailsAddress,
    OrderDetailsCustomer,
    OrderDetailsProduct,
    OrderDetailsSummary,
    OrderStatus,
    OrderStatusData,
    OrderStatusList,
)
from ._version import __version__
from .builders import Address, Callbacks, Customer, EhfDelivery, InvoiceOptions, LineItem, Order, OrderSummary
from .client import AsyncFrontpaymentClient, FrontpaymentClient
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuditError,
    AuthenticationError,
    BusinessLogicError,
    CallInterruptedError,
    ConfigurationError,
    FieldError,
    FrontpaymentError,
    MalformedResponseError,
    NotFoundError,
    OrderAlreadyCancelledError,
    OrderAlreadyPaidError,
    OutcomeUnknownError,
    PayloadValidationError,
    RateLimitError,
    RefundRejectedError,
    RequestVetoedError,
    ResponseTooLargeError,
    ServerError,
    ServerValidationError,
    UnsuccessfulResponseError,
    error_class_for_status,
    laravel_path,
)
from .events import AuditEvent, Call, Exchange
from .hookspecs import hookimpl
from .ratelimit import RateLimit, RateLimiter
from .redaction import Redactor, redact
from .results import KatsuInvoice, RawResponse
from .validation import ensure_valid, validate
from .violations import Violation

if TYPE_CHECKING:
    from .callbacks import CallbackNotification, CallbackVerificationError, verify_callback
    from .journal import JournalConflictError, JournalError, JournalLockedError, JournalMismatchError
    from .katsupay import AsyncKatsuPayClient, KatsuPayClient
    from .plugins.audit import AuditLogError, AuditPlugin

# Imported on first use (PEP 562), so that `import frontpayment_ext` does not pay for what most programs never touch:
# the Katsu Pay client, callback verification (hmac), the batch journal and the audit log (sqlite3).
_LAZY = {
    "AsyncKatsuPayClient": ".katsupay",
    "KatsuPayClient": ".katsupay",
    "CallbackNotification": ".callbacks",
    "CallbackVerificationError": ".callbacks",
    "verify_callback": ".callbacks",
    "JournalConflictError": ".journal",
    "JournalError": ".journal",
    "JournalLockedError": ".journal",
    "JournalMismatchError": ".journal",
    "AuditLogError": ".plugins.audit",
    "AuditPlugin": ".plugins.audit",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib  # noqa: PLC0415 - only for the names above

    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Accepted",
    "Address",
    "AsyncFrontpaymentClient",
    "AsyncKatsuPayClient",
    "AuditError",
    "AuditEvent",
    "AuditLogError",
    "AuditPlugin",
    "AuthenticationError",
    "BusinessLogicError",
    "Call",
    "CallInterruptedError",
    "CallbackNotification",
    "CallbackVerificationError",
    "Callbacks",
    "ConfigurationError",
    "Customer",
    "EhfDelivery",
    "Exchange",
    "FieldError",
    "FrontpaymentClient",
    "FrontpaymentError",
    "InvoiceNumber",
    "InvoiceOptions",
    "InvoiceSession",
    "JournalConflictError",
    "JournalError",
    "JournalLockedError",
    "JournalMismatchError",
    "KatsuInvoice",
    "KatsuPayClient",
    "LineItem",
    "MalformedResponseError",
    "NotFoundError",
    "Order",
    "OrderAlreadyCancelledError",
    "OrderAlreadyPaidError",
    "OrderCreated",
    "OrderDetails",
    "OrderDetailsAddress",
    "OrderDetailsCustomer",
    "OrderDetailsProduct",
    "OrderDetailsSummary",
    "OrderStatus",
    "OrderStatusData",
    "OrderStatusList",
    "OrderSummary",
    "OutcomeUnknownError",
    "PayloadValidationError",
    "RateLimit",
    "RateLimitError",
    "RateLimiter",
    "RawResponse",
    "Redactor",
    "RefundRejectedError",
    "RequestOptions",
    "RequestVetoedError",
    "ResponseTooLargeError",
    "ServerError",
    "ServerValidationError",
    "UnsuccessfulResponseError",
    "Violation",
    "__version__",
    "ensure_valid",
    "error_class_for_status",
    "hookimpl",
    "laravel_path",
    "redact",
    "validate",
    "verify_callback",
]
