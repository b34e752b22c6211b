"""Walk an OpenAPI document for its examples, each paired with the schema it must satisfy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs


@attrs.frozen
class Example:
    where: str
    value: Any
    schema: dict[str, Any]


def _media_examples(where: str, media: dict[str, Any]) -> Iterator[Example]:
    schema = media.get("schema")
    if schema is None:
        return
    if "example" in media:
        yield Example(where, media["example"], schema)
    for name, ex in (media.get("examples") or {}).items():
        yield Example(f"{where} example {name}", ex["value"], schema)


def _resolve(doc: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in obj and obj["$ref"].startswith("#/components/") and len(obj) == 1:
        node: Any = doc
        for part in obj["$ref"][2:].split("/"):
            node = node[part]
        obj = node
    return obj


def iter_examples(doc: dict[str, Any]) -> Iterator[Example]:
    """Every example in the document: request bodies, responses, parameters and component schemas."""
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            where = f"{method.upper()} {path}"
            body = _resolve(doc, op.get("requestBody", {}))
            for mime, media in body.get("content", {}).items():
                yield from _media_examples(f"{where} request {mime}", media)
            for status, declared in op["responses"].items():
                for mime, media in _resolve(doc, declared).get("content", {}).items():
                    yield from _media_examples(f"{where} {status} {mime}", media)
            for param in op.get("parameters", []):
                if "example" in param:
                    yield Example(f"{where} parameter {param['name']}", param["example"], param["schema"])
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        for i, value in enumerate(schema.get("examples", [])):
            yield Example(f"schema {name} example {i}", value, schema)
        for prop, sub in schema.get("properties", {}).items():
            for i, value in enumerate(sub.get("examples", [])):
                yield Example(f"schema {name}.{prop} example {i}", value, sub)


def response_schema(doc: dict[str, Any], method: str, path: str, status: int) -> dict[str, Any] | None:
    """The JSON schema of a documented response, or None when the status is not documented."""
    op = doc["paths"][path][method.lower()]
    response = op["responses"].get(str(status))
    if response is None:
        return None
    media = _resolve(doc, response).get("content", {}).get("application/json")
    return None if media is None else media["schema"]


def match_path(doc: dict[str, Any], url_path: str) -> str | None:
    """The spec path template that a concrete URL path belongs to."""
    parts = url_path.strip("/").split("/")
    for template in doc.get("paths", {}):
        tparts = template.strip("/").split("/")
        if len(tparts) == len(parts) and all(
            t == p or (t.startswith("{") and t.endswith("}")) for t, p in zip(tparts, parts, strict=True)
        ):
            return template
    return None
