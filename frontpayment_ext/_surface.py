"""Generated from openapi/frontpayment.yaml by tools/surface_codegen.py: do not edit, run `nox -s generate`.

The typed surface of the API: result classes, the operation table, and the sync and async methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cached_property
from typing import Any, Unpack

import attrs

from frontpayment_ext._models import FieldSpec, Model, spec
from frontpayment_ext._operation_spec import ListResult, OperationSpec, PayloadSource, RequestOptions, Resource
from frontpayment_ext.results import RawResponse


@attrs.frozen
class InvoiceNumber(Model):
    """The order was found. ``raw`` keeps the whole response."""

    order_uuid: str = spec("orderUuid", "str", required=True, nullable=False)
    invoice_number: str | None = spec("invoiceNumber", "str", required=True)
    status: str = spec("status", "str", required=True, nullable=False)
    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit


@attrs.frozen
class OrderCreated(Model):
    """The order was created. ``raw`` keeps the whole response."""

    order_uuid: str = spec("uuid", "str", required=True, nullable=False, non_empty=True)
    customer_uuid: str = spec("customerUuid", "str", required=True, nullable=False)
    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit


@attrs.frozen
class InvoiceSession(Model):
    """The order was created. ``raw`` keeps the whole response."""

    order_uuid: str = spec("orderUuid", "str", required=True, nullable=False)
    customer_uuid: str = spec("customerUuid", "str", required=True, nullable=False)
    bank_id_url: str | None = spec("bankIdUrl", "str")
    payment_url: str | None = spec("paymentUrl", "str")
    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit


@attrs.frozen
class OrderStatusData(Model):
    """The `OrderStatusData` schema of the spec."""

    order_uuid: str = spec("uuid", "str", required=True, nullable=False)
    status: str = spec("status", "str", required=True, nullable=False)
    order_amount: Decimal | None = spec("orderAmount", "decimal")
    refunded_amount: Decimal | None = spec("refundedAmount", "decimal")


@attrs.frozen
class OrderStatusList(ListResult, Model):
    """The account's orders and their statuses. ``raw`` keeps the whole response."""

    items: tuple[OrderStatusData, ...] = attrs.field(kw_only=True)
    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit

    @classmethod
    def item_model(cls) -> type[Model]:
        return OrderStatusData


@attrs.frozen
class OrderStatus(Model):
    """The order's status. ``raw`` keeps the whole response."""

    order_uuid: str = spec("uuid", "str", required=True, nullable=False)
    status: str = spec("status", "str", required=True, nullable=False)
    order_amount: Decimal | None = spec("orderAmount", "decimal")
    refunded_amount: Decimal | None = spec("refundedAmount", "decimal")
    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit


@attrs.frozen
class OrderDetailsProduct(Model):
    """The `OrderDetailsProduct` schema of the spec."""

    id: str | None = spec("id", "str")
    name: str | None = spec("name", "str")
    product_id: str | None = spec("productId", "str")
    quantity: Decimal | None = spec("quantity", "decimal")
    rate: Decimal | None = spec("rate", "decimal")
    discount: Decimal | None = spec("discount", "decimal")
    tax: Decimal | None = spec("tax", "decimal")
    amount: Decimal | None = spec("amount", "decimal")


@attrs.frozen
class OrderDetailsSummary(Model):
    """Note `tax` and `discount` here, where requests say `totalTax` and `totalDiscount`."""

    sub_total: Decimal | None = spec("subTotal", "decimal")
    tax: Decimal | None = spec("tax", "decimal")
    discount: Decimal | None = spec("discount", "decimal")
    grand_total: Decimal | None = spec("grandTotal", "decimal")


@attrs.frozen
class OrderDetailsAddress(Model):
    """The `OrderDetailsAddress` schema of the spec."""

    street: str | None = spec("street", "str")
    zip: str | None = spec("zip", "str")
    city: str | None = spec("city", "str")
    country: str | None = spec("country", "str")


