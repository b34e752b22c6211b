from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.laravel_boolean_type_1 import LaravelBooleanType1, check_laravel_boolean_type_1
from ..models.laravel_boolean_type_2 import LaravelBooleanType2, check_laravel_boolean_type_2
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionSettings")


@_attrs_define
class SessionSettings:
    """Session settings (`sometimes|array`).

    Attributes:
        secure_details (bool | LaravelBooleanType1 | LaravelBooleanType2 | None | Unset): Enable secure details.
            "Optional"; a boolean, or null (the issue's reading of "Optional").
    """

    secure_details: bool | LaravelBooleanType1 | LaravelBooleanType2 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        secure_details: bool | int | None | str | Unset
        if isinstance(self.secure_details, Unset):
            secure_details = UNSET
        elif isinstance(self.secure_details, int):
            secure_details = self.secure_details
        elif isinstance(self.secure_details, str):
            secure_details = self.secure_details
        else:
            secure_details = self.secure_details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if secure_details is not UNSET:
            field_dict["secureDetails"] = secure_details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_secure_details(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_1 = check_laravel_boolean_type_1(data)

                return componentsschemas_laravel_boolean_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_2 = check_laravel_boolean_type_2(data)

                return componentsschemas_laravel_boolean_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2 | None | Unset, data)

        secure_details = _parse_secure_details(d.pop("secureDetails", UNSET))

        session_settings = cls(
            secure_details=secure_details,
        )

        session_settings.additional_properties = d
        return session_settings

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
