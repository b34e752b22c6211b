"""``orderDate`` in its two accepted forms: a Unix timestamp string (the documents') and PHP's ``d M, Y``
(``"02 Aug, 2023"``, which the demo server demanded in July 2025). Dates are Norwegian calendar dates."""

from __future__ import annotations

import datetime
import re
from typing import Any, Literal
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
DateFormat = Literal["unix", "php"]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def wire_order_date(when: datetime.date | datetime.datetime, date_format: DateFormat = "unix") -> str:
    """``orderDate`` on the wire: a Unix timestamp string (the documents' form, default) or PHP's ``d M, Y``
    (``"02 Aug, 2023"``, which the demo server demanded in July 2025). A date means midnight in Norway; a naive
    datetime is read as Norwegian local time."""
    if isinstance(when, datetime.datetime):
        moment = when if when.tzinfo is not None else when.replace(tzinfo=OSLO)
    else:
        moment = datetime.datetime(when.year, when.month, when.day, tzinfo=OSLO)
    if date_format == "php":
        local = moment.astimezone(OSLO)
        return f"{local.day:02d} {MONTHS[local.month - 1]}, {local.year}"
    return str(int(moment.timestamp()))


def order_date(value: Any) -> datetime.date | None:
    """The Norwegian calendar date of an ``orderDate`` in either accepted form, or None."""
    if not isinstance(value, str):
        return None
    if value.isascii() and value.isdigit() and len(value) <= 12:
        try:
            return datetime.datetime.fromtimestamp(int(value), OSLO).date()
        except (OverflowError, OSError, ValueError):
            return None
    match = re.fullmatch(r"(\d{2}) ([A-Z][a-z]{2}), (\d{4})", value)
    if match and match.group(2) in MONTHS:
        try:
            return datetime.date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1)))
        except ValueError:
            return None
    return None
