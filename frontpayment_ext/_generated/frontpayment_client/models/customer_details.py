from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_type import CustomerType, check_customer_type
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="CustomerDetails")


@_attrs_define
class CustomerDetails:
    """The customer on Send Invoice. A corporate customer needs `organizationId` (`required_if` corporate); for a
    private customer it may be null, blank or absent.

        Attributes:
            type_ (CustomerType): Whether the customer is a private person or a company
                (`required|string|in:private,corporate`).
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
            address (Address): The customer's postal address.
            preferred_language (None | str | Unset): A nullable language (Laravel `nullable|string`); a blank string is null
                to the server.
            personal_number (None | str | Unset): Optional (`nullable|string|max:11`); see `PersonalNumber` for the
                documents' two readings.
            organization_id (None | str | Unset): Organisation number. The rule is `string`, the prose says "only numbers";
                accepting both readings means
                any string. Required when `type` is corporate; otherwise null, blank or absent.
    """

    type_: CustomerType
    country_code: str
    msisdn: str
    email: str
    name: str
    address: Address
    preferred_language: None | str | Unset = UNSET
    personal_number: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        country_code = self.country_code

        msisdn = self.msisdn

        email = self.email

        name = self.name

        address = self.address.to_dict()

        preferred_language: None | str | Unset
        if isinstance(self.preferred_language, Unset):
            preferred_language = UNSET
        else:
            preferred_language = self.preferred_language

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
                "type": type_,
                "countryCode": country_code,
                "msisdn": msisdn,
                "email": email,
                "name": name,
                "address": address,
            }
        )
        if preferred_language is not UNSET:
            field_dict["preferredLanguage"] = preferred_language
        if personal_number is not UNSET:
            field_dict["personalNumber"] = personal_number
        if organization_id is not UNSET:
            field_dict["organizationId"] = organization_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415

        d = dict(src_dict)
        type_ = check_customer_type(d.pop("type"))

        country_code = d.pop("countryCode")

        msisdn = d.pop("msisdn")

        email = d.pop("email")

        name = d.pop("name")

        address = Address.from_dict(d.pop("address"))

        def _parse_preferred_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preferred_language = _parse_preferred_language(d.pop("preferredLanguage", UNSET))

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

        customer_details = cls(
            type_=type_,
            country_code=country_code,
            msisdn=msisdn,
            email=email,
            name=name,
            address=address,
            preferred_language=preferred_language,
            personal_number=personal_number,
            organization_id=organization_id,
        )

        customer_details.additional_properties = d
        return customer_details

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
