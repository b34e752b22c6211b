from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_interval_type_0 import InvoiceIntervalType0, check_invoice_interval_type_0
from ..models.invoice_interval_type_1 import InvoiceIntervalType1, check_invoice_interval_type_1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.order_summary import OrderSummary
    from ..models.session_callback import SessionCallback
    from ..models.session_customer_details import SessionCustomerDetails
    from ..models.session_product_line import SessionProductLine
    from ..models.session_product_line_map import SessionProductLineMap
    from ..models.session_settings import SessionSettings


T = TypeVar("T", bound="CreateInvoiceSessionRequest")


@_attrs_define
class CreateInvoiceSessionRequest:
    """The body of Create Session for Invoice Order.

    Attributes:
        products (list[SessionProductLine] | SessionProductLineMap): The order lines on the session endpoint, non-empty,
            as an array or an object keyed "0", "1", ...
        order_summary (OrderSummary): Totals of the order, each in NOK: grandTotal = sum of line amounts (gross),
            totalTax = the VAT contained in
            them, subTotal = grandTotal - totalTax (net), totalDiscount = sum of line discounts. The SDK checks these
            sums, which JSON Schema cannot.
        order_date (str): The order's date. The documents say a Unix timestamp sent as a string (`"1703040812"`). The
            real demo
            server, recorded in July 2025, accepted only PHP's `d M, Y` form with a two-digit day (`"02 Aug, 2023"`).
            Both forms are accepted; the SDK sends the documents' form unless told otherwise.
        invoice_fee_applicable (bool): Whether the invoice fee applies.
        callback (SessionCallback): Callbacks of the session endpoint.
        customer_details (SessionCustomerDetails): The customer on Create Session. A private customer needs
            `personalNumber`; a corporate customer needs
            `organizationId`, which here must be alphanumeric (the example sends `""` for a private customer).
        reference_no (str | Unset): Reference number.
        customer_reference (str | Unset): Customer reference.
        invoice_interval (InvoiceIntervalType0 | InvoiceIntervalType1 | Unset): How often the invoice is sent: 0 daily,
            1 once a month, 2 twice a month. Default 0.
        separate_invoices (bool | Unset): Whether invoices are separated.
        invoice_maturity (int | str | Unset): Days until the invoice is due (default 10; the examples use 10 and 14). A
            whole number.
        settings (SessionSettings | Unset):
        fpgo_uuid (str | Unset): The `orderUuid` of an earlier call: the server updates that order instead of creating a
            new one. The
            safe way to resubmit after an unknown outcome. Needs `orderFrom: PARTNER`. (Newer page revision.)
        order_from (Literal['PARTNER'] | Unset): Required when `fpgoUuid` is set.
    """

    products: list[SessionProductLine] | SessionProductLineMap
    order_summary: OrderSummary
    order_date: str
    invoice_fee_applicable: bool
    callback: SessionCallback
    customer_details: SessionCustomerDetails
    reference_no: str | Unset = UNSET
    customer_reference: str | Unset = UNSET
    invoice_interval: InvoiceIntervalType0 | InvoiceIntervalType1 | Unset = UNSET
    separate_invoices: bool | Unset = UNSET
    invoice_maturity: int | str | Unset = UNSET
    settings: SessionSettings | Unset = UNSET
    fpgo_uuid: str | Unset = UNSET
    order_from: Literal["PARTNER"] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        products: dict[str, Any] | list[dict[str, Any]]
        if isinstance(self.products, list):
            products = []
            for componentsschemas_session_products_type_0_item_data in self.products:
                componentsschemas_session_products_type_0_item = (
                    componentsschemas_session_products_type_0_item_data.to_dict()
                )
                products.append(componentsschemas_session_products_type_0_item)

        else:
            products = self.products.to_dict()

        order_summary = self.order_summary.to_dict()

        order_date = self.order_date

        invoice_fee_applicable = self.invoice_fee_applicable

        callback = self.callback.to_dict()

        customer_details = self.customer_details.to_dict()

        reference_no = self.reference_no

        customer_reference = self.customer_reference

        invoice_interval: int | str | Unset
        if isinstance(self.invoice_interval, Unset):
            invoice_interval = UNSET
        elif isinstance(self.invoice_interval, int):
            invoice_interval = self.invoice_interval
        else:
            invoice_interval = self.invoice_interval

        separate_invoices = self.separate_invoices

        invoice_maturity: int | str | Unset
        if isinstance(self.invoice_maturity, Unset):
            invoice_maturity = UNSET
        else:
            invoice_maturity = self.invoice_maturity

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        fpgo_uuid = self.fpgo_uuid

        order_from = self.order_from

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "products": products,
                "orderSummary": order_summary,
                "orderDate": order_date,
                "invoiceFeeApplicable": invoice_fee_applicable,
                "callback": callback,
                "customerDetails": customer_details,
            }
        )
        if reference_no is not UNSET:
            field_dict["referenceNo"] = reference_no
        if customer_reference is not UNSET:
            field_dict["customerReference"] = customer_reference
        if invoice_interval is not UNSET:
            field_dict["invoiceInterval"] = invoice_interval
        if separate_invoices is not UNSET:
            field_dict["separateInvoices"] = separate_invoices
        if invoice_maturity is not UNSET:
            field_dict["invoiceMaturity"] = invoice_maturity
        if settings is not UNSET:
            field_dict["settings"] = settings
        if fpgo_uuid is not UNSET:
            field_dict["fpgoUuid"] = fpgo_uuid
        if order_from is not UNSET:
            field_dict["orderFrom"] = order_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_summary import OrderSummary  # noqa: PLC0415
        from ..models.session_callback import SessionCallback  # noqa: PLC0415
        from ..models.session_customer_details import SessionCustomerDetails  # noqa: PLC0415
        from ..models.session_product_line import SessionProductLine  # noqa: PLC0415
        from ..models.session_product_line_map import SessionProductLineMap  # noqa: PLC0415
        from ..models.session_settings import SessionSettings  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_products(data: object) -> list[SessionProductLine] | SessionProductLineMap:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_session_products_type_0 = []
                _componentsschemas_session_products_type_0 = data
                for componentsschemas_session_products_type_0_item_data in _componentsschemas_session_products_type_0:
                    componentsschemas_session_products_type_0_item = SessionProductLine.from_dict(
                        componentsschemas_session_products_type_0_item_data
                    )

                    componentsschemas_session_products_type_0.append(componentsschemas_session_products_type_0_item)

                return componentsschemas_session_products_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_session_products_type_1 = SessionProductLineMap.from_dict(data)

            return componentsschemas_session_products_type_1

        products = _parse_products(d.pop("products"))

        order_summary = OrderSummary.from_dict(d.pop("orderSummary"))

        order_date = d.pop("orderDate")

        invoice_fee_applicable = d.pop("invoiceFeeApplicable")

        callback = SessionCallback.from_dict(d.pop("callback"))

        customer_details = SessionCustomerDetails.from_dict(d.pop("customerDetails"))

        reference_no = d.pop("referenceNo", UNSET)

        customer_reference = d.pop("customerReference", UNSET)

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

        separate_invoices = d.pop("separateInvoices", UNSET)

        def _parse_invoice_maturity(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        invoice_maturity = _parse_invoice_maturity(d.pop("invoiceMaturity", UNSET))

        _settings = d.pop("settings", UNSET)
        settings: SessionSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = SessionSettings.from_dict(_settings)

        fpgo_uuid = d.pop("fpgoUuid", UNSET)

        order_from = cast(Literal["PARTNER"] | Unset, d.pop("orderFrom", UNSET))
        if order_from != "PARTNER" and not isinstance(order_from, Unset):
            raise ValueError(f"orderFrom must match const 'PARTNER', got '{order_from}'")

        create_invoice_session_request = cls(
            products=products,
            order_summary=order_summary,
            order_date=order_date,
            invoice_fee_applicable=invoice_fee_applicable,
            callback=callback,
            customer_details=customer_details,
            reference_no=reference_no,
            customer_reference=customer_reference,
            invoice_interval=invoice_interval,
            separate_invoices=separate_invoices,
            invoice_maturity=invoice_maturity,
            settings=settings,
            fpgo_uuid=fpgo_uuid,
            order_from=order_from,
        )

        create_invoice_session_request.additional_properties = d
        return create_invoice_session_request

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
