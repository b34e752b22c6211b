"""The embedded ISO 3166-1 list is the real one (pycountry is the reference, a test dependency only)."""

import pycountry

from frontpayment_ext.countries import ISO_3166_ALPHA2


def test_country_list_matches_iso_3166() -> None:
    assert {c.alpha_2 for c in pycountry.countries} == ISO_3166_ALPHA2
