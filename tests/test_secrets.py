"""Secrets under attack: a token or API key with a control character is refused without being echoed; nothing
reachable from a client (its generated client, httpx client, results, errors and what they chain) prints a secret;
and no plugin is ever handed the Authorization header, nor personal data outside what each hook documents as raw."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import subprocess
import sys
import traceback
import types
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from local_server import Fault, LocalServer, Received, Reply, envelope
from test_spec_rules import INVOICE, documented

from frontpayment_ext import (
    AsyncFrontpaymentClient,
    AsyncKatsuPayClient,
    FrontpaymentClient,
    FrontpaymentError,
    KatsuPayClient,
    PayloadValidationError,
    ServerValidationError,
    hookimpl,
)
from frontpayment_ext.errors import ConfigurationError
from frontpayment_ext.events import AuditEvent, Call, Exchange
from frontpayment_ext.redaction import MASK, Secret
from frontpayment_ext.violations import Violation

TOKEN = "tok-Zq8xW3vLp0Rt4Hs"
API_KEY = "key-Yy7Hq2mNb5Kc9Dw"
SECRETS = (TOKEN, API_KEY)
FRAGMENTS = ("Zq8xW3vL", "p0Rt4Hs", "Yy7Hq2mN", "b5Kc9Dw")  # no part of either secret may show

PN, PHONE, EMAIL = "28038712383", "46567468", "kari.secret@example.org"
PERSONAL = (PN, PHONE, "465 67 468", EMAIL)

BAD_SECRETS = {
    "trailing LF": TOKEN + "\n",
    "trailing CR LF": TOKEN + "\r\n",
    "CR inside": TOKEN[:8] + "\r" + TOKEN[8:],
    "NUL": TOKEN + "\x00",
    "ESC": "\x1b" + TOKEN,
    "DEL": TOKEN + "\x7f",
    "C1 NEL": TOKEN + "\x85",
    "C1 CSI": TOKEN[:5] + "\x9b" + TOKEN[5:],
    "tab": TOKEN + "\t",
    "leading space": " " + TOKEN,
    "trailing space": TOKEN + " ",
    "non-ASCII": TOKEN + "\u00e9",
}


def _fragments_in(text: str) -> list[str]:
    return [f for f in FRAGMENTS if f in text]


def _exception_text(exc: BaseException) -> str:
    parts = [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    for chained in (exc.__cause__, exc.__context__):
        if chained is not None:
            parts += [str(chained), repr(chained)]
    return "\n".join(parts)


def _builders(bad: str, server: str) -> dict[str, Callable[[], Any]]:
    return {
        "Frontpayment token": lambda: FrontpaymentClient(token=bad, base_url=server),
        "async Frontpayment token": lambda: AsyncFrontpaymentClient(token=bad, base_url=server),
        "Katsu Pay token": lambda: KatsuPayClient(server, token=bad),
        "Katsu Pay apiKey": lambda: KatsuPayClient(server, token="fine-token-1", api_key=bad),
        "async Katsu Pay apiKey": lambda: AsyncKatsuPayClient(server, token="fine-token-1", api_key=bad),
    }


@pytest.mark.parametrize("kind", sorted(BAD_SECRETS))
def test_a_secret_with_control_characters_or_surrounding_space_is_refused_unechoed(kind: str) -> None:
    for what, build in _builders(BAD_SECRETS[kind], "http://127.0.0.1:9").items():  # nothing is built, nor sent
        with pytest.raises(ConfigurationError) as caught:
            build()
        text = _exception_text(caught.value)
        assert _fragments_in(text) == [], (what, text)
        assert caught.value.__cause__ is None
        assert caught.value.__context__ is None
        assert "not shown" in str(caught.value)


def test_secrets_from_the_environment_are_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTPAYMENT_TOKEN", TOKEN + "\r\n")
    with pytest.raises(ConfigurationError) as caught:
        FrontpaymentClient(base_url="http://127.0.0.1:9")
    assert _fragments_in(_exception_text(caught.value)) == []
    monkeypatch.setenv("KATSUPAY_TOKEN", TOKEN)
    monkeypatch.setenv("KATSUPAY_API_KEY", API_KEY + "\n")
    with pytest.raises(ConfigurationError) as caught:
        KatsuPayClient("http://127.0.0.1:9")
    assert _fragments_in(_exception_text(caught.value)) == []


def test_the_cli_refuses_a_bad_api_key_in_one_line_without_echoing_it(local_server: Any) -> None:
    server: LocalServer = local_server(lambda r: envelope(200, {}))
    exe = shutil.which("frontpayment") or str(Path(sys.executable).with_name("frontpayment"))
    env = {"PATH": str(Path(sys.executable).parent), "KATSUPAY_TOKEN": TOKEN, "KATSUPAY_API_KEY": API_KEY + "\r\n"}
    proc = subprocess.run(
        [exe, "katsupay", "get-invoice", "inv-1", "--base-url", server.url],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert _fragments_in(proc.stdout + proc.stderr) == []
    assert server.attempts == 0


def test_good_secrets_still_reach_the_server(local_server: Any) -> None:
    server: LocalServer = local_server(_handler)
    with FrontpaymentClient(token="1|Ab c-9", base_url=server.url) as client:  # an inner space is a valid header
        client.get_invoice_number("ODR1")
    with KatsuPayClient(server.url, token=TOKEN, api_key=API_KEY) as katsu, pytest.raises(FrontpaymentError):
        katsu.get_invoice("inv-1")
    injected = httpx.Client()
    with (
        KatsuPayClient(server.url, token=TOKEN, api_key=API_KEY, http_client=injected) as katsu,
        pytest.raises(FrontpaymentError),
    ):
        katsu.get_invoice("inv-2")
    assert server.received[0].headers["authorization"] == "Bearer 1|Ab c-9"
    for request in server.received[1:]:
        assert (request.headers["authorization"], request.headers["apikey"]) == (f"Bearer {TOKEN}", API_KEY)


# --- everything reachable from a client ---------------------------------------------------------------------------

_LEAVES = (str, bytes, bytearray, int, float, bool, type(None), Decimal, complex)
_SKIP = (
    type,
    types.ModuleType,
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.CodeType,
    types.FrameType,
    types.TracebackType,
)


@attrs.define
class Walk:
    """Visits every object reachable from the roots (attributes, ``vars()``, slots, attrs fields, mappings,
    sequences, exceptions' causes and contexts, responses' requests) and records where a secret shows in a
    ``repr``, a ``str`` or a stored value. ``Secret`` boxes are the one place a secret may sit; they are leaves."""

    needles: tuple[str, ...]
    max_depth: int = 9
    visited: int = 0
    found: list[str] = attrs.Factory(list)
    _seen: set[int] = attrs.Factory(set)

    def __call__(self, obj: Any, path: str = "root", depth: int = 0) -> None:
        if id(obj) in self._seen or isinstance(obj, _SKIP):
            return
        self._seen.add(id(obj))
        self.visited += 1
        self._check(obj, path)
        if isinstance(obj, (*_LEAVES, Secret)) or depth >= self.max_depth:
            return
        for name, child in self._children(obj):
            self(child, f"{path}.{name}", depth + 1)

    def _check(self, obj: Any, path: str) -> None:
        texts: list[str] = []
        if isinstance(obj, bytes | bytearray):
            texts.append(bytes(obj).decode("latin-1"))
        for show in (repr, str):
            try:
                texts.append(show(obj))
            except Exception:  # noqa: BLE001 - some internals cannot be shown; their parts are walked
                continue
        for needle in self.needles:
            if any(needle in text for text in texts):
                self.found.append(f"{path} ({type(obj).__name__}) shows {needle!r}")

    @staticmethod
    def _children(obj: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(obj, httpx.Headers):
            yield from ((f"[{k}]", v) for k, v in obj.multi_items())
            return
        if isinstance(obj, Mapping):
            for key, value in list(obj.items()):
                yield f"key({key!r})", key
                yield f"[{key!r}]", value
            return
        if isinstance(obj, list | tuple | set | frozenset):
            yield from ((f"[{i}]", item) for i, item in enumerate(list(obj)))
            return
        if isinstance(obj, BaseException):
            yield "__cause__", obj.__cause__
            yield "__context__", obj.__context__
            yield "args", obj.args
        if isinstance(obj, httpx.Response | httpx.Request):
            yield "headers", obj.headers
            if isinstance(obj, httpx.Response):
                yield "request", getattr(obj, "_request", None)
            with contextlib.suppress(httpx.ResponseNotRead, httpx.RequestNotRead):
                yield "content", obj.content
        if isinstance(obj, httpx.Client | httpx.AsyncClient):
            yield "headers", obj.headers
            yield "auth", obj.auth
        if attrs.has(type(obj)):
            for field in attrs.fields(type(obj)):
                yield field.name, getattr(obj, field.name, None)
        if hasattr(obj, "__dict__"):
            yield from list(vars(obj).items())
        for cls in type(obj).__mro__:
            for slot in getattr(cls, "__slots__", ()):
                if isinstance(slot, str) and hasattr(obj, slot):
                    yield slot, getattr(obj, slot)
        if isinstance(obj, httpx.URL):
            return
        for name in ("request", "response", "generated", "raw"):  # public properties that hold more
            try:
                value = getattr(obj, name, None)
            except Exception:  # noqa: BLE001 - e.g. httpx's "request has not been set"
                value = None
            if value is not None:
                yield name, value


def _handler(request: Received) -> Reply:
    if request.path.endswith("/invoice/create"):
        return envelope(201, {"uuid": "ODR1", "customerUuid": "CSRT1"})
    if request.path.endswith("/invoice/submit"):
        return envelope(
            417,
            None,
            message=f"payloadValidationErrors for {PHONE}",
            errors=[
                f"The customer details.msisdn {PHONE} is invalid.",
                f"The customer details.email {EMAIL} is taken.",
            ],
        )
    if "/invoice-number/" in request.path:
        return envelope(200, {"orderUuid": "ODR1", "invoiceNumber": "99900753", "status": "SENT"})
    if "/Invoice/getbyId" in request.path and request.path.endswith("=ok"):
        body = {
            "succeeded": True,
            "message": "ok",
            "data": {"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "amount": 10},
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()
    body = {"succeeded": False, "message": f"no invoice for {PHONE}", "errors": [f"customer {PN}"]}
    return 404, {"Content-Type": "application/json"}, json.dumps(body).encode()


def _payload() -> dict[str, Any]:
    payload = documented(INVOICE)
    payload["customerDetails"].update(personalNumber=PN, msisdn=PHONE, email=EMAIL)
    return payload


def _frontpayment_outcomes(client: Any, stalled: Any) -> list[Any]:
    out: list[Any] = [client.send_invoice(_payload()), client.get_invoice_number("ODR1")]
    for attempt in (
        lambda: client.request("POST", "/api/v1/connect/orders/invoice/submit", json=_payload()),
        lambda: stalled.get_invoice_number("ODR1", max_retries=0),
        lambda: stalled.send_invoice(_payload()),
    ):
        try:
            attempt()
        except FrontpaymentError as exc:
            out.append(exc)
    return out


async def _async_frontpayment_outcomes(client: Any, stalled: Any) -> list[Any]:
    out: list[Any] = [await client.send_invoice(_payload()), await client.get_invoice_number("ODR1")]
    for attempt in (
        lambda: client.request("POST", "/api/v1/connect/orders/invoice/submit", json=_payload()),
        lambda: stalled.get_invoice_number("ODR1", max_retries=0),
        lambda: stalled.send_invoice(_payload()),
    ):
        try:
            await attempt()
        except FrontpaymentError as exc:
            out.append(exc)
    return out


def _katsu_outcomes(katsu: Any, stalled: Any) -> list[Any]:
    out: list[Any] = [katsu.get_invoice("ok")]
    for attempt in (lambda: katsu.get_invoice("missing"), lambda: stalled.get_invoice("ok", max_retries=0)):
        try:
            attempt()
        except FrontpaymentError as exc:
            out.append(exc)
    return out


async def _async_katsu_outcomes(katsu: Any, stalled: Any) -> list[Any]:
    out: list[Any] = [await katsu.get_invoice("ok")]
    for attempt in (lambda: katsu.get_invoice("missing"), lambda: stalled.get_invoice("ok", max_retries=0)):
        try:
            await attempt()
        except FrontpaymentError as exc:
            out.append(exc)
    return out


def test_nothing_reachable_from_any_client_prints_a_secret(local_server: Any) -> None:
    server: LocalServer = local_server(_handler)
    slow: LocalServer = local_server(_handler, faults=[Fault("stall", 2.0)] * 8)
    fast = {"timeout": 0.3, "max_retries": 0}
    roots: list[Any] = []

    client = FrontpaymentClient(TOKEN, base_url=server.url)
    stalled = FrontpaymentClient(TOKEN, base_url=slow.url, **fast)
    roots += [
        client,
        stalled,
        client.generated,
        client.generated.get_httpx_client(),
        *_frontpayment_outcomes(client, stalled),
    ]

    async def run_async() -> list[Any]:
        aclient = AsyncFrontpaymentClient(TOKEN, base_url=server.url)
        astalled = AsyncFrontpaymentClient(TOKEN, base_url=slow.url, **fast)
        akatsu = AsyncKatsuPayClient(server.url, token=TOKEN, api_key=API_KEY)
        akstalled = AsyncKatsuPayClient(slow.url, token=TOKEN, api_key=API_KEY, **fast)
        found = [aclient, astalled, akatsu, akstalled, aclient.generated.get_async_httpx_client()]
        found += await _async_frontpayment_outcomes(aclient, astalled)
        found += await _async_katsu_outcomes(akatsu, akstalled)
        for each in (aclient, astalled, akatsu, akstalled):
            await each.aclose()
        return found

    roots += asyncio.run(run_async())
    katsu = KatsuPayClient(server.url, token=TOKEN, api_key=API_KEY)
    kstalled = KatsuPayClient(slow.url, token=TOKEN, api_key=API_KEY, **fast)
    roots += [katsu, kstalled, katsu.generated, katsu.generated.get_httpx_client(), *_katsu_outcomes(katsu, kstalled)]

    errors = [r for r in roots if isinstance(r, FrontpaymentError)]
    assert len(errors) == 10  # 3 per Frontpayment client, 2 per Katsu Pay client
    assert any(getattr(e, "response", None) is not None for e in errors)
    assert any(e.__cause__ is not None for e in errors)  # the transport exceptions, with their requests
    # The secrets really went out: the walk is not vacuous.
    assert server.received[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert any(r.headers.get("apikey") == API_KEY for r in server.received)

    walk = Walk(FRAGMENTS)
    for index, root in enumerate(roots):
        walk(root, f"roots[{index}]:{type(root).__name__}")
    print(f"leak walk: {walk.visited} objects reachable from {len(roots)} roots, {len(walk.found)} leak(s)")
    assert walk.found == [], "\n".join(walk.found)
    assert walk.visited > 1000
    for each in (client, stalled, katsu, kstalled):
        each.close()


# --- what plugins are handed --------------------------------------------------------------------------------------


class Scanner:
    """Implements every hook and keeps every argument it is handed."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _keep(self, hook: str, **kwargs: Any) -> None:
        self.calls.append((hook, kwargs))

    @hookimpl
    def frontpayment_prepare_request(self, call: Call, payload: dict[str, Any]) -> None:
        self._keep("frontpayment_prepare_request", call=call, payload=payload)

    @hookimpl
    def frontpayment_validation_rules(self, endpoint: str, payload: dict[str, Any]) -> list[Violation]:
        self._keep("frontpayment_validation_rules", endpoint=endpoint, payload=payload)
        msisdn = payload.get("customerDetails", {}).get("msisdn")
        if msisdn == "46567469":  # a rule that needs the real value, and quotes it in its violation
            return [Violation("customerDetails.msisdn", f"{msisdn} is blocked", "another number", msisdn)]
        return []

    @hookimpl
    def frontpayment_operation_started(self, call: Call) -> None:
        self._keep("frontpayment_operation_started", call=call)

    @hookimpl
    def frontpayment_after_exchange(self, exchange: Exchange) -> None:
        self._keep("frontpayment_after_exchange", exchange=exchange)

    @hookimpl
    def frontpayment_on_error(self, call: Call, error: Exception) -> None:
        self._keep("frontpayment_on_error", call=call, error=error)

    @hookimpl
    def frontpayment_operation_finished(self, call: Call, result: Any, error: Exception | None) -> None:
        self._keep("frontpayment_operation_finished", call=call, result=result, error=error)

    @hookimpl
    def frontpayment_audit_event(self, event: AuditEvent) -> None:
        self._keep("frontpayment_audit_event", event=event)


