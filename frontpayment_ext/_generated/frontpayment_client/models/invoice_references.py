from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invoice_interval_type_0 import InvoiceIntervalType0, check_invoice_interval_type_0
from ..models.laravel_boolean_type_1 import LaravelBooleanType1, check_laravel_boolean_type_1
from ..models.laravel_boolean_type_2 import LaravelBooleanType2, check_laravel_boolean_type_2
from ..types import UNSET, Unset

T = TypeVar("T", bound="InvoiceReferences")


@_attrs_define
class InvoiceReferences:
    """References printed on the invoice (each `nullable|string`). The EHF page's example also nests
    `invoiceInterval`, `separateInvoices` and `invoiceMaturity` here, which is where the SDK sends them on
    that path (a newer revision moves them to the top level for `/orders/ehf/create`); both places are
    accepted.

        Attributes:
            reference_no (None | str | Unset): Any reference number for the order.
            customer_reference (None | str | Unset): Any reference for the customer.
            receipt_no (None | str | Unset): Any number for the receipt.
            customer_notes (None | str | Unset): Any notes from the customer.
            tnc (None | str | Unset): Terms and conditions.
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
    """

    reference_no: None | str | Unset = UNSET
    customer_reference: None | str | Unset = UNSET
    receipt_no: None | str | Unset = UNSET
    customer_notes: None | str | Unset = UNSET
    tnc: None | str | Unset = UNSET
    invoice_interval: InvoiceIntervalType0 | str | Unset = UNSET
    separate_invoices: bool | LaravelBooleanType1 | LaravelBooleanType2 | Unset = UNSET
    invoice_maturity: float | str | Unset = UNSET
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
