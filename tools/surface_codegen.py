"""Write the SDK's typed surface from a spec: ``python tools/surface_codegen.py [--spec F] [--out F]``.

Run by ``nox -s generate`` after openapi-python-client, and checked by ``nox -s generate_check``. From each
operation of the spec (its path, parameters, request schema, success response and ``x-sdk`` entry) it writes:

* a typed result class per success envelope (every ``data`` field under its snake_case name, or the name an
  ``x-sdk-name`` gives; money as ``Decimal``), and a model class per nested object schema;
* an ``OperationSpec`` (request shape and the SDK's policy for the call);
* a sync and an async method, on the client (named by the operationId) and on its resource
  (``client.orders.status``), with explicit typed parameters and ``**options: Unpack[RequestOptions]``.

The ``x-sdk`` entry of an operation is its one declarative line: ``resource``, ``method``, ``changes_state``,
``validate`` (the validator's endpoint name for the body), ``cli`` (the CLI verb), ``cli_fields``, ``body_name``,
``empty_on_404``. Nothing else in the SDK names an operation.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The keys an operation's x-sdk entry may hold (docs/adding-an-operation.md documents each); any other is an error,
# so a misspelt policy cannot be silently ignored.
X_SDK_KEYS = frozenset(
    {"resource", "method", "changes_state", "validate", "rules", "body_name", "cli", "cli_fields", "empty_on_404"}
)
HEADER = (
    '"""Generated from {spec} by tools/surface_codegen.py: do not edit, run `nox -s generate`.\n\n'
    "The typed surface of the API: result classes, the operation table, and the sync and async methods.\n"
    '"""\n\n'
    "from __future__ import annotations\n\n"
    "from collections.abc import Mapping\n"
    "from decimal import Decimal\n"
    "from functools import cached_property\n"
    "from typing import Any, Unpack\n\n"
    "import attrs\n\n"
    "from frontpayment_ext._models import FieldSpec, Model, spec\n"
    "from frontpayment_ext._operation_spec import ListResult, OperationSpec, PayloadSource, RequestOptions, Resource\n"
    "from frontpayment_ext.results import RawResponse\n"
)


def snake(name: str) -> str:
    out = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).replace("-", "_").replace(" ", "_").lower()
    return out + "_" if keyword.iskeyword(out) else out


def pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\-\s]", name) if part)


