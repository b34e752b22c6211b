from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderDetailsSendOrderBy")


@_attrs_define
class OrderDetailsSendOrderBy:
    """How the order was sent (oldest revision of Get Order Details).

    Attributes:
        sms (bool | int | None | Unset):
        email (bool | int | None | Unset):
        invoice (bool | int | None | Unset):
    """

    sms: bool | int | None | Unset = UNSET
    email: bool | int | None | Unset = UNSET
    invoice: bool | int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sms: bool | int | None | Unset
        if isinstance(self.sms, Unset):
            sms = UNSET
        else:
            sms = self.sms

        email: bool | int | None | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        invoice: bool | int | None | Unset
        if isinstance(self.invoice, Unset):
            invoice = UNSET
        else:
            invoice = self.invoice

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sms is not UNSET:
            field_dict["sms"] = sms
        if email is not UNSET:
            field_dict["email"] = email
        if invoice is not UNSET:
            field_dict["invoice"] = invoice

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sms(data: object) -> bool | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | int | None | Unset, data)

        sms = _parse_sms(d.pop("sms", UNSET))

        def _parse_email(data: object) -> bool | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | int | None | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_invoice(data: object) -> bool | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | int | None | Unset, data)

        invoice = _parse_invoice(d.pop("invoice", UNSET))

        order_details_send_order_by = cls(
            sms=sms,
            email=email,
            invoice=invoice,
        )

        order_details_send_order_by.additional_properties = d
        return order_details_send_order_by

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
