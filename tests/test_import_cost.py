"""What each entry point imports (issue 13, build item 7: start-up).

Each case runs in a fresh interpreter and reads ``sys.modules`` afterwards: which packages got
imported is behaviour, unlike a wall time, so these tests cannot flake on a busy machine. The
time itself is measured by ``bench/bench_startup.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# 1,941 bytes of a CNN/DM article (origin in bench/bench_startup.py's docstring).
TEXT_2KB = ROOT / "bench" / "data" / "startup_2kb.txt"

# Packages no plain-text command needs: model stacks, PDF and HTML back ends, the URL fetcher.
HEAVY = (
    "scipy",
    "sklearn",
    "torch",
    "transformers",
    "sentence_transformers",
    "trafilatura",
    "lxml",
    "pypdfium2",
    "httpx",
    "httpcore",
    "rich",
)

_PROBE = """
import contextlib, io, json, sys
{body}
print(json.dumps(sorted(sys.modules)))
"""

# Runs the real CLI in-process (the console script's ``main``), optionally with the glued-word
# step off, which no flag offers; stdout is captured so that only the probe's line is printed.
_RUN_CLI = """
import dataclasses
import precis.cli as cli
if {no_glued}:
    load_options = cli._load_options
    def _no_glued(*args, **kwargs):
        options = load_options(*args, **kwargs)
        return dataclasses.replace(
            options, clean=dataclasses.replace(options.clean, split_glued_words=False)
        )
    cli._load_options = _no_glued
sys.argv = ["precis", *{argv!r}]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        cli.main()
    except SystemExit as exc:
        assert not exc.code, exc.code
assert out.getvalue().strip(), "the command printed nothing"
"""


def modules_after(body: str) -> set[str]:
    """Every module name in ``sys.modules`` after running ``body`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(body=body)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return set(json.loads(done.stdout.splitlines()[-1]))


def loaded_after(body: str) -> set[str]:
    """Top-level package names imported by ``body`` (``scipy`` for ``scipy.sparse``)."""
    return {name.split(".")[0] for name in modules_after(body)}


def cli_body(*argv: str, no_glued: bool = False) -> str:
    return _RUN_CLI.format(argv=list(argv), no_glued=no_glued)


def cli_loads(*argv: str, no_glued: bool = False) -> set[str]:
    return loaded_after(cli_body(*argv, no_glued=no_glued))


def test_import_precis_loads_only_the_standard_library() -> None:
    third_party = loaded_after("import precis") - set(sys.stdlib_module_names)
    assert third_party <= {"precis", "__main__", "_distutils_hack"}


@pytest.mark.parametrize("module", ["precis.cli", "precis.api"])
def test_import_entry_point_loads_no_heavy_package(module: str) -> None:
    loaded = loaded_after(f"import {module}")
    assert not loaded & {*HEAVY, "numpy", "wordsegment", "pydantic"}


def test_text_command_loads_no_heavy_package() -> None:
    assert not cli_loads("text", str(TEXT_2KB)) & set(HEAVY)


def test_text_command_without_glued_step_loads_no_word_tables() -> None:
    """Without the glued-word step nothing on the plain-text path needs wordsegment's tables."""
    loaded = cli_loads("text", str(TEXT_2KB), no_glued=True)
    assert not loaded & {*HEAVY, "wordsegment"}


def test_text_command_loads_no_word_tables() -> None:
    """A 2 KB article with nothing glue-shaped never loads the frequency tables (issue 13)."""
    body = _RUN_CLI.format(no_glued=False, argv=["text", str(TEXT_2KB)]) + (
        "\nfrom precis.clean import lexicon\n"
        "assert lexicon.unigram_counts.cache_info().currsize == 0\n"
        "assert lexicon.bigram_counts.cache_info().currsize == 0\n"
    )
    modules_after(body)


def test_text_command_loads_word_tables_where_glue_is_shaped(tmp_path: Path) -> None:
    """The same article with one glued pair does load them: the gate is not simply off."""
    glued = tmp_path / "glued.txt"
    glued.write_text(TEXT_2KB.read_text(encoding="utf-8") + " They met ofthe board.\n")
    body = _RUN_CLI.format(no_glued=False, argv=["text", str(glued)]) + (
        "\nfrom precis.clean import lexicon\n"
        "assert lexicon.unigram_counts.cache_info().currsize == 1\n"
    )
    modules_after(body)


def test_summarize_command_loads_no_model_backend_or_fetcher() -> None:
    """scipy.sparse is needed (TF-IDF); ARPACK, models, PDF/HTML back ends and httpx are not."""
    modules = modules_after(cli_body("summarize", str(TEXT_2KB), "--sentences", "3"))
    assert not {name.split(".")[0] for name in modules} & (set(HEAVY) - {"scipy"})
    assert "scipy.sparse.linalg" not in modules


def test_text_command_reading_flow_loads_no_numpy() -> None:
    """The reading flow of a text file is found without building the document (issue 14)."""
    assert "numpy" not in cli_loads("text", str(TEXT_2KB))
