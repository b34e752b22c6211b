from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InvoiceNumberData")


@_attrs_define
class InvoiceNumberData:
    """
    Attributes:
        order_uuid (str):
        invoice_number (None | str): Null unless the order is invoiced (INVOICED, INKASSO, PURRING, PAID, REFUNDED).
        status (str): The order's status, an open set: SENT, INVOICED, PAID, CANCELLED, EXPIRED, REFUNDED, PARTIAL
            REFUNDED,
            INKASSO, PURRING have been seen. An unknown status must not break decoding.
    """

    order_uuid: str
    invoice_number: None | str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_uuid = self.order_uuid

        invoice_number: None | str
        invoice_number = self.invoice_number

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderUuid": order_uuid,
                "invoiceNumber": invoice_number,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_uuid = d.pop("orderUuid")

        def _parse_invoice_number(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoice_number = _parse_invoice_number(d.pop("invoiceNumber"))

        status = d.pop("status")

        invoice_number_data = cls(
            order_uuid=order_uuid,
            invoice_number=invoice_number,
            status=status,
        )

        invoice_number_data.additional_properties = d
        return invoice_number_data

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
