"""verify_callback: test vectors computed independently (coreutils sha256sum, and hashlib from the documented
formula), every accepted input form, freshness, the legacy scheme, and an attack suite of forgeries that keep the
vendor's checksum valid (values re-split, keys renamed, keys appended or duplicated), all of which must be refused.
The one ambiguity strict forms cannot close is shown to exist exactly as the docstring and README describe it."""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.util
import itertools
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest
from conftest import ROOT
from local_server import LocalServer, Received, Reply, envelope

from frontpayment_ext import CallbackVerificationError, ConfigurationError, verify_callback
from frontpayment_ext.callbacks import expected_checksum

SECRET = "s3cr3t-key"
Pairs = list[tuple[str, str]]
KEYS = ["orderUuid", "status", "paymentMethod", "amount", "createdAt", "timestamp"]  # the documented example order
# A genuine notification, keys in the order of the documented example URL.
GENUINE: Pairs = [
    ("orderUuid", "ODR4286244937"),
    ("status", "PAID"),
    ("paymentMethod", "Visa"),
    ("amount", "4500.00"),
    ("createdAt", "1755164000"),
    ("timestamp", "1755165600"),
]
NOW = datetime.datetime.fromtimestamp(1755165600 + 120, datetime.UTC)
# printf '%s' 'ODR4286244937PAIDVisa4500.0017551640001755165600s3cr3t-key' | sha256sum
CHECKSUM = "a3d231b515f3f4db9267ae7ccca354f9576488eec4fc2bc28960c6d920c9f263"
# The documented example URL's values: an amount without decimals next to two timestamps.
DOCUMENTED: Pairs = [
    ("orderUuid", "ODR123"),
    ("status", "success"),
    ("paymentMethod", "Visa"),
    ("amount", "100"),
    ("createdAt", "1755764131"),
    ("timestamp", "1755764131"),
]
DOCUMENTED_NOW = datetime.datetime.fromtimestamp(1755764131 + 60, datetime.UTC)
# printf '%s' 'ODR123successVisa10017557641311755764131s3cr3t-key' | sha256sum
DOCUMENTED_CHECKSUM = "ae4c5dc00819e28eb128514a409514bc957f501ed851e21f6440d16c5cddaf3b"


def sign(pairs: Pairs, secret: str = SECRET) -> str:
    """The documented formula, written independently of the SDK: the values in order, then the secret."""
    return hashlib.sha256(("".join(v for _, v in pairs) + secret).encode()).hexdigest()


def query(pairs: Pairs = GENUINE, checksum: str | None = None) -> str:
    return urlencode([*pairs, ("checksum", sign(pairs) if checksum is None else checksum)])


def refusal(given: Any, now: datetime.datetime = NOW, **kwargs: Any) -> str | None:
    """The reason verify_callback refuses ``given``, or None if it accepts it."""
    try:
        verify_callback(given, SECRET, now=lambda: now, **kwargs)
    except CallbackVerificationError as exc:
        assert SECRET not in str(exc)
        assert SECRET not in exc.reason
        return exc.reason
    return None


def test_the_independent_vectors_agree() -> None:
    assert sign(GENUINE) == CHECKSUM == expected_checksum(GENUINE, SECRET)
    assert sign(DOCUMENTED) == DOCUMENTED_CHECKSUM


# --- the genuine notification, in every input form ------------------------------------------------------------


def _flask_args(raw: str) -> Any:
    from flask import Flask, request

    with Flask(__name__).test_request_context("/cb?" + raw):
        return request.args.copy()


def _starlette_params(raw: str) -> Any:
    from starlette.datastructures import QueryParams

    return QueryParams(raw)


FORMS: dict[str, Any] = {
    "str": lambda q: q,
    "bytes": lambda q: q.encode(),
    "leading ?": lambda q: "?" + q,
    "dict": lambda q: dict([*GENUINE, ("checksum", CHECKSUM)]),
    "pairs": lambda q: [*GENUINE, ("checksum", CHECKSUM)],
    "upper-case hex": lambda q: query(checksum=CHECKSUM.upper()),
    "flask request.args": _flask_args,
    "starlette query_params": _starlette_params,
}


