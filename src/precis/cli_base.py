"""What every command shares: errors as one stderr line, running an app, writing the result.

Both :mod:`precis.cli` and :mod:`precis.batch.command` import this module; neither imports the
other's way back (``precis.cli`` registers ``batch``), so there is no import cycle (issue 18).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from precis.errors import PrecisError

F = TypeVar("F", bound=Callable[..., Any])


def guarded(func: F) -> F:
    """Turn precis errors into one stderr line and an exit code; never show a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PrecisError as exc:
            typer.echo(f"precis: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("precis: interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()  # output was piped into a closed reader (e.g. head): not an error
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # a bug: one line, with how to get the details
            if os.environ.get("PRECIS_DEBUG"):
                raise
            typer.echo(
                f"precis: internal error ({type(exc).__name__}); "
                "run with PRECIS_DEBUG=1 for details and please report it",
                err=True,
            )
            raise typer.Exit(70) from None

    return wrapper  # type: ignore[return-value]


def emit(payload: str, output: Path | None) -> None:
    """Write ``payload`` (newline-terminated) to ``output``, or to stdout when None."""
    if output is None:
        sys.stdout.write(payload if payload.endswith("\n") else payload + "\n")
        sys.stdout.flush()
        return
    try:
        output.write_text(payload if payload.endswith("\n") else payload + "\n", encoding="utf-8")
    except OSError as exc:
        from precis.errors import InputError

        raise InputError(f"cannot write {output}: {exc.strerror}") from None


def run(app: typer.Typer) -> None:
    """Run ``app`` as a program. A usage error (an unknown option, ``-n -3``, ``--ratio 1.5``)
    is one line on stderr and exit status 2, as every other error is (issue 18: Typer drew a
    seven-line box)."""
    errors = _click_exceptions()
    try:
        code = app(standalone_mode=False)
    except errors.NoArgsIsHelpError as exc:
        exc.show()  # "precis" alone: the help, as before
        code = exc.exit_code
    except errors.ClickException as exc:
        typer.echo(f"precis: error: {exc.format_message()}", err=True)
        code = exc.exit_code
    except typer.Abort:
        typer.echo("precis: interrupted", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


def _click_exceptions() -> Any:
    """The exception classes Typer raises: its vendored copy of click's (Typer 0.29 and on),
    else click's own."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions")
    except ImportError:  # an older Typer on top of click
        return importlib.import_module("click.exceptions")
