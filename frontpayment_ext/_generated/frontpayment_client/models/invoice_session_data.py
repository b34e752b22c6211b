from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceSessionData")


@_attrs_define
class InvoiceSessionData:
    """
    Attributes:
        order_uuid (str):
        customer_uuid (str):
        bank_id_url (None | str | Unset): BankID verification URL, for a corporate customer.
        payment_url (None | str | Unset): The URL the real server sent instead (July 2025, a BankID pre-check URL for
            `regular/submit`); read when
            present, so a server that names it so is not lost.
    """

    order_uuid: str
    customer_uuid: str
    bank_id_url: None | str | Unset = UNSET
    payment_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_uuid = self.order_uuid

        customer_uuid = self.customer_uuid

        bank_id_url: None | str | Unset
        if isinstance(self.bank_id_url, Unset):
            bank_id_url = UNSET
        else:
            bank_id_url = self.bank_id_url

        payment_url: None | str | Unset
        if isinstance(self.payment_url, Unset):
            payment_url = UNSET
        else:
            payment_url = self.payment_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderUuid": order_uuid,
                "customerUuid": customer_uuid,
            }
        )
        if bank_id_url is not UNSET:
            field_dict["bankIdUrl"] = bank_id_url
        if payment_url is not UNSET:
            field_dict["paymentUrl"] = payment_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_uuid = d.pop("orderUuid")

        customer_uuid = d.pop("customerUuid")

        def _parse_bank_id_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bank_id_url = _parse_bank_id_url(d.pop("bankIdUrl", UNSET))

        def _parse_payment_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_url = _parse_payment_url(d.pop("paymentUrl", UNSET))

        invoice_session_data = cls(
            order_uuid=order_uuid,
            customer_uuid=customer_uuid,
            bank_id_url=bank_id_url,
            payment_url=payment_url,
        )

        invoice_session_data.additional_properties = d
        return invoice_session_data

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