@pytest.mark.parametrize("form", FORMS)
def test_the_genuine_notification_verifies_in_every_form(form: str) -> None:
    notification = verify_callback(FORMS[form](query()), SECRET, now=lambda: NOW)
    assert notification.order_uuid == "ODR4286244937"
    assert notification.status == "PAID"
    assert notification.payment_method == "Visa"
    assert notification.amount == Decimal("4500.00")
    assert notification.created_at == datetime.datetime(2025, 8, 14, 9, 33, 20, tzinfo=datetime.UTC)
    assert notification.timestamp == datetime.datetime(2025, 8, 14, 10, 0, tzinfo=datetime.UTC)
    assert notification.params == tuple(GENUINE)
    assert notification.unsigned == {}


def test_the_documented_example_url_verifies() -> None:
    raw = query(DOCUMENTED, DOCUMENTED_CHECKSUM)
    notification = verify_callback(raw, SECRET, now=lambda: DOCUMENTED_NOW)
    assert (notification.status, notification.amount) == ("success", Decimal(100))


@pytest.mark.parametrize("form", ["flask request.args", "starlette query_params"])
def test_a_multidict_does_not_hide_a_repeated_key(form: str) -> None:
    """Both frameworks' plain ``items()`` show one value per key; a repeated key must still be seen."""
    raw = urlencode([*GENUINE, ("status", ""), ("checksum", CHECKSUM)])
    assert refusal(FORMS[form](raw)) == "parameter 'status' appears more than once"


def test_values_are_url_decoded_before_hashing() -> None:
    pairs = [*GENUINE[:1], ("status", "PARTIAL REFUNDED"), *GENUINE[2:]]
    raw = query(pairs).replace("PARTIAL+REFUNDED", "PARTIAL%20REFUNDED")
    assert verify_callback(raw, SECRET, now=lambda: NOW).status == "PARTIAL REFUNDED"
    assert verify_callback(query(pairs), SECRET, now=lambda: NOW).status == "PARTIAL REFUNDED"


def test_status_words_in_any_case_are_kept_as_sent() -> None:
    for word in ("Paid", "paid", "INKASSO", "Partial Refunded", "RESEVRED", "captured"):
        pairs = [*GENUINE[:1], ("status", word), *GENUINE[2:]]
        assert verify_callback(query(pairs), SECRET, now=lambda: NOW).status == word


# --- every value in its exact form ------------------------------------------------------------------------------

BAD_VALUES = {
    "orderUuid": ["", "ODR", "odr123", "ODR12a", "ODR 12", " ODR12", "CSRT3463048878", "ODR\u0661\u0662\u0663", "123"],
    "status": ["", "PAIDX", "PAI", "paid ", " PAID", "PAID\n", "PA\u0131D", "PARTIAL  REFUNDED", "REFUNDED2", "OK"],
    "paymentMethod": ["", "Visa1", "apple pay", "visa-card", "V\u00edsa", "1"],
    "amount": ["", "-1", "+1", "01", "1.", ".5", "1.005", "1e3", "1,50", " 1", "NaN", "Infinity", "\u0661\u0660\u0660"],
    "createdAt": ["", "175516400", "17551640000", "0755164000", "1755164000000", "2025-08-14 10:00:00", "1.7e9"],
    "timestamp": ["", "175516560", "17551656000", "-755165600", "1755165600.5", "2025-08-14T10:00:00Z"],
}

FORM_REASONS = {
    "orderUuid": "'orderUuid' is not ODR followed by digits",
    "status": "'status' is not one of the documented status words",
    "paymentMethod": "'paymentMethod' is not one word of ASCII letters",
    "amount": "'amount' is not a decimal such as 100 or 4500.00",
    "createdAt": "'createdAt' is not Unix seconds (ten digits)",
    "timestamp": "'timestamp' is not Unix seconds (ten digits)",
}