@attrs.frozen
class OrderDetailsCustomer(Model):
    """The `OrderDetailsCustomer` schema of the spec."""

    type: str | None = spec("type", "str")
    uuid: str | None = spec("uuid", "str")
    country_code: str | None = spec("countryCode", "str")
    msisdn: str | None = spec("msisdn", "str")
    email: str | None = spec("email", "str")
    name: str | None = spec("name", "str")
    preferred_language: str | None = spec("preferredLanguage", "str")
    personal_number: str | None = spec("personalNumber", "str")
    organization_id: str | None = spec("organizationId", "str")
    address: OrderDetailsAddress | None = spec("address", "model", model=OrderDetailsAddress)


@attrs.frozen
class OrderDetailsSendOrderBy(Model):
    """How the order was sent (oldest revision of Get Order Details)."""

    sms: bool | None = spec("sms", "bool")
    email: bool | None = spec("email", "bool")
    invoice: bool | None = spec("invoice", "bool")


@attrs.frozen
class OrderDetails(Model):
    """The order. ``raw`` keeps the whole response."""

    type: str | None = spec("type", "str")
    order_uuid: str = spec("orderUuid", "str", required=True, nullable=False)
    invoice_number: str | None = spec("invoiceNumber", "str")
    status: str = spec("status", "str", required=True, nullable=False)
    order_date: str | None = spec("orderDate", "str")
    payment_link_due_date: str | None = spec("paymentLinkDueDate", "str")
    product_list: tuple[OrderDetailsProduct, ...] = spec("productList", "list", item=FieldSpec("", "model", model=OrderDetailsProduct))
    order_summary: OrderDetailsSummary | None = spec("orderSummary", "model", model=OrderDetailsSummary)
    customer_details: OrderDetailsCustomer | None = spec("customerDetails", "model", model=OrderDetailsCustomer)
    payment_link: str | None = spec("paymentLink", "str")
    invoice_as_payment_option: bool | None = spec("invoiceAsPaymentOption", "bool")
    send_order_by: OrderDetailsSendOrderBy | None = spec("sendOrderBy", "model", model=OrderDetailsSendOrderBy)
    credit_check: Any | None = spec("creditCheck", "any")
    invoice_references: Any | None = spec("invoiceReferences", "any")
    internal_references: Any | None = spec("internalReferences", "any")
    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit


@attrs.frozen
class Accepted(Model):
    """Accepted (`data` is null). ``raw`` keeps the whole response."""

    message: str = attrs.field(kw_only=True)
    raw: RawResponse = attrs.field(kw_only=True, repr=False, eq=False)

    @property
    def rate_limit(self) -> Any:
        """The rate limit the server advertised with this response."""
        return self.raw.rate_limit


