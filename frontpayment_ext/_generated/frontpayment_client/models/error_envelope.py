from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """The error shape. `errors` is documented only as "Array"; it is kept as raw JSON.

    Attributes:
        status_code (int):
        status_message (str):
        message (str):
        is_error (bool | Unset):
        errors (Any | Unset): Any JSON: for 417 a list of Laravel messages, for 500 `{happenedAt,
            internalErrorDetails}`, elsewhere
            a list, null or the documents' placeholder string.
    """

    status_code: int
    status_message: str
    message: str
    is_error: bool | Unset = UNSET
    errors: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        status_message = self.status_message

        message = self.message

        is_error = self.is_error

        errors = self.errors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status_code": status_code,
                "status_message": status_message,
                "message": message,
            }
        )
        if is_error is not UNSET:
            field_dict["is_error"] = is_error
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status_code = d.pop("status_code")

        status_message = d.pop("status_message")

        message = d.pop("message")

        is_error = d.pop("is_error", UNSET)

        errors = d.pop("errors", UNSET)

        error_envelope = cls(
            status_code=status_code,
            status_message=status_message,
            message=message,
            is_error=is_error,
            errors=errors,
        )

        error_envelope.additional_properties = d
        return error_envelope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
