"""One redaction function for every place data leaves the SDK: hook payloads, log lines, audit records,
exception messages, reprs and recorded cassettes.

Secrets and personal data are masked by key, wherever they sit in a JSON-like structure: the Authorization and
apiKey headers, ``personalNumber``, ``msisdn`` and ``email`` always; ``name`` and ``street`` on request. Keys
compare case-insensitively and without ``-``/``_`` so that ``x-api-key``, ``apiKey`` and ``API_KEY`` are one key.

In free text (every string, including the values under other keys) one left-to-right pass masks the client's own
secrets, bearer tokens, e-mail addresses, and digit runs shaped like phone or personal numbers:

* ``+`` followed by 7 or more digits, grouped by single spaces or hyphens or not (``+47 465 67 468``,
  ``+1-415-555-2671``);
* 10 or more digits, bare or grouped by single spaces (``004746567468``, ``0047 465 67 468``, ``4746567468``,
  ``28038712383``, ``280387 12383``, Swedish and Danish personal numbers), except a bare 10-digit run starting
  with 1, which is a Unix timestamp (``orderDate``, ``createdAt``);
* 8 digits starting with 2-9, bare or grouped by single spaces (``46567468``, ``465 67 468``, ``46 56 74 68``): a
  Norwegian phone number; a bare ``20YYMMDD`` date is left alone;
* Nordic personal numbers written with a hyphen (``280387-12383``, ``280387-1234``, ``19870328-1234``).

What stays readable: UUIDs, ISO dates and timestamps (``2026-12-01T19:02:25+01:00``), amounts (``4500.00``, and the
integer part of any decimal), digits glued to letters (``ODR2005869234``, ``CSRT3672053467``), 9-digit runs
(organisation numbers are public), runs of fewer than 8 digits, and other hyphenated numbers (dates, ranges).

Every pattern is linear in the length of the text: each alternative can start only where a token starts (a
look-behind refuses the middle of a run), its quantifiers are unambiguous, and the pass is one ``finditer``. Text
shown to a person (exception messages, log previews) is also bounded: ``text(s, limit=n)`` and ``bounded(data, n)``
scan only the first ``n`` characters plus a margin, and never leave half a token at the cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

import attrs
import httpx

MASK = "[REDACTED]"

# What a person is shown of server text in an exception message, and of its ``errors`` JSON (characters).
MESSAGE_LIMIT = 4096
ERRORS_LIMIT = 16384

# Keys whose values are the API's own identifiers (invoice numbers such as 99900753 have the shape of a Norwegian
# phone number): their digits are shown; secrets and e-mail addresses in them are still masked.
IDENTIFIER_KEYS: frozenset[str] = frozenset(
    {"invoicenumber", "receiptno", "organizationid", "uuid", "orderuuid", "customeruuid", "fpgouuid"}
)
# Header and body keys masked by default; compared after normalisation (lower case, no "-" or "_").
DEFAULT_KEYS: frozenset[str] = frozenset(
    {
        "authorization",
        "proxyauthorization",
        "apikey",
        "xapikey",
        "token",
        "xauthtoken",
        "cookie",
        "setcookie",
        "personalnumber",
        "msisdn",
        "email",
        "password",
        "secret",
    }
)
# Masked when a user asks for more (names and street addresses are personal data too, but often wanted in logs).
OPTIONAL_KEYS: frozenset[str] = frozenset({"name", "street"})

# The characters of an e-mail address's local part: letters and digits of any script (internationalised addresses
# such as kari@blåbær.no are valid, and the SDK's validator accepts them), and RFC 5322's specials.
_LOCAL = r"\w.!#$%&'*+/=?^`{|}~-"
_HEX = "[0-9A-Fa-f]"
_TOKENS = (
    # Each alternative starts only at the start of a token: the look-behinds refuse the middle of a run, so that
    # a long run costs one attempt, not one per position (the old e-mail pattern was quadratic).
    r"(?P<bearer>(?i:(?<![A-Za-z0-9])bearer)\s+)[A-Za-z0-9._~+/=-]+"
    rf"|(?P<uuid>(?<![0-9A-Za-z-]){_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}(?![0-9A-Za-z]))"
    r"|(?P<iso>(?<![0-9A-Za-z])[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?(?![0-9A-Za-z]))"
    rf"|(?P<email>(?<![{_LOCAL}])[{_LOCAL}]+@[\w-]+(?:\.[\w-]+)+)"
    r'|(?P<quoted>"[^"\\\n]{1,64}"@[\w-]+(?:\.[\w-]+)+)'  # a quoted local part: "kari nordmann"@example.com
    # Digits grouped by dots or slashes (465.67.468, +47.465.67.468, 465/67/468): at least three groups, so that
    # an amount (4500.00) is not one; classified in _dotted (dates such as 01.02.2023 stay readable).
    r"|(?P<dotted>(?<![0-9A-Za-z_.+/])\+?[0-9]{1,4}(?:[./][0-9]{2,4}){2,5}(?![0-9A-Za-z_]|[./][0-9]))"
    # A digit cluster: digits grouped by single spaces or hyphens, perhaps after "+"; at least 8 characters long
    # (checked by a bounded look-ahead, so that short numbers cost no Python call), at most 64 groups (a longer
    # run of groups is taken as several clusters, each of them long enough to be masked). Classified in _number.
    r"|(?P<num>(?<![0-9A-Za-z_+])(?<![0-9]\.)(?=[0-9+][0-9 \u00a0\u202f-]{7})\+?[0-9]+(?:[ \u00a0\u202f-][0-9]+){0,63})"
)
_DEFAULT_PATTERN = re.compile(_TOKENS)
_NORDIC_ID_SHAPES = ((6, 5), (6, 4), (8, 4))
# "invoice 99900753", "invoice number: 99900753", "faktura nr. 99900753": the API's invoice numbers stay readable.
_INVOICE_BEFORE = re.compile(r"(?i)(?:invoice|faktura)[ _-]?(?:number|nummer|no\.?|nr\.?|#)?[\s\"':=#]{0,3}\Z")
_DATE8 = re.compile(r"20[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")


def _normalise(key: str) -> str:
    return key.replace("-", "").replace("_", "").lower()


def _masks_digits(groups: list[str]) -> bool:
    """Whether space-grouped digits (no sign, no hyphen) are a phone or personal number."""
    digits = "".join(groups)
    if len(digits) == 10 and len(groups) == 1 and digits[0] == "1":
        return False  # a Unix timestamp (2001 to 2033), such as orderDate
    if len(digits) >= 10:
        return True
    if len(digits) != 8 or digits[0] in "01":
        return False
    return len(groups) > 1 or _DATE8.fullmatch(digits) is None


def _number(cluster: str) -> str:
    """A digit cluster as it may be shown: masked if it is shaped like a phone or personal number."""
    if cluster.startswith("+"):
        return MASK if sum(c.isdigit() for c in cluster) >= 7 else cluster
    if "-" not in cluster:
        return MASK if _masks_digits(cluster.split(" ")) else cluster
    parts = cluster.split("-")
    if tuple(len(p) for p in parts) in _NORDIC_ID_SHAPES:
        return MASK
    return "-".join(MASK if _masks_digits(p.split(" ")) else p for p in parts)


_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})  # no-break spaces group digits as a space does
_DATE_SHAPES = ((2, 2, 4), (4, 2, 2), (2, 2, 2), (1, 2, 4), (2, 1, 4), (1, 1, 4))


def _dotted(cluster: str) -> str:
    """Digits grouped by dots or slashes: masked when shaped like a phone number, kept when shaped like a date."""
    groups = list(re.split(r"[./]", cluster.lstrip("+")))
    if not cluster.startswith("+") and tuple(len(g) for g in groups) in _DATE_SHAPES:
        return cluster
    return MASK if sum(len(g) for g in groups) >= 8 else cluster


def _glued(text: str, end: int) -> bool:
    """Whether the token ending at ``end`` runs on into a word or a decimal fraction (``46567468.00``)."""
    if end >= len(text):
        return False
    after = text[end]
    return after.isalnum() or after == "_" or (after == "." and text[end + 1 : end + 2].isdigit())


class _Pattern:
    """The compiled token pattern, which spells out the secrets it masks: kept out of every ``repr``."""

    __slots__ = ("finditer",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.finditer = pattern.finditer

    def __repr__(self) -> str:
        return f"Pattern({MASK})"


class Secret:
    """A secret value (a token, an API key) whose ``repr`` and ``str`` never show it. ``reveal()`` gives the value,
    for the one place that must send it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret({MASK})"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __copy__(self) -> Secret:
        return self  # immutable: copies share the one box

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self

    def __reduce__(self) -> Any:
        raise TypeError("a Secret is not pickled")  # so that it never lands in a file by accident


