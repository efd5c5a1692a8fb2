"""Shared fixtures: paths to the bundled examples and a runner for the real `precis` CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT))  # lets tests import tests.pdf_factory


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the installed CLI as a user would (a real process, real stdout/stderr)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("PRECIS_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "precis.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
    )


# Debian's Chromium, driven by Playwright (its own browser download cannot work here). Without
# the background-networking flags Chromium keeps dialling out and this closed network refuses it.
CHROMIUM = Path(os.environ.get("PRECIS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return (
            f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium), "
            "point PRECIS_CHROMIUM at one, or set PRECIS_SKIP_BROWSER=1 to skip the browser tests"
        )
    return None


def require_chromium() -> None:
    """Fail (not skip) when the browser tests cannot run, with the reason and the fix, unless
    PRECIS_SKIP_BROWSER=1 asks to skip them: a fresh machine must not pass them silently
    (issue 18: the README's test command skipped them wherever Chromium was missing)."""
    missing = chromium_missing()
    if missing is None:
        return
    if os.environ.get("PRECIS_SKIP_BROWSER") == "1":
        pytest.skip(missing)
    pytest.fail(f"the browser tests cannot run: {missing}", pytrace=False)
