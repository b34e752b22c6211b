from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_interval_type_0 import InvoiceIntervalType0, check_invoice_interval_type_0
from ..models.laravel_boolean_type_1 import LaravelBooleanType1, check_laravel_boolean_type_1
from ..models.laravel_boolean_type_2 import LaravelBooleanType2, check_laravel_boolean_type_2
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ehf_callback import EhfCallback
    from ..models.ehf_customer_details import EhfCustomerDetails
    from ..models.internal_references import InternalReferences
    from ..models.invoice_references import InvoiceReferences
    from ..models.order_summary import OrderSummary
    from ..models.product_line import ProductLine
    from ..models.product_line_map import ProductLineMap
    from ..models.send_order_by import SendOrderBy


T = TypeVar("T", bound="SendEhfInvoiceRequest")


@_attrs_define
class SendEhfInvoiceRequest:
    """The body of Send EHF Invoice (rules apply after the server's trimming, see `Blank`).
    `invoiceFeeApplicable` is in the page's example but not in its rules table, and the real server did not
    ask for it: optional.

        Attributes:
            products (list[ProductLine] | ProductLineMap): The order lines, non-empty: a JSON array, or a JSON object keyed
                "0", "1", ... (the server's Laravel rules
                `products.*` accept both). The SDK sends an array.
            order_summary (OrderSummary): Totals of the order, each in NOK: grandTotal = sum of line amounts (gross),
                totalTax = the VAT contained in
                them, totalDiscount = sum of line discounts. subTotal is ambiguous: the pages call it the "subtotal of all
                products before tax and discount", the one documented example with VAT has subTotal = grandTotal -
                totalTax (net, after discount). Both readings are accepted: grandTotal - totalTax, or the net of the
                lines before their discounts (quantity x rate less the VAT it contains, per line); the SDK sends the
                first. The SDK checks these sums, which JSON Schema cannot.
            order_date (str): The order's date, `required|string`. The documents say a Unix timestamp sent as a string
                (`"1703040812"`).
                The real demo server, recorded in July 2025, accepted only PHP's `d M, Y` form with a two-digit day
                (`"02 Aug, 2023"`). Both forms are accepted; the SDK sends the documents' form unless told otherwise.
            send_order_by (SendOrderBy): The channels the invoice is sent by (each `required|boolean`).
            is_credit_check_available (bool | LaravelBooleanType1 | LaravelBooleanType2): Laravel's `boolean`: exactly
                `true`, `false`, `1`, `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
                refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
            invoice_as_payment_option (bool | LaravelBooleanType1 | LaravelBooleanType2): Laravel's `boolean`: exactly
                `true`, `false`, `1`, `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
                refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
            customer_details (EhfCustomerDetails): The (corporate) customer of an EHF invoice. The page's rules table,
                copied from another page, calls
                `personalNumber` required; the real server did not ask a corporate customer for it, so it is optional here.
                `organizationId` is not in that table (only in the example): it is optional, nullable.
            invoice_fee_applicable (bool | LaravelBooleanType1 | LaravelBooleanType2 | None | str | Unset): Whether the
                invoice fee applies. Not in this page's rules table, so the server does not check it: it
                may be absent, null or blank.
            invoice_references (InvoiceReferences | None | Unset): Nullable; may be omitted when there are no invoice
                references.
            internal_references (InternalReferences | None | Unset): Nullable; may be omitted when there are no internal
                references.
            invoice_interval (InvoiceIntervalType0 | str | Unset): How often the invoice is sent: 0 daily, 1 once a month, 2
                twice a month (default 0). The rule is
                `sometimes|numeric` (absent is fine, null is not) and the pages list 0, 1 and 2 as the allowed values,
                compared by value like Laravel's `in` (`"1.0"` is 1). Exponent forms are checked by the SDK.
            separate_invoices (bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset): Laravel's `boolean`: exactly
                `true`, `false`, `1`, `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
                refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
            invoice_maturity (float | str | Unset): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a
                string holding a decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            callback (EhfCallback | Unset): The EHF page's callback, whose URL no rule of that page names (null or absent is
                fine).
    """

    products: list[ProductLine] | ProductLineMap
    order_summary: OrderSummary
    order_date: str
    send_order_by: SendOrderBy
    is_credit_check_available: bool | LaravelBooleanType1 | LaravelBooleanType2
    invoice_as_payment_option: bool | LaravelBooleanType1 | LaravelBooleanType2
    customer_details: EhfCustomerDetails
    invoice_fee_applicable: bool | LaravelBooleanType1 | LaravelBooleanType2 | None | str | Unset = UNSET
    invoice_references: InvoiceReferences | None | Unset = UNSET
    internal_references: InternalReferences | None | Unset = UNSET
    invoice_interval: InvoiceIntervalType0 | str | Unset = UNSET
    separate_invoices: bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset = UNSET
    invoice_maturity: float | str | Unset = UNSET
    callback: EhfCallback | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.internal_references import InternalReferences  # noqa: PLC0415
        from ..models.invoice_references import InvoiceReferences  # noqa: PLC0415

        products: dict[str, Any] | list[dict[str, Any]]
        if isinstance(self.products, list):
            products = []
            for componentsschemas_products_type_0_item_data in self.products:
                componentsschemas_products_type_0_item = componentsschemas_products_type_0_item_data.to_dict()
                products.append(componentsschemas_products_type_0_item)

        else:
            products = self.products.to_dict()

        order_summary = self.order_summary.to_dict()

        order_date = self.order_date

        send_order_by = self.send_order_by.to_dict()

        is_credit_check_available: bool | int | str
        if isinstance(self.is_credit_check_available, int):
            is_credit_check_available = self.is_credit_check_available
        elif isinstance(self.is_credit_check_available, str):
            is_credit_check_available = self.is_credit_check_available
        else:
            is_credit_check_available = self.is_credit_check_available

        invoice_as_payment_option: bool | int | str
        if isinstance(self.invoice_as_payment_option, int):
            invoice_as_payment_option = self.invoice_as_payment_option
        elif isinstance(self.invoice_as_payment_option, str):
            invoice_as_payment_option = self.invoice_as_payment_option
        else:
            invoice_as_payment_option = self.invoice_as_payment_option

        customer_details = self.customer_details.to_dict()

        invoice_fee_applicable: bool | int | None | str | Unset
        if isinstance(self.invoice_fee_applicable, Unset):
            invoice_fee_applicable = UNSET
        elif isinstance(self.invoice_fee_applicable, int):
            invoice_fee_applicable = self.invoice_fee_applicable
        elif isinstance(self.invoice_fee_applicable, str):
            invoice_fee_applicable = self.invoice_fee_applicable
        else:
            invoice_fee_applicable = self.invoice_fee_applicable

        invoice_references: dict[str, Any] | None | Unset
        if isinstance(self.invoice_references, Unset):
            invoice_references = UNSET
        elif isinstance(self.invoice_references, InvoiceReferences):
            invoice_references = self.invoice_references.to_dict()
        else:
            invoice_references = self.invoice_references

        internal_references: dict[str, Any] | None | Unset
        if isinstance(self.internal_references, Unset):
            internal_references = UNSET
        elif isinstance(self.internal_references, InternalReferences):
            internal_references = self.internal_references.to_dict()
        else:
            internal_references = self.internal_references

        invoice_interval: int | str | Unset
        if isinstance(self.invoice_interval, Unset):
            invoice_interval = UNSET
        elif isinstance(self.invoice_interval, int):
            invoice_interval = self.invoice_interval
        else:
            invoice_interval = self.invoice_interval

        separate_invoices: bool | int | str | Unset
        if isinstance(self.separate_invoices, Unset):
            separate_invoices = UNSET
        elif isinstance(self.separate_invoices, int):
            separate_invoices = self.separate_invoices
        elif isinstance(self.separate_invoices, str):
            separate_invoices = self.separate_invoices
        else:
            separate_invoices = self.separate_invoices

        invoice_maturity: float | str | Unset
        if isinstance(self.invoice_maturity, Unset):
            invoice_maturity = UNSET
        else:
            invoice_maturity = self.invoice_maturity

        callback: dict[str, Any] | Unset = UNSET
        if not isinstance(self.callback, Unset):
            callback = self.callback.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "products": products,
                "orderSummary": order_summary,
                "orderDate": order_date,
                "sendOrderBy": send_order_by,
                "isCreditCheckAvailable": is_credit_check_available,
                "invoiceAsPaymentOption": invoice_as_payment_option,
                "customerDetails": customer_details,
            }
        )
        if invoice_fee_applicable is not UNSET:
            field_dict["invoiceFeeApplicable"] = invoice_fee_applicable
        if invoice_references is not UNSET:
            field_dict["invoiceReferences"] = invoice_references
        if internal_references is not UNSET:
            field_dict["internalReferences"] = internal_references
        if invoice_interval is not UNSET:
            field_dict["invoiceInterval"] = invoice_interval
        if separate_invoices is not UNSET:
            field_dict["separateInvoices"] = separate_invoices
        if invoice_maturity is not UNSET:
            field_dict["invoiceMaturity"] = invoice_maturity
        if callback is not UNSET:
            field_dict["callback"] = callback

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ehf_callback import EhfCallback  # noqa: PLC0415
        from ..models.ehf_customer_details import EhfCustomerDetails  # noqa: PLC0415
        from ..models.internal_references import InternalReferences  # noqa: PLC0415
        from ..models.invoice_references import InvoiceReferences  # noqa: PLC0415
        from ..models.order_summary import OrderSummary  # noqa: PLC0415
        from ..models.product_line import ProductLine  # noqa: PLC0415
        from ..models.product_line_map import ProductLineMap  # noqa: PLC0415
        from ..models.send_order_by import SendOrderBy  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_products(data: object) -> list[ProductLine] | ProductLineMap:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_products_type_0 = []
                _componentsschemas_products_type_0 = data
                for componentsschemas_products_type_0_item_data in _componentsschemas_products_type_0:
                    componentsschemas_products_type_0_item = ProductLine.from_dict(
                        componentsschemas_products_type_0_item_data
                    )

                    componentsschemas_products_type_0.append(componentsschemas_products_type_0_item)

                return componentsschemas_products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_products_type_1 = ProductLineMap.from_dict(data)

            return componentsschemas_products_type_1

        products = _parse_products(d.pop("products"))

        order_summary = OrderSummary.from_dict(d.pop("orderSummary"))

        order_date = d.pop("orderDate")

        send_order_by = SendOrderBy.from_dict(d.pop("sendOrderBy"))

        def _parse_is_credit_check_available(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2:
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_1 = check_laravel_boolean_type_1(data)

                return componentsschemas_laravel_boolean_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_2 = check_laravel_boolean_type_2(data)

                return componentsschemas_laravel_boolean_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2, data)

        is_credit_check_available = _parse_is_credit_check_available(d.pop("isCreditCheckAvailable"))

        def _parse_invoice_as_payment_option(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2:
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_1 = check_laravel_boolean_type_1(data)

                return componentsschemas_laravel_boolean_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_2 = check_laravel_boolean_type_2(data)

                return componentsschemas_laravel_boolean_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2, data)

        invoice_as_payment_option = _parse_invoice_as_payment_option(d.pop("invoiceAsPaymentOption"))

        customer_details = EhfCustomerDetails.from_dict(d.pop("customerDetails"))

        def _parse_invoice_fee_applicable(
            data: object,
        ) -> bool | LaravelBooleanType1 | LaravelBooleanType2 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_1 = check_laravel_boolean_type_1(data)

                return componentsschemas_laravel_boolean_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_2 = check_laravel_boolean_type_2(data)

                return componentsschemas_laravel_boolean_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2 | None | str | Unset, data)

        invoice_fee_applicable = _parse_invoice_fee_applicable(d.pop("invoiceFeeApplicable", UNSET))

        def _parse_invoice_references(data: object) -> InvoiceReferences | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                invoice_references_type_0 = InvoiceReferences.from_dict(data)

                return invoice_references_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceReferences | None | Unset, data)

        invoice_references = _parse_invoice_references(d.pop("invoiceReferences", UNSET))

        def _parse_internal_references(data: object) -> InternalReferences | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                internal_references_type_0 = InternalReferences.from_dict(data)

                return internal_references_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InternalReferences | None | Unset, data)

        internal_references = _parse_internal_references(d.pop("internalReferences", UNSET))

        def _parse_invoice_interval(data: object) -> InvoiceIntervalType0 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_invoice_interval_type_0 = check_invoice_interval_type_0(data)

                return componentsschemas_invoice_interval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceIntervalType0 | str | Unset, data)

        invoice_interval = _parse_invoice_interval(d.pop("invoiceInterval", UNSET))

        def _parse_separate_invoices(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_1 = check_laravel_boolean_type_1(data)

                return componentsschemas_laravel_boolean_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_laravel_boolean_type_2 = check_laravel_boolean_type_2(data)

                return componentsschemas_laravel_boolean_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset, data)

        separate_invoices = _parse_separate_invoices(d.pop("separateInvoices", UNSET))

        def _parse_invoice_maturity(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        invoice_maturity = _parse_invoice_maturity(d.pop("invoiceMaturity", UNSET))

        _callback = d.pop("callback", UNSET)
        callback: EhfCallback | Unset
        if isinstance(_callback, Unset):
            callback = UNSET
        else:
            callback = EhfCallback.from_dict(_callback)

        send_ehf_invoice_request = cls(
            products=products,
            order_summary=order_summary,
            order_date=order_date,
            send_order_by=send_order_by,
            is_credit_check_available=is_credit_check_available,
            invoice_as_payment_option=invoice_as_payment_option,
            customer_details=customer_details,
            invoice_fee_applicable=invoice_fee_applicable,
            invoice_references=invoice_references,
            internal_references=internal_references,
            invoice_interval=invoice_interval,
            separate_invoices=separate_invoices,
            invoice_maturity=invoice_maturity,
            callback=callback,
        )

        send_ehf_invoice_request.additional_properties = d
        return send_ehf_invoice_request

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
