"""Set up `.venv` with the project's pinned task runner (nox, and uv for nox to build its environments with).

The README's commands start here rather than with `pip install nox`, because that fails on a stock Debian or
Ubuntu Python in three ways: pip refuses to install outside a virtual environment (PEP 668,
`externally-managed-environment`), pip may not be installed at all, and `python3 -m venv` stops with "ensurepip is
not available" unless the python3-venv package is installed. So this script uses nothing but the standard
library: it creates `.venv` (without pip when ensurepip is missing), installs pip from its wheel on PyPI (checked
against the SHA-256 pinned below) when the environment has none, then installs the pins. Run it again at any time:
it reuses `.venv` and installs only what changed.

    python3 scripts/bootstrap.py && .venv/bin/nox -s demo
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import urllib.request
import venv
from pathlib import Path

# The task runner's pins: the only place they are written.
REQUIREMENTS = ["nox==2026.10.20", "uv==0.13.8"]

# pip itself, for environments created without it. The address is PyPI's own for this file.
PIP_WHEEL = "pip-26.3-py3-none-any.whl"
PIP_URL = (
    "https://files.pythonhosted.org/packages/07/25/ee8c38ae72d66b844ce8eb9711ba905dba21ca1a8a0c960057c41cd23337/"
    + PIP_WHEEL
)
PIP_SHA256 = "f3b60b20ffaadd4415ed7957212a38ac63fa4c5fa375bd0f4a797777940fad13"

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
MINIMUM = (3, 11)


def venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def has_module(python: Path, module: str) -> bool:
    probe = subprocess.run(
        [str(python), "-c", f"import {module}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return probe.returncode == 0


def create_venv(env: Path) -> None:
    # Debian's python3 ships the venv module but not ensurepip (that is python3-venv): create without pip then.
    with_pip = has_module(Path(sys.executable), "ensurepip")
    print(
        f"bootstrap: creating {env.name} with Python {sys.version.split()[0]}" + ("" if with_pip else " (no ensurepip)")
    )
    venv.EnvBuilder(with_pip=with_pip, clear=env.exists()).create(env)


def install_pip(python: Path) -> None:
    """Install pip into the environment by running pip from its own wheel (a wheel of pure Python is importable)."""
    print(f"bootstrap: installing {PIP_WHEEL} from PyPI")
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(tmp) / PIP_WHEEL
        with urllib.request.urlopen(PIP_URL, timeout=60) as response:
            data = response.read()
        digest = hashlib.sha256(data).hexdigest()
        if digest != PIP_SHA256:
            sys.exit(f"bootstrap: {PIP_WHEEL} has SHA-256 {digest}, expected {PIP_SHA256}; not installing it")
        wheel.write_bytes(data)
        subprocess.run(
            [str(python), str(wheel / "pip"), "install", "--quiet", "--no-index", "--disable-pip-version-check", wheel],
            check=True,
        )


def main() -> None:
    if sys.version_info < MINIMUM:
        sys.exit(
            f"bootstrap: Python {'.'.join(map(str, MINIMUM))} or newer is needed, this is {sys.version.split()[0]}"
        )
    python = venv_python(VENV)
    if not (python.exists() and has_module(python, "sys")):
        create_venv(VENV)
    if not has_module(python, "pip"):
        install_pip(python)
    # Inside the environment pip installs freely; --quiet keeps a rerun with nothing to do silent.
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *REQUIREMENTS], check=True
    )


if __name__ == "__main__":
    main()
