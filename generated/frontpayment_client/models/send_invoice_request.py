from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_interval_type_0 import InvoiceIntervalType0, check_invoice_interval_type_0
from ..models.invoice_interval_type_1 import InvoiceIntervalType1, check_invoice_interval_type_1
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
    """The body of Send Invoice.

    Attributes:
        products (list[ProductLine] | ProductLineMap): The order lines, non-empty: a JSON array, or a JSON object keyed
            "0", "1", ... (the server's Laravel rules
            `products.*` accept both). The SDK sends an array.
        order_summary (OrderSummary): Totals of the order, each in NOK: grandTotal = sum of line amounts (gross),
            totalTax = the VAT contained in
            them, subTotal = grandTotal - totalTax (net), totalDiscount = sum of line discounts. The SDK checks these
            sums, which JSON Schema cannot.
        order_date (str): The order's date. The documents say a Unix timestamp sent as a string (`"1703040812"`). The
            real demo
            server, recorded in July 2025, accepted only PHP's `d M, Y` form with a two-digit day (`"02 Aug, 2023"`).
            Both forms are accepted; the SDK sends the documents' form unless told otherwise.
        customer_details (CustomerDetails): The customer on Send Invoice. A corporate customer needs `organizationId`.
        invoice_fee_applicable (bool): Whether the invoice fee applies (default true).
        callback (Callback): Where Frontpayment notifies you of status changes (an HTTP GET with a checksum).
        invoice_interval (InvoiceIntervalType0 | InvoiceIntervalType1 | Unset): How often the invoice is sent: 0 daily,
            1 once a month, 2 twice a month. Default 0.
        invoice_maturity (int | str | Unset): Days until the invoice is due (default 10; the examples use 10 and 14). A
            whole number.
        separate_invoices (bool | Unset): Whether invoices are separated (default true).
        reference_no (None | str | Unset): Any reference number; also the way to find an order whose creation outcome is
            unknown.
        customer_reference (None | str | Unset): Any customer reference.
    """

    products: list[ProductLine] | ProductLineMap
    order_summary: OrderSummary
    order_date: str
    customer_details: CustomerDetails
    invoice_fee_applicable: bool
    callback: Callback
    invoice_interval: InvoiceIntervalType0 | InvoiceIntervalType1 | Unset = UNSET
    invoice_maturity: int | str | Unset = UNSET
    separate_invoices: bool | Unset = UNSET
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

        invoice_fee_applicable = self.invoice_fee_applicable

        callback = self.callback.to_dict()

        invoice_interval: int | str | Unset
        if isinstance(self.invoice_interval, Unset):
            invoice_interval = UNSET
        elif isinstance(self.invoice_interval, int):
            invoice_interval = self.invoice_interval
        else:
            invoice_interval = self.invoice_interval

        invoice_maturity: int | str | Unset
        if isinstance(self.invoice_maturity, Unset):
            invoice_maturity = UNSET
        else:
            invoice_maturity = self.invoice_maturity

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

        invoice_fee_applicable = d.pop("invoiceFeeApplicable")

        callback = Callback.from_dict(d.pop("callback"))

        def _parse_invoice_interval(data: object) -> InvoiceIntervalType0 | InvoiceIntervalType1 | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, int):
                    raise TypeError()
                componentsschemas_invoice_interval_type_0 = check_invoice_interval_type_0(data)

                return componentsschemas_invoice_interval_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            componentsschemas_invoice_interval_type_1 = check_invoice_interval_type_1(data)

            return componentsschemas_invoice_interval_type_1

        invoice_interval = _parse_invoice_interval(d.pop("invoiceInterval", UNSET))

        def _parse_invoice_maturity(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        invoice_maturity = _parse_invoice_maturity(d.pop("invoiceMaturity", UNSET))

        separate_invoices = d.pop("separateInvoices", UNSET)

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