@pytest.mark.parametrize(("key", "bad"), [(k, v) for k, vs in BAD_VALUES.items() for v in vs])
def test_a_value_outside_its_documented_form_is_refused(key: str, bad: str) -> None:
    pairs = [(k, bad if k == key else v) for k, v in GENUINE]
    reason = refusal(query(pairs))  # correctly signed: only the form is wrong
    assert reason == FORM_REASONS[key]  # the same words whatever the value: the sender's text is never echoed


@pytest.mark.parametrize(
    ("pairs", "reason"),
    [
        ([p for p in GENUINE if p[0] != "amount"], "missing parameter 'amount'"),
        (GENUINE[:1], "missing parameter 'status', 'createdAt', 'paymentMethod', 'amount', 'timestamp'"),
        ([*GENUINE, ("extra", "x")], "undocumented parameter 'extra'"),
        ([*GENUINE, ("Status", "PAID")], "undocumented parameter 'Status'"),
        ([*GENUINE, ("x" * 100, "")], "undocumented parameter 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"),
        ([*GENUINE, ("amount", "4500.00")], "parameter 'amount' appears more than once"),
        ([("createdAt", "1755166600"), *GENUINE[:4], ("timestamp", "1755165600")], "createdAt lies after timestamp"),
    ],
)
def test_exactly_the_documented_keys_once_each(pairs: Pairs, reason: str) -> None:
    assert refusal(query(pairs)) == reason


# --- the attack suite: forgeries that keep the checksum valid ----------------------------------------------------


def boundary_moves(pairs: Pairs) -> Iterator[tuple[str, Pairs]]:
    """Every split point of every adjacent pair of values, with the keys kept and with the two keys swapped."""
    for i in range(len(pairs) - 1):
        (ka, a), (kb, b) = pairs[i], pairs[i + 1]
        joined = a + b
        for cut in range(len(joined) + 1):
            for keys in ((ka, kb), (kb, ka)):
                if cut == len(a) and keys == (ka, kb):
                    continue  # the genuine one
                moved = [*pairs[:i], (keys[0], joined[:cut]), (keys[1], joined[cut:]), *pairs[i + 2 :]]
                yield f"move {ka}|{kb} to {cut} as {keys}", moved


def renames(pairs: Pairs) -> Iterator[tuple[str, Pairs]]:
    """The same values under every other arrangement of the documented key names."""
    keys = [k for k, _ in pairs]
    for perm in itertools.permutations(keys):
        if list(perm) != keys:
            yield f"rename as {perm}", list(zip(perm, (v for _, v in pairs), strict=True))


ODD_KEYS = ["extra", "Status", "status ", "amount[]", "orderuuid", "", "checksum"]


def appended(pairs: Pairs) -> Iterator[tuple[str, Pairs]]:
    """An empty value under every documented key (a duplicate) and some undocumented ones, anywhere."""
    for name in [*KEYS, *ODD_KEYS]:
        for at in range(len(pairs) + 1):
            yield f"insert {name}= at {at}", [*pairs[:at], (name, ""), *pairs[at:]]


def carved(pairs: Pairs) -> Iterator[tuple[str, Pairs]]:
    """Part of a value carved out under another key (a duplicate, or an undocumented one): amount=2026 out of
    createdAt, and so on."""
    for i, (key, value) in enumerate(pairs):
        for cut in range(1, len(value)):
            head, tail = value[:cut], value[cut:]
            for name in [*KEYS, "extra"]:
                yield f"carve {name}={tail} out of {key}", [*pairs[:i], (key, head), (name, tail), *pairs[i + 1 :]]
                yield f"carve {name}={head} out of {key}", [*pairs[:i], (name, head), (key, tail), *pairs[i + 1 :]]


