"""Abstractive summaries through local models: a tiny random BART loaded by path with
transformers, and the same model converted to CTranslate2, via the API and the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.conftest import run_cli

if os.environ.get("CI"):  # in CI a missing install must fail loudly, not skip
    import ctranslate2  # noqa: F401
    import torch  # noqa: F401
    import transformers  # noqa: F401
else:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")

from tiny_models import build_tiny_seq2seq  # noqa: E402

from precis import api  # noqa: E402
from precis.abstractive.guard import GuardOptions  # noqa: E402
from precis.abstractive.options import AbstractiveOptions  # noqa: E402
from precis.abstractive.pipeline import is_ctranslate2_folder, open_model  # noqa: E402
from precis.document import Document  # noqa: E402
from precis.options import SummarizeOptions  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PDF = EXAMPLES / "beast-jewel-of-mars.pdf"
POSITIONS, NEW = 128, 16


@pytest.fixture(scope="module")
def bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_seq2seq(tmp_path_factory.mktemp("bart"), max_positions=POSITIONS)


@pytest.fixture(scope="module")
def beast() -> Document:
    return api.load(PDF)


def local(model: Path, **settings: object) -> SummarizeOptions:
    guard = GuardOptions(policy="flag")
    options = AbstractiveOptions(model=str(model), max_new_tokens=NEW, guard=guard, **settings)
    return SummarizeOptions(abstractive=options)


def test_transformers_folder_through_the_api(bart: Path, beast: Document) -> None:
    result = api.abstract(beast, local(bart, batch_size=4, max_chunks=0))

    assert result.model == str(bart)
    assert result.context_tokens == POSITIONS + NEW  # encoder limit + the answer
    assert result.chunks > 10 and result.calls > result.chunks
    assert result.max_prompt_tokens <= POSITIONS
    assert result.sentences and all(s.check is not None for s in result.sentences)
    handle = open_model(local(bart, batch_size=4, max_chunks=0).abstractive)
    assert handle.backend.stats.prompts >= result.calls  # the loaded model is reused


def test_extract_then_abstract_with_a_local_model(bart: Path, beast: Document) -> None:
    result = api.abstract(beast, local(bart, max_chunks=3))

    assert result.preselected is not None and result.preselected < len(beast.sentences)
    assert result.chunks <= 3


def test_ctranslate2_folder_is_detected_and_used(
    bart: Path, beast: Document, tmp_path: Path
) -> None:
    from ctranslate2.converters import TransformersConverter

    config = json.loads((bart / "config.json").read_text(encoding="utf-8"))
    patched = tmp_path / "bart"  # CTranslate2 4.8's converter reads BART's normalize_before
    patched.mkdir()
    for f in bart.iterdir():
        (patched / f.name).write_bytes(f.read_bytes())
    (patched / "config.json").write_text(json.dumps(config | {"normalize_before": False}))
    files = [n for n in ("tokenizer.json", "tokenizer_config.json", "generation_config.json")]
    out = tmp_path / "ct2"
    TransformersConverter(str(patched), copy_files=files).convert(str(out))
    assert is_ctranslate2_folder(str(out)) and not is_ctranslate2_folder(str(bart))

    result = api.abstract(beast, local(out, max_chunks=2))

    assert result.model.endswith("(CTranslate2)")
    assert result.max_prompt_tokens <= POSITIONS and result.calls >= result.chunks


def test_cli_local_model_json(bart: Path) -> None:
    out = run_cli(
        "summarize", str(PDF), "--model", str(bart), "--max-new-tokens", str(NEW),
        "--guard", "flag", "--max-chunks", "4", "--format", "json",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["model"] == str(bart) and data["stats"]["chunks"] <= 4
    assert data["stats"]["max_prompt_tokens"] <= POSITIONS
    assert data["parts"][0]["sentences"]
    assert b"Loading weights" not in out.stderr


def test_cli_missing_local_model_is_one_line(tmp_path: Path) -> None:
    out = run_cli("summarize", str(PDF), "--model", str(tmp_path / "no-such-model"))
    assert out.returncode == 2
    lines = out.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("precis: error:")
