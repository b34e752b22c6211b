from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.laravel_boolean_type_1 import LaravelBooleanType1, check_laravel_boolean_type_1
from ..models.laravel_boolean_type_2 import LaravelBooleanType2, check_laravel_boolean_type_2

T = TypeVar("T", bound="SendOrderBy")


@_attrs_define
class SendOrderBy:
    """The channels the invoice is sent by (each `required|boolean`).

    Attributes:
        sms (bool | LaravelBooleanType1 | LaravelBooleanType2): Laravel's `boolean`: exactly `true`, `false`, `1`, `0`,
            `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
            refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
        email (bool | LaravelBooleanType1 | LaravelBooleanType2): Laravel's `boolean`: exactly `true`, `false`, `1`,
            `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
            refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
        invoice (bool | LaravelBooleanType1 | LaravelBooleanType2): Laravel's `boolean`: exactly `true`, `false`, `1`,
            `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
            refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
    """

    sms: bool | LaravelBooleanType1 | LaravelBooleanType2
    email: bool | LaravelBooleanType1 | LaravelBooleanType2
    invoice: bool | LaravelBooleanType1 | LaravelBooleanType2
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sms: bool | int | str
        if isinstance(self.sms, int):
            sms = self.sms
        elif isinstance(self.sms, str):
            sms = self.sms
        else:
            sms = self.sms

        email: bool | int | str
        if isinstance(self.email, int):
            email = self.email
        elif isinstance(self.email, str):
            email = self.email
        else:
            email = self.email

        invoice: bool | int | str
        if isinstance(self.invoice, int):
            invoice = self.invoice
        elif isinstance(self.invoice, str):
            invoice = self.invoice
        else:
            invoice = self.invoice

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sms": sms,
                "email": email,
                "invoice": invoice,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sms(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2:
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
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2, data)

        sms = _parse_sms(d.pop("sms"))

        def _parse_email(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2:
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
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2, data)

        email = _parse_email(d.pop("email"))

        def _parse_invoice(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2:
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
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2, data)

        invoice = _parse_invoice(d.pop("invoice"))

        send_order_by = cls(
            sms=sms,
            email=email,
            invoice=invoice,
        )

        send_order_by.additional_properties = d
        return send_order_by

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