def merged(pairs: Pairs) -> Iterator[tuple[str, Pairs]]:
    """A key dropped, its value run into a neighbour's."""
    for i in range(len(pairs) - 1):
        (ka, a), (kb, b) = pairs[i], pairs[i + 1]
        yield f"merge {kb} into {ka}", [*pairs[:i], (ka, a + b), *pairs[i + 2 :]]
        yield f"merge {ka} into {kb}", [*pairs[:i], (kb, a + b), *pairs[i + 2 :]]


def named_attacks() -> Iterator[tuple[str, Pairs]]:
    """The forgeries the issue reported, spelt out."""
    g = dict(GENUINE)
    yield (
        "orderUuid shortened by one, its digit moved into status",
        [
            ("orderUuid", g["orderUuid"][:-1]),
            ("status", g["orderUuid"][-1] + g["status"]),
            *GENUINE[2:],
        ],
    )
    yield "amount=1755 carved out of createdAt", [*GENUINE[:4], ("amount", "1755"), ("createdAt", "164000"), GENUINE[5]]
    yield "&status= appended", [*GENUINE, ("status", "")]
    yield "&amount= appended", [*GENUINE, ("amount", "")]
    yield (
        "status and paymentMethod trading letters",
        [
            *GENUINE[:1],
            ("status", "PAIDV"),
            ("paymentMethod", "isa"),
            *GENUINE[3:],
        ],
    )


def all_forgeries() -> list[tuple[str, Pairs]]:
    return [
        *boundary_moves(GENUINE),
        *renames(GENUINE),
        *appended(GENUINE),
        *carved(GENUINE),
        *merged(GENUINE),
        *named_attacks(),
    ]


def test_every_forgery_that_keeps_the_checksum_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    genuine_values = "".join(v for _, v in GENUINE)
    forgeries = all_forgeries()
    tried = refused = 0
    reasons: dict[str, int] = {}
    for label, pairs in forgeries:
        assert "".join(v for _, v in pairs) == genuine_values, label  # the checksum is still the genuine one
        tried += 1
        raw = urlencode([*pairs, ("checksum", CHECKSUM)])
        found = {refusal(raw), refusal(_starlette_params(raw))}
        assert None not in found, f"accepted a forgery: {label}"
        assert "checksum does not match" not in found, label  # the checksum held: the form refused it
        refused += 1
        kind = re.sub(r"'[^']*'(, '[^']*')*", "K", str(found.pop()))
        reasons[kind] = reasons.get(kind, 0) + 1
    assert tried == refused
    assert tried > 1500  # the suite cannot quietly shrink
    with capsys.disabled():
        print(f"\ncallback forgeries with a valid checksum: {tried} tried, {refused} refused: {reasons}")


def test_appending_after_the_checksum_is_refused() -> None:
    for extra in ("&status=", "&amount=", "&amount=1", "&foo=", "&checksum=" + CHECKSUM, "&orderUuid"):
        assert refusal(query() + extra) is not None, extra


# --- exhaustive re-reading: every way to cut the signed string into the documented keys ------------------------

LOOSE = {  # deliberately looser than the SDK's forms, so the search covers everything the SDK might accept
    "orderUuid": re.compile(r"ODR[0-9A-Za-z]*"),
    "status": re.compile(r"[A-Za-z ]+"),
    "paymentMethod": re.compile(r"[A-Za-z ]+"),
    "amount": re.compile(r"[0-9.]+"),
    "createdAt": re.compile(r"[0-9]{8,12}"),
    "timestamp": re.compile(r"[0-9]{8,12}"),
}
# Narrower (still this test's reading of the documents, not the SDK's code), for the search over many key orders.
NARROW = {
    **LOOSE,
    "orderUuid": re.compile(r"ODR[0-9]*"),
    **dict.fromkeys(["createdAt", "timestamp"], re.compile(r"[0-9]{10}")),
}


Model = dict[str, re.Pattern[str]]


