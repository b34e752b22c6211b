"""Access to the OpenAPI specs that ship with the package.

The specs are the single source of truth: the validator reads its rules from them instead of restating them in
Python. They are written in YAML (``openapi/``); ``nox -s generate`` also writes each as JSON into
``frontpayment_ext/specs/`` (committed, and checked by ``nox -s generate_check``), which is what the package
reads and ships, so that no YAML parser is needed at run time. Loading is lazy and cached: importing the SDK
parses nothing.

In a source checkout where a YAML spec was edited after its JSON was written, the YAML is read instead (with
PyYAML, a development dependency), so that an edit takes effect before the next ``nox -s generate``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Literal

from ._surface import ENDPOINTS as _ENDPOINTS

SpecName = Literal["frontpayment", "katsupay"]

_PACKAGED = Path(__file__).parent / "specs"
_SOURCE = Path(__file__).parent.parent / "openapi"

# The operations whose request bodies the SDK validates, by the short names the CLI and validator use (each
# operation's x-sdk `validate`), with their request schemas: generated from the spec.
ENDPOINTS: dict[str, str] = _ENDPOINTS


def spec_path(name: SpecName) -> Path:
    """Where the named spec is read from: its JSON, unless a source checkout's YAML is newer."""
    packaged = _PACKAGED / f"{name}.json"
    source = _SOURCE / f"{name}.yaml"
    try:
        edited = source.stat().st_mtime > packaged.stat().st_mtime
    except OSError:  # no source tree (an installed package), or no JSON yet (a fresh checkout before generate)
        edited = not packaged.exists()
    return source if edited else packaged


@functools.cache
def load_spec(name: SpecName) -> dict[str, Any]:
    """The parsed spec. Cached: callers must treat it as read-only."""
    path = spec_path(name)
    with path.open(encoding="utf-8") as fh:
        if path.suffix == ".json":
            document: dict[str, Any] = json.load(fh)
        else:
            import yaml  # noqa: PLC0415 - development only: a source checkout with an edited spec

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            document = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader, C or pure Python
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
