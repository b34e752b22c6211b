"""The SDK's one exception hierarchy, and the one function that maps an HTTP status to a class.

Catch ``FrontpaymentError`` for everything, ``APIStatusError`` for any answer the server gave, or a leaf class
for one case. No message, ``str`` or ``repr`` here contains a token or personal data: server text is redacted
before it is stored, and the raw response is kept for those who need it.

    FrontpaymentError
    ├── ConfigurationError           the client cannot be built (no token, bad base URL)
    ├── PayloadValidationError       the payload breaks a rule; nothing was sent
    ├── RequestVetoedError           a plugin refused the request; nothing was sent
    ├── AuditError                   a required audit record could not be written; nothing was sent
    ├── APIConnectionError           no answer came back
    │   └── APITimeoutError
    ├── OutcomeUnknownError          an order-creating request may have reached the server; do not resend blindly
    ├── MalformedResponseError       an answer came back but is not the documented envelope
    │   └── ResponseTooLargeError    its decoded body was over ``max_response_bytes``
    ├── CallInterruptedError         (for plugins) the call was cancelled or interrupted
    ├── JournalError                 a batch journal cannot be used (defined in ``journal.py``); nothing was sent
    │   ├── JournalLockedError       another run is writing it
    │   ├── JournalConflictError     a row was not in the state expected (a failed compare-and-set)
    │   └── JournalMismatchError     it belongs to another file or endpoint, or the file changed
    └── APIStatusError               the server answered with an error
        ├── BusinessLogicError       400 (conflict of business logic); ``message`` is machine-readable
        │   ├── OrderAlreadyPaidError        ``orderStatusAlreadyPaid``
        │   ├── OrderAlreadyCancelledError   ``orderStatusAlreadyCancelled``
        │   └── RefundRejectedError          ``refundRejection...`` and the other refund refusals; ``reason``
        ├── AuthenticationError      401, 403
        ├── NotFoundError            404
        ├── ServerValidationError    417 (the server's own validation), with field paths
        ├── RateLimitError           429
        ├── ServerError              500, 510 and any other 5xx
        └── UnsuccessfulResponseError  Katsu Pay's ``succeeded: false``, whatever the status
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs
import httpx

from .ratelimit import parse_retry_after
from .redaction import DEFAULT_REDACTOR, ERRORS_LIMIT, MESSAGE_LIMIT, Redactor, mask_request_headers
from .violations import Violation


class FrontpaymentError(Exception):
    """Base class of every error the SDK raises.

    ``outcome_unknown`` is true when an order-creating request may have been carried out although it failed:
    such a request must be looked up, not resent.
    """

    outcome_unknown: bool = False


UNKNOWN_OUTCOME_HINT = (
    "the order may have been created. Do not resend blindly: look it up first (get_invoice_number, or your "
    "referenceNo in Front Payment Go); for create_invoice_session, resubmit with fpgoUuid to update instead of "
    "duplicating."
)
UNKNOWN_CHANGE_HINT = (
    "the change may have been made. Do not resend blindly: check the order first (client.orders.status(uuid) and "
    "its refunded_amount, or client.orders.details(uuid))."
)


def unknown_outcome_hint(operation: str) -> str:
    """What to do about an unknown outcome: look a new order up, or check the order a change was made to. An
    operation that acts on an existing order (cancel, refund, resend...) is not a send or a create."""
    creates = operation.startswith(("send_", "create_", "POST ")) or not operation
    return UNKNOWN_OUTCOME_HINT if creates else UNKNOWN_CHANGE_HINT


class ConfigurationError(FrontpaymentError):
    """The client cannot be built as asked: a token or base URL is missing or wrong."""


class PayloadValidationError(FrontpaymentError, ValueError):
    """The payload breaks one or more rules. Nothing was sent.

    ``violations`` lists every problem, each with its path, message, expected and actual value (sensitive values
    masked).
    """

    def __init__(self, violations: Sequence[Violation], endpoint: str = "") -> None:
        self.violations = list(violations)
        self.endpoint = endpoint
        where = f" for {endpoint}" if endpoint else ""
        lines = "\n".join(f"  - {v}" for v in self.violations)
        super().__init__(f"{len(self.violations)} invalid field(s){where}; nothing was sent:\n{lines}")


class RequestVetoedError(FrontpaymentError):
    """A plugin refused the request before it was sent; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"request vetoed by a plugin: {reason}")


class AuditError(FrontpaymentError):
    """A required audit plugin could not record the operation, so the SDK refused to send it (fail closed)."""


