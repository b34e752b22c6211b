from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="EhfCustomerDetails")


@_attrs_define
class EhfCustomerDetails:
    """The (corporate) customer of an EHF invoice. The page's rules table, copied from another page, calls
    `personalNumber` required; the real server did not ask a corporate customer for it, so it is optional here.
    `organizationId` is not in that table (only in the example): it is optional, nullable.

        Attributes:
            country_code (str): Country calling code of the customer's phone number (`+47` in every example).
                `required|string` in every
                document: any non-blank string, with or without the plus (`"47"` too). The builders send `+NN`.
            msisdn (str): The customer's mobile number without the country code. `required|string` in every document: any
                non-blank
                string (`"465 67 468"`, `"+4746567468"` too). The builders send digits.
            email (str): The customer's e-mail address: Laravel's `email` rule, an RFC 5322 address (its default RFC
                validation),
                so internationalised domains and local parts (`ola@blåbær.no`) pass, as do quoted local parts. The
                documents' obfuscation text `[email protected]` does not (the real server refused it). Hence JSON
                Schema's `idn-email` (RFC 6531), not the ASCII-only `email`.
            name (str): The customer's full name.
            preferred_language (str): The customer's language: en, no, sv, da or de; the server defaults to no. The
                documents disagree on case
                (the EHF page writes "NO, EN", every example and the other pages lower case), so any case is accepted.
                The SDK sends lower case.
            address (Address): The customer's postal address.
            type_ (Literal['corporate'] | Unset): The endpoint is for corporate customers only (a newer revision of the
                page).
            customer_uuid (None | str | Unset): The UUID of a customer Frontpayment already knows (`nullable|string`).
            personal_number (None | str | Unset): Optional here (see above); at most 11 characters when given.
            organization_id (None | str | Unset): Organisation number; not in the page's rules table, so any string, null or
                absent.
    """

    country_code: str
    msisdn: str
    email: str
    name: str
    preferred_language: str
    address: Address
    type_: Literal["corporate"] | Unset = UNSET
    customer_uuid: None | str | Unset = UNSET
    personal_number: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        msisdn = self.msisdn

        email = self.email

        name = self.name

        preferred_language = self.preferred_language

        address = self.address.to_dict()

        type_ = self.type_

        customer_uuid: None | str | Unset
        if isinstance(self.customer_uuid, Unset):
            customer_uuid = UNSET
        else:
            customer_uuid = self.customer_uuid

        personal_number: None | str | Unset
        if isinstance(self.personal_number, Unset):
            personal_number = UNSET
        else:
            personal_number = self.personal_number

        organization_id: None | str | Unset
        if isinstance(self.organization_id, Unset):
            organization_id = UNSET
        else:
            organization_id = self.organization_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "countryCode": country_code,
                "msisdn": msisdn,
                "email": email,
                "name": name,
                "preferredLanguage": preferred_language,
                "address": address,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if customer_uuid is not UNSET:
            field_dict["customerUuid"] = customer_uuid
        if personal_number is not UNSET:
            field_dict["personalNumber"] = personal_number
        if organization_id is not UNSET:
            field_dict["organizationId"] = organization_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415

        d = dict(src_dict)
        country_code = d.pop("countryCode")

        msisdn = d.pop("msisdn")

        email = d.pop("email")

        name = d.pop("name")

        preferred_language = d.pop("preferredLanguage")

        address = Address.from_dict(d.pop("address"))

        type_ = cast(Literal["corporate"] | Unset, d.pop("type", UNSET))
        if type_ != "corporate" and not isinstance(type_, Unset):
            raise ValueError(f"type must match const 'corporate', got '{type_}'")

        def _parse_customer_uuid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_uuid = _parse_customer_uuid(d.pop("customerUuid", UNSET))

        def _parse_personal_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        personal_number = _parse_personal_number(d.pop("personalNumber", UNSET))

        def _parse_organization_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_id = _parse_organization_id(d.pop("organizationId", UNSET))

        ehf_customer_details = cls(
            country_code=country_code,
            msisdn=msisdn,
            email=email,
            name=name,
            preferred_language=preferred_language,
            address=address,
            type_=type_,
            customer_uuid=customer_uuid,
            personal_number=personal_number,
            organization_id=organization_id,
        )

        ehf_customer_details.additional_properties = d
        return ehf_customer_details

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
