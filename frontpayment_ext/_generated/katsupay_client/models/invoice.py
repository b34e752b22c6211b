from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Invoice")


@_attrs_define
class Invoice:
    """An invoice as the page's "Response 200" schema declares it.

    Attributes:
        id (UUID):
        invoice_id (None | str | Unset): The human-facing invoice number.
        counter_party_name (None | str | Unset):
        account_name (None | str | Unset):
        due_date (datetime.datetime | None | Unset): ISO-8601; may lack a timezone.
        currency (int | None | Unset): A currency code whose meaning is not published.
        discount_type (int | None | Unset):
        description (None | str | Unset):
        billing_cycle (int | None | Unset):
        recuring_invoice (bool | None | Unset): Spelt with one r, as on the wire.
        payment_option (int | None | Unset):
        user_id (None | Unset | UUID):
        amount (float | None | Unset): The invoice amount (the SDK reads it as Decimal).
        notifications (None | str | Unset):
        paid_amount (float | None | Unset): The amount paid so far (the SDK reads it as Decimal).
        created (datetime.datetime | None | Unset): ISO-8601; may lack a timezone.
        invoice_status (int | None | Unset):
        before_due_date (int | None | Unset):
        after_due_date (int | None | Unset):
        on_due_date (bool | None | Unset):
    """

    id: UUID
    invoice_id: None | str | Unset = UNSET
    counter_party_name: None | str | Unset = UNSET
    account_name: None | str | Unset = UNSET
    due_date: datetime.datetime | None | Unset = UNSET
    currency: int | None | Unset = UNSET
    discount_type: int | None | Unset = UNSET
    description: None | str | Unset = UNSET
    billing_cycle: int | None | Unset = UNSET
    recuring_invoice: bool | None | Unset = UNSET
    payment_option: int | None | Unset = UNSET
    user_id: None | Unset | UUID = UNSET
    amount: float | None | Unset = UNSET
    notifications: None | str | Unset = UNSET
    paid_amount: float | None | Unset = UNSET
    created: datetime.datetime | None | Unset = UNSET
    invoice_status: int | None | Unset = UNSET
    before_due_date: int | None | Unset = UNSET
    after_due_date: int | None | Unset = UNSET
    on_due_date: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        invoice_id: None | str | Unset
        if isinstance(self.invoice_id, Unset):
            invoice_id = UNSET
        else:
            invoice_id = self.invoice_id

        counter_party_name: None | str | Unset
        if isinstance(self.counter_party_name, Unset):
            counter_party_name = UNSET
        else:
            counter_party_name = self.counter_party_name

        account_name: None | str | Unset
        if isinstance(self.account_name, Unset):
            account_name = UNSET
        else:
            account_name = self.account_name

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        elif isinstance(self.due_date, datetime.datetime):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        currency: int | None | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        discount_type: int | None | Unset
        if isinstance(self.discount_type, Unset):
            discount_type = UNSET
        else:
            discount_type = self.discount_type

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        billing_cycle: int | None | Unset
        if isinstance(self.billing_cycle, Unset):
            billing_cycle = UNSET
        else:
            billing_cycle = self.billing_cycle

        recuring_invoice: bool | None | Unset
        if isinstance(self.recuring_invoice, Unset):
            recuring_invoice = UNSET
        else:
            recuring_invoice = self.recuring_invoice

        payment_option: int | None | Unset
        if isinstance(self.payment_option, Unset):
            payment_option = UNSET
        else:
            payment_option = self.payment_option

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        elif isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        amount: float | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        notifications: None | str | Unset
        if isinstance(self.notifications, Unset):
            notifications = UNSET
        else:
            notifications = self.notifications

        paid_amount: float | None | Unset
        if isinstance(self.paid_amount, Unset):
            paid_amount = UNSET
        else:
            paid_amount = self.paid_amount

        created: None | str | Unset
        if isinstance(self.created, Unset):
            created = UNSET
        elif isinstance(self.created, datetime.datetime):
            created = self.created.isoformat()
        else:
            created = self.created

        invoice_status: int | None | Unset
        if isinstance(self.invoice_status, Unset):
            invoice_status = UNSET
        else:
            invoice_status = self.invoice_status

        before_due_date: int | None | Unset
        if isinstance(self.before_due_date, Unset):
            before_due_date = UNSET
        else:
            before_due_date = self.before_due_date

        after_due_date: int | None | Unset
        if isinstance(self.after_due_date, Unset):
            after_due_date = UNSET
        else:
            after_due_date = self.after_due_date

        on_due_date: bool | None | Unset
        if isinstance(self.on_due_date, Unset):
            on_due_date = UNSET
        else:
            on_due_date = self.on_due_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if invoice_id is not UNSET:
            field_dict["invoiceId"] = invoice_id
        if counter_party_name is not UNSET:
            field_dict["counterPartyName"] = counter_party_name
        if account_name is not UNSET:
            field_dict["accountName"] = account_name
        if due_date is not UNSET:
            field_dict["dueDate"] = due_date
        if currency is not UNSET:
            field_dict["currency"] = currency
        if discount_type is not UNSET:
            field_dict["discountType"] = discount_type
        if description is not UNSET:
            field_dict["description"] = description
        if billing_cycle is not UNSET:
            field_dict["billingCycle"] = billing_cycle
        if recuring_invoice is not UNSET:
            field_dict["recuringInvoice"] = recuring_invoice
        if payment_option is not UNSET:
            field_dict["paymentOption"] = payment_option
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if amount is not UNSET:
            field_dict["amount"] = amount
        if notifications is not UNSET:
            field_dict["notifications"] = notifications
        if paid_amount is not UNSET:
            field_dict["paidAmount"] = paid_amount
        if created is not UNSET:
            field_dict["created"] = created
        if invoice_status is not UNSET:
            field_dict["invoiceStatus"] = invoice_status
        if before_due_date is not UNSET:
            field_dict["beforeDueDate"] = before_due_date
        if after_due_date is not UNSET:
            field_dict["afterDueDate"] = after_due_date
        if on_due_date is not UNSET:
            field_dict["onDueDate"] = on_due_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_invoice_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_id = _parse_invoice_id(d.pop("invoiceId", UNSET))

        def _parse_counter_party_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        counter_party_name = _parse_counter_party_name(d.pop("counterPartyName", UNSET))

        def _parse_account_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_name = _parse_account_name(d.pop("accountName", UNSET))

        def _parse_due_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.datetime.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        due_date = _parse_due_date(d.pop("dueDate", UNSET))

        def _parse_currency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_discount_type(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        discount_type = _parse_discount_type(d.pop("discountType", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_billing_cycle(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        billing_cycle = _parse_billing_cycle(d.pop("billingCycle", UNSET))

        def _parse_recuring_invoice(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        recuring_invoice = _parse_recuring_invoice(d.pop("recuringInvoice", UNSET))

        def _parse_payment_option(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        payment_option = _parse_payment_option(d.pop("paymentOption", UNSET))

        def _parse_user_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        def _parse_amount(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_notifications(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notifications = _parse_notifications(d.pop("notifications", UNSET))

        def _parse_paid_amount(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        paid_amount = _parse_paid_amount(d.pop("paidAmount", UNSET))

        def _parse_created(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_type_0 = datetime.datetime.fromisoformat(data)

                return created_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created = _parse_created(d.pop("created", UNSET))

        def _parse_invoice_status(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        invoice_status = _parse_invoice_status(d.pop("invoiceStatus", UNSET))

        def _parse_before_due_date(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        before_due_date = _parse_before_due_date(d.pop("beforeDueDate", UNSET))

        def _parse_after_due_date(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        after_due_date = _parse_after_due_date(d.pop("afterDueDate", UNSET))

        def _parse_on_due_date(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        on_due_date = _parse_on_due_date(d.pop("onDueDate", UNSET))

        invoice = cls(
            id=id,
            invoice_id=invoice_id,
            counter_party_name=counter_party_name,
            account_name=account_name,
            due_date=due_date,
            currency=currency,
            discount_type=discount_type,
            description=description,
            billing_cycle=billing_cycle,
            recuring_invoice=recuring_invoice,
            payment_option=payment_option,
            user_id=user_id,
            amount=amount,
            notifications=notifications,
            paid_amount=paid_amount,
            created=created,
            invoice_status=invoice_status,
            before_due_date=before_due_date,
            after_due_date=after_due_date,
            on_due_date=on_due_date,
        )

        invoice.additional_properties = d
        return invoice

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
