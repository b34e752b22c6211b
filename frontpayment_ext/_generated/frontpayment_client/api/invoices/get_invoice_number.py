from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.invoice_number_envelope import InvoiceNumberEnvelope
from ...models.not_found_envelope import NotFoundEnvelope
from ...types import Response


def _get_kwargs(
    order_uuid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/connect/orders/invoice-number/{order_uuid}".format(
            order_uuid=quote(str(order_uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope | None:
    if response.status_code == 200:
        response_200 = InvoiceNumberEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 404:

        def _parse_response_404(data: object) -> ErrorEnvelope | NotFoundEnvelope:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_not_found_body_type_0 = NotFoundEnvelope.from_dict(data)

                return componentsschemas_not_found_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_not_found_body_type_1 = ErrorEnvelope.from_dict(data)

            return componentsschemas_not_found_body_type_1

        response_404 = _parse_response_404(response.json())

        return response_404

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
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_uuid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope]:
    """Get the invoice number and status of an order

     Returns the invoice number and status of an order. An invoice number exists only for invoiced orders
    (status INVOICED, INKASSO, PURRING, PAID or REFUNDED); otherwise `invoiceNumber` is null.
    A safe read: retrying it has no side effect.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope]
    """

    kwargs = _get_kwargs(
        order_uuid=order_uuid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_uuid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope | None:
    """Get the invoice number and status of an order

     Returns the invoice number and status of an order. An invoice number exists only for invoiced orders
    (status INVOICED, INKASSO, PURRING, PAID or REFUNDED); otherwise `invoiceNumber` is null.
    A safe read: retrying it has no side effect.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope
    """

    return sync_detailed(
        order_uuid=order_uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    order_uuid: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope]:
    """Get the invoice number and status of an order

     Returns the invoice number and status of an order. An invoice number exists only for invoiced orders
    (status INVOICED, INKASSO, PURRING, PAID or REFUNDED); otherwise `invoiceNumber` is null.
    A safe read: retrying it has no side effect.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope]
    """

    kwargs = _get_kwargs(
        order_uuid=order_uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_uuid: str,
    *,
    client: AuthenticatedClient,
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope | None:
    """Get the invoice number and status of an order

     Returns the invoice number and status of an order. An invoice number exists only for invoiced orders
    (status INVOICED, INKASSO, PURRING, PAID or REFUNDED); otherwise `invoiceNumber` is null.
    A safe read: retrying it has no side effect.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | InvoiceNumberEnvelope
    """

    return (
        await asyncio_detailed(
            order_uuid=order_uuid,
            client=client,
        )
    ).parsed
