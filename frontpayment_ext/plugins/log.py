"""The built-in ``logging`` plugin: the ``frontpayment_ext`` stdlib logger tree.

One INFO line per HTTP exchange on ``frontpayment_ext.http``: operation, method, URL, status, elapsed time and the
order UUID when there is one. Bodies are never logged at INFO; at DEBUG the redacted request and response bodies
follow, each cut to about 4 KB of text (``Exchange.response_preview``, so that a huge body costs its parse and no
more). Silent unless your logging configuration enables the logger, or ``FRONTPAYMENT_LOG=info|debug`` is set, in
which case a stderr handler is added once (with a filter that runs the redactor over every final message, as a
second line of defence).
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from frontpayment_ext.events import Exchange
from frontpayment_ext.hookspecs import hookimpl
from frontpayment_ext.redaction import DEFAULT_REDACTOR

LOG_ENV = "FRONTPAYMENT_LOG"
ROOT_LOGGER = "frontpayment_ext"
http_logger = logging.getLogger("frontpayment_ext.http")


class RedactingFilter(logging.Filter):
    """Masks bearer tokens, e-mail addresses and phone and personal numbers in any record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = DEFAULT_REDACTOR.text(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


def setup_logging() -> None:
    """Apply ``FRONTPAYMENT_LOG`` (``info`` or ``debug``) to the ``frontpayment_ext`` logger, once."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return
    root = logging.getLogger(ROOT_LOGGER)
    root.setLevel(level)
    if not any(getattr(h, "_frontpayment", False) for h in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactingFilter())
        handler._frontpayment = True  # type: ignore[attr-defined]
        root.addHandler(handler)


def order_uuid(exchange: Exchange) -> str | None:
    """The order UUID an exchange is about: from the response's data, or the URL of an order lookup."""
    for key in ("uuid", "orderUuid"):
        value = exchange.response_data(key)
        if isinstance(value, str):
            return value
    if "/invoice-number/" in exchange.url:
        return exchange.url.rsplit("/", 1)[-1].split("?", 1)[0]
    return None


def _dump(body: Any) -> str:
    return json.dumps(body, default=str, ensure_ascii=False)


@hookimpl
def frontpayment_after_exchange(exchange: Exchange) -> None:
    if not http_logger.isEnabledFor(logging.INFO):
        return
    outcome = str(exchange.status) if exchange.status is not None else f"no response ({exchange.error})"
    order = order_uuid(exchange)
    http_logger.info(
        "%s %s %s -> %s in %.0f ms%s%s",
        exchange.call.operation,
        exchange.method,
        exchange.url,
        outcome,
        exchange.elapsed * 1000,
        f" order={order}" if order else "",
        f" attempt={exchange.attempt + 1}" if exchange.attempt else "",
    )
    if http_logger.isEnabledFor(logging.DEBUG):
        http_logger.debug("%s request body: %s", exchange.call.operation, _dump(exchange.request_preview()))
        http_logger.debug("%s response body: %s", exchange.call.operation, _dump(exchange.response_preview()))
