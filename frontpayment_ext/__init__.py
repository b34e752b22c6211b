"""Frontpayment SDK: typed clients, payload builders and validation over the generated Frontpayment and Katsu Pay
clients.

    from frontpayment_ext import FrontpaymentClient, Order, LineItem, Customer, Address, Callbacks
"""

from ._version import __version__
from .builders import Address, Callbacks, Customer, EhfDelivery, InvoiceOptions, LineItem, Order, OrderSummary
from .callbacks import CallbackNotification, CallbackVerificationError, verify_callback
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
    OutcomeUnknownError,
    PayloadValidationError,
    RateLimitError,
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
from .journal import JournalConflictError, JournalError, JournalLockedError, JournalMismatchError
from .katsupay import AsyncKatsuPayClient, KatsuPayClient
from .plugins.audit import AuditPlugin
from .ratelimit import RateLimit, RateLimiter
from .redaction import Redactor, redact
from .results import InvoiceNumber, InvoiceSession, KatsuInvoice, OrderCreated, RawResponse
from .validation import ensure_valid, validate
from .violations import Violation

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Address",
    "AsyncFrontpaymentClient",
    "AsyncKatsuPayClient",
    "AuditError",
    "AuditEvent",
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
    "OrderCreated",
    "OrderSummary",
    "OutcomeUnknownError",
    "PayloadValidationError",
    "RateLimit",
    "RateLimitError",
    "RateLimiter",
    "RawResponse",
    "Redactor",
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
