from typing import Literal

PreferredLanguage = Literal["da", "de", "en", "no", "sv"]

PREFERRED_LANGUAGE_VALUES: set[PreferredLanguage] = {
    "da",
    "de",
    "en",
    "no",
    "sv",
}


def check_preferred_language(value: str) -> PreferredLanguage:
    if value in PREFERRED_LANGUAGE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PREFERRED_LANGUAGE_VALUES!r}")