class APIConnectionError(FrontpaymentError):
    """No answer came back. ``request_sent`` says whether the request may have reached the server."""

    def __init__(self, message: str, *, request_sent: bool, operation: str = "") -> None:
        self.request_sent = request_sent
        self.operation = operation
        super().__init__(DEFAULT_REDACTOR.text(message, limit=MESSAGE_LIMIT))


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class OutcomeUnknownError(FrontpaymentError):
    """An order-creating request may or may not have reached the server, so the SDK did not resend it.

    Check before sending again: look the order up by its invoice number or by your ``referenceNo``; on the
    session endpoint, resubmit with ``fpgoUuid`` (and ``orderFrom: PARTNER``) to update instead of duplicating.
    """

    outcome_unknown = True

    def __init__(self, operation: str, cause: str, reference_no: str | None = None) -> None:
        self.operation = operation
        self.cause = cause
        self.reference_no = reference_no
        ref = f" (your referenceNo: {reference_no})" if reference_no else ""
        super().__init__(f"{operation}: the outcome is unknown ({cause}){ref}; {unknown_outcome_hint(operation)}")


class MalformedResponseError(FrontpaymentError):
    """The server answered, but not with the documented envelope (an HTML page from a proxy, invalid JSON, an empty
    body, an unknown status). ``body`` keeps the raw bytes, ``response`` the whole response.

    ``outcome_unknown`` is true when the call changes state and the answer was a 2xx: the server may well have acted
    (created the order) although the SDK cannot read what it said, so the call must be looked up, never resent.
    """

    def __init__(
        self,
        reason: str,
        *,
        status_code: int,
        body: bytes,
        response: httpx.Response | None = None,
        outcome_unknown: bool = False,
        operation: str = "",
    ) -> None:
        self.reason = DEFAULT_REDACTOR.text(reason, limit=MESSAGE_LIMIT)  # it may quote a server header
        self.status_code = status_code
        self.body = body
        self.response = response
        self.order_uuid: str | None = None  # the order a half-readable success names, if it names one
        mask_request_headers(response)
        self.outcome_unknown = outcome_unknown
        self.operation = operation
        hint = f" (outcome unknown: {unknown_outcome_hint(operation)})" if outcome_unknown else ""
        super().__init__(f"malformed response (HTTP {status_code}): {self.reason}{hint}")


class ResponseTooLargeError(MalformedResponseError):
    """The body, once decoded, was larger than the client's ``max_response_bytes``; the SDK stopped reading it.
    ``body`` keeps only its first bytes."""


class CallInterruptedError(FrontpaymentError):
    """What plugins and the audit log are told when a call ends by an exception that is not the SDK's own: an
    ``asyncio`` cancellation (``wait_for`` timeout, ``task.cancel()``), ``KeyboardInterrupt``, or a bug. The caller
    gets the original exception; this one only describes it. ``outcome_unknown`` is true when a state-changing
    request may have left before the interruption."""

    def __init__(self, operation: str, cause: str, *, request_sent: bool, creates_order: bool) -> None:
        self.operation = operation
        self.cause = cause
        self.request_sent = request_sent
        self.outcome_unknown = creates_order and request_sent
        sent = "after the request was sent" if request_sent else "before anything was sent"
        hint = f"; {unknown_outcome_hint(operation)}" if self.outcome_unknown else ""
        super().__init__(f"{operation}: interrupted ({cause}) {sent}{hint}")


@attrs.frozen
class FieldError:
    """One field the server's validation rejected: the SDK-style path, and the server's message."""

    path: str
    message: str


class APIStatusError(FrontpaymentError):
    """The server answered with an error status (or an unsuccessful envelope).

    ``status_code``, ``message`` (the envelope's, never branch on its wording), ``errors`` (the envelope's
    ``errors``, any JSON) and ``response`` (the raw ``httpx.Response``, whose request's Authorization and apiKey
    headers are masked). ``message`` and ``errors`` are redacted and bounded for display (about 4 KB and 16 KB, with
    a note of what was cut); the raw body is ``body``/``response.content``.
    """

    def __init__(
        self,
        *,
        status_code: int,
        message: str,
        errors: Any = None,
        response: httpx.Response | None = None,
        operation: str = "",
        outcome_unknown: bool = False,
        redactor: Redactor = DEFAULT_REDACTOR,
    ) -> None:
        self.outcome_unknown = outcome_unknown
        self.status_code = status_code
        # What is kept for display is redacted and bounded (a hostile 50 MB message costs microseconds here); the
        # raw body stays on ``response``, whose request no longer shows the Authorization or apiKey header.
        self.message = redactor.text(message, limit=MESSAGE_LIMIT)
        self.errors = redactor.bounded(errors, ERRORS_LIMIT)
        self._read_errors()
        self.response = response
        mask_request_headers(response)
        self.operation = operation
        where = f"{operation}: " if operation else ""
        hint = f" (outcome unknown: {unknown_outcome_hint(operation)})" if outcome_unknown else ""
        super().__init__(f"{where}HTTP {status_code} {self.message}{self._detail()}{hint}")

    def _read_errors(self) -> None:
        """Derive more from the (already redacted) ``errors``; subclasses override."""

    def _detail(self) -> str:
        """More for the message, from what ``_read_errors`` found."""
        return ""

    @property
    def body(self) -> bytes:
        return b"" if self.response is None else self.response.content


