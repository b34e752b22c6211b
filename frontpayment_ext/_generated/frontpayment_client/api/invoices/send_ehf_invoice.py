from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.order_created_envelope import OrderCreatedEnvelope
from ...models.send_ehf_invoice_request import SendEhfInvoiceRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SendEhfInvoiceRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/connect/orders/invoice/create/ehf",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | OrderCreatedEnvelope | None:
    if response.status_code == 201:
        response_201 = OrderCreatedEnvelope.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 417:
        response_417 = ErrorEnvelope.from_dict(response.json())

        return response_417

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 510:
        response_510 = ErrorEnvelope.from_dict(response.json())

        return response_510

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | OrderCreatedEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SendEhfInvoiceRequest,
) -> Response[ErrorEnvelope | OrderCreatedEnvelope]:
    """Send EHF Invoice - the same for corporate customers, delivered as an EHF (PEPPOL) e-invoice

     Creates an invoice order delivered as an EHF e-invoice and returns the order UUID and the customer
    UUID
    (the document's text promises "payment URLs", its response example and the server give UUIDs).

    The document's rules table and the real demo server require `sendOrderBy.*`,
    `isCreditCheckAvailable`,
    `invoiceAsPaymentOption` and `customerDetails.preferredLanguage` although the document's example
    lacks them;
    the server did not ask a corporate customer for `personalNumber`. Not idempotent (see Send Invoice).

    Args:
        body (SendEhfInvoiceRequest): The body of Send EHF Invoice (rules apply after the server's
            trimming, see `Blank`).
            `invoiceFeeApplicable` is in the page's example but not in its rules table, and the real
            server did not
            ask for it: optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderCreatedEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SendEhfInvoiceRequest,
) -> ErrorEnvelope | OrderCreatedEnvelope | None:
    """Send EHF Invoice - the same for corporate customers, delivered as an EHF (PEPPOL) e-invoice

     Creates an invoice order delivered as an EHF e-invoice and returns the order UUID and the customer
    UUID
    (the document's text promises "payment URLs", its response example and the server give UUIDs).

    The document's rules table and the real demo server require `sendOrderBy.*`,
    `isCreditCheckAvailable`,
    `invoiceAsPaymentOption` and `customerDetails.preferredLanguage` although the document's example
    lacks them;
    the server did not ask a corporate customer for `personalNumber`. Not idempotent (see Send Invoice).

    Args:
        body (SendEhfInvoiceRequest): The body of Send EHF Invoice (rules apply after the server's
            trimming, see `Blank`).
            `invoiceFeeApplicable` is in the page's example but not in its rules table, and the real
            server did not
            ask for it: optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderCreatedEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SendEhfInvoiceRequest,
) -> Response[ErrorEnvelope | OrderCreatedEnvelope]:
    """Send EHF Invoice - the same for corporate customers, delivered as an EHF (PEPPOL) e-invoice

     Creates an invoice order delivered as an EHF e-invoice and returns the order UUID and the customer
    UUID
    (the document's text promises "payment URLs", its response example and the server give UUIDs).

    The document's rules table and the real demo server require `sendOrderBy.*`,
    `isCreditCheckAvailable`,
    `invoiceAsPaymentOption` and `customerDetails.preferredLanguage` although the document's example
    lacks them;
    the server did not ask a corporate customer for `personalNumber`. Not idempotent (see Send Invoice).

    Args:
        body (SendEhfInvoiceRequest): The body of Send EHF Invoice (rules apply after the server's
            trimming, see `Blank`).
            `invoiceFeeApplicable` is in the page's example but not in its rules table, and the real
            server did not
            ask for it: optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | OrderCreatedEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SendEhfInvoiceRequest,
) -> ErrorEnvelope | OrderCreatedEnvelope | None:
    """Send EHF Invoice - the same for corporate customers, delivered as an EHF (PEPPOL) e-invoice

     Creates an invoice order delivered as an EHF e-invoice and returns the order UUID and the customer
    UUID
    (the document's text promises "payment URLs", its response example and the server give UUIDs).

    The document's rules table and the real demo server require `sendOrderBy.*`,
    `isCreditCheckAvailable`,
    `invoiceAsPaymentOption` and `customerDetails.preferredLanguage` although the document's example
    lacks them;
    the server did not ask a corporate customer for `personalNumber`. Not idempotent (see Send Invoice).

    Args:
        body (SendEhfInvoiceRequest): The body of Send EHF Invoice (rules apply after the server's
            trimming, see `Blank`).
            `invoiceFeeApplicable` is in the page's example but not in its rules table, and the real
            server did not
            ask for it: optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | OrderCreatedEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
