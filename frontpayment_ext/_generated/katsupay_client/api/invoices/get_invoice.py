from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_invoice_response import GetInvoiceResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    invoice_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["InvoiceId"] = invoice_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/Invoice/getbyId",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | GetInvoiceResponse | None:
    if response.status_code == 200:
        response_200 = GetInvoiceResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = cast(Any, None)
        return response_400

    if response.status_code == 404:
        response_404 = cast(Any, None)
        return response_404

    if response.status_code == 500:
        response_500 = cast(Any, None)
        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | GetInvoiceResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    invoice_id: str,
) -> Response[Any | GetInvoiceResponse]:
    """Get an invoice by its identifier

     Returns one invoice wrapped in the `{succeeded, message, errors, data}` envelope. `succeeded: false`
    is a
    failure even with HTTP 200. A safe read.

    Args:
        invoice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | GetInvoiceResponse]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    invoice_id: str,
) -> Any | GetInvoiceResponse | None:
    """Get an invoice by its identifier

     Returns one invoice wrapped in the `{succeeded, message, errors, data}` envelope. `succeeded: false`
    is a
    failure even with HTTP 200. A safe read.

    Args:
        invoice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | GetInvoiceResponse
    """

    return sync_detailed(
        client=client,
        invoice_id=invoice_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    invoice_id: str,
) -> Response[Any | GetInvoiceResponse]:
    """Get an invoice by its identifier

     Returns one invoice wrapped in the `{succeeded, message, errors, data}` envelope. `succeeded: false`
    is a
    failure even with HTTP 200. A safe read.

    Args:
        invoice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | GetInvoiceResponse]
    """

    kwargs = _get_kwargs(
        invoice_id=invoice_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    invoice_id: str,
) -> Any | GetInvoiceResponse | None:
    """Get an invoice by its identifier

     Returns one invoice wrapped in the `{succeeded, message, errors, data}` envelope. `succeeded: false`
    is a
    failure even with HTTP 200. A safe read.

    Args:
        invoice_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | GetInvoiceResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            invoice_id=invoice_id,
        )
    ).parsed
