"""An independent JSON Schema implementation for the tests: the Python ``jsonschema`` package (a test dependency
only; the SDK validates with jsonschema-rs), with the SDK's own format checks and ECMA-262's ``$``.

The tests compare the SDK's compiled validator with it on generated corpora: two implementations that share
nothing but the spec must give the same answer."""

from __future__ import annotations

import functools
import re
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from frontpayment_ext.schema import ecma_pattern, is_email, is_uri


@functools.cache
def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("email")(is_email)
    checker.checks("idn-email")(is_email)
    checker.checks("uri")(is_uri)
    return checker


@functools.cache
def _reference_class() -> Any:
    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Any:
        if validator.is_type(instance, "string") and not re.search(ecma_pattern(patrn), instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    return validators.extend(Draft202012Validator, {"pattern": pattern})


def reference_validator(schema: dict[str, Any]) -> Draft202012Validator:
    validator: Draft202012Validator = _reference_class()(schema, format_checker=format_checker())
    return validator
