from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderStatusData")


@_attrs_define
class OrderStatusData:
    """
    Attributes:
        uuid (str): The order's UUID.
        status (str): The order's status, an open set (SENT, PAID, CANCELLED, EXPIRED, INVOICED, REFUNDED, PARTIAL
            REFUNDED, ...).
        order_amount (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the
            SDK reads it as Decimal.
        refunded_amount (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the
            SDK reads it as Decimal.
    """

    uuid: str
    status: str
    order_amount: float | str | Unset = UNSET
    refunded_amount: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        status = self.status

        order_amount: float | str | Unset
        if isinstance(self.order_amount, Unset):
            order_amount = UNSET
        else:
            order_amount = self.order_amount

        refunded_amount: float | str | Unset
        if isinstance(self.refunded_amount, Unset):
            refunded_amount = UNSET
        else:
            refunded_amount = self.refunded_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "status": status,
            }
        )
        if order_amount is not UNSET:
            field_dict["orderAmount"] = order_amount
        if refunded_amount is not UNSET:
            field_dict["refundedAmount"] = refunded_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uuid = d.pop("uuid")

        status = d.pop("status")

        def _parse_order_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        order_amount = _parse_order_amount(d.pop("orderAmount", UNSET))

        def _parse_refunded_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        refunded_amount = _parse_refunded_amount(d.pop("refundedAmount", UNSET))

        order_status_data = cls(
            uuid=uuid,
            status=status,
            order_amount=order_amount,
            refunded_amount=refunded_amount,
        )

        order_status_data.additional_properties = d
        return order_status_data

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
