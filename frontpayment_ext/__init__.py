"""Frontpayment SDK: typed clients, payload builders and validation over the generated Frontpayment and Katsu Pay
clients, with a plugin system for logging and audit."""

from ._version import __version__
from .redaction import Redactor, redact
from .violations import Violation

__all__ = ["Redactor", "Violation", "__version__", "redact"]
