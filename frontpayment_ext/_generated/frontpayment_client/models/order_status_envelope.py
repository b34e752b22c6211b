from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_status_data import OrderStatusData


T = TypeVar("T", bound="OrderStatusEnvelope")


@_attrs_define
class OrderStatusEnvelope:
    """
    Attributes:
        status_code (int):
        status_message (str):
        message (str):
        data (OrderStatusData):
        is_data (bool | Unset):
    """

    status_code: int
    status_message: str
    message: str
    data: OrderStatusData
    is_data: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status_code = self.status_code

        status_message = self.status_message

        message = self.message

        data = self.data.to_dict()

        is_data = self.is_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status_code": status_code,
                "status_message": status_message,
                "message": message,
                "data": data,
            }
        )
        if is_data is not UNSET:
            field_dict["is_data"] = is_data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_status_data import OrderStatusData  # noqa: PLC0415

        d = dict(src_dict)
        status_code = d.pop("status_code")

        status_message = d.pop("status_message")

        message = d.pop("message")

        data = OrderStatusData.from_dict(d.pop("data"))

        is_data = d.pop("is_data", UNSET)

        order_status_envelope = cls(
            status_code=status_code,
            status_message=status_message,
            message=message,
            data=data,
            is_data=is_data,
        )

        order_status_envelope.additional_properties = d
        return order_status_envelope

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
