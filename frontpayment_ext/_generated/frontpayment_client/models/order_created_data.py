from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderCreatedData")


@_attrs_define
class OrderCreatedData:
    """
    Attributes:
        uuid (str): The new order's UUID (`ODR...`). Only a non-empty string is a success: an answer without one is read
            as
            an unknown outcome, since the order may well have been created.
        customer_uuid (str): The customer's UUID (`CSRT...`).
    """

    uuid: str
    customer_uuid: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uuid = self.uuid

        customer_uuid = self.customer_uuid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uuid": uuid,
                "customerUuid": customer_uuid,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uuid = d.pop("uuid")

        customer_uuid = d.pop("customerUuid")

        order_created_data = cls(
            uuid=uuid,
            customer_uuid=customer_uuid,
        )

        order_created_data.additional_properties = d
        return order_created_data

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
