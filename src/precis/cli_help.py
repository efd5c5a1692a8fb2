"""Help that reads as words for people, whatever Typer's version (issue 18, item 4).

Typer 0.29 shows each parameter's Python annotation as its metavar (``<bool>`` beside a flag,
``<list[str]>``, ``<int range>``, ``<text|json>``), wraps required arguments in braces in the
usage line (``{sources}...``), and reads help text as rich markup (so ``'precis[embed]'`` lost
its ``[embed]``). The command classes here give every parameter the names click always used
(``INTEGER``, ``TEXT``, ``[text|json]``, nothing beside a flag, ``SOURCES...``); they only change
what help shows, never how arguments parse or what an error says. Nothing is imported beyond
Typer itself (the import-cost tests keep rich off the start-up path).
"""

from __future__ import annotations

import inspect
from typing import Any

import typer.core

# Typer's labels for Python types -> click's metavars. "int range" is an int with min/max; the
# range itself is appended by Typer ("INTEGER [x>=1]").
_TYPE_NAMES = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "bool": "BOOLEAN"}


def literal(text: str) -> str:
    """``text`` shown as written in help: Typer reads help as rich markup, where ``[embed]`` is
    a style tag and vanishes."""
    if getattr(typer.core, "DEFAULT_MARKUP_MODE", None) != "rich":
        return text  # no markup parsing (TYPER_USE_RICH=0, or an older Typer): nothing to escape
    return text.replace("[", "\\[")


class _PlainArgument(typer.core.TyperArgument):
    """An argument shown by its name alone: SOURCE, SOURCES..., [NAME] when optional."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """Nothing in the type column: the name already says what to give."""
        return None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        """click's usage form (Typer 0.29 writes ``{sources}...``)."""
        name = (self.metavar or self.name or "").upper()
        if self.nargs != 1 and not name.endswith("..."):
            name += "..."
        return [name if self.required else f"[{name}]"]


def _plain_metavar(param: Any, ctx: Any) -> str | None:
    """click's metavar for an option Typer would label by its Python type; None: leave it."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""  # a flag takes no value
    shown = param.display_type(ctx) if hasattr(param, "type_descriptor") else None
    if not (isinstance(shown, str) and shown.startswith("<") and shown.endswith(">")):
        return None  # an older Typer: click's own metavars already
    label = shown[1:-1]
    if param.type_descriptor.is_choice:
        return f"[{label}]"
    label = label.removesuffix(" range")
    return _TYPE_NAMES.get(label, label.upper())


def _plain_params(params: list[Any], ctx: Any) -> list[Any]:
    """``params`` with plain metavars; an explicit ``metavar=`` is kept."""
    for param in params:
        if isinstance(param, typer.core.TyperArgument):
            param.__class__ = _PlainArgument  # only help-display methods differ
        elif param.metavar is None:
            param.metavar = _plain_metavar(param, ctx)
    return params


def prose(text: str) -> str:
    """``text`` with each paragraph on one line: in rich markup mode Typer keeps a docstring's
    line breaks, so the command list showed ragged lines."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


class PlainHelpCommand(typer.core.TyperCommand):
    """A command whose help names values as click does (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = prose(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx), ctx)


class PlainHelpGroup(typer.core.TyperGroup):
    """The ``precis`` group itself, with the same plain help as its commands."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_params(super().get_params(ctx), ctx)