OPERATIONS: dict[str, OperationSpec] = {
    'get_invoice_number': OperationSpec(name='get_invoice_number', method='GET', path='/api/v1/connect/orders/invoice-number/{orderUuid}', summary='Get the invoice number and status of an order', result=InvoiceNumber, result_kind='object', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body=None, body_fields=(), changes_state=False, empty_on_404=False, success=frozenset({200}), cli=(), cli_fields=()),
    'send_invoice': OperationSpec(name='send_invoice', method='POST', path='/api/v1/connect/orders/invoice/create', summary='Send Invoice', result=OrderCreated, result_kind='object', path_params=(), query_params=(), body='invoice', body_fields=(), changes_state=True, empty_on_404=False, success=frozenset({201}), cli=(), cli_fields=()),
    'send_ehf_invoice': OperationSpec(name='send_ehf_invoice', method='POST', path='/api/v1/connect/orders/invoice/create/ehf', summary='Send EHF Invoice', result=OrderCreated, result_kind='object', path_params=(), query_params=(), body='ehf', body_fields=(), changes_state=True, empty_on_404=False, success=frozenset({201}), cli=(), cli_fields=()),
    'create_invoice_session': OperationSpec(name='create_invoice_session', method='POST', path='/api/v1/connect/orders/invoice/submit', summary='Create Session for Invoice Order', result=InvoiceSession, result_kind='object', path_params=(), query_params=(), body='session', body_fields=(), changes_state=True, empty_on_404=False, success=frozenset({201}), cli=(), cli_fields=()),
    'list_order_statuses': OperationSpec(name='list_order_statuses', method='GET', path='/api/v1/connect/orders/status', summary='Get All Order Status', result=OrderStatusList, result_kind='list', path_params=(), query_params=(('status', 'type'),), body=None, body_fields=(), changes_state=False, empty_on_404=True, success=frozenset({200}), cli=('orders', 'list'), cli_fields=()),
    'get_order_status': OperationSpec(name='get_order_status', method='GET', path='/api/v1/connect/orders/status/{orderUuid}', summary='Get Order Status By UUID', result=OrderStatus, result_kind='object', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body=None, body_fields=(), changes_state=False, empty_on_404=False, success=frozenset({200}), cli=('orders', 'status'), cli_fields=()),
    'get_order_details': OperationSpec(name='get_order_details', method='GET', path='/api/v1/connect/orders/details/{orderUuid}', summary='Get Order Details By UUID', result=OrderDetails, result_kind='object', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body=None, body_fields=(), changes_state=False, empty_on_404=False, success=frozenset({200}), cli=('orders', 'details'), cli_fields=()),
    'cancel_order': OperationSpec(name='cancel_order', method='POST', path='/api/v1/connect/orders/cancel/{orderUuid}', summary='Cancel Order', result=Accepted, result_kind='none', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body='cancel', body_fields=(('cancellation_note', 'cancellationNote'),), changes_state=True, empty_on_404=False, success=frozenset({202}), cli=('orders', 'cancel'), cli_fields=(('note', 'cancellationNote'),)),
    'refund_order': OperationSpec(name='refund_order', method='POST', path='/api/v1/connect/orders/refund/{orderUuid}', summary='Refund Order', result=Accepted, result_kind='none', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body='refund', body_fields=(), changes_state=True, empty_on_404=False, success=frozenset({202}), cli=('orders', 'refund'), cli_fields=()),
    'request_refund_approval': OperationSpec(name='request_refund_approval', method='POST', path='/api/v1/orders/refund/request/approval/{orderUuid}', summary='Request Refund Approval', result=Accepted, result_kind='none', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body='refund-approval', body_fields=(), changes_state=True, empty_on_404=False, success=frozenset({201}), cli=('orders', 'refund-approval'), cli_fields=()),
    'resend_payment_link': OperationSpec(name='resend_payment_link', method='POST', path='/api/v1/connect/orders/resend/{orderUuid}', summary='Resend Payment Link', result=Accepted, result_kind='none', path_params=(('order_uuid', 'orderUuid'),), query_params=(), body='resend', body_fields=(('country_code', 'countryCode'), ('msisdn', 'msisdn'), ('email', 'email')), changes_state=True, empty_on_404=False, success=frozenset({202}), cli=('orders', 'resend'), cli_fields=(('email', 'email'), ('msisdn', 'msisdn'), ('country-code', 'countryCode'))),
    'send_efaktura': OperationSpec(name='send_efaktura', method='POST', path='/api/v1/connect/orders/invoice/create/faktura', summary='Send E-Faktura', result=OrderCreated, result_kind='object', path_params=(), query_params=(), body='faktura', body_fields=(), changes_state=True, empty_on_404=False, success=frozenset({201}), cli=(), cli_fields=()),
}

# The validator's endpoint names (``validate(payload, name)``, ``--endpoint``) and their request schemas.
ENDPOINTS: dict[str, str] = {
    'invoice': 'SendInvoiceRequest',
    'ehf': 'SendEhfInvoiceRequest',
    'session': 'CreateInvoiceSessionRequest',
    'cancel': 'CancelOrderRequest',
    'refund': 'RefundOrderRequest',
    'refund-approval': 'RefundApprovalRequest',
    'resend': 'ResendPaymentLinkRequest',
    'faktura': 'SendEfakturaRequest',
}

# The SDK's business rules (beyond the schema) that each endpoint's body is checked by.
ENDPOINT_RULES: dict[str, tuple[str, ...]] = {
    'invoice': ('order',),
    'ehf': ('order',),
    'session': ('order', 'session_date'),
    'cancel': (),
    'refund': ('refund',),
    'refund-approval': ('refund',),
    'resend': ('contact_channel',),
    'faktura': ('order',),
}