class BusinessLogicError(APIStatusError):
    """400 "Conflict of Business Logic": the request conflicts with the order's state. ``message`` is the server's
    machine-readable key (``orderStatusAlreadyPaid``, ``refundRejectionFor...``): branch on it, or on the named
    subclasses for the common ones, never on prose."""


class OrderAlreadyPaidError(BusinessLogicError):
    """400 ``orderStatusAlreadyPaid``: a paid order cannot be cancelled, nor its link resent."""


class OrderAlreadyCancelledError(BusinessLogicError):
    """400 ``orderStatusAlreadyCancelled``: the order is cancelled."""


class RefundRejectedError(BusinessLogicError):
    """400: the refund (or refund-approval request) was refused; ``reason`` is the server's key, such as
    ``refundRejectionForRefundRequestGreaterThanOrderAmount`` or ``requestProductIdNotAvailable``. A refund the
    regular endpoint rejects may still be asked for with ``request_refund_approval``, quoting this reason."""

    @property
    def reason(self) -> str:
        return self.message


class AuthenticationError(APIStatusError):
    """401 or 403: the token is missing, wrong, or for the other environment."""


class NotFoundError(APIStatusError):
    """404: no such order (or, for list endpoints, an empty list)."""


class ServerValidationError(APIStatusError):
    """417: the server's own validation rejected the payload. ``field_errors`` names each field it could parse."""

    field_errors: list[FieldError]

    def _read_errors(self) -> None:
        errors = self.errors
        messages = [e for e in errors if isinstance(e, str)] if isinstance(errors, list) else []
        self.field_errors = [FieldError(laravel_path(m) or "", m) for m in messages]

    def _detail(self) -> str:
        if not self.field_errors:
            return ""
        detail = "; ".join(f"{e.path or '?'}: {e.message}" for e in self.field_errors)
        if len(detail) <= MESSAGE_LIMIT:
            return ": " + detail
        return f": {detail[:MESSAGE_LIMIT]} [... {len(detail) - MESSAGE_LIMIT} more characters: see .errors]"


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's hint in seconds, if it gave one."""

    @property
    def retry_after(self) -> float | None:
        return None if self.response is None else parse_retry_after(self.response.headers)


class ServerError(APIStatusError):
    """500, 510 or another 5xx: something failed on the server's side."""


class UnsuccessfulResponseError(APIStatusError):
    """Katsu Pay answered ``succeeded: false`` (possibly with HTTP 200)."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BusinessLogicError,
    401: AuthenticationError,
    403: AuthenticationError,
    404: NotFoundError,
    417: ServerValidationError,
    429: RateLimitError,
}


_BY_MESSAGE: dict[str, type[BusinessLogicError]] = {
    "orderStatusAlreadyPaid": OrderAlreadyPaidError,
    "orderStatusAlreadyCancelled": OrderAlreadyCancelledError,
    "requestProductIdNotAvailable": RefundRejectedError,
    "orderProductsNotFound": RefundRejectedError,
    "orderRefundRequestAlreadySubmitted": RefundRejectedError,
}


def error_class_for_status(status_code: int, message: str | None = None) -> type[APIStatusError]:
    """The one mapping from an HTTP status (and, for a 400, the envelope's machine-readable ``message``) to an
    error class."""
    if status_code == 400 and message is not None:
        if message in _BY_MESSAGE:
            return _BY_MESSAGE[message]
        if message.startswith("refundRejection"):
            return RefundRejectedError
    if status_code in _BY_STATUS:
        return _BY_STATUS[status_code]
    if 500 <= status_code <= 599:
        return ServerError
    return APIStatusError


_LARAVEL = re.compile(
    r"^The (?:selected )?(?P<attr>.+?) (?:field|must|does|is|has|may|format|should|confirmation|and)\b"
)


def laravel_path(message: str) -> str | None:
    """The SDK-style path of the field a Laravel validation message names, or None.

    ``"The products.0.rate field is required."`` -> ``products[0].rate``;
    ``"The customer details.personal number field is required when ..."`` -> ``customerDetails.personalNumber``.
    Laravel writes the dotted attribute with words split by spaces; they are joined back in camelCase.
    """
    match = _LARAVEL.match(message.strip())
    if match is None:
        return None
    out = ""
    for segment in match.group("attr").split("."):
        words = segment.split()
        if not words:
            return None
        if len(words) == 1 and words[0].isdigit():
            out += f"[{words[0]}]"
            continue
        name = words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])
        out += f".{name}" if out else name
    return out
