"""The README's set-up commands are the ones CI and the project actually use."""

from __future__ import annotations

import re

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