def rereadings(signed: str, model: Model) -> list[Pairs]:
    """Every sequence of (key, value), each documented key once, whose values run together give ``signed``."""

    @functools.cache
    def tails(start: int, keys: frozenset[str]) -> tuple[tuple[tuple[str, str], ...], ...]:
        if start == len(signed):
            return ((),) if not keys else ()
        found = []
        for key in keys:
            for end in range(start + 1, len(signed) + 1):
                if model[key].fullmatch(signed, start, end):
                    found += [((key, signed[start:end]), *rest) for rest in tails(end, keys - {key})]
        return tuple(found)

    return [list(reading) for reading in tails(0, frozenset(KEYS))]


def accepted_rereadings(
    genuine: Pairs, now: datetime.datetime, model: dict[str, re.Pattern[str]] = LOOSE, **kwargs: Any
) -> tuple[int, list[Pairs]]:
    checksum = sign(genuine)
    tried = 0
    accepted = []
    for pairs in rereadings("".join(v for _, v in genuine), model):
        tried += 1
        if refusal([*pairs, ("checksum", checksum)], now=now, **kwargs) is None:
            accepted.append(pairs)
    return tried, accepted


def readings(found: list[Pairs]) -> set[frozenset[tuple[str, str]]]:
    """What each accepted reading says, key order aside (equal timestamps can swap names and say the same)."""
    return {frozenset(p) for p in found}


def test_the_genuine_notification_has_no_other_reading(capsys: pytest.CaptureFixture[str]) -> None:
    tried, accepted = accepted_rereadings(GENUINE, NOW)
    assert accepted == [GENUINE]
    assert tried > 100
    with capsys.disabled():
        print(f"\nre-readings of the genuine notification: {tried} tried, {tried - 1} refused")


def test_the_residual_ambiguity_is_exactly_the_documented_one() -> None:
    """Strict forms cannot stop two adjacent all-digit values trading digits: the documented example URL
    (amount=100 right before two timestamps) also reads as createdAt=1001755764&amount=131. That forgery verifies;
    it is why the README says to confirm the status with the API and the amount with your own records."""
    _, accepted = accepted_rereadings(DOCUMENTED, DOCUMENTED_NOW)
    forged = [*DOCUMENTED[:3], ("createdAt", "1001755764"), ("amount", "131"), ("timestamp", "1755764131")]
    assert readings(accepted) == readings([DOCUMENTED, forged])
    notification = verify_callback(query(forged, DOCUMENTED_CHECKSUM), SECRET, now=lambda: DOCUMENTED_NOW)
    assert notification.amount == Decimal(131)  # the checksum cannot tell; the shop's own record can
    # Without the freshness check the timestamp is not pinned either, and more readings verify.
    _, unpinned = accepted_rereadings(DOCUMENTED, DOCUMENTED_NOW, max_age=None)
    assert len(unpinned) > len(accepted)


def _digit_runs(pairs: Pairs) -> list[set[str]]:
    """Maximal runs of adjacent keys whose values meet digit-to-digit."""
    runs = [{pairs[0][0]}]
    for (_, a), (kb, b) in itertools.pairwise(pairs):
        if a[-1].isdigit() and b[0].isdigit():
            runs[-1].add(kb)
        else:
            runs.append({kb})
    return [r for r in runs if len(r) > 1]


