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


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
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