def _redacted_surfaces(hook: str, kwargs: dict[str, Any]) -> list[str]:
    """What each hook documents as redacted, as text."""
    texts: list[str] = []
    for name, value in kwargs.items():
        if isinstance(value, Exchange):
            texts += [value.url, json.dumps(value.headers), repr(value), str(value.error)]
            texts += [json.dumps(x, default=str) for x in (value.request_body, value.response_body)]
            texts += [json.dumps(x, default=str) for x in (value.request_preview(), value.response_preview())]
        elif isinstance(value, AuditEvent):
            texts += [json.dumps(value.as_record()), repr(value)]
        elif isinstance(value, Call):
            texts.append(repr(value))
        elif isinstance(value, BaseException):
            texts += [str(value), repr(value)]
            texts += [json.dumps(getattr(value, attr, None), default=str) for attr in ("message", "errors")]
            texts += [repr(getattr(value, "field_errors", None)), repr(getattr(value, "violations", None))]
        elif name == "result" and value is not None:
            texts.append(repr(value))
    return texts


def test_no_plugin_is_handed_the_token_and_only_documented_raw_parts_hold_personal_data(local_server: Any) -> None:
    server: LocalServer = local_server(_handler)
    slow: LocalServer = local_server(_handler, faults=[Fault("stall", 2.0)] * 4)
    scanner = Scanner()
    with (
        FrontpaymentClient(TOKEN, base_url=server.url, plugins=[scanner]) as client,
        FrontpaymentClient(TOKEN, base_url=slow.url, plugins=[scanner], timeout=0.3, max_retries=0) as stalled,
    ):
        _frontpayment_outcomes(client, stalled)
        blocked = _payload()
        blocked["customerDetails"]["msisdn"] = "46567469"
        with pytest.raises(PayloadValidationError) as invalid:
            client.send_invoice(blocked)
    with (
        KatsuPayClient(server.url, token=TOKEN, api_key=API_KEY, plugins=[scanner]) as katsu,
        pytest.raises(FrontpaymentError),
    ):
        katsu.get_invoice("missing")

    hooks = {hook for hook, _ in scanner.calls}
    assert hooks == {name for name in dir(Scanner) if name.startswith("frontpayment_")}
    # The plugin's own rule saw the real number and quoted it; the SDK's error masks what the plugin wrote.
    assert "46567469" not in str(invalid.value)
    assert MASK in str(invalid.value)

    # 1. The token and API key: nowhere, however deep, in any argument of any hook.
    walk = Walk(FRAGMENTS)
    for index, (hook, kwargs) in enumerate(scanner.calls):
        walk(kwargs, f"{hook}#{index}")
    print(f"plugin scan: {len(scanner.calls)} hook calls, {walk.visited} objects walked, {len(walk.found)} leak(s)")
    assert walk.found == [], "\n".join(walk.found)

    # 2. Personal data: nowhere in what the hooks document as redacted.
    leaks = [
        (hook, needle)
        for hook, kwargs in scanner.calls
        for text in _redacted_surfaces(hook, kwargs)
        for needle in PERSONAL
        if needle in text
    ]
    assert leaks == []

    # 3. What is documented as raw is raw, and an error's response stays useful, minus the Authorization header.
    errors = [kw["error"] for hook, kw in scanner.calls if hook == "frontpayment_on_error"]
    status = next(e for e in errors if isinstance(e, ServerValidationError))
    assert status.response is not None
    assert status.response.status_code == 417
    assert PHONE.encode() in status.response.content  # the raw body, as documented
    assert status.response.request.headers["authorization"] == MASK
    assert status.response.request.url.path.endswith("/invoice/submit")
    assert json.loads(status.response.request.content)["customerDetails"]["msisdn"] == PHONE  # as sent, documented
    payloads = [kw["payload"] for hook, kw in scanner.calls if hook == "frontpayment_validation_rules"]
    assert payloads
    assert payloads[0]["customerDetails"]["msisdn"] == PHONE
    chained = [e.__cause__ for e in errors if isinstance(e.__cause__, httpx.HTTPError)]
    assert chained
    assert all(c.request.headers["authorization"] == MASK for c in chained)
