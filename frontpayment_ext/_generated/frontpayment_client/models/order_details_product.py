from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderDetailsProduct")


@_attrs_define
class OrderDetailsProduct:
    """
    Attributes:
        id (int | str | Unset): The product line's id, which Refund Order needs (not in the documented list; exposed
            when sent).
        name (str | Unset):
        product_id (None | str | Unset):
        quantity (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK
            reads it as Decimal.
        rate (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK reads
            it as Decimal.
        discount (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK
            reads it as Decimal.
        tax (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK reads
            it as Decimal.
        amount (float | str | Unset): An amount as the server writes it, a JSON number or a numeric string; the SDK
            reads it as Decimal.
    """

    id: int | str | Unset = UNSET
    name: str | Unset = UNSET
    product_id: None | str | Unset = UNSET
    quantity: float | str | Unset = UNSET
    rate: float | str | Unset = UNSET
    discount: float | str | Unset = UNSET
    tax: float | str | Unset = UNSET
    amount: float | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        name = self.name

        product_id: None | str | Unset
        if isinstance(self.product_id, Unset):
            product_id = UNSET
        else:
            product_id = self.product_id

        quantity: float | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        rate: float | str | Unset
        if isinstance(self.rate, Unset):
            rate = UNSET
        else:
            rate = self.rate

        discount: float | str | Unset
        if isinstance(self.discount, Unset):
            discount = UNSET
        else:
            discount = self.discount

        tax: float | str | Unset
        if isinstance(self.tax, Unset):
            tax = UNSET
        else:
            tax = self.tax

        amount: float | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if product_id is not UNSET:
            field_dict["productId"] = product_id
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if rate is not UNSET:
            field_dict["rate"] = rate
        if discount is not UNSET:
            field_dict["discount"] = discount
        if tax is not UNSET:
            field_dict["tax"] = tax
        if amount is not UNSET:
            field_dict["amount"] = amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        name = d.pop("name", UNSET)

        def _parse_product_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_id = _parse_product_id(d.pop("productId", UNSET))

        def _parse_quantity(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_rate(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        rate = _parse_rate(d.pop("rate", UNSET))

        def _parse_discount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        discount = _parse_discount(d.pop("discount", UNSET))

        def _parse_tax(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        tax = _parse_tax(d.pop("tax", UNSET))

        def _parse_amount(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        order_details_product = cls(
            id=id,
            name=name,
            product_id=product_id,
            quantity=quantity,
            rate=rate,
            discount=discount,
            tax=tax,
            amount=amount,
        )

        order_details_product.additional_properties = d
        return order_details_product

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
