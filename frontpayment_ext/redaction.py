"""One redaction function for every place data leaves the SDK: hook payloads, log lines, audit records,
exception messages, reprs and recorded cassettes.

Secrets and personal data are masked by key, wherever they sit in a JSON-like structure: the Authorization and
apiKey headers, ``personalNumber``, ``msisdn`` and ``email`` always; ``name`` and ``street`` on request. Keys
compare case-insensitively and without ``-``/``_`` so that ``x-api-key``, ``apiKey`` and ``API_KEY`` are one key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

MASK = "[REDACTED]"

# Header and body keys masked by default; compared after normalisation (lower case, no "-" or "_").
DEFAULT_KEYS: frozenset[str] = frozenset(
    {"authorization", "apikey", "xapikey", "token", "personalnumber", "msisdn", "email", "password", "secret"}
)
# Masked when a user asks for more (names and street addresses are personal data too, but often wanted in logs).
OPTIONAL_KEYS: frozenset[str] = frozenset({"name", "street"})

_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
# Personal data a server may echo into prose: e-mail addresses, and 11-digit runs (the shape of a Norwegian
# personal number; an invoice number or organisation number is shorter and stays readable).
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PERSONAL_NUMBER = re.compile(r"(?<![0-9])[0-9]{6}[ -]?[0-9]{5}(?![0-9])")


def _normalise(key: str) -> str:
    return key.replace("-", "").replace("_", "").lower()


@attrs.frozen
class Redactor:
    """Masks sensitive values. ``enabled=False`` turns redaction off (for a user debugging on their own data)."""

    enabled: bool = True
    keys: frozenset[str] = DEFAULT_KEYS
    secrets: tuple[str, ...] = attrs.field(default=(), repr=False)

    def with_names(self) -> Redactor:
        """A redactor that also masks names and street addresses."""
        return attrs.evolve(self, keys=self.keys | OPTIONAL_KEYS)

    def with_secrets(self, secrets: Iterable[str | None]) -> Redactor:
        """A redactor that also scrubs these literal values (e.g. the client's token) out of any text."""
        extra = tuple(s for s in secrets if s and len(s) >= 4 and s not in self.secrets)
        return attrs.evolve(self, secrets=self.secrets + extra)

    def is_sensitive(self, key: str) -> bool:
        return self.enabled and _normalise(key) in self.keys

    def value(self, key: str, value: Any) -> Any:
        """``value`` as it may be shown under ``key``."""
        if self.is_sensitive(key) and value is not None:
            return MASK
        return self(value)

    def text(self, text: str) -> str:
        """Free text with known secrets, bearer tokens, e-mail addresses and personal numbers masked."""
        if not self.enabled:
            return text
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        text = _BEARER.sub(rf"\1 {MASK}", text)
        text = _EMAIL.sub(MASK, text)
        return _PERSONAL_NUMBER.sub(MASK, text)

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
            return {
                k: MASK if self.is_sensitive(str(k)) and v is not None else self._redact(v) for k, v in data.items()
            }
        if isinstance(data, list | tuple):
            return [self._redact(item) for item in data]
        if isinstance(data, str):
            return self.text(data)
        return data

    def headers(self, headers: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Headers as a plain dict with sensitive ones masked."""
        return {k: (MASK if self.is_sensitive(k) else self.text(v)) for k, v in headers}


DEFAULT_REDACTOR = Redactor()


def redact(data: Any) -> Any:
    """Redact a JSON-like structure with the default rules. The one function to reach for."""
    return DEFAULT_REDACTOR(data)
