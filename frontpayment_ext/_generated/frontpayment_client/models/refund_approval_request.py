from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.refund_type import RefundType, check_refund_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.refund_product import RefundProduct
    from ..models.refund_products_type_1 import RefundProductsType1


T = TypeVar("T", bound="RefundApprovalRequest")


@_attrs_define
class RefundApprovalRequest:
    """
    Attributes:
        type_ (RefundType): `regular` or `invoiced`; older revisions also `reservation` (rule
            `required|string|in:regular,invoiced,reservation`).
            All three are accepted.
        grand_total (float | str): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a string holding
            a decimal number with
            an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
            space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
            `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
            the wire.
        message (str): Why, ideally the rejection message the regular refund returned.
        products (list[RefundProduct] | RefundProductsType1): The products refunded, `required|array`: a list, or an
            object keyed "0", "1", ... (PHP decodes both to an
            array, and Laravel's `array` rule accepts either).
        source (None | str | Unset):
        reference (None | str | Unset):
    """

    type_: RefundType
    grand_total: float | str
    message: str
    products: list[RefundProduct] | RefundProductsType1
    source: None | str | Unset = UNSET
    reference: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        grand_total: float | str
        grand_total = self.grand_total

        message = self.message

        products: dict[str, Any] | list[dict[str, Any]]
        if isinstance(self.products, list):
            products = []
            for componentsschemas_refund_products_type_0_item_data in self.products:
                componentsschemas_refund_products_type_0_item = (
                    componentsschemas_refund_products_type_0_item_data.to_dict()
                )
                products.append(componentsschemas_refund_products_type_0_item)

        else:
            products = self.products.to_dict()

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "grandTotal": grand_total,
                "message": message,
                "products": products,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.refund_product import RefundProduct  # noqa: PLC0415
        from ..models.refund_products_type_1 import RefundProductsType1  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_refund_type(d.pop("type"))

        def _parse_grand_total(data: object) -> float | str:
            return cast(float | str, data)

        grand_total = _parse_grand_total(d.pop("grandTotal"))

        message = d.pop("message")

        def _parse_products(data: object) -> list[RefundProduct] | RefundProductsType1:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_refund_products_type_0 = []
                _componentsschemas_refund_products_type_0 = data
                for componentsschemas_refund_products_type_0_item_data in _componentsschemas_refund_products_type_0:
                    componentsschemas_refund_products_type_0_item = RefundProduct.from_dict(
                        componentsschemas_refund_products_type_0_item_data
                    )

                    componentsschemas_refund_products_type_0.append(componentsschemas_refund_products_type_0_item)

                return componentsschemas_refund_products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_refund_products_type_1 = RefundProductsType1.from_dict(data)

            return componentsschemas_refund_products_type_1

        products = _parse_products(d.pop("products"))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        refund_approval_request = cls(
            type_=type_,
            grand_total=grand_total,
            message=message,
            products=products,
            source=source,
            reference=reference,
        )

        refund_approval_request.additional_properties = d
        return refund_approval_request

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
