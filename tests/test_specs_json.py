"""The specs ship as JSON, written from the YAML sources by `nox -s generate`: the package parses no YAML."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT


@pytest.mark.parametrize("name", ["frontpayment", "katsupay"])
def test_the_shipped_json_is_the_yaml_spec(name: str) -> None:
    """A stale JSON (the YAML edited, `nox -s generate` not run) fails here, as well as in generate_check."""
    source = yaml.safe_load((ROOT / "openapi" / f"{name}.yaml").read_text(encoding="utf-8"))
    shipped = json.loads((ROOT / "frontpayment_ext" / "specs" / f"{name}.json").read_text(encoding="utf-8"))
    assert shipped == source


def test_an_installed_package_validates_without_a_yaml_parser() -> None:
    """Without the source tree (as installed from a wheel), the specs are read from their JSON and PyYAML is never
    imported, even when it is installed; a YAML parser that cannot be imported changes nothing."""
    code = """
import sys
sys.modules["yaml"] = None  # importing it now raises ImportError
from pathlib import Path
import frontpayment_ext.specs as specs
specs._SOURCE = Path("/nonexistent/openapi")
from frontpayment_ext import validate
from frontpayment_ext.specs import spec_path
assert spec_path("frontpayment").suffix == ".json", spec_path("frontpayment")
print(len(validate({}, "invoice")))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout) > 0
