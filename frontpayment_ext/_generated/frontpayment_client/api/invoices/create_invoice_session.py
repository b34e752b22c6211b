from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_invoice_session_request import CreateInvoiceSessionRequest
from ...models.error_envelope import ErrorEnvelope
from ...models.invoice_session_envelope import InvoiceSessionEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateInvoiceSessionRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/connect/orders/invoice/submit",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | InvoiceSessionEnvelope | None:
    if response.status_code == 201:
        response_201 = InvoiceSessionEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | InvoiceSessionEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateInvoiceSessionRequest,
) -> Response[ErrorEnvelope | InvoiceSessionEnvelope]:
    """Create Session for Invoice Order - order plus a BankID verification URL

     Creates an invoice order. A corporate customer gets a BankID verification URL (`bankIdUrl`); a
    private
    customer's order goes straight to INVOICED. `orderDate` must be now or in the future.

    Resubmitting safely: pass the `orderUuid` of an earlier call as `fpgoUuid` (with `orderFrom:
    PARTNER`) to
    update that order instead of creating a duplicate. This is the only documented way to repeat a
    session
    request whose outcome is unknown.

    Args:
        body (CreateInvoiceSessionRequest): The body of Create Session for Invoice Order (rules
            apply after the server's trimming, see `Blank`).
            Fields the page calls "Optional" that are `nullable` on the sibling pages accept null;
            `invoiceInterval`,
            `separateInvoices` and `invoiceMaturity` are `sometimes` there, so they may be absent but
            not null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | InvoiceSessionEnvelope]
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
    body: CreateInvoiceSessionRequest,
) -> ErrorEnvelope | InvoiceSessionEnvelope | None:
    """Create Session for Invoice Order - order plus a BankID verification URL

     Creates an invoice order. A corporate customer gets a BankID verification URL (`bankIdUrl`); a
    private
    customer's order goes straight to INVOICED. `orderDate` must be now or in the future.

    Resubmitting safely: pass the `orderUuid` of an earlier call as `fpgoUuid` (with `orderFrom:
    PARTNER`) to
    update that order instead of creating a duplicate. This is the only documented way to repeat a
    session
    request whose outcome is unknown.

    Args:
        body (CreateInvoiceSessionRequest): The body of Create Session for Invoice Order (rules
            apply after the server's trimming, see `Blank`).
            Fields the page calls "Optional" that are `nullable` on the sibling pages accept null;
            `invoiceInterval`,
            `separateInvoices` and `invoiceMaturity` are `sometimes` there, so they may be absent but
            not null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | InvoiceSessionEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateInvoiceSessionRequest,
) -> Response[ErrorEnvelope | InvoiceSessionEnvelope]:
    """Create Session for Invoice Order - order plus a BankID verification URL

     Creates an invoice order. A corporate customer gets a BankID verification URL (`bankIdUrl`); a
    private
    customer's order goes straight to INVOICED. `orderDate` must be now or in the future.

    Resubmitting safely: pass the `orderUuid` of an earlier call as `fpgoUuid` (with `orderFrom:
    PARTNER`) to
    update that order instead of creating a duplicate. This is the only documented way to repeat a
    session
    request whose outcome is unknown.

    Args:
        body (CreateInvoiceSessionRequest): The body of Create Session for Invoice Order (rules
            apply after the server's trimming, see `Blank`).
            Fields the page calls "Optional" that are `nullable` on the sibling pages accept null;
            `invoiceInterval`,
            `separateInvoices` and `invoiceMaturity` are `sometimes` there, so they may be absent but
            not null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | InvoiceSessionEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateInvoiceSessionRequest,
) -> ErrorEnvelope | InvoiceSessionEnvelope | None:
    """Create Session for Invoice Order - order plus a BankID verification URL

     Creates an invoice order. A corporate customer gets a BankID verification URL (`bankIdUrl`); a
    private
    customer's order goes straight to INVOICED. `orderDate` must be now or in the future.

    Resubmitting safely: pass the `orderUuid` of an earlier call as `fpgoUuid` (with `orderFrom:
    PARTNER`) to
    update that order instead of creating a duplicate. This is the only documented way to repeat a
    session
    request whose outcome is unknown.

    Args:
        body (CreateInvoiceSessionRequest): The body of Create Session for Invoice Order (rules
            apply after the server's trimming, see `Blank`).
            Fields the page calls "Optional" that are `nullable` on the sibling pages accept null;
            `invoiceInterval`,
            `separateInvoices` and `invoiceMaturity` are `sometimes` there, so they may be absent but
            not null.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | InvoiceSessionEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
