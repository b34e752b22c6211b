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
    from ..models.callback import Callback
    from ..models.customer_details import CustomerDetails
    from ..models.order_summary import OrderSummary
    from ..models.product_line import ProductLine
    from ..models.product_line_map import ProductLineMap


T = TypeVar("T", bound="SendInvoiceRequest")


@_attrs_define
class SendInvoiceRequest:
    """The body of Send Invoice. Rules apply to the body as the server's middleware leaves it: strings trimmed,
    blank strings turned into null (see `Blank`).

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
            customer_details (CustomerDetails): The customer on Send Invoice. A corporate customer needs `organizationId`
                (`required_if` corporate); for a
                private customer it may be null, blank or absent.
            invoice_fee_applicable (bool | LaravelBooleanType1 | LaravelBooleanType2): Laravel's `boolean`: exactly `true`,
                `false`, `1`, `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
                refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
            callback (Callback): Where Frontpayment notifies you of status changes (an HTTP GET with a checksum).
            invoice_interval (InvoiceIntervalType0 | str | Unset): How often the invoice is sent: 0 daily, 1 once a month, 2
                twice a month (default 0). The rule is
                `sometimes|numeric` (absent is fine, null is not) and the pages list 0, 1 and 2 as the allowed values,
                compared by value like Laravel's `in` (`"1.0"` is 1). Exponent forms are checked by the SDK.
            invoice_maturity (float | str | Unset): Laravel's `numeric`, which is PHP's `is_numeric`: a JSON number, or a
                string holding a decimal number with
                an optional sign, optional fraction or leading point, optional exponent and optional surrounding ASCII white
                space (`51`, `"51.00"`, `"2.0"`, `".5"`, `"1."`, `"1e3"`, `"+4"`, `" 1"`). Not hex, not `"1,5"`, not
                `"NaN"`/`"INF"`, not `""`. The SDK sends money as strings with two decimals, so no binary float reaches
                the wire.
            separate_invoices (bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset): Laravel's `boolean`: exactly
                `true`, `false`, `1`, `0`, `"1"` or `"0"` (`"true"`, `"yes"` and `2` are
                refused). JSON Schema cannot tell `1.0` from `1`; the server (PHP, strict comparison) refuses `1.0`.
            reference_no (None | str | Unset): Any reference number; also the way to find an order whose creation outcome is
                unknown.
            customer_reference (None | str | Unset): Any customer reference.
    """

    products: list[ProductLine] | ProductLineMap
    order_summary: OrderSummary
    order_date: str
    customer_details: CustomerDetails
    invoice_fee_applicable: bool | LaravelBooleanType1 | LaravelBooleanType2
    callback: Callback
    invoice_interval: InvoiceIntervalType0 | str | Unset = UNSET
    invoice_maturity: float | str | Unset = UNSET
    separate_invoices: bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset = UNSET
    reference_no: None | str | Unset = UNSET
    customer_reference: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        customer_details = self.customer_details.to_dict()

        invoice_fee_applicable: bool | int | str
        if isinstance(self.invoice_fee_applicable, int):
            invoice_fee_applicable = self.invoice_fee_applicable
        elif isinstance(self.invoice_fee_applicable, str):
            invoice_fee_applicable = self.invoice_fee_applicable
        else:
            invoice_fee_applicable = self.invoice_fee_applicable

        callback = self.callback.to_dict()

        invoice_interval: int | str | Unset
        if isinstance(self.invoice_interval, Unset):
            invoice_interval = UNSET
        elif isinstance(self.invoice_interval, int):
            invoice_interval = self.invoice_interval
        else:
            invoice_interval = self.invoice_interval

        invoice_maturity: float | str | Unset
        if isinstance(self.invoice_maturity, Unset):
            invoice_maturity = UNSET
        else:
            invoice_maturity = self.invoice_maturity

        separate_invoices: bool | int | str | Unset
        if isinstance(self.separate_invoices, Unset):
            separate_invoices = UNSET
        elif isinstance(self.separate_invoices, int):
            separate_invoices = self.separate_invoices
        elif isinstance(self.separate_invoices, str):
            separate_invoices = self.separate_invoices
        else:
            separate_invoices = self.separate_invoices

        reference_no: None | str | Unset
        if isinstance(self.reference_no, Unset):
            reference_no = UNSET
        else:
            reference_no = self.reference_no

        customer_reference: None | str | Unset
        if isinstance(self.customer_reference, Unset):
            customer_reference = UNSET
        else:
            customer_reference = self.customer_reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "products": products,
                "orderSummary": order_summary,
                "orderDate": order_date,
                "customerDetails": customer_details,
                "invoiceFeeApplicable": invoice_fee_applicable,
                "callback": callback,
            }
        )
        if invoice_interval is not UNSET:
            field_dict["invoiceInterval"] = invoice_interval
        if invoice_maturity is not UNSET:
            field_dict["invoiceMaturity"] = invoice_maturity
        if separate_invoices is not UNSET:
            field_dict["separateInvoices"] = separate_invoices
        if reference_no is not UNSET:
            field_dict["referenceNo"] = reference_no
        if customer_reference is not UNSET:
            field_dict["customerReference"] = customer_reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.callback import Callback  # noqa: PLC0415
        from ..models.customer_details import CustomerDetails  # noqa: PLC0415
        from ..models.order_summary import OrderSummary  # noqa: PLC0415
        from ..models.product_line import ProductLine  # noqa: PLC0415
        from ..models.product_line_map import ProductLineMap  # noqa: PLC0415

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

        customer_details = CustomerDetails.from_dict(d.pop("customerDetails"))

        def _parse_invoice_fee_applicable(data: object) -> bool | LaravelBooleanType1 | LaravelBooleanType2:
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

        invoice_fee_applicable = _parse_invoice_fee_applicable(d.pop("invoiceFeeApplicable"))

        callback = Callback.from_dict(d.pop("callback"))

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

        def _parse_invoice_maturity(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        invoice_maturity = _parse_invoice_maturity(d.pop("invoiceMaturity", UNSET))

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

        def _parse_reference_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference_no = _parse_reference_no(d.pop("referenceNo", UNSET))

        def _parse_customer_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_reference = _parse_customer_reference(d.pop("customerReference", UNSET))

        send_invoice_request = cls(
            products=products,
            order_summary=order_summary,
            order_date=order_date,
            customer_details=customer_details,
            invoice_fee_applicable=invoice_fee_applicable,
            callback=callback,
            invoice_interval=invoice_interval,
            invoice_maturity=invoice_maturity,
            separate_invoices=separate_invoices,
            reference_no=reference_no,
            customer_reference=customer_reference,
        )

        send_invoice_request.additional_properties = d
        return send_invoice_request

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
