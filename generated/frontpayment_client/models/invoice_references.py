from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_interval_type_0 import InvoiceIntervalType0, check_invoice_interval_type_0
from ..models.invoice_interval_type_1 import InvoiceIntervalType1, check_invoice_interval_type_1
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceReferences")


@_attrs_define
class InvoiceReferences:
    """References printed on the invoice. The EHF page's example also nests `invoiceInterval`, `separateInvoices`
    and `invoiceMaturity` here (a newer revision moves them to the top level); both places are accepted.

        Attributes:
            reference_no (None | str | Unset): Any reference number for the order.
            customer_reference (None | str | Unset): Any reference for the customer.
            receipt_no (None | str | Unset): Any number for the receipt.
            customer_notes (None | str | Unset): Any notes from the customer.
            tnc (None | str | Unset): Terms and conditions.
            invoice_interval (InvoiceIntervalType0 | InvoiceIntervalType1 | Unset): How often the invoice is sent: 0 daily,
                1 once a month, 2 twice a month. Default 0.
            separate_invoices (bool | Unset):
            invoice_maturity (int | str | Unset): Days until the invoice is due (default 10; the examples use 10 and 14). A
                whole number.
    """

    reference_no: None | str | Unset = UNSET
    customer_reference: None | str | Unset = UNSET
    receipt_no: None | str | Unset = UNSET
    customer_notes: None | str | Unset = UNSET
    tnc: None | str | Unset = UNSET
    invoice_interval: InvoiceIntervalType0 | InvoiceIntervalType1 | Unset = UNSET
    separate_invoices: bool | Unset = UNSET
    invoice_maturity: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        receipt_no: None | str | Unset
        if isinstance(self.receipt_no, Unset):
            receipt_no = UNSET
        else:
            receipt_no = self.receipt_no

        customer_notes: None | str | Unset
        if isinstance(self.customer_notes, Unset):
            customer_notes = UNSET
        else:
            customer_notes = self.customer_notes

        tnc: None | str | Unset
        if isinstance(self.tnc, Unset):
            tnc = UNSET
        else:
            tnc = self.tnc

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reference_no is not UNSET:
            field_dict["referenceNo"] = reference_no
        if customer_reference is not UNSET:
            field_dict["customerReference"] = customer_reference
        if receipt_no is not UNSET:
            field_dict["receiptNo"] = receipt_no
        if customer_notes is not UNSET:
            field_dict["customerNotes"] = customer_notes
        if tnc is not UNSET:
            field_dict["tnc"] = tnc
        if invoice_interval is not UNSET:
            field_dict["invoiceInterval"] = invoice_interval
        if separate_invoices is not UNSET:
            field_dict["separateInvoices"] = separate_invoices
        if invoice_maturity is not UNSET:
            field_dict["invoiceMaturity"] = invoice_maturity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        def _parse_receipt_no(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        receipt_no = _parse_receipt_no(d.pop("receiptNo", UNSET))

        def _parse_customer_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_notes = _parse_customer_notes(d.pop("customerNotes", UNSET))

        def _parse_tnc(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tnc = _parse_tnc(d.pop("tnc", UNSET))

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

        invoice_references = cls(
            reference_no=reference_no,
            customer_reference=customer_reference,
            receipt_no=receipt_no,
            customer_notes=customer_notes,
            tnc=tnc,
            invoice_interval=invoice_interval,
            separate_invoices=separate_invoices,
            invoice_maturity=invoice_maturity,
        )

        invoice_references.additional_properties = d
        return invoice_references

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
