from typing import Literal

LaravelBooleanType1 = Literal[0, 1]

LARAVEL_BOOLEAN_TYPE_1_VALUES: set[LaravelBooleanType1] = {
    0,
    1,
}


def check_laravel_boolean_type_1(value: int) -> LaravelBooleanType1:
    if value in LARAVEL_BOOLEAN_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LARAVEL_BOOLEAN_TYPE_1_VALUES!r}")
