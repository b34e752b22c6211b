from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.order_created_envelope import OrderCreatedEnvelope
from ...models.send_efaktura_request import SendEfakturaRequest
from ...types import Response


def _get_kwargs(
    *,
    body: SendEfakturaRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/connect/orders/invoice/create/faktura",
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
    body: SendEfakturaRequest,
) -> Response[ErrorEnvelope | OrderCreatedEnvelope]:
    """Send E-Faktura - an invoice delivered into a private customer's online bank

     Creates an invoice order delivered as eFaktura and returns the order UUID and the customer UUID,
    like Send
    Invoice. The newest pages give the path as `POST /api/v1/connect/orders/faktura/create`; the real
    demo server
    (July 2025) answered at this one, the family of the EHF path, and validated the whole body (its 417
    named only
    the order date's format), so this path is the one used. Not idempotent (see Send Invoice).

    Args:
        body (SendEfakturaRequest): The body of Send E-Faktura: Send Invoice's family. The real
            server (July 2025) validated a body without
            `invoiceFeeApplicable` and `callback` and named only `orderDate`, so only the order itself
            is required.

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
    body: SendEfakturaRequest,
) -> ErrorEnvelope | OrderCreatedEnvelope | None:
    """Send E-Faktura - an invoice delivered into a private customer's online bank

     Creates an invoice order delivered as eFaktura and returns the order UUID and the customer UUID,
    like Send
    Invoice. The newest pages give the path as `POST /api/v1/connect/orders/faktura/create`; the real
    demo server
    (July 2025) answered at this one, the family of the EHF path, and validated the whole body (its 417
    named only
    the order date's format), so this path is the one used. Not idempotent (see Send Invoice).

    Args:
        body (SendEfakturaRequest): The body of Send E-Faktura: Send Invoice's family. The real
            server (July 2025) validated a body without
            `invoiceFeeApplicable` and `callback` and named only `orderDate`, so only the order itself
            is required.

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
    body: SendEfakturaRequest,
) -> Response[ErrorEnvelope | OrderCreatedEnvelope]:
    """Send E-Faktura - an invoice delivered into a private customer's online bank

     Creates an invoice order delivered as eFaktura and returns the order UUID and the customer UUID,
    like Send
    Invoice. The newest pages give the path as `POST /api/v1/connect/orders/faktura/create`; the real
    demo server
    (July 2025) answered at this one, the family of the EHF path, and validated the whole body (its 417
    named only
    the order date's format), so this path is the one used. Not idempotent (see Send Invoice).

    Args:
        body (SendEfakturaRequest): The body of Send E-Faktura: Send Invoice's family. The real
            server (July 2025) validated a body without
            `invoiceFeeApplicable` and `callback` and named only `orderDate`, so only the order itself
            is required.

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
    body: SendEfakturaRequest,
) -> ErrorEnvelope | OrderCreatedEnvelope | None:
    """Send E-Faktura - an invoice delivered into a private customer's online bank

     Creates an invoice order delivered as eFaktura and returns the order UUID and the customer UUID,
    like Send
    Invoice. The newest pages give the path as `POST /api/v1/connect/orders/faktura/create`; the real
    demo server
    (July 2025) answered at this one, the family of the EHF path, and validated the whole body (its 417
    named only
    the order date's format), so this path is the one used. Not idempotent (see Send Invoice).

    Args:
        body (SendEfakturaRequest): The body of Send E-Faktura: Send Invoice's family. The real
            server (July 2025) validated a body without
            `invoiceFeeApplicable` and `callback` and named only `orderDate`, so only the order itself
            is required.

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
