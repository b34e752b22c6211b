from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vat_rate_type_0 import VatRateType0, check_vat_rate_type_0
from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionProductLine")


@_attrs_define
class SessionProductLine:
    """One order line on the session endpoint, where `productId` is at most 25 characters. The page calls
    `productId` and `discount` "Optional"; the same fields are `nullable` on the sibling pages of the same
    backend, and nothing says this endpoint refuses a null, so null (and a blank string) is accepted.

        Attributes:
            name (str): Name of the product.
            quantity (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a
                decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            rate (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a
                decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            tax (str | VatRateType0): VAT rate in percent: `required|numeric`, and one of Norway's rates 0, 12, 15 and 25
                (`in:0,12,15,25` on
                older revisions; the documents add "unless you have other configuration", so the SDK lets a merchant
                configure another set). Laravel's `in` compares a numeric string by value, so `"25.00"`, `"25."` and
                `" 25"` match 25. The string pattern states every plain decimal form of the four rates exactly; it also
                admits any numeric form with an exponent (`"2.5e1"`), whose value JSON Schema cannot compute and the SDK
                checks.
            amount (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding a
                decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            product_id (None | str | Unset): Your identifier of the product (at most 25 characters;
                `nullable|string|max:25`).
            discount (float | None | str | Unset): A nullable `numeric` field (Laravel `nullable|numeric`); a blank string
                is null to the server.
    """

    name: str
    quantity: float | str
    rate: float | str
    tax: str | VatRateType0
    amount: float | str
    product_id: None | str | Unset = UNSET
    discount: float | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        quantity: float | str
        quantity = self.quantity

        rate: float | str
        rate = self.rate

        tax: int | str
        if isinstance(self.tax, int):
            tax = self.tax
        else:
            tax = self.tax

        amount: float | str
        amount = self.amount

        product_id: None | str | Unset
        if isinstance(self.product_id, Unset):
            product_id = UNSET
        else:
            product_id = self.product_id

        discount: float | None | str | Unset
        if isinstance(self.discount, Unset):
            discount = UNSET
        else:
            discount = self.discount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "quantity": quantity,
                "rate": rate,
                "tax": tax,
                "amount": amount,
            }
        )
        if product_id is not UNSET:
            field_dict["productId"] = product_id
        if discount is not UNSET:
            field_dict["discount"] = discount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        def _parse_rate(data: object) -> float | str:
            return cast(float | str, data)

        rate = _parse_rate(d.pop("rate"))

        def _parse_tax(data: object) -> str | VatRateType0:
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_vat_rate_type_0 = check_vat_rate_type_0(data)

                return componentsschemas_vat_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | VatRateType0, data)

        tax = _parse_tax(d.pop("tax"))

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_product_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        product_id = _parse_product_id(d.pop("productId", UNSET))

        def _parse_discount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        discount = _parse_discount(d.pop("discount", UNSET))

        session_product_line = cls(
            name=name,
            quantity=quantity,
            rate=rate,
            tax=tax,
            amount=amount,
            product_id=product_id,
            discount=discount,
        )

        session_product_line.additional_properties = d
        return session_product_line

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