class Generator:
    def __init__(self, document: dict[str, Any], spec_name: str) -> None:
        self.doc = document
        self.spec_name = spec_name
        self.models: dict[str, list[str]] = {}  # class name -> source lines, in dependency order
        self.order: list[str] = []
        self.kinds: dict[str, str] = {}  # result class name -> result kind

    # --- schemas ---------------------------------------------------------------------------------------------
    def resolve(self, schema: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
        """(component name or None, the schema with its $ref followed)."""
        name = None
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.doc["components"]["schemas"][name]
        return name, schema

    def kind(
        self, schema: dict[str, Any], context: str, *, register: bool = True
    ) -> tuple[str, bool, str, dict[str, str]]:
        """(kind, nullable, python annotation, extra FieldSpec arguments as source); ``register=False`` only looks,
        writing no model class (for request schemas)."""
        name, schema = self.resolve(schema)
        nullable = False
        branches = schema.get("anyOf") or schema.get("oneOf")
        if branches:
            kinds = []
            for branch in branches:
                _, resolved = self.resolve(branch)
                if resolved.get("type") == "null":
                    nullable = True
                    continue
                kinds.append(self.kind(branch, context, register=register))
            if len(kinds) == 1 or (len({k[0] for k in kinds}) == 1 and kinds[0][0] not in ("model", "list")):
                return kinds[0][0], nullable or kinds[0][1], kinds[0][2], kinds[0][3]
            return "any", True, "Any", {}
        types = schema.get("type", [])
        types = [types] if isinstance(types, str) else list(types)
        if "null" in types:
            nullable = True
            types.remove("null")
        extra: dict[str, str] = {}
        kinds = set(types)
        if "object" in kinds and schema.get("properties"):
            model = self.model(name or context, schema) if register else name or context
            return "model", nullable, model, {"model": model}
        if kinds == {"array"}:
            item_kind, _, item_type, item_extra = self.kind(
                schema.get("items", {}), context + "Item", register=register
            )
            args = "".join(f", {k}={v}" for k, v in item_extra.items())
            return "list", nullable, f"tuple[{item_type}, ...]", {"item": f'FieldSpec("", "{item_kind}"{args})'}
        if "number" in kinds:
            return "decimal", nullable, "Decimal", extra
        if kinds == {"integer"}:
            return "int", nullable, "int", extra
        if kinds in ({"boolean"}, {"boolean", "integer"}):
            return "bool", nullable, "bool", extra
        if kinds in ({"string"}, {"integer", "string"}):
            if schema.get("minLength", 0) >= 1:
                extra["non_empty"] = "True"
            return "str", nullable, "str", extra
        return "any", True, "Any", extra

    def fields(self, schema: dict[str, Any], context: str) -> Iterator[str]:
        required = set(schema.get("required", []))
        for key, prop in schema.get("properties", {}).items():
            kind, nullable, annotation, extra = self.kind(prop, context + pascal(key))
            name = prop.get("x-sdk-name") or self.resolve(prop)[1].get("x-sdk-name") or snake(key)
            is_required = (key in required and not nullable) or kind == "list"  # a list is () when absent or null
            args = [f'"{key}"', f'"{kind}"']
            if key in required:
                args.append("required=True")
                if not nullable:
                    args.append("nullable=False")
            args += [f"{k}={v}" for k, v in extra.items()]
            shown = annotation if is_required else f"{annotation} | None"
            yield f"    {name}: {shown} = spec({', '.join(args)})"

    def model(self, name: str, schema: dict[str, Any]) -> str:
        if name in self.models:
            return name
        self.models[name] = []  # reserve (recursive schemas)
        doc = (schema.get("description") or f"The `{name}` schema of the spec.").strip().splitlines()[0]
        lines = ["@attrs.frozen", f"class {name}(Model):", f'    """{doc}"""', ""]
        lines += list(self.fields(schema, name)) or ["    pass"]
        self.models[name] = lines
        self.order.append(name)
        return name

    def result(self, envelope_name: str, envelope: dict[str, Any], summary: str) -> tuple[str, str]:
        """(result class name, result kind) for a success envelope."""
        name = envelope_name.removesuffix("Envelope")
        if name in self.models:
            return name, self.kinds[name]
        data = envelope.get("properties", {}).get("data")
        kind = "none"
        field_lines: list[str] = []
        extra_bases = ""
        item = None
        if data is not None:
            data_name, data_schema = self.resolve(data)
            if data_schema.get("type") == "array":
                kind = "list"
                item_name, item_schema = self.resolve(data_schema["items"])
                item = self.model(item_name or name + "Item", item_schema)
                field_lines = [f"    items: tuple[{item}, ...] = attrs.field(kw_only=True)"]
                extra_bases = "ListResult, "
            elif data_schema.get("type") != "null" and data_schema.get("properties"):
                kind = "object"
                field_lines = list(self.fields(data_schema, data_name or name))
        lines = [
            "@attrs.frozen",
            f"class {name}({extra_bases}Model):",
            f'    """{summary}. ``raw`` keeps the whole response."""',
            "",
            *field_lines,
            "    message: str = attrs.field(kw_only=True)",
            "    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)",
            "",
            "    @property",
            "    def rate_limit(self) -> Any:",
            '        """The rate limit the server advertised with this response."""',
            "        return self.raw.rate_limit",
        ]
        if item is not None:
            lines += ["", "    @classmethod", "    def item_model(cls) -> type[Model]:", f"        return {item}"]
        self.models[name] = lines
        self.kinds[name] = kind
        self.order.append(name)
        return name, kind

    # --- operations ------------------------------------------------------------------------------------------
    def operations(self) -> Iterator[dict[str, Any]]:
        for path, item in self.doc["paths"].items():
            for method, op in item.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                yield self.operation(path, method.upper(), op)

    def parameter(self, param: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in param:
            param = self.doc["components"]["parameters"][param["$ref"].rsplit("/", 1)[-1]]
        return param

    def operation(self, path: str, method: str, op: dict[str, Any]) -> dict[str, Any]:
        sdk = op.get("x-sdk", {})
        name = op["operationId"]
        unknown = set(sdk) - X_SDK_KEYS
        if unknown:
            raise SystemExit(f"{method} {path}: unknown x-sdk key(s) {sorted(unknown)}; expected {sorted(X_SDK_KEYS)}")
        summary = op.get("summary", name).split(" - ")[0].strip()
        success = sorted(int(s) for s in op["responses"] if s.isdigit() and 200 <= int(s) < 300)
        response = op["responses"][str(success[0])]
        while "$ref" in response:
            response = self.doc["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
        envelope_name, envelope = self.resolve(response["content"]["application/json"]["schema"])
        described = (response.get("description") or summary).strip().splitlines()[0].rstrip(".")
        result, result_kind = self.result(envelope_name or pascal(name), envelope, described)
        params = [self.parameter(p) for p in op.get("parameters", [])]
        path_params = [(p.get("x-sdk-name") or snake(p["name"]), p["name"]) for p in params if p["in"] == "path"]
        query_params = [(p.get("x-sdk-name") or snake(p["name"]), p["name"]) for p in params if p["in"] == "query"]
        body_fields: list[tuple[str, str, str, bool]] = []
        body_schema = None
        body_schema_name = None
        if "requestBody" in op:
            body_schema_name, body_schema = self.resolve(op["requestBody"]["content"]["application/json"]["schema"])
            props = body_schema.get("properties", {})
            flat = props and all(
                self.kind(p, "Body", register=False)[0] in ("str", "int", "bool", "decimal") for p in props.values()
            )
            if flat and "cli_fields" in sdk:
                required = set(body_schema.get("required", []))
                for key, prop in props.items():
                    kind = self.kind(prop, "Body", register=False)[0]
                    annotation = {"decimal": "Decimal | int | str", "int": "int", "bool": "bool"}.get(kind, "str")
                    body_fields.append((snake(key), key, annotation, key in required))
        return {
            "name": name,
            "method": method,
            "path": path,
            "summary": summary,
            "description": (op.get("description") or "").strip(),
            "result": result,
            "result_kind": result_kind,
            "path_params": path_params,
            "query_params": query_params,
            "body": sdk.get("validate") if body_schema is not None else None,
            "rules": tuple(sdk.get("rules", ())),
            "has_body": body_schema is not None,
            "body_schema": body_schema_name,
            "body_fields": body_fields,
            "body_name": sdk.get("body_name", "body"),
            "changes_state": bool(sdk.get("changes_state", method != "GET")),
            "empty_on_404": bool(sdk.get("empty_on_404", False)),
            "success": success,
            "cli": tuple(sdk["cli"].split()) if sdk.get("cli") else (),
            "cli_fields": tuple((k, v) for k, v in sdk.get("cli_fields", {}).items()),
            "resource": sdk.get("resource", "invoices"),
            "resource_method": sdk.get("method", name),
        }

    # --- output ----------------------------------------------------------------------------------------------
    def method_source(self, op: dict[str, Any], *, asynchronous: bool, target: str) -> list[str]:
        name = op["resource_method"] if target == "resource" else op["name"]
        call = "self._client._call" if target == "resource" else "self._call"
        params = ["self"]
        params += [f"{py}: str" for py, _ in op["path_params"]]
        if op["has_body"] and not op["body_fields"]:
            params.append(f"{op['body_name']}: Mapping[str, Any] | PayloadSource")
        keyword_only = [f"{py}: {annotation}" for py, _, annotation, required in op["body_fields"] if required]
        keyword_only += [f"{py}: {annotation} | None = None" for py, _, annotation, req in op["body_fields"] if not req]
        keyword_only += [f"{py}: str | None = None" for py, _ in op["query_params"]]
        if keyword_only:
            params += ["*", *keyword_only]
        params.append("**options: Unpack[RequestOptions]")
        prefix = "async def" if asynchronous else "def"
        lines = [f"    {prefix} {name}({', '.join(params)}) -> {op['result']}:"]
        doc = op["summary"] + "."
        policy = (
            "Changes state: never resent after an unknown outcome."
            if op["changes_state"]
            else "A safe read, retried on failure."
        )
        lines.append(f'        """{doc} {policy}"""')
        args = [f"OPERATIONS[{op['name']!r}]"]
        if op["body_fields"]:
            fields = ", ".join(f'"{wire}": {py}' for py, wire, _, _ in op["body_fields"])
            lines.append(f"        body = {{k: v for k, v in {{{fields}}}.items() if v is not None}}")
            args.append("body")
        elif op["has_body"]:
            args.append(op["body_name"])
        param_items = [f'"{py}": {py}' for py, _ in op["path_params"] + op["query_params"]]
        if param_items:
            args.append(f"params={{{', '.join(param_items)}}}")
        args.append("**options")
        awaited = "await " if asynchronous else ""
        lines.append(f"        result: {op['result']} = {awaited}{call}({', '.join(args)})")
        lines.append("        return result")
        return lines

    def render(self) -> str:
        ops = list(self.operations())
        out = [HEADER.format(spec=f"openapi/{self.spec_name}.yaml")]
        for name in self.order:
            out += ["", *self.models[name], ""]
        out += ["", "OPERATIONS: dict[str, OperationSpec] = {"]
        for op in ops:
            fields = {
                "name": repr(op["name"]),
                "method": repr(op["method"]),
                "path": repr(op["path"]),
                "summary": repr(op["summary"]),
                "result": op["result"],
                "result_kind": repr(op["result_kind"]),
                "path_params": repr(tuple(op["path_params"])),
                "query_params": repr(tuple(op["query_params"])),
                "body": repr(op["body"]),
                "body_fields": repr(tuple((py, wire) for py, wire, _, _ in op["body_fields"])),
                "changes_state": repr(op["changes_state"]),
                "empty_on_404": repr(op["empty_on_404"]),
                "success": f"frozenset({set(op['success'])!r})",
                "cli": repr(op["cli"]),
                "cli_fields": repr(op["cli_fields"]),
            }
            body = ", ".join(f"{k}={v}" for k, v in fields.items())
            out.append(f"    {op['name']!r}: OperationSpec({body}),")
        out += ["}", ""]
        out += [
            "# The validator's endpoint names (``validate(payload, name)``, ``--endpoint``) and their request schemas.",
            "ENDPOINTS: dict[str, str] = {",
            *(f"    {op['body']!r}: {op['body_schema']!r}," for op in ops if op["body"] and op["body_schema"]),
            "}",
            "",
            "# The SDK's business rules (beyond the schema) that each endpoint's body is checked by.",
            "ENDPOINT_RULES: dict[str, tuple[str, ...]] = {",
            *(f"    {op['body']!r}: {op['rules']!r}," for op in ops if op["body"] and op["body_schema"]),
            "}",
            "",
        ]
        resources: dict[str, list[dict[str, Any]]] = {}
        for op in ops:
            resources.setdefault(op["resource"], []).append(op)
        for asynchronous in (False, True):
            prefix = "Async" if asynchronous else ""
            for resource, members in resources.items():
                out += ["", f"class {prefix}{pascal(resource)}(Resource):", f'    """The {resource} operations."""', ""]
                for op in members:
                    out += [*self.method_source(op, asynchronous=asynchronous, target="resource"), ""]
            kind = "asynchronous" if asynchronous else "synchronous"
            out += [
                "",
                f"class {prefix}{pascal(self.spec_name)}Methods:",
                f'    """Every operation of the spec as a method of the {kind} client, and its resources."""',
                "",
                "    _call: Any",
                "",
            ]
            for resource in resources:
                out += [
                    "    @cached_property",
                    f"    def {resource}(self) -> {prefix}{pascal(resource)}:",
                    f'        """The {resource} operations (``client.{resource}.<method>``)."""',
                    f"        return {prefix}{pascal(resource)}(self)",
                    "",
                ]
            for op in ops:
                out += [*self.method_source(op, asynchronous=asynchronous, target="client"), ""]
        return "\n".join(out).rstrip() + "\n"


def generate(spec_path: Path, out_path: Path, name: str | None = None) -> None:
    with spec_path.open(encoding="utf-8") as fh:
        document = yaml.safe_load(fh)
    out_path.write_text(Generator(document, name or spec_path.stem).render(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi" / "frontpayment.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "frontpayment_ext" / "_surface.py")
    parser.add_argument("--name", default="frontpayment", help="the API's name, for the client mixin's class name")
    args = parser.parse_args(argv)
    generate(args.spec, args.out, args.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
