from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.preferred_language import PreferredLanguage, check_preferred_language
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="EhfCustomerDetails")


@_attrs_define
class EhfCustomerDetails:
    """The (corporate) customer of an EHF invoice. The page's rules table, copied from another page, calls
    `personalNumber` required; the real server did not ask a corporate customer for it, so it is optional here.
    `organizationId` is not in that table but is in the example: an EHF invoice is addressed by it.

        Attributes:
            country_code (str): Country calling code of the customer's phone number, with a plus (`+47`).
            msisdn (str): The customer's mobile number without the country code, digits only.
            email (str): The customer's e-mail address.
            name (str): The customer's full name.
            preferred_language (PreferredLanguage): The customer's language: en, no, sv, da or de; the server defaults to
                no. (The EHF page writes the
                codes in upper case, "NO, EN"; every example and the other pages use lower case, which the SDK sends.)
            organization_id (str): Organisation number, digits only.
            address (Address): The customer's postal address.
            type_ (Literal['corporate'] | Unset): The endpoint is for corporate customers only.
            customer_uuid (None | str | Unset): The UUID of a customer Frontpayment already knows.
            personal_number (None | str | Unset):
    """

    country_code: str
    msisdn: str
    email: str
    name: str
    preferred_language: PreferredLanguage
    organization_id: str
    address: Address
    type_: Literal["corporate"] | Unset = UNSET
    customer_uuid: None | str | Unset = UNSET
    personal_number: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        country_code = self.country_code

        msisdn = self.msisdn

        email = self.email

        name = self.name

        preferred_language: str = self.preferred_language

        organization_id = self.organization_id

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "countryCode": country_code,
                "msisdn": msisdn,
                "email": email,
                "name": name,
                "preferredLanguage": preferred_language,
                "organizationId": organization_id,
                "address": address,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if customer_uuid is not UNSET:
            field_dict["customerUuid"] = customer_uuid
        if personal_number is not UNSET:
            field_dict["personalNumber"] = personal_number

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.address import Address  # noqa: PLC0415

        d = dict(src_dict)
        country_code = d.pop("countryCode")

        msisdn = d.pop("msisdn")

        email = d.pop("email")

        name = d.pop("name")

        preferred_language = check_preferred_language(d.pop("preferredLanguage"))

        organization_id = d.pop("organizationId")

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

        ehf_customer_details = cls(
            country_code=country_code,
            msisdn=msisdn,
            email=email,
            name=name,
            preferred_language=preferred_language,
            organization_id=organization_id,
            address=address,
            type_=type_,
            customer_uuid=customer_uuid,
            personal_number=personal_number,
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
