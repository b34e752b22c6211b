"""What the distribution declares is what is tested and released: Pythons, version, changelog."""

from __future__ import annotations

import ast
import re
import tomllib

from conftest import ROOT
from packaging.requirements import Requirement

import frontpayment_ext

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _nox_pythons() -> list[str]:
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PYTHONS" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("noxfile.py has no PYTHONS list")


def test_the_declared_pythons_are_the_tested_ones() -> None:
    classifiers = PYPROJECT["project"]["classifiers"]
    pattern = r"Programming Language :: Python :: (3\.\d+)"
    declared = [m.group(1) for m in (re.fullmatch(pattern, c) for c in classifiers) if m]
    assert declared == _nox_pythons() == ["3.11", "3.12", "3.13"]
    assert PYPROJECT["project"]["requires-python"] == f">={declared[0]}"


def test_the_version_lives_in_one_place() -> None:
    assert "version" not in PYPROJECT["project"]
    assert "version" in PYPROJECT["project"]["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "frontpayment_ext/_version.py"
    version = frontpayment_ext.__version__
    # No other hand-written file states it: a release changes _version.py and adds a changelog entry, nothing else.
    stated = [
        str(path.relative_to(ROOT))
        for pattern in ("frontpayment_ext/**/*.py", "docs/**/*.md", "*.md", "*.toml", "*.yml", "noxfile.py")
        for path in ROOT.glob(pattern)
        if path.name not in {"_version.py", "CHANGELOG.md"}
        and re.search(rf"\b{re.escape(version)}\b", path.read_text(encoding="utf-8"))
    ]
    assert stated == []


def test_the_changelog_names_this_version_first() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, flags=re.M)
    assert releases, "CHANGELOG.md has no release heading in Keep a Changelog form"
    assert releases[0] == frontpayment_ext.__version__
    assert len(set(releases)) == len(releases)


def test_windows_gets_a_time_zone_database() -> None:
    # zoneinfo finds no system database on Windows, and `import frontpayment_ext` needs Europe/Oslo.
    [tzdata] = [Requirement(r) for r in PYPROJECT["project"]["dependencies"] if Requirement(r).name == "tzdata"]
    assert tzdata.marker is not None
    assert tzdata.marker.evaluate({"sys_platform": "win32"})
    assert not tzdata.marker.evaluate({"sys_platform": "linux"})
