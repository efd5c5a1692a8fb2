"""Every command's ``--help`` reads as prose for people (issue 18, item 4).

Typer 0.29 prints the Python type of each parameter (``<bool>``, ``<list[str]>``, ``<int range>``),
braces around required arguments (``{sources}``), and parses help as rich markup, which ate the
``[embed]`` of ``pip install 'precis[embed]'``; docstrings carried RST backticks; ``check``
showed an "Abstractive (--abstractive)" panel although it has no such flag.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from precis.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = sorted(c.name for c in app.registered_commands if c.name)
PANEL = re.compile(r"╭─ (.+?) ─")


def help_of(*command: str) -> str:
    """The help a wide terminal shows for ``precis COMMAND --help``."""
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.output


def extras() -> set[str]:
    """The optional extras pyproject.toml declares."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 on
    with (ROOT / "pyproject.toml").open("rb") as f:
        return set(tomllib.load(f)["project"]["optional-dependencies"])


def test_cli_help_lists_every_command() -> None:
    assert set(COMMANDS) == {"batch", "check", "eval", "methods", "serve", "summarize", "text"}


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMANDS)], ids=str)
def test_cli_help_shows_no_python_type_metavars(command: tuple[str, ...]) -> None:
    """``<bool>``, ``<str>``, ``<list[str]>``, ``<int range>``, ``<text|json>`` are Typer's
    rendering of annotations, not words for a reader."""
    shown = help_of(*command)
    assert not re.findall(r"<[^<>\n]{1,40}>", shown), shown


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_usage_has_no_brace_placeholders(command: str) -> None:
    usage = next(line for line in help_of(command).splitlines() if "Usage:" in line)
    assert "{" not in usage and "}" not in usage, usage


@pytest.mark.parametrize("command", [(), *((name,) for name in COMMANDS)], ids=str)
def test_cli_help_has_no_rst_markup(command: tuple[str, ...]) -> None:
    shown = help_of(*command)
    assert "``" not in shown
    assert not re.search(r":(func|mod|class|meth|data|attr):", shown), shown


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_install_hints_name_a_real_extra(command: str) -> None:
    """Rich markup ate ``[embed]``: the hint said ``pip install 'precis'``."""
    shown = " ".join(help_of(command).split())
    for hint in re.findall(r"pip install '([^']*)'", shown):
        match = re.fullmatch(r"precis\[([\w,-]+)\]", hint)
        assert match, f"install hint names no extra: {hint!r}"
        assert set(match.group(1).split(",")) <= extras(), hint


@pytest.mark.parametrize("command", ["summarize", "check"])
def test_cli_help_guard_embeddings_names_the_embed_extra(command: str) -> None:
    assert "pip install 'precis[embed]'" in " ".join(help_of(command).split())


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_panels_name_only_flags_the_command_has(command: str) -> None:
    """A panel titled "Abstractive (--abstractive)" promises a flag; ``check`` had none."""
    shown = help_of(command)
    rows = PANEL.sub("", shown)
    for title in PANEL.findall(shown):
        for flag in re.findall(r"--[\w-]+", title):
            assert re.search(rf"(?<![\w-]){flag}(?![\w-])", rows), (
                f"panel {title!r} names {flag}, which {command} does not have"
            )


def test_cli_help_check_has_a_guard_panel_not_an_abstractive_one() -> None:
    panels = PANEL.findall(help_of("check"))
    assert not any("Abstractive" in p for p in panels), panels
    assert "--guard-embeddings" in help_of("check")


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_command_text_is_prose_not_docstring_lines(command: str) -> None:
    """In rich markup mode Typer kept a docstring's line breaks: the command list was ragged."""
    import typer

    text = typer.main.get_command(app).commands[command].help or ""
    assert "\n" not in text.replace("\n\n", ""), text
