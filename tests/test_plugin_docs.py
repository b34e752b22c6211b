"""docs/plugins.md and hookspecs.py cannot drift: every hook is documented with its exact signature and an
example, nothing else is documented as a hook, and every hook is exercised by the plugin tests."""

from __future__ import annotations

import inspect
import re

import pytest
from conftest import ROOT
from test_plugins import Recorder

from frontpayment_ext import hookspecs

DOCS = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
HOOKS = {name: fn for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("frontpayment_")}


def _signature(fn: object) -> str:
    return str(inspect.signature(fn)).replace("'", "")  # type: ignore[arg-type]


def _documented() -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^### `(frontpayment_\w+)(\(.*\).*)`$", DOCS, re.M)}


def test_eight_hooks() -> None:
    assert len(HOOKS) == 8


def test_every_hook_is_documented_and_nothing_else() -> None:
    assert set(_documented()) == set(HOOKS)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_documented_signature_is_exact(name: str) -> None:
    assert _documented()[name] == _signature(HOOKS[name])


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_each_hook_has_an_example(name: str) -> None:
    section = DOCS.split(f"### `{name}(", 1)[1].split("\n### ", 1)[0]
    example = re.search(r"```python\n(.*?)```", section, re.S)
    assert example is not None
    assert f"def {name}(" in example.group(1)
    assert "@hookimpl" in example.group(1)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_each_hookspec_says_when_it_fires(name: str) -> None:
    doc = inspect.getdoc(HOOKS[name]) or ""
    assert "Fires" in doc or "fires" in doc
    for parameter in inspect.signature(HOOKS[name]).parameters:
        assert f":param {parameter}:" in doc


def test_the_recording_plugin_of_the_tests_implements_every_hook() -> None:
    assert {name for name in dir(Recorder) if name.startswith("frontpayment_")} == set(HOOKS)


def test_the_example_plugin_implements_every_hook() -> None:
    source = (
        ROOT / "examples" / "plugins" / "frontpayment-example-plugin" / "frontpayment_example_plugin" / "__init__.py"
    ).read_text(encoding="utf-8")
    assert set(re.findall(r"^def (frontpayment_\w+)\(", source, re.M)) == set(HOOKS)