@pytest.mark.parametrize("amount", ["100", "4500.00"])
def test_in_every_key_order_only_an_amount_next_to_digits_can_trade(amount: str) -> None:
    """Whatever order the sender writes the keys in, every other reading that verifies differs from the genuine one
    only inside one run of adjacent all-digit values that holds the amount: status and payment method never move,
    two timestamps alone cannot trade, and an amount with decimals trades only when it follows ``orderUuid``."""
    base = dict([*GENUINE[:3], ("amount", amount), ("createdAt", "1755164000"), ("timestamp", "1755165600")])
    ambiguous_orders = 0
    for order in list(itertools.permutations(KEYS))[::4]:  # 180 of the 720 orders: under a second
        genuine = [(k, base[k]) for k in order]
        _, accepted = accepted_rereadings(genuine, NOW, NARROW)
        assert genuine in accepted
        runs = _digit_runs(genuine)
        forged_readings = [f for f in accepted if f != genuine]
        for forged in forged_readings:
            changed = {k for k, v in forged if base[k] != v}
            assert "amount" in changed, (order, forged)
            assert "status" not in changed
            assert "paymentMethod" not in changed
            assert any(changed <= run for run in runs), (order, forged)
        after_uuid = order.index("amount") == order.index("orderUuid") + 1
        if "." in amount and not after_uuid:
            assert not forged_readings, order
        ambiguous_orders += bool(forged_readings)
    assert ambiguous_orders > 0  # the residual is real, not hypothetical


# --- the legacy scheme ------------------------------------------------------------------------------------------

LEGACY_SIGNED: Pairs = [("orderUuid", "ODR4286244937"), ("status", "PAID"), ("createdAt", "1752573600")]  # 30 days old
# printf '%s' 'ODR4286244937PAID1752573600s3cr3t-key' | sha256sum
LEGACY = "02a6289930ebf44e933575cdf25d470a8fc3313c7955a3cfc87e6aada5a72826"


def test_legacy_vector() -> None:
    assert sign(LEGACY_SIGNED) == LEGACY == expected_checksum(LEGACY_SIGNED, SECRET, "legacy")


def test_a_replayed_legacy_notification_with_a_forged_amount_and_fresh_timestamp_is_not_trusted() -> None:
    """A 30-day-old legacy notification, with amount=999999.00 and a fresh timestamp added by whoever replays it:
    the checksum does not cover either, so neither may come back as verified, and freshness cannot be claimed."""
    fresh = str(int(NOW.timestamp()))
    forged = urlencode(
        [*LEGACY_SIGNED, ("paymentMethod", "Visa"), ("amount", "999999.00"), ("timestamp", fresh), ("checksum", LEGACY)]
    )
    with pytest.raises(ConfigurationError, match="max_age=None"):
        verify_callback(forged, SECRET, now=lambda: NOW, scheme="legacy")  # the default max_age must not pretend
    for max_age in (300, 300.0, 10**9):
        with pytest.raises(ConfigurationError, match="does not sign the timestamp"):
            verify_callback(forged, SECRET, now=lambda: NOW, scheme="legacy", max_age=max_age)
    notification = verify_callback(forged, SECRET, scheme="legacy", max_age=None)
    assert (notification.order_uuid, notification.status, notification.scheme) == ("ODR4286244937", "PAID", "legacy")
    assert notification.created_at == datetime.datetime(2025, 7, 15, 10, 0, tzinfo=datetime.UTC)
    assert notification.amount is None
    assert notification.timestamp is None
    assert notification.payment_method is None
    assert notification.params == tuple(LEGACY_SIGNED)
    assert notification.unsigned == {"paymentMethod": "Visa", "amount": "999999.00", "timestamp": fresh}
    assert refusal(forged) == "checksum does not match"  # and the values scheme does not take a legacy checksum


def test_legacy_signed_values_cannot_be_resplit() -> None:
    """The legacy checksum names its three keys, so only their boundaries can move: every other cut is refused."""
    signed = "".join(v for _, v in LEGACY_SIGNED)
    tried = 0
    for i, j in itertools.combinations(range(len(signed) + 1), 2):
        cut = [("orderUuid", signed[:i]), ("status", signed[i:j]), ("createdAt", signed[j:])]
        if cut == LEGACY_SIGNED:
            continue
        tried += 1
        assert refusal(urlencode([*cut, ("checksum", LEGACY)]), scheme="legacy", max_age=None) is not None, cut
    assert tried > 300


