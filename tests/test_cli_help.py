"""Every command's help speaks Vietnamese, down to the -h option itself."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from app.cli import HELP_TEXT, main


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.extend(_all_commands(command, (*prefix, name)))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", _all_commands(main), ids=lambda p: " ".join(p) or "kehoach")
def test_help_option_is_described_in_vietnamese(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert HELP_TEXT in result.output
