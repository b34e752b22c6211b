from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderSummary")


@_attrs_define
class OrderSummary:
    """Totals of the order, each in NOK: grandTotal = sum of line amounts (gross), totalTax = the VAT contained in
    them, totalDiscount = sum of line discounts. subTotal is ambiguous: the pages call it the "subtotal of all
    products before tax and discount", the one documented example with VAT has subTotal = grandTotal -
    totalTax (net, after discount). Both readings are accepted: grandTotal - totalTax, or the net of the
    lines before their discounts (quantity x rate less the VAT it contains, per line); the SDK sends the
    first. The SDK checks these sums, which JSON Schema cannot.

        Attributes:
            sub_total (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a
                decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            total_tax (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a
                decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            total_discount (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string
                holding a decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            grand_total (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding
                a decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
    """

    sub_total: float | str
    total_tax: float | str
    total_discount: float | str
    grand_total: float | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sub_total: float | str
        sub_total = self.sub_total

        total_tax: float | str
        total_tax = self.total_tax

        total_discount: float | str
        total_discount = self.total_discount

        grand_total: float | str
        grand_total = self.grand_total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subTotal": sub_total,
                "totalTax": total_tax,
                "totalDiscount": total_discount,
                "grandTotal": grand_total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_sub_total(data: object) -> float | str:
            return cast(float | str, data)

        sub_total = _parse_sub_total(d.pop("subTotal"))

        def _parse_total_tax(data: object) -> float | str:
            return cast(float | str, data)

        total_tax = _parse_total_tax(d.pop("totalTax"))

        def _parse_total_discount(data: object) -> float | str:
            return cast(float | str, data)

        total_discount = _parse_total_discount(d.pop("totalDiscount"))

        def _parse_grand_total(data: object) -> float | str:
            return cast(float | str, data)

        grand_total = _parse_grand_total(d.pop("grandTotal"))

        order_summary = cls(
            sub_total=sub_total,
            total_tax=total_tax,
            total_discount=total_discount,
            grand_total=grand_total,
        )

        order_summary.additional_properties = d
        return order_summary

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
