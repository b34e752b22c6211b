"""A Flask endpoint that receives Frontpayment's status callbacks, refuses forged or replayed ones, and acts only on
what the API itself says about the order.

Register its URL as `callback.callbackUrl` on your orders. Frontpayment sends a GET with the order's status and a
checksum; `verify_callback` checks the form of every value, the checksum (in constant time) and that the
notification is at most five minutes old. Anything else gets 403 and is not acted on.

A verified notification is a trigger, not the truth: the vendor's checksum runs the values together, so digits can
still be traded between two adjacent all-digit values (an amount and a timestamp, say) without breaking it. So the
receiver asks the API for the order's status (`client.orders.status`, which also gives the order's amount where the
server sends it) and takes the amount from your own order record, and fulfils only when they all agree.

    FRONTPAYMENT_CALLBACK_SECRET=... FRONTPAYMENT_TOKEN=... flask --app examples/callback_receiver_flask.py run
"""

from __future__ import annotations

import logging
import os
from decimal import Decimal

from flask import Flask, request

from frontpayment_ext import CallbackVerificationError, FrontpaymentClient, FrontpaymentError, verify_callback

app = Flask(__name__)
log = logging.getLogger("shop.frontpayment")

FULFIL_ON = {"PAID"}  # the API statuses on which this shop ships


def order_total(order_uuid: str) -> Decimal | None:
    """Your records: the total of the order you created (None if it is not one of yours)."""
    return None


def fulfil(order_uuid: str, status: str) -> None:
    """Your business logic: ship the order (idempotently: callbacks can repeat)."""
    log.info("order %s is %s: fulfilling", order_uuid, status)


def api_client() -> FrontpaymentClient:
    """Token and base URL from FRONTPAYMENT_TOKEN and FRONTPAYMENT_BASE_URL (or the demo host)."""
    return FrontpaymentClient()


@app.get("/frontpayment/callback")
def frontpayment_callback() -> tuple[str, int]:
    secret = os.environ["FRONTPAYMENT_CALLBACK_SECRET"]
    try:
        # The raw query string keeps the parameters in the order they were sent, which the checksum depends on.
        notification = verify_callback(request.query_string, secret, max_age=300)
    except CallbackVerificationError as exc:
        log.warning("refused a callback: %s", exc.reason)
        return "forbidden", 403
    expected = order_total(notification.order_uuid)
    if expected is None or notification.amount != expected:
        log.warning("callback for %s does not match an order of ours; not acting on it", notification.order_uuid)
        return "ok", 200  # authentic but not actionable: answer 200 so it is not retried forever
    try:
        with api_client() as api:
            confirmed = api.orders.status(notification.order_uuid)  # the API's word, not the callback's
    except FrontpaymentError as exc:
        log.warning("could not confirm order %s: %s", notification.order_uuid, exc)
        return "try again later", 503  # not acted on; Frontpayment may call again
    if confirmed.order_amount is not None and confirmed.order_amount != expected:
        log.warning("order %s: the API's amount is not ours; not fulfilling", notification.order_uuid)
        return "ok", 200
    if confirmed.order_uuid == notification.order_uuid and confirmed.status.upper() in FULFIL_ON:
        fulfil(confirmed.order_uuid, confirmed.status)
    else:
        log.info("order %s: the API says %s; not fulfilling", notification.order_uuid, confirmed.status)
    return "ok", 200
