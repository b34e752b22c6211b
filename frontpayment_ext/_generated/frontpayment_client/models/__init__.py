"""Contains all the data models used in inputs/outputs"""

from .accepted_envelope import AcceptedEnvelope
from .address import Address
from .callback import Callback
from .cancel_order_request import CancelOrderRequest
from .create_invoice_session_request import CreateInvoiceSessionRequest
from .customer_details import CustomerDetails
from .customer_type import CustomerType
from .ehf_callback import EhfCallback
from .ehf_customer_details import EhfCustomerDetails
from .error_envelope import ErrorEnvelope
from .faktura_customer_details import FakturaCustomerDetails
from .internal_references import InternalReferences
from .invoice_interval_type_0 import InvoiceIntervalType0
from .invoice_number_data import InvoiceNumberData
from .invoice_number_envelope import InvoiceNumberEnvelope
from .invoice_references import InvoiceReferences
from .invoice_session_data import InvoiceSessionData
from .invoice_session_envelope import InvoiceSessionEnvelope
from .laravel_boolean_type_1 import LaravelBooleanType1
from .laravel_boolean_type_2 import LaravelBooleanType2
from .not_found_envelope import NotFoundEnvelope
from .order_created_data import OrderCreatedData
from .order_created_envelope import OrderCreatedEnvelope
from .order_details_address import OrderDetailsAddress
from .order_details_customer import OrderDetailsCustomer
from .order_details_data import OrderDetailsData
from .order_details_data_internal_references_type_0 import OrderDetailsDataInternalReferencesType0
from .order_details_data_invoice_references_type_0 import OrderDetailsDataInvoiceReferencesType0
from .order_details_envelope import OrderDetailsEnvelope
from .order_details_product import OrderDetailsProduct
from .order_details_send_order_by import OrderDetailsSendOrderBy
from .order_details_summary import OrderDetailsSummary
from .order_status_data import OrderStatusData
from .order_status_envelope import OrderStatusEnvelope
from .order_status_list_envelope import OrderStatusListEnvelope
from .order_summary import OrderSummary
from .product_line import ProductLine
from .product_line_map import ProductLineMap
from .refund_approval_request import RefundApprovalRequest
from .refund_order_request import RefundOrderRequest
from .refund_product import RefundProduct
from .refund_products_type_1 import RefundProductsType1
from .refund_type import RefundType
from .resend_payment_link_request import ResendPaymentLinkRequest
from .send_efaktura_request import SendEfakturaRequest
from .send_ehf_invoice_request import SendEhfInvoiceRequest
from .send_invoice_request import SendInvoiceRequest
from .send_order_by import SendOrderBy
from .session_callback import SessionCallback
from .session_customer_details import SessionCustomerDetails
from .session_product_line import SessionProductLine
from .session_product_line_map import SessionProductLineMap
from .session_settings import SessionSettings
from .vat_rate_type_0 import VatRateType0

__all__ = (
    "AcceptedEnvelope",
    "Address",
    "Callback",
    "CancelOrderRequest",
    "CreateInvoiceSessionRequest",
    "CustomerDetails",
    "CustomerType",
    "EhfCallback",
    "EhfCustomerDetails",
    "ErrorEnvelope",
    "FakturaCustomerDetails",
    "InternalReferences",
    "InvoiceIntervalType0",
    "InvoiceNumberData",
    "InvoiceNumberEnvelope",
    "InvoiceReferences",
    "InvoiceSessionData",
    "InvoiceSessionEnvelope",
    "LaravelBooleanType1",
    "LaravelBooleanType2",
    "NotFoundEnvelope",
    "OrderCreatedData",
    "OrderCreatedEnvelope",
    "OrderDetailsAddress",
    "OrderDetailsCustomer",
    "OrderDetailsData",
    "OrderDetailsDataInternalReferencesType0",
    "OrderDetailsDataInvoiceReferencesType0",
    "OrderDetailsEnvelope",
    "OrderDetailsProduct",
    "OrderDetailsSendOrderBy",
    "OrderDetailsSummary",
    "OrderStatusData",
    "OrderStatusEnvelope",
    "OrderStatusListEnvelope",
    "OrderSummary",
    "ProductLine",
    "ProductLineMap",
    "RefundApprovalRequest",
    "RefundOrderRequest",
    "RefundProduct",
    "RefundProductsType1",
    "RefundType",
    "ResendPaymentLinkRequest",
    "SendEfakturaRequest",
    "SendEhfInvoiceRequest",
    "SendInvoiceRequest",
    "SendOrderBy",
    "SessionCallback",
    "SessionCustomerDetails",
    "SessionProductLine",
    "SessionProductLineMap",
    "SessionSettings",
    "VatRateType0",
)
