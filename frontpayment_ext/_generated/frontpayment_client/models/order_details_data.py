from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_details_customer import OrderDetailsCustomer
    from ..models.order_details_data_internal_references_type_0 import OrderDetailsDataInternalReferencesType0
    from ..models.order_details_data_invoice_references_type_0 import OrderDetailsDataInvoiceReferencesType0
    from ..models.order_details_product import OrderDetailsProduct
    from ..models.order_details_send_order_by import OrderDetailsSendOrderBy
    from ..models.order_details_summary import OrderDetailsSummary


T = TypeVar("T", bound="OrderDetailsData")


@_attrs_define
class OrderDetailsData:
    """
    Attributes:
        order_uuid (str):
        status (str):
        type_ (None | str | Unset): The kind of order (e.g. `invoice`).
        invoice_number (None | str | Unset):
        order_date (None | str | Unset):
        payment_link_due_date (None | str | Unset):
        product_list (list[OrderDetailsProduct] | Unset):
        order_summary (OrderDetailsSummary | Unset): Note `tax` and `discount` here, where requests say `totalTax` and
            `totalDiscount`.
        customer_details (OrderDetailsCustomer | Unset):
        payment_link (None | str | Unset): Oldest revision only.
        invoice_as_payment_option (bool | int | None | Unset): Oldest revision only (boolean or 0/1).
        send_order_by (None | OrderDetailsSendOrderBy | Unset): Oldest revision only.
        credit_check (Any | Unset): Oldest revision only; its shape is not documented, so it is kept as sent.
        invoice_references (None | OrderDetailsDataInvoiceReferencesType0 | Unset): Oldest revision only; kept as sent.
        internal_references (None | OrderDetailsDataInternalReferencesType0 | Unset): Oldest revision only; kept as
            sent.
    """

    order_uuid: str
    status: str
    type_: None | str | Unset = UNSET
    invoice_number: None | str | Unset = UNSET
    order_date: None | str | Unset = UNSET
    payment_link_due_date: None | str | Unset = UNSET
    product_list: list[OrderDetailsProduct] | Unset = UNSET
    order_summary: OrderDetailsSummary | Unset = UNSET
    customer_details: OrderDetailsCustomer | Unset = UNSET
    payment_link: None | str | Unset = UNSET
    invoice_as_payment_option: bool | int | None | Unset = UNSET
    send_order_by: None | OrderDetailsSendOrderBy | Unset = UNSET
    credit_check: Any | Unset = UNSET
    invoice_references: None | OrderDetailsDataInvoiceReferencesType0 | Unset = UNSET
    internal_references: None | OrderDetailsDataInternalReferencesType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.order_details_data_internal_references_type_0 import OrderDetailsDataInternalReferencesType0  # noqa: PLC0415
        from ..models.order_details_data_invoice_references_type_0 import OrderDetailsDataInvoiceReferencesType0  # noqa: PLC0415
        from ..models.order_details_send_order_by import OrderDetailsSendOrderBy  # noqa: PLC0415

        order_uuid = self.order_uuid

        status = self.status

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        invoice_number: None | str | Unset
        if isinstance(self.invoice_number, Unset):
            invoice_number = UNSET
        else:
            invoice_number = self.invoice_number

        order_date: None | str | Unset
        if isinstance(self.order_date, Unset):
            order_date = UNSET
        else:
            order_date = self.order_date

        payment_link_due_date: None | str | Unset
        if isinstance(self.payment_link_due_date, Unset):
            payment_link_due_date = UNSET
        else:
            payment_link_due_date = self.payment_link_due_date

        product_list: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.product_list, Unset):
            product_list = []
            for product_list_item_data in self.product_list:
                product_list_item = product_list_item_data.to_dict()
                product_list.append(product_list_item)

        order_summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.order_summary, Unset):
            order_summary = self.order_summary.to_dict()

        customer_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.customer_details, Unset):
            customer_details = self.customer_details.to_dict()

        payment_link: None | str | Unset
        if isinstance(self.payment_link, Unset):
            payment_link = UNSET
        else:
            payment_link = self.payment_link

        invoice_as_payment_option: bool | int | None | Unset
        if isinstance(self.invoice_as_payment_option, Unset):
            invoice_as_payment_option = UNSET
        else:
            invoice_as_payment_option = self.invoice_as_payment_option

        send_order_by: dict[str, Any] | None | Unset
        if isinstance(self.send_order_by, Unset):
            send_order_by = UNSET
        elif isinstance(self.send_order_by, OrderDetailsSendOrderBy):
            send_order_by = self.send_order_by.to_dict()
        else:
            send_order_by = self.send_order_by

        credit_check = self.credit_check

        invoice_references: dict[str, Any] | None | Unset
        if isinstance(self.invoice_references, Unset):
            invoice_references = UNSET
        elif isinstance(self.invoice_references, OrderDetailsDataInvoiceReferencesType0):
            invoice_references = self.invoice_references.to_dict()
        else:
            invoice_references = self.invoice_references

        internal_references: dict[str, Any] | None | Unset
        if isinstance(self.internal_references, Unset):
            internal_references = UNSET
        elif isinstance(self.internal_references, OrderDetailsDataInternalReferencesType0):
            internal_references = self.internal_references.to_dict()
        else:
            internal_references = self.internal_references

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orderUuid": order_uuid,
                "status": status,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if invoice_number is not UNSET:
            field_dict["invoiceNumber"] = invoice_number
        if order_date is not UNSET:
            field_dict["orderDate"] = order_date
        if payment_link_due_date is not UNSET:
            field_dict["paymentLinkDueDate"] = payment_link_due_date
        if product_list is not UNSET:
            field_dict["productList"] = product_list
        if order_summary is not UNSET:
            field_dict["orderSummary"] = order_summary
        if customer_details is not UNSET:
            field_dict["customerDetails"] = customer_details
        if payment_link is not UNSET:
            field_dict["paymentLink"] = payment_link
        if invoice_as_payment_option is not UNSET:
            field_dict["invoiceAsPaymentOption"] = invoice_as_payment_option
        if send_order_by is not UNSET:
            field_dict["sendOrderBy"] = send_order_by
        if credit_check is not UNSET:
            field_dict["creditCheck"] = credit_check
        if invoice_references is not UNSET:
            field_dict["invoiceReferences"] = invoice_references
        if internal_references is not UNSET:
            field_dict["internalReferences"] = internal_references

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_details_customer import OrderDetailsCustomer  # noqa: PLC0415
        from ..models.order_details_data_internal_references_type_0 import OrderDetailsDataInternalReferencesType0  # noqa: PLC0415
        from ..models.order_details_data_invoice_references_type_0 import OrderDetailsDataInvoiceReferencesType0  # noqa: PLC0415
        from ..models.order_details_product import OrderDetailsProduct  # noqa: PLC0415
        from ..models.order_details_send_order_by import OrderDetailsSendOrderBy  # noqa: PLC0415
        from ..models.order_details_summary import OrderDetailsSummary  # noqa: PLC0415

        d = dict(src_dict)
        order_uuid = d.pop("orderUuid")

        status = d.pop("status")

        def _parse_type_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_invoice_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_number = _parse_invoice_number(d.pop("invoiceNumber", UNSET))

        def _parse_order_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        order_date = _parse_order_date(d.pop("orderDate", UNSET))

        def _parse_payment_link_due_date(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_link_due_date = _parse_payment_link_due_date(d.pop("paymentLinkDueDate", UNSET))

        _product_list = d.pop("productList", UNSET)
        product_list: list[OrderDetailsProduct] | Unset = UNSET
        if _product_list is not UNSET:
            product_list = []
            for product_list_item_data in _product_list:
                product_list_item = OrderDetailsProduct.from_dict(product_list_item_data)

                product_list.append(product_list_item)

        _order_summary = d.pop("orderSummary", UNSET)
        order_summary: OrderDetailsSummary | Unset
        if isinstance(_order_summary, Unset):
            order_summary = UNSET
        else:
            order_summary = OrderDetailsSummary.from_dict(_order_summary)

        _customer_details = d.pop("customerDetails", UNSET)
        customer_details: OrderDetailsCustomer | Unset
        if isinstance(_customer_details, Unset):
            customer_details = UNSET
        else:
            customer_details = OrderDetailsCustomer.from_dict(_customer_details)

        def _parse_payment_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_link = _parse_payment_link(d.pop("paymentLink", UNSET))

        def _parse_invoice_as_payment_option(data: object) -> bool | int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | int | None | Unset, data)

        invoice_as_payment_option = _parse_invoice_as_payment_option(d.pop("invoiceAsPaymentOption", UNSET))

        def _parse_send_order_by(data: object) -> None | OrderDetailsSendOrderBy | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                send_order_by_type_0 = OrderDetailsSendOrderBy.from_dict(data)

                return send_order_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderDetailsSendOrderBy | Unset, data)

        send_order_by = _parse_send_order_by(d.pop("sendOrderBy", UNSET))

        credit_check = d.pop("creditCheck", UNSET)

        def _parse_invoice_references(data: object) -> None | OrderDetailsDataInvoiceReferencesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                invoice_references_type_0 = OrderDetailsDataInvoiceReferencesType0.from_dict(data)

                return invoice_references_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderDetailsDataInvoiceReferencesType0 | Unset, data)

        invoice_references = _parse_invoice_references(d.pop("invoiceReferences", UNSET))

        def _parse_internal_references(data: object) -> None | OrderDetailsDataInternalReferencesType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                internal_references_type_0 = OrderDetailsDataInternalReferencesType0.from_dict(data)

                return internal_references_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderDetailsDataInternalReferencesType0 | Unset, data)

        internal_references = _parse_internal_references(d.pop("internalReferences", UNSET))

        order_details_data = cls(
            order_uuid=order_uuid,
            status=status,
            type_=type_,
            invoice_number=invoice_number,
            order_date=order_date,
            payment_link_due_date=payment_link_due_date,
            product_list=product_list,
            order_summary=order_summary,
            customer_details=customer_details,
            payment_link=payment_link,
            invoice_as_payment_option=invoice_as_payment_option,
            send_order_by=send_order_by,
            credit_check=credit_check,
            invoice_references=invoice_references,
            internal_references=internal_references,
        )

        order_details_data.additional_properties = d
        return order_details_data

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
