"""verify_callback against test vectors computed independently (coreutils sha256sum), in every accepted input
form, with the freshness check, and through the example Flask receiver."""

from __future__ import annotations

import datetime
import importlib.util
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import ROOT

from frontpayment_ext import CallbackVerificationError, ConfigurationError, verify_callback

SECRET = "s3cr3t-key"
NOW = datetime.datetime(2025, 8, 14, 10, 2, tzinfo=datetime.UTC)
PARAMS = [
    ("orderUuid", "ODR4286244937"),
    ("status", "PAID"),
    ("createdAt", "2025-08-14 10:00:00"),
    ("paymentMethod", "invoice"),
    ("amount", "4500.00"),
    ("timestamp", "1755165600"),
]
# printf '%s' 'ODR4286244937PAID2025-08-14 10:00:00invoice4500.001755165600s3cr3t-key' | sha256sum
CHECKSUM = "d651558b2c4d8e0f517f3b05c27fbabf7c272102915602aee3bb5d0e5e7a291c"
# printf '%s' 'ODR4286244937PAID2025-08-14 10:00:00s3cr3t-key' | sha256sum
LEGACY = "04f85a8af4ffce96c99ad8ba7da24245a77341a5c4c828bc0d2180b7b9ebf422"


def query(params: list[tuple[str, str]] = PARAMS, checksum: str = CHECKSUM) -> str:
    return urlencode([*params, ("checksum", checksum)])


@pytest.mark.parametrize("form", ["str", "bytes", "leading ?", "dict", "pairs", "upper-case hex"])
def test_accepts_every_input_form(form: str) -> None:
    given: Any = {
        "str": query(),
        "bytes": query().encode(),
        "leading ?": "?" + query(),
        "dict": dict([*PARAMS, ("checksum", CHECKSUM)]),
        "pairs": [*PARAMS, ("checksum", CHECKSUM)],
        "upper-case hex": query(checksum=CHECKSUM.upper()),
    }[form]
    notification = verify_callback(given, SECRET, now=lambda: NOW)
    assert notification.order_uuid == "ODR4286244937"
    assert notification.status == "PAID"
    assert notification.amount == Decimal("4500.00")
    assert notification.timestamp == datetime.datetime(2025, 8, 14, 10, 0, tzinfo=datetime.UTC)


def test_values_are_url_decoded_before_hashing() -> None:
    params = [
        ("orderUuid", "ODR1"),
        ("status", "PARTIAL REFUNDED"),
        ("createdAt", "2025-08-14T10:00:00Z"),
        ("amount", "1.50"),
        ("timestamp", "1755165600"),
    ]
    # printf '%s' 'ODR1PARTIAL REFUNDED2025-08-14T10:00:00Z1.501755165600k' | sha256sum
    checksum = "fe577e8ed48e3897cdabd857b4f6003754479ae9bce98467e602d016ee20ed0d"
    assert verify_callback(query(params, checksum), "k", now=lambda: NOW).status == "PARTIAL REFUNDED"


def test_legacy_scheme() -> None:
    assert verify_callback(query(checksum=LEGACY), SECRET, now=lambda: NOW, scheme="legacy").status == "PAID"
    with pytest.raises(CallbackVerificationError):
        verify_callback(query(checksum=LEGACY), SECRET, now=lambda: NOW)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: [("status", "REFUNDED") if k == "status" else (k, v) for k, v in p], "checksum does not match"),
        (lambda p: [p[1], p[0], *p[2:]], "checksum does not match"),  # same values, other order
        (lambda p: [*p, ("extra", "x")], "checksum does not match"),
    ],
)
def test_tampering_is_refused(change: Any, reason: str) -> None:
    with pytest.raises(CallbackVerificationError, match=reason):
        verify_callback(query(change(PARAMS)), SECRET, now=lambda: NOW)


def test_wrong_secret() -> None:
    with pytest.raises(CallbackVerificationError, match="does not match"):
        verify_callback(query(), "other-secret", now=lambda: NOW)


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        (urlencode(PARAMS), "missing checksum"),
        (query() + "&checksum=" + CHECKSUM, "more than one checksum"),
        (b"\xff\xfe", "unreadable query"),
        (query(checksum="é" * 64), "does not match"),
    ],
)
def test_malformed_queries(given: Any, reason: str) -> None:
    with pytest.raises(CallbackVerificationError, match=reason):
        verify_callback(given, SECRET, now=lambda: NOW)


def test_freshness() -> None:
    later = NOW + datetime.timedelta(minutes=10)
    with pytest.raises(CallbackVerificationError, match="stale"):
        verify_callback(query(), SECRET, now=lambda: later)
    assert verify_callback(query(), SECRET, now=lambda: later, max_age=None).status == "PAID"
    assert verify_callback(query(), SECRET, now=lambda: later, max_age=3600).status == "PAID"
    earlier = NOW - datetime.timedelta(hours=1)
    with pytest.raises(CallbackVerificationError, match="future"):
        verify_callback(query(), SECRET, now=lambda: earlier)


def test_missing_timestamp_fails_the_freshness_check() -> None:
    params = [p for p in PARAMS if p[0] != "timestamp"]
    from frontpayment_ext.callbacks import expected_checksum

    given = query(params, expected_checksum(params, SECRET))
    with pytest.raises(CallbackVerificationError, match="timestamp"):
        verify_callback(given, SECRET, now=lambda: NOW)
    assert verify_callback(given, SECRET, max_age=None).timestamp is None


def test_a_secret_is_required() -> None:
    with pytest.raises(ConfigurationError):
        verify_callback(query(), "")


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import hmac

    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    verify_callback(query(), SECRET, now=lambda: NOW)
    assert calls == [(CHECKSUM.encode(), CHECKSUM.encode())]


def test_the_example_flask_receiver(monkeypatch: pytest.MonkeyPatch) -> None:
    from frontpayment_ext.callbacks import expected_checksum

    spec = importlib.util.spec_from_file_location("receiver", ROOT / "examples" / "callback_receiver_flask.py")
    assert spec is not None
    assert spec.loader is not None
    receiver = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(receiver)
    monkeypatch.setenv("FRONTPAYMENT_CALLBACK_SECRET", SECRET)
    now = str(int(datetime.datetime.now(datetime.UTC).timestamp()))
    fresh = [(k, now if k == "timestamp" else v) for k, v in PARAMS]
    client = receiver.app.test_client()
    assert client.get("/frontpayment/callback?" + query(fresh, expected_checksum(fresh, SECRET))).status_code == 200
    assert client.get("/frontpayment/callback?" + query(fresh, "0" * 64)).status_code == 403
    assert client.get("/frontpayment/callback?" + query()).status_code == 403  # authentic but stale: a replay
