from typing import Literal

LaravelBooleanType2 = Literal["0", "1"]

LARAVEL_BOOLEAN_TYPE_2_VALUES: set[LaravelBooleanType2] = {
    "0",
    "1",
}


def check_laravel_boolean_type_2(value: str) -> LaravelBooleanType2:
    if value in LARAVEL_BOOLEAN_TYPE_2_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LARAVEL_BOOLEAN_TYPE_2_VALUES!r}")
