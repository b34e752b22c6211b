"""Access to the OpenAPI specs that ship with the package.

The specs are the single source of truth: the validator reads its rules from them instead of restating them in
Python. An installed wheel carries copies under ``frontpayment_ext/specs/``; a source checkout reads ``openapi/``.
Loading is lazy and cached, so importing the SDK costs no YAML parsing.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

SpecName = Literal["frontpayment", "katsupay"]

_PACKAGED = Path(__file__).parent / "specs"
_SOURCE = Path(__file__).parent.parent / "openapi"

# The operations whose request bodies the SDK validates, by the short names the CLI and validator use.
ENDPOINTS: dict[str, str] = {
    "invoice": "SendInvoiceRequest",
    "ehf": "SendEhfInvoiceRequest",
    "session": "CreateInvoiceSessionRequest",
}


def spec_path(name: SpecName) -> Path:
    """Where the named spec is read from: the packaged copy if installed, else the source tree."""
    packaged = _PACKAGED / f"{name}.yaml"
    return packaged if packaged.exists() else _SOURCE / f"{name}.yaml"


@functools.cache
def load_spec(name: SpecName) -> dict[str, Any]:
    """The parsed spec. Cached: callers must treat it as read-only."""
    import yaml  # noqa: PLC0415 - lazy: importing the SDK parses nothing

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec_path(name).open(encoding="utf-8") as fh:
        document: dict[str, Any] = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader, C or pure Python
    return document


def component_schema(name: str, spec: SpecName = "frontpayment") -> dict[str, Any]:
    """A self-contained JSON Schema for one component: a $ref into the spec with the components beside it."""
    document = load_spec(spec)
    if name not in document["components"]["schemas"]:
        raise KeyError(f"no schema {name!r} in the {spec} spec")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"#/components/schemas/{name}",
        "components": document["components"],
    }