def test_legacy_still_checks_keys_and_forms() -> None:
    def legacy(pairs: Pairs) -> str | None:
        return refusal(urlencode([*pairs, ("checksum", LEGACY)]), scheme="legacy", max_age=None)

    assert legacy(LEGACY_SIGNED) is None
    assert legacy(LEGACY_SIGNED[:2]) == "missing parameter 'createdAt'"
    assert legacy([*LEGACY_SIGNED, ("status", "PAID")]) == "parameter 'status' appears more than once"
    assert legacy([*LEGACY_SIGNED, ("extra", "")]) == "undocumented parameter 'extra'"
    assert legacy([("orderUuid", "ODR428624493"), ("status", "7PAID"), LEGACY_SIGNED[2]]) is not None
    assert legacy([*LEGACY_SIGNED, ("amount", "1e9")]) == "'amount' is not a decimal such as 100 or 4500.00"


# --- the rest of the contract -----------------------------------------------------------------------------------


def test_tampering_and_the_wrong_secret_are_refused() -> None:
    changed = [("status", "REFUNDED") if k == "status" else (k, v) for k, v in GENUINE]
    assert refusal(query(changed, CHECKSUM)) == "checksum does not match"
    assert refusal(query(checksum=sign(GENUINE, "other-secret"))) == "checksum does not match"


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        (urlencode(GENUINE), "missing checksum"),
        (query() + "&checksum=" + CHECKSUM, "more than one checksum"),
        (b"\xff\xfe", "unreadable query (UnicodeDecodeError)"),
        (query().replace("PAID", "PA%FFID"), "unreadable query (UnicodeDecodeError)"),
        (query(checksum="é" * 64), "checksum is not 64 hex digits"),
        (query(checksum=" " + CHECKSUM), "checksum is not 64 hex digits"),
        (query(checksum=CHECKSUM[:-1]), "checksum is not 64 hex digits"),
        ("&".join(["a=1"] * 40), "unreadable query (ValueError)"),
        ({"amount": 4500}, "unreadable query (TypeError)"),
        ([("amount",)], "unreadable query (ValueError)"),
        (12, "unreadable query (TypeError)"),
    ],
)
def test_malformed_queries(given: Any, reason: str) -> None:
    assert refusal(given) == reason


def test_freshness() -> None:
    later = NOW + datetime.timedelta(minutes=10)
    assert refusal(query(), now=later) == "stale: sent 720 s ago, more than 300 s"
    assert verify_callback(query(), SECRET, now=lambda: later, max_age=None).status == "PAID"
    assert verify_callback(query(), SECRET, now=lambda: later, max_age=3600).status == "PAID"
    assert refusal(query(), now=NOW - datetime.timedelta(hours=1)) == "timestamp lies in the future"


