from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.accepted_envelope import AcceptedEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...models.not_found_envelope import NotFoundEnvelope
from ...models.refund_order_request import RefundOrderRequest
from ...types import Response


def _get_kwargs(
    order_uuid: str,
    *,
    body: RefundOrderRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/connect/orders/refund/{order_uuid}".format(
            order_uuid=quote(str(order_uuid), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | None:
    if response.status_code == 202:
        response_202 = AcceptedEnvelope.from_dict(response.json())

        return response_202

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

    if response.status_code == 510:
        response_510 = ErrorEnvelope.from_dict(response.json())

        return response_510

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope]:
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
    body: RefundOrderRequest,
) -> Response[AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope]:
    """Refund Order - a full or partial refund

     Refunds part or all of a paid order, product by product (`products.*.id` from Get Order Details).
    The 202
    means accepted and pending processing: the refund is final only when the order's status says so.
    Money
    moves: the SDK never resends it after an unknown outcome.

    Args:
        order_uuid (str):
        body (RefundOrderRequest): The server's own rule tying `grandTotal` to the products is not
            documented; the SDK checks that it equals
            the sum of `products.*.amount` and that every amount is positive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope]
    """

    kwargs = _get_kwargs(
        order_uuid=order_uuid,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_uuid: str,
    *,
    client: AuthenticatedClient | Client,
    body: RefundOrderRequest,
) -> AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | None:
    """Refund Order - a full or partial refund

     Refunds part or all of a paid order, product by product (`products.*.id` from Get Order Details).
    The 202
    means accepted and pending processing: the refund is final only when the order's status says so.
    Money
    moves: the SDK never resends it after an unknown outcome.

    Args:
        order_uuid (str):
        body (RefundOrderRequest): The server's own rule tying `grandTotal` to the products is not
            documented; the SDK checks that it equals
            the sum of `products.*.amount` and that every amount is positive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope
    """

    return sync_detailed(
        order_uuid=order_uuid,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    order_uuid: str,
    *,
    client: AuthenticatedClient | Client,
    body: RefundOrderRequest,
) -> Response[AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope]:
    """Refund Order - a full or partial refund

     Refunds part or all of a paid order, product by product (`products.*.id` from Get Order Details).
    The 202
    means accepted and pending processing: the refund is final only when the order's status says so.
    Money
    moves: the SDK never resends it after an unknown outcome.

    Args:
        order_uuid (str):
        body (RefundOrderRequest): The server's own rule tying `grandTotal` to the products is not
            documented; the SDK checks that it equals
            the sum of `products.*.amount` and that every amount is positive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope]
    """

    kwargs = _get_kwargs(
        order_uuid=order_uuid,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_uuid: str,
    *,
    client: AuthenticatedClient | Client,
    body: RefundOrderRequest,
) -> AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope | None:
    """Refund Order - a full or partial refund

     Refunds part or all of a paid order, product by product (`products.*.id` from Get Order Details).
    The 202
    means accepted and pending processing: the refund is final only when the order's status says so.
    Money
    moves: the SDK never resends it after an unknown outcome.

    Args:
        order_uuid (str):
        body (RefundOrderRequest): The server's own rule tying `grandTotal` to the products is not
            documented; the SDK checks that it equals
            the sum of `products.*.amount` and that every amount is positive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AcceptedEnvelope | ErrorEnvelope | ErrorEnvelope | NotFoundEnvelope
    """

    return (
        await asyncio_detailed(
            order_uuid=order_uuid,
            client=client,
            body=body,
        )
    ).parsed
