"""Issue 18: on a machine without Chromium the README's test command skipped the browser tests
silently. Now they fail with the reason and the fix, unless PRECIS_SKIP_BROWSER=1 skips them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_BROWSER_TEST = "tests/render/test_browser_report.py::test_page_from_file_has_the_form"


def _pytest(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PRECIS_SKIP_BROWSER"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", ONE_BROWSER_TEST],
        cwd=ROOT,
        env={**environ, "PRECIS_CHROMIUM": "/nonexistent/chromium", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_browser_tests_fail_with_the_fix_when_chromium_is_missing() -> None:
    run = _pytest()
    assert run.returncode == 1, run.stdout[-2000:]
    assert "no Chromium at /nonexistent/chromium" in run.stdout
    assert "apt-get install chromium" in run.stdout and "PRECIS_SKIP_BROWSER=1" in run.stdout


def test_browser_tests_skip_when_asked() -> None:
    run = _pytest(PRECIS_SKIP_BROWSER="1")
    assert run.returncode == 0, run.stdout[-2000:]
    assert "1 skipped" in run.stdout
