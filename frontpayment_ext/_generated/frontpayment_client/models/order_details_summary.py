from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderDetailsSummary")


@_attrs_define
class OrderDetailsSummary:
    """Note `tax` and `discount` here, where requests say `totalTax` and `totalDiscount`.

    Attributes:
        sub_total (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK
            reads it as Decimal.
        tax (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK reads
            it as Decimal.
        discount (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK
            reads it as Decimal.
        grand_total (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK
            reads it as Decimal.
    """

    sub_total: float | str | Unset = UNSET
    tax: float | str | Unset = UNSET
    discount: float | str | Unset = UNSET
    grand_total: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sub_total: float | str | Unset
        if isinstance(self.sub_total, Unset):
            sub_total = UNSET
        else:
            sub_total = self.sub_total

        tax: float | str | Unset
        if isinstance(self.tax, Unset):
            tax = UNSET
        else:
            tax = self.tax

        discount: float | str | Unset
        if isinstance(self.discount, Unset):
            discount = UNSET
        else:
            discount = self.discount

        grand_total: float | str | Unset
        if isinstance(self.grand_total, Unset):
            grand_total = UNSET
        else:
            grand_total = self.grand_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if sub_total is not UNSET:
            field_dict["subTotal"] = sub_total
        if tax is not UNSET:
            field_dict["tax"] = tax
        if discount is not UNSET:
            field_dict["discount"] = discount
        if grand_total is not UNSET:
            field_dict["grandTotal"] = grand_total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sub_total(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        sub_total = _parse_sub_total(d.pop("subTotal", UNSET))

        def _parse_tax(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        tax = _parse_tax(d.pop("tax", UNSET))

        def _parse_discount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        discount = _parse_discount(d.pop("discount", UNSET))

        def _parse_grand_total(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        grand_total = _parse_grand_total(d.pop("grandTotal", UNSET))

        order_details_summary = cls(
            sub_total=sub_total,
            tax=tax,
            discount=discount,
            grand_total=grand_total,
        )

        order_details_summary.additional_properties = d
        return order_details_summary

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
