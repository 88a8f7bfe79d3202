"""The README keeps its promises: the two commands, CI calling the test command, every CLI
command documented."""

from __future__ import annotations

from pathlib import Path

from app.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_fresh_machine_commands() -> None:
    assert "make run" in README
    assert "make test" in README


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_cli_command_is_in_the_readme_reference() -> None:
    missing = [name for name in main.commands if f"kehoach {name}" not in README]
    assert missing == []
