from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.not_found_envelope import NotFoundEnvelope
from ...models.order_status_list_envelope import OrderStatusListEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["type"] = type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/connect/orders/status",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope | None:
    if response.status_code == 200:
        response_200 = OrderStatusListEnvelope.from_dict(response.json())

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
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope]:
    """Get All Order Status - every order of the account with its status

     Lists the account's orders as `{uuid, status}` pairs, optionally filtered by status. No pagination
    is
    documented. An account with no (matching) orders gets a 404, not an empty list: the real demo server
    answered both the filtered and the unfiltered call so (July 2025). The SDK turns that 404 into an
    empty list
    for this operation only. A safe read.

    Args:
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope]
    """

    kwargs = _get_kwargs(
        type_=type_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope | None:
    """Get All Order Status - every order of the account with its status

     Lists the account's orders as `{uuid, status}` pairs, optionally filtered by status. No pagination
    is
    documented. An account with no (matching) orders gets a 404, not an empty list: the real demo server
    answered both the filtered and the unfiltered call so (July 2025). The SDK turns that 404 into an
    empty list
    for this operation only. A safe read.

    Args:
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope
    """

    return sync_detailed(
        client=client,
        type_=type_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope]:
    """Get All Order Status - every order of the account with its status

     Lists the account's orders as `{uuid, status}` pairs, optionally filtered by status. No pagination
    is
    documented. An account with no (matching) orders gets a 404, not an empty list: the real demo server
    answered both the filtered and the unfiltered call so (July 2025). The SDK turns that 404 into an
    empty list
    for this operation only. A safe read.

    Args:
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope]
    """

    kwargs = _get_kwargs(
        type_=type_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    type_: str | Unset = UNSET,
) -> ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope | None:
    """Get All Order Status - every order of the account with its status

     Lists the account's orders as `{uuid, status}` pairs, optionally filtered by status. No pagination
    is
    documented. An account with no (matching) orders gets a 404, not an empty list: the real demo server
    answered both the filtered and the unfiltered call so (July 2025). The SDK turns that 404 into an
    empty list
    for this operation only. A safe read.

    Args:
        type_ (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | OrderStatusListEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
        )
    ).parsed