@attrs.frozen
class Redactor:
    """Masks sensitive values. ``enabled=False`` turns redaction off (for a user debugging on their own data)."""

    enabled: bool = True
    keys: frozenset[str] = DEFAULT_KEYS
    _secrets: tuple[Secret, ...] = attrs.field(default=(), repr=False, alias="secrets")

    def with_names(self) -> Redactor:
        """A redactor that also masks names and street addresses."""
        return attrs.evolve(self, keys=self.keys | OPTIONAL_KEYS)

    def with_secrets(self, secrets: Iterable[str | Secret | None]) -> Redactor:
        """A redactor that also scrubs these literal values (e.g. the client's token) out of any text."""
        known = {s.reveal() for s in self._secrets}
        extra: list[Secret] = []
        for secret in secrets:
            value = secret.reveal() if isinstance(secret, Secret) else secret
            if value and len(value) >= 4 and value not in known:
                known.add(value)
                extra.append(Secret(value))
        return attrs.evolve(self, secrets=self._secrets + tuple(extra))

    @cached_property
    def _pattern(self) -> _Pattern:
        if not self._secrets:
            return _Pattern(_DEFAULT_PATTERN)
        # Longest first, so that a secret containing another is masked whole.
        values = sorted({s.reveal() for s in self._secrets}, key=len, reverse=True)
        return _Pattern(re.compile("(?P<secret>" + "|".join(re.escape(v) for v in values) + ")|" + _TOKENS))

    @cached_property
    def _margin(self) -> int:
        return max((len(s.reveal()) for s in self._secrets), default=0) + 64

    def is_sensitive(self, key: str) -> bool:
        return self.enabled and _normalise(key) in self.keys

    def value(self, key: str, value: Any) -> Any:
        """``value`` as it may be shown under ``key``."""
        if self.is_sensitive(key) and value is not None:
            return MASK
        if isinstance(value, str) and self.enabled and _normalise(key) in IDENTIFIER_KEYS:
            return self.text(value, numbers=False)
        return self(value)

    def text(self, text: str, *, limit: int | None = None, numbers: bool = True) -> str:
        """Free text with known secrets, bearer tokens, e-mail addresses and phone and personal numbers masked.

        With ``limit``, only about the first ``limit`` characters are scanned and kept, followed by a note of how
        much was left out; a token that the cut would split is masked whole. ``numbers=False`` leaves digit runs
        alone (for the values of ``IDENTIFIER_KEYS``)."""
        if not self.enabled:
            return text if limit is None or len(text) <= limit else text[:limit] + _omitted(len(text) - limit)
        if limit is not None and len(text) > limit:
            return self._scan(text[: limit + self._margin], limit, numbers) + _omitted(len(text) - limit)
        return self._scan(text, None, numbers)

    def _scan(self, text: str, stop: int | None, numbers: bool = True) -> str:
        """One pass of the token pattern; with ``stop``, ``text`` was cut and output ends near ``stop``."""
        out: list[str] = []
        at = 0
        for match in self._pattern.finditer(text):
            start, end = match.span()
            if stop is not None and start >= stop:
                break
            out.append(text[at:start])
            at = end
            kind = match.lastgroup
            if stop is not None and end >= len(text):
                out.append(MASK)  # the cut ran through this token: none of it is shown
            elif kind == "bearer":
                out.append(match.group("bearer") + MASK)
            elif kind in ("uuid", "iso"):
                out.append(match.group())
            elif kind == "dotted":
                out.append(match.group() if not numbers else _dotted(match.group()))
            elif kind == "num":
                cluster = match.group().translate(_SPACES)
                if not numbers or _INVOICE_BEFORE.search(text, max(0, start - 24), start):
                    out.append(cluster)
                    continue
                if _glued(text, end):  # its last group belongs to a word or a decimal: that group stays
                    head, sep, tail = cluster.rpartition(" " if " " in cluster else "-")
                    out.append((_number(head) + sep if head else "") + tail)
                else:
                    out.append(_number(cluster))
            else:
                out.append(MASK)
        if stop is None or at < stop:
            out.append(text[at:stop])
        return "".join(out)

    def __call__(self, data: Any) -> Any:
        """A redacted copy of a JSON-like structure (mappings, lists, scalars); the input is not changed.
        A structure too deep to walk is masked whole rather than shown unredacted."""
        if not self.enabled:
            return data
        try:
            return self._redact(data)
        except RecursionError:
            return MASK

    def _redact(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {k: self._keyed(str(k), v, self._redact) for k, v in data.items()}
        if isinstance(data, list | tuple):
            return [self._redact(item) for item in data]
        if isinstance(data, str):
            return self.text(data)
        return data

    def _keyed(self, key: str, value: Any, walk: Any) -> Any:
        """A mapping's value under ``key``: masked if the key is sensitive, an identifier's digits kept."""
        if value is None:
            return None
        normal = _normalise(key)
        if self.enabled and normal in self.keys:
            return MASK
        if isinstance(value, str) and normal in IDENTIFIER_KEYS:
            return self.text(value, limit=ERRORS_LIMIT, numbers=False)
        return walk(value)

    def bounded(self, data: Any, limit: int = ERRORS_LIMIT) -> Any:
        """A redacted copy of a JSON-like structure for display, holding about ``limit`` characters of text at most:
        long strings are cut (``text(limit=...)``), and lists and mappings stop with a note of what was left out.
        Costs time in proportion to what is kept, not to the size of ``data``."""
        budget = [limit]
        try:
            return self._bounded(data, budget)
        except RecursionError:
            return MASK

    def _bounded(self, data: Any, budget: list[int]) -> Any:
        if isinstance(data, Mapping):
            out: dict[Any, Any] = {}
            for index, (k, v) in enumerate(data.items()):
                if budget[0] <= 0:
                    out["..."] = f"{len(data) - index} more entries not shown"
                    break
                key = self.text(str(k), limit=max(budget[0], 64))
                budget[0] -= len(key) + 4
                out[key] = self._keyed(str(k), v, lambda item: self._bounded(item, budget))
            return out
        if isinstance(data, list | tuple):
            items: list[Any] = []
            for index, item in enumerate(data):
                if budget[0] <= 0:
                    items.append(f"... {len(data) - index} more items not shown")
                    break
                items.append(self._bounded(item, budget))
                budget[0] -= 2
            return items
        if isinstance(data, str):
            shown = self.text(data, limit=max(budget[0], 64)) if self.enabled else data[: max(budget[0], 64)]
            budget[0] -= len(shown) + 2
            return shown
        budget[0] -= 8
        return data

    def headers(self, headers: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Headers as a plain dict with sensitive ones masked."""
        return {k: (MASK if self.is_sensitive(k) else self.text(v, limit=MESSAGE_LIMIT)) for k, v in headers}


def _omitted(count: int) -> str:
    return f" [... {count} more characters not shown; the raw body is on .response]"


def mask_request_headers(owner: Any) -> None:
    """Replace the request that ``owner`` (an ``httpx.Response``, or an httpx exception) keeps with a copy whose
    Authorization and apiKey headers (and any other sensitive one) are masked. Then an error or exception that keeps
    the request (``exc.response.request``, ``exc.__cause__.request``) cannot show the token to a plugin, a log or a
    traceback printer. The request itself is spent (retries build new ones) and is left as it was, for transports
    and event hooks that hold it. A response already read also drops its spent network stream (which holds the
    request as sent) for its body's bytes."""
    if isinstance(owner, httpx.Response) and hasattr(owner, "_content"):
        # The spent network stream still holds the request as the transport saw it: keep only the body read.
        owner.stream = httpx.ByteStream(owner.content)
    request = getattr(owner, "_request", None)
    if not isinstance(request, httpx.Request):
        return
    sensitive = [k for k in request.headers if DEFAULT_REDACTOR.is_sensitive(k)]
    if not sensitive:
        return
    headers = request.headers.copy()
    for name in sensitive:
        headers[name] = MASK
    copy = httpx.Request(
        request.method, request.url, headers=headers, stream=request.stream, extensions=request.extensions
    )
    if hasattr(request, "_content"):
        copy._content = request._content  # the body already read: .content still works
    owner._request = copy  # what the .request setters of both do


DEFAULT_REDACTOR = Redactor()


def redact(data: Any) -> Any:
    """Redact a JSON-like structure with the default rules. The one function to reach for."""
    return DEFAULT_REDACTOR(data)
