"""Typed results read from the spec's response schemas, and the one decoder that fills them.

The classes themselves are generated (``_surface.py``, by ``tools/surface_codegen.py`` from the spec): each is a
frozen attrs class whose fields carry a ``FieldSpec`` in their metadata, saying which JSON key the field reads and
what kind of value it holds. ``decode`` walks those specs, so adding a property to a response schema and running
``nox -s generate`` is all a new field needs.

Decoding is as strict as correctness requires and no stricter: a required field that is missing, or a value of the
wrong kind, is ``ShapeError`` naming its path (``data.uuid``); unknown keys are ignored (they stay in ``.raw``);
money (``number`` schemas, ``Numeric``) becomes ``Decimal`` from the body's own digits, never a float.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Literal, TypeVar, cast

import attrs

from .redaction import DEFAULT_REDACTOR, MASK

Kind = Literal["str", "int", "bool", "decimal", "any", "model", "list"]

M = TypeVar("M", bound="Model")


class ShapeError(ValueError):
    """A response body does not have the documented shape; ``path`` names the first field that is wrong."""

    def __init__(self, path: str, expected: str, actual: Any) -> None:
        self.path = path
        self.expected = expected
        self.actual = "missing" if actual is _MISSING else "null" if actual is None else type(actual).__name__
        if actual is _MISSING:
            super().__init__(f"{path} is missing (expected {expected})")
        else:
            super().__init__(f"{path}: expected {expected}, got {self.actual}")


_MISSING = object()


@attrs.frozen
class FieldSpec:
    """How one result field is read: from JSON key ``key``, a value of ``kind`` (``model``/``list`` name the nested
    class or the item's spec), required or not, null allowed or not."""

    key: str
    kind: Kind
    required: bool = False
    nullable: bool = True
    model: type[Model] | None = None
    item: FieldSpec | None = None
    non_empty: bool = False  # the schema's minLength >= 1: an identifier such as an order uuid


def _masked(value: Any) -> str:
    return "None" if value is None else repr(MASK)


def spec(key: str, kind: Kind, **options: Any) -> Any:
    """An attrs field reading ``key``: optional fields default to None, an optional list to (). A field the redactor
    calls sensitive (``email``, ``msisdn``, ``personalNumber``...) shows as ``'[REDACTED]'`` in the ``repr``, so
    printing or logging a result never prints personal data; the value itself is there to read."""
    field_spec = FieldSpec(key, kind, **options)
    shown: Any = _masked if DEFAULT_REDACTOR.is_sensitive(key) else True
    if field_spec.required:
        return attrs.field(metadata={"spec": field_spec}, kw_only=True, repr=shown)
    default = () if kind == "list" else None
    return attrs.field(default=default, metadata={"spec": field_spec}, kw_only=True, repr=shown)


class Model:
    """Base of every generated result and nested model."""

    _specs: ClassVar[tuple[tuple[str, FieldSpec], ...]]

    @classmethod
    def field_specs(cls) -> tuple[tuple[str, FieldSpec], ...]:
        """(attribute, spec) of each field read from JSON, computed once per class."""
        if "_specs" not in cls.__dict__:
            fields = attrs.fields(cast(Any, cls))
            cls._specs = tuple((f.name, f.metadata["spec"]) for f in fields if "spec" in f.metadata)
        return cls._specs


def _decimal(value: Any, path: str) -> Decimal:
    if isinstance(value, bool):
        raise ShapeError(path, "a number", value)
    if isinstance(value, Decimal):
        if value.is_finite():
            return value
        raise ShapeError(path, "a finite number", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ShapeError(path, "a numeric string", value) from None
        if number.is_finite():
            return number
    raise ShapeError(path, "a number", value)


def read(field_spec: FieldSpec, value: Any, path: str) -> Any:
    """One value by its spec (None handled by the caller)."""
    kind = field_spec.kind
    if kind == "str":
        if isinstance(value, str):
            if field_spec.non_empty and not value.strip():
                raise ShapeError(path, "a non-empty string", value)
            return value
        if isinstance(value, int | Decimal) and not isinstance(value, bool) and not field_spec.non_empty:
            return str(value)  # a free-text value written as a number: keep its digits
        raise ShapeError(path, "a string", value)
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise ShapeError(path, "an integer", value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if value in (0, 1, "0", "1"):
            return value in (1, "1")
        raise ShapeError(path, "a boolean", value)
    if kind == "decimal":
        return _decimal(value, path)
    if kind == "model":
        assert field_spec.model is not None
        return decode(field_spec.model, value, path)
    if kind == "list":  # items are never null: a null item is not the documented shape
        assert field_spec.item is not None
        if not isinstance(value, list):
            raise ShapeError(path, "a list", value)
        return tuple(read(field_spec.item, v, f"{path}[{i}]") for i, v in enumerate(value))
    return value


def decode(cls: type[M], data: Any, path: str = "data", **extra: Any) -> M:
    """An instance of ``cls`` from a JSON object; ``extra`` fills fields that are not read from it (message, raw)."""
    if not isinstance(data, Mapping):
        raise ShapeError(path, "an object", data)
    values: dict[str, Any] = {}
    for name, field_spec in cls.field_specs():
        value = data.get(field_spec.key, _MISSING)
        where = f"{path}.{field_spec.key}"
        if value is _MISSING or value is None:
            if field_spec.required and (value is _MISSING or not field_spec.nullable):
                raise ShapeError(where, f"a required {field_spec.kind}", value)
            values[name] = () if field_spec.kind == "list" else None  # an absent list is an empty one
            continue
        values[name] = read(field_spec, value, where)
    return cls(**values, **extra)
