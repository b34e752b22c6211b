"""A Flask endpoint that receives Frontpayment's status callbacks and refuses forged or replayed ones.

Register its URL as `callback.callbackUrl` on your orders. Frontpayment sends a GET with the order's status and a
checksum; `verify_callback` checks the checksum in constant time and that the notification is at most five
minutes old. Anything else gets 403 and is not acted on.

    FRONTPAYMENT_CALLBACK_SECRET=... flask --app examples/callback_receiver_flask.py run
"""

from __future__ import annotations

import logging
import os

from flask import Flask, request

from frontpayment_ext import CallbackVerificationError, verify_callback

app = Flask(__name__)
log = logging.getLogger("shop.frontpayment")


def mark_order(order_uuid: str | None, status: str | None) -> None:
    """Your business logic: update the order in your own system (idempotently: callbacks can repeat)."""
    log.info("order %s is now %s", order_uuid, status)


@app.get("/frontpayment/callback")
def frontpayment_callback() -> tuple[str, int]:
    secret = os.environ["FRONTPAYMENT_CALLBACK_SECRET"]
    try:
        # The raw query string keeps the parameters in the order they were sent, which the checksum depends on.
        notification = verify_callback(request.query_string, secret, max_age=300)
    except CallbackVerificationError as exc:
        log.warning("refused a callback: %s", exc.reason)
        return "forbidden", 403
    mark_order(notification.order_uuid, notification.status)
    return "ok", 200
