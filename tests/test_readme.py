"""The README's set-up commands are the ones CI and the project actually use."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)


def test_ci_runs_the_readme_test_command() -> None:
    ci_command = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert any(ci_command == block.strip() for block in _bash_blocks())
    assert "nox -s tests" in ci_command


def test_readme_demo_command_names_a_real_session() -> None:
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    commands = [b.strip() for b in _bash_blocks() if b.strip().endswith("nox -s demo")]
    assert commands, "the README must give the demo command"
    assert "def demo(" in noxfile


def test_the_readme_python_examples_pass_mypy_strict(tmp_path: Path) -> None:
    """Every ```python block of the README, as a user would paste it, type-checks under ``mypy --strict``: the
    examples name real methods, real options and real result fields."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) >= 3
    files = []
    for i, block in enumerate(blocks):
        path = tmp_path / f"readme_example_{i}.py"
        path.write_text(block, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout
