"""What the distribution declares is what is tested and released: Pythons, version, changelog."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

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


def test_a_users_own_frontpayment_client_package_cannot_collide(tmp_path: Path) -> None:
    """The generated clients live inside the SDK's namespace: a user's own ``frontpayment_client`` (and
    ``katsupay_client``) first on the path is neither shadowed nor used by the SDK."""
    for name in ("frontpayment_client", "katsupay_client"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("MINE = True\n", encoding="utf-8")
    script = (
        "import frontpayment_client, katsupay_client, frontpayment_ext\n"
        "from frontpayment_ext import FrontpaymentClient, KatsuPayClient\n"
        "assert frontpayment_client.MINE and katsupay_client.MINE\n"
        "FrontpaymentClient('t-123456', base_url='http://127.0.0.1:9').close()\n"
        "KatsuPayClient('http://127.0.0.1:9').close()\n"
        "import sys; print(sorted(m for m in sys.modules if m.endswith('_client') and '.' not in m))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['frontpayment_client', 'katsupay_client']"  # only the user's, at the top
