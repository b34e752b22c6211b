from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RefundProduct")


@_attrs_define
class RefundProduct:
    """
    Attributes:
        id (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a decimal
            number with
            an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
            space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
            `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
            the wire.
        amount (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a
            decimal number with
            an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
            space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
            `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
            the wire.
    """

    id: float | str
    amount: float | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: float | str
        id = self.id

        amount: float | str
        amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "amount": amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> float | str:
            return cast(float | str, data)

        id = _parse_id(d.pop("id"))

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        refund_product = cls(
            id=id,
            amount=amount,
        )

        refund_product.additional_properties = d
        return refund_product

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
