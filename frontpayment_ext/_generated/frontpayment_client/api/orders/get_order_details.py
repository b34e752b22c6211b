from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.not_found_envelope import NotFoundEnvelope
from ...models.order_details_envelope import OrderDetailsEnvelope
from ...types import Response


def _get_kwargs(
    order_uuid: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/connect/orders/details/{order_uuid}".format(
            order_uuid=quote(str(order_uuid), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope | None:
    if response.status_code == 200:
        response_200 = OrderDetailsEnvelope.from_dict(response.json())

        return response_200

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

    if response.status_code == 510:
        response_510 = ErrorEnvelope.from_dict(response.json())

        return response_510

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_uuid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope]:
    """Get Order Details By UUID

     One order in full: its lines (with the product `id` a refund needs, when the server sends it),
    summary and
    customer. Note `orderSummary.tax`/`discount` here, not `totalTax`/`totalDiscount` as in requests. A
    safe
    read.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope]
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
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope | None:
    """Get Order Details By UUID

     One order in full: its lines (with the product `id` a refund needs, when the server sends it),
    summary and
    customer. Note `orderSummary.tax`/`discount` here, not `totalTax`/`totalDiscount` as in requests. A
    safe
    read.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope
    """

    return sync_detailed(
        order_uuid=order_uuid,
        client=client,
    ).parsed


async def asyncio_detailed(
    order_uuid: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope]:
    """Get Order Details By UUID

     One order in full: its lines (with the product `id` a refund needs, when the server sends it),
    summary and
    customer. Note `orderSummary.tax`/`discount` here, not `totalTax`/`totalDiscount` as in requests. A
    safe
    read.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope]
    """

    kwargs = _get_kwargs(
        order_uuid=order_uuid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_uuid: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope | None:
    """Get Order Details By UUID

     One order in full: its lines (with the product `id` a refund needs, when the server sends it),
    summary and
    customer. Note `orderSummary.tax`/`discount` here, not `totalTax`/`totalDiscount` as in requests. A
    safe
    read.

    Args:
        order_uuid (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderDetailsEnvelope
    """

    return (
        await asyncio_detailed(
            order_uuid=order_uuid,
            client=client,
        )
    ).parsed