class Orders(Resource):
    """The orders operations."""

    def invoice_number(self, order_uuid: str, **options: Unpack[RequestOptions]) -> InvoiceNumber:
        """Get the invoice number and status of an order. A safe read, retried on failure."""
        result: InvoiceNumber = self._client._call(OPERATIONS['get_invoice_number'], params={"order_uuid": order_uuid}, **options)
        return result

    def list(self, *, status: str | None = None, **options: Unpack[RequestOptions]) -> OrderStatusList:
        """Get All Order Status. A safe read, retried on failure."""
        result: OrderStatusList = self._client._call(OPERATIONS['list_order_statuses'], params={"status": status}, **options)
        return result

    def status(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderStatus:
        """Get Order Status By UUID. A safe read, retried on failure."""
        result: OrderStatus = self._client._call(OPERATIONS['get_order_status'], params={"order_uuid": order_uuid}, **options)
        return result

    def details(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderDetails:
        """Get Order Details By UUID. A safe read, retried on failure."""
        result: OrderDetails = self._client._call(OPERATIONS['get_order_details'], params={"order_uuid": order_uuid}, **options)
        return result

    def cancel(self, order_uuid: str, *, cancellation_note: str, **options: Unpack[RequestOptions]) -> Accepted:
        """Cancel Order. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"cancellationNote": cancellation_note}.items() if v is not None}
        result: Accepted = self._client._call(OPERATIONS['cancel_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def refund(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Refund Order. Changes state: never resent after an unknown outcome."""
        result: Accepted = self._client._call(OPERATIONS['refund_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def request_refund_approval(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Request Refund Approval. Changes state: never resent after an unknown outcome."""
        result: Accepted = self._client._call(OPERATIONS['request_refund_approval'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def resend(self, order_uuid: str, *, country_code: str | None = None, msisdn: str | None = None, email: str | None = None, **options: Unpack[RequestOptions]) -> Accepted:
        """Resend Payment Link. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"countryCode": country_code, "msisdn": msisdn, "email": email}.items() if v is not None}
        result: Accepted = self._client._call(OPERATIONS['resend_payment_link'], body, params={"order_uuid": order_uuid}, **options)
        return result


class Invoices(Resource):
    """The invoices operations."""

    def send(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = self._client._call(OPERATIONS['send_invoice'], order, **options)
        return result

    def send_ehf(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send EHF Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = self._client._call(OPERATIONS['send_ehf_invoice'], order, **options)
        return result

    def create_session(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> InvoiceSession:
        """Create Session for Invoice Order. Changes state: never resent after an unknown outcome."""
        result: InvoiceSession = self._client._call(OPERATIONS['create_invoice_session'], order, **options)
        return result

    def send_efaktura(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send E-Faktura. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = self._client._call(OPERATIONS['send_efaktura'], order, **options)
        return result


class FrontpaymentMethods:
    """Every operation of the spec as a method of the synchronous client, and its resources."""

    _call: Any

    @cached_property
    def orders(self) -> Orders:
        """The orders operations (``client.orders.<method>``)."""
        return Orders(self)

    @cached_property
    def invoices(self) -> Invoices:
        """The invoices operations (``client.invoices.<method>``)."""
        return Invoices(self)

    def get_invoice_number(self, order_uuid: str, **options: Unpack[RequestOptions]) -> InvoiceNumber:
        """Get the invoice number and status of an order. A safe read, retried on failure."""
        result: InvoiceNumber = self._call(OPERATIONS['get_invoice_number'], params={"order_uuid": order_uuid}, **options)
        return result

    def send_invoice(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = self._call(OPERATIONS['send_invoice'], order, **options)
        return result

    def send_ehf_invoice(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send EHF Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = self._call(OPERATIONS['send_ehf_invoice'], order, **options)
        return result

    def create_invoice_session(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> InvoiceSession:
        """Create Session for Invoice Order. Changes state: never resent after an unknown outcome."""
        result: InvoiceSession = self._call(OPERATIONS['create_invoice_session'], order, **options)
        return result

    def list_order_statuses(self, *, status: str | None = None, **options: Unpack[RequestOptions]) -> OrderStatusList:
        """Get All Order Status. A safe read, retried on failure."""
        result: OrderStatusList = self._call(OPERATIONS['list_order_statuses'], params={"status": status}, **options)
        return result

    def get_order_status(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderStatus:
        """Get Order Status By UUID. A safe read, retried on failure."""
        result: OrderStatus = self._call(OPERATIONS['get_order_status'], params={"order_uuid": order_uuid}, **options)
        return result

    def get_order_details(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderDetails:
        """Get Order Details By UUID. A safe read, retried on failure."""
        result: OrderDetails = self._call(OPERATIONS['get_order_details'], params={"order_uuid": order_uuid}, **options)
        return result

    def cancel_order(self, order_uuid: str, *, cancellation_note: str, **options: Unpack[RequestOptions]) -> Accepted:
        """Cancel Order. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"cancellationNote": cancellation_note}.items() if v is not None}
        result: Accepted = self._call(OPERATIONS['cancel_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def refund_order(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Refund Order. Changes state: never resent after an unknown outcome."""
        result: Accepted = self._call(OPERATIONS['refund_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def request_refund_approval(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Request Refund Approval. Changes state: never resent after an unknown outcome."""
        result: Accepted = self._call(OPERATIONS['request_refund_approval'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def resend_payment_link(self, order_uuid: str, *, country_code: str | None = None, msisdn: str | None = None, email: str | None = None, **options: Unpack[RequestOptions]) -> Accepted:
        """Resend Payment Link. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"countryCode": country_code, "msisdn": msisdn, "email": email}.items() if v is not None}
        result: Accepted = self._call(OPERATIONS['resend_payment_link'], body, params={"order_uuid": order_uuid}, **options)
        return result

    def send_efaktura(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send E-Faktura. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = self._call(OPERATIONS['send_efaktura'], order, **options)
        return result


class AsyncOrders(Resource):
    """The orders operations."""

    async def invoice_number(self, order_uuid: str, **options: Unpack[RequestOptions]) -> InvoiceNumber:
        """Get the invoice number and status of an order. A safe read, retried on failure."""
        result: InvoiceNumber = await self._client._call(OPERATIONS['get_invoice_number'], params={"order_uuid": order_uuid}, **options)
        return result

    async def list(self, *, status: str | None = None, **options: Unpack[RequestOptions]) -> OrderStatusList:
        """Get All Order Status. A safe read, retried on failure."""
        result: OrderStatusList = await self._client._call(OPERATIONS['list_order_statuses'], params={"status": status}, **options)
        return result

    async def status(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderStatus:
        """Get Order Status By UUID. A safe read, retried on failure."""
        result: OrderStatus = await self._client._call(OPERATIONS['get_order_status'], params={"order_uuid": order_uuid}, **options)
        return result

    async def details(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderDetails:
        """Get Order Details By UUID. A safe read, retried on failure."""
        result: OrderDetails = await self._client._call(OPERATIONS['get_order_details'], params={"order_uuid": order_uuid}, **options)
        return result

    async def cancel(self, order_uuid: str, *, cancellation_note: str, **options: Unpack[RequestOptions]) -> Accepted:
        """Cancel Order. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"cancellationNote": cancellation_note}.items() if v is not None}
        result: Accepted = await self._client._call(OPERATIONS['cancel_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def refund(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Refund Order. Changes state: never resent after an unknown outcome."""
        result: Accepted = await self._client._call(OPERATIONS['refund_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def request_refund_approval(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Request Refund Approval. Changes state: never resent after an unknown outcome."""
        result: Accepted = await self._client._call(OPERATIONS['request_refund_approval'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def resend(self, order_uuid: str, *, country_code: str | None = None, msisdn: str | None = None, email: str | None = None, **options: Unpack[RequestOptions]) -> Accepted:
        """Resend Payment Link. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"countryCode": country_code, "msisdn": msisdn, "email": email}.items() if v is not None}
        result: Accepted = await self._client._call(OPERATIONS['resend_payment_link'], body, params={"order_uuid": order_uuid}, **options)
        return result


class AsyncInvoices(Resource):
    """The invoices operations."""

    async def send(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = await self._client._call(OPERATIONS['send_invoice'], order, **options)
        return result

    async def send_ehf(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send EHF Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = await self._client._call(OPERATIONS['send_ehf_invoice'], order, **options)
        return result

    async def create_session(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> InvoiceSession:
        """Create Session for Invoice Order. Changes state: never resent after an unknown outcome."""
        result: InvoiceSession = await self._client._call(OPERATIONS['create_invoice_session'], order, **options)
        return result

    async def send_efaktura(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send E-Faktura. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = await self._client._call(OPERATIONS['send_efaktura'], order, **options)
        return result


class AsyncFrontpaymentMethods:
    """Every operation of the spec as a method of the asynchronous client, and its resources."""

    _call: Any

    @cached_property
    def orders(self) -> AsyncOrders:
        """The orders operations (``client.orders.<method>``)."""
        return AsyncOrders(self)

    @cached_property
    def invoices(self) -> AsyncInvoices:
        """The invoices operations (``client.invoices.<method>``)."""
        return AsyncInvoices(self)

    async def get_invoice_number(self, order_uuid: str, **options: Unpack[RequestOptions]) -> InvoiceNumber:
        """Get the invoice number and status of an order. A safe read, retried on failure."""
        result: InvoiceNumber = await self._call(OPERATIONS['get_invoice_number'], params={"order_uuid": order_uuid}, **options)
        return result

    async def send_invoice(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = await self._call(OPERATIONS['send_invoice'], order, **options)
        return result

    async def send_ehf_invoice(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send EHF Invoice. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = await self._call(OPERATIONS['send_ehf_invoice'], order, **options)
        return result

    async def create_invoice_session(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> InvoiceSession:
        """Create Session for Invoice Order. Changes state: never resent after an unknown outcome."""
        result: InvoiceSession = await self._call(OPERATIONS['create_invoice_session'], order, **options)
        return result

    async def list_order_statuses(self, *, status: str | None = None, **options: Unpack[RequestOptions]) -> OrderStatusList:
        """Get All Order Status. A safe read, retried on failure."""
        result: OrderStatusList = await self._call(OPERATIONS['list_order_statuses'], params={"status": status}, **options)
        return result

    async def get_order_status(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderStatus:
        """Get Order Status By UUID. A safe read, retried on failure."""
        result: OrderStatus = await self._call(OPERATIONS['get_order_status'], params={"order_uuid": order_uuid}, **options)
        return result

    async def get_order_details(self, order_uuid: str, **options: Unpack[RequestOptions]) -> OrderDetails:
        """Get Order Details By UUID. A safe read, retried on failure."""
        result: OrderDetails = await self._call(OPERATIONS['get_order_details'], params={"order_uuid": order_uuid}, **options)
        return result

    async def cancel_order(self, order_uuid: str, *, cancellation_note: str, **options: Unpack[RequestOptions]) -> Accepted:
        """Cancel Order. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"cancellationNote": cancellation_note}.items() if v is not None}
        result: Accepted = await self._call(OPERATIONS['cancel_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def refund_order(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Refund Order. Changes state: never resent after an unknown outcome."""
        result: Accepted = await self._call(OPERATIONS['refund_order'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def request_refund_approval(self, order_uuid: str, body: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> Accepted:
        """Request Refund Approval. Changes state: never resent after an unknown outcome."""
        result: Accepted = await self._call(OPERATIONS['request_refund_approval'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def resend_payment_link(self, order_uuid: str, *, country_code: str | None = None, msisdn: str | None = None, email: str | None = None, **options: Unpack[RequestOptions]) -> Accepted:
        """Resend Payment Link. Changes state: never resent after an unknown outcome."""
        body = {k: v for k, v in {"countryCode": country_code, "msisdn": msisdn, "email": email}.items() if v is not None}
        result: Accepted = await self._call(OPERATIONS['resend_payment_link'], body, params={"order_uuid": order_uuid}, **options)
        return result

    async def send_efaktura(self, order: Mapping[str, Any] | PayloadSource, **options: Unpack[RequestOptions]) -> OrderCreated:
        """Send E-Faktura. Changes state: never resent after an unknown outcome."""
        result: OrderCreated = await self._call(OPERATIONS['send_efaktura'], order, **options)
        return result