@pytest.mark.parametrize("max_age", [0, -1, float("nan"), float("inf"), "300", True])
def test_max_age_must_be_a_positive_number(max_age: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_age"):
        verify_callback(query(), SECRET, max_age=max_age)


def test_a_secret_and_a_known_scheme_are_required() -> None:
    with pytest.raises(ConfigurationError):
        verify_callback(query(), "")
    with pytest.raises(ConfigurationError, match="scheme"):
        verify_callback(query(), SECRET, scheme="v2")  # type: ignore[arg-type]


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


# --- the example Flask receiver: verify, then confirm with the API --------------------------------------------


@pytest.fixture
def receiver(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Any, LocalServer, list[tuple[str, str]], dict[str, str]]]:
    spec = importlib.util.spec_from_file_location("receiver", ROOT / "examples" / "callback_receiver_flask.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    api_status = {"ODR4286244937": "PAID"}

    def handler(request: Received) -> Reply:
        uuid = request.path.rsplit("/", 1)[-1]
        if api_status.get(uuid) == "unreachable":
            return envelope(404, None, message="orderNotFound")
        data = {"uuid": uuid, "status": api_status.get(uuid, "SENT"), "orderAmount": api_status.get("amount", 4500)}
        return envelope(200, data, message="Order Status Retrieved Successfully")

    server = LocalServer(handler)
    fulfilled: list[tuple[str, str]] = []
    monkeypatch.setenv("FRONTPAYMENT_CALLBACK_SECRET", SECRET)
    monkeypatch.setenv("FRONTPAYMENT_TOKEN", "test-token")
    monkeypatch.setenv("FRONTPAYMENT_BASE_URL", server.url)
    monkeypatch.setattr(module, "order_total", {"ODR4286244937": Decimal("4500.00")}.get)
    monkeypatch.setattr(module, "fulfil", lambda uuid, status: fulfilled.append((uuid, status)))
    try:
        yield module, server, fulfilled, api_status
    finally:
        server.close()


def _fresh(pairs: Pairs) -> Pairs:
    now = str(int(datetime.datetime.now(datetime.UTC).timestamp()))
    return [(k, now if k in ("timestamp", "createdAt") else v) for k, v in pairs]


def test_the_example_receiver_fulfils_only_what_the_api_confirms(receiver: Any) -> None:
    module, server, fulfilled, api_status = receiver
    client = module.app.test_client()
    url = "/frontpayment/callback?"
    fresh = _fresh(GENUINE)
    assert client.get(url + query(fresh)).status_code == 200
    assert fulfilled == [("ODR4286244937", "PAID")]
    assert [r.path for r in server.received] == ["/api/v1/connect/orders/status/ODR4286244937"]
    # Forged, stale or re-split: 403, and the API is not even asked.
    assert client.get(url + query(fresh, "0" * 64)).status_code == 403
    assert client.get(url + query()).status_code == 403  # authentic but stale: a replay
    moved = [*fresh[:3], ("amount", "4500.0"), ("createdAt", "0" + fresh[4][1]), fresh[5]]  # same checksum
    assert client.get(url + query(moved, sign(fresh))).status_code == 403
    assert len(server.received) == 1
    # Authentic, but the API says the order is not paid: nothing is fulfilled.
    api_status["ODR4286244937"] = "SENT"
    assert client.get(url + query(fresh)).status_code == 200
    assert fulfilled == [("ODR4286244937", "PAID")]
    # Authentic, but not an amount of ours (the residual digit trade, or another order): not acted on, API not asked.
    other = [(k, "4501.00" if k == "amount" else v) for k, v in fresh]
    assert client.get(url + query(other)).status_code == 200
    assert len(server.received) == 2
    assert fulfilled == [("ODR4286244937", "PAID")]
    # Authentic, but the API cannot confirm it: 503 (Frontpayment may call again), nothing fulfilled.
    api_status["ODR4286244937"] = "unreachable"
    assert client.get(url + query(fresh)).status_code == 503
    assert fulfilled == [("ODR4286244937", "PAID")]


def test_the_parameters_of_your_own_callback_url_are_named_and_left_unsigned() -> None:
    """Seed 003's callback URL carries its own query (``?order_identifier=...&order_status=success``): name those
    keys and the notification verifies; they come back unsigned. Unnamed, they are refused as before."""
    own = [("order_identifier", "shop-77"), ("order_status", "success")]
    fresh = _fresh(GENUINE)
    raw = query(own + fresh, sign(fresh))
    with pytest.raises(CallbackVerificationError, match="undocumented parameter"):
        verify_callback(raw, SECRET)
    note = verify_callback(raw, SECRET, own_params=("order_identifier", "order_status"))
    assert note.unsigned == dict(own)
    assert dict(note.params) == dict(fresh)
    with pytest.raises(CallbackVerificationError, match="more than once"):
        verify_callback(
            query([*own, own[0], *fresh], sign(fresh)), SECRET, own_params=("order_identifier", "order_status")
        )
    with pytest.raises(ConfigurationError):
        verify_callback(raw, SECRET, own_params=("amount",))  # a signed key cannot be declared your own
