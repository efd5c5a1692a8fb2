"""ROUGE in the document's language (issue 19, item 5): overlaps counted by hand on tiny real
sentences of the shared multilingual sets (first rows of zh, ar and de), English against
rouge-score itself, and ``precis eval`` end to end on real multilingual rows."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")

from tests.conftest import run_cli  # noqa: E402

from precis.evaluate.rouge import ROUGE_TYPES, rouge  # noqa: E402
from precis.evaluate.run import evaluate  # noqa: E402
from precis.evaluate.tokenize import ScriptTokenizer, tokenizer_name  # noqa: E402

ROWS = Path(__file__).resolve().parents[1] / "fixtures" / "multilingual" / "eval_rows.jsonl"
TOKENIZE = Path(__file__).resolve().parents[2] / "src" / "precis" / "evaluate" / "tokenize.py"


def test_rouge_chinese_counts_characters() -> None:
    # xlsum-zh-02383d0fe71b: its caption, and a clause of its fourth sentence.
    # 11 of 12 / 13 characters shared (all but 还); 9 of 11 / 12 bigrams.
    scores = rouge(["中国当局还加强了通关检查"], ["据报中国当局加强了通关检查"], language="zh")
    assert scores["rouge1"]["precision"] == pytest.approx(11 / 12)
    assert scores["rouge1"]["recall"] == pytest.approx(11 / 13)
    assert scores["rouge1"]["f1"] == pytest.approx(22 / 25)
    assert scores["rouge2"]["f1"] == pytest.approx(18 / 23)


def test_rouge_arabic_counts_arabic_words() -> None:
    # xlsum-ar-030fbaef7304: its headline against a clause of its reference; 2 of 7 / 8 words
    # shared (في, تصفيات) and one bigram of 6 / 7.
    summary = ["حسن يستعد لمباراتين مصيريتين في تصفيات المونديال"]
    reference = ["استعدادا لمشوار الفريق في تصفيات كأس العالم 2014"]
    scores = rouge(summary, reference, language="ar")
    assert scores["rouge1"]["precision"] == pytest.approx(2 / 7)
    assert scores["rouge1"]["recall"] == pytest.approx(2 / 8)
    assert scores["rouge2"]["f1"] == pytest.approx(2 / 13)


def test_rouge_german_keeps_umlauts_whole() -> None:
    # klexikon-AC_DC: a reference sentence against the Wikipedia sentence it condenses; 7 of
    # 10 / 20 words shared (die selbst ihre musik rock n roll), 3 of 9 / 19 bigrams.
    summary = ["Die Bandmitglieder selbst nennen ihre Musik allerdings Rock 'n' Roll."]
    reference = [
        "Sie zählen zu den Pionieren des Hard Rock, die Band selbst bezeichnet ihre Musik "
        "jedoch stets als Rock 'n' Roll."
    ]
    scores = rouge(summary, reference, language="de")
    assert scores["rouge1"]["precision"] == pytest.approx(7 / 10)
    assert scores["rouge1"]["recall"] == pytest.approx(7 / 20)
    assert scores["rouge2"]["f1"] == pytest.approx(6 / 28)


@pytest.mark.parametrize("language", [None, "en"])
def test_rouge_english_is_rouge_score_default_with_stemming(language: str | None) -> None:
    summary = ["Police arrested two men on Friday.", "The runners were charged with theft."]
    reference = ["Two men were charged with theft.", "They were arrested by police running."]
    oracle = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True).score(
        "\n".join(reference), "\n".join(summary)
    )
    ours = rouge(summary, reference, language=language)
    for name in ROUGE_TYPES:
        assert ours[name]["f1"] == pytest.approx(oracle[name].fmeasure)
        assert ours[name]["precision"] == pytest.approx(oracle[name].precision)


def test_script_tokenizer_keeps_marks_and_reads_cjk_in_characters() -> None:
    assert ScriptTokenizer().tokenize("संक्रमण (ट्रांजिशन) Économique") == [
        "संक्रमण",
        "ट्रांजिशन",
        "économique",
    ]
    assert ScriptTokenizer(characters=True).tokenize("北京 BBC") == ["北", "京", "bbc"]
    assert [tokenizer_name(c) for c in (None, "en", "de", "zh", "ja")] == [
        "rouge-score",
        "rouge-score",
        "script-words",
        "script-characters",
        "script-characters",
    ]


def test_metric_tokenizer_does_not_import_the_system_tokenizer() -> None:
    """A bug in precis.extractive.terms must not hide in the metric (issue 19)."""
    tree = ast.parse(TOKENIZE.read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name and name.startswith("precis") for name in imported), imported


def test_evaluate_reads_each_row_in_its_language(tmp_path: Path) -> None:
    saved = tmp_path / "summaries.jsonl"
    report = evaluate(ROWS, method="lead", save=saved)
    assert report.languages == {"zh": 1, "ar": 1, "uk": 1}
    assert report.to_dict()["tokenizers"] == {"script-characters": 1, "script-words": 2}
    lines = [json.loads(line) for line in saved.read_text(encoding="utf-8").splitlines()]
    assert [line["language"] for line in lines] == ["zh", "ar", "uk"]
    # Lead-1 of the Chinese row is its image caption since a space between Han characters
    # ends a segment (0.18 R1 alone); the floor says every script is scored, not 0
    assert report.rouge.mean["rouge1"]["f1"] > 0.05


def test_cli_eval_on_chinese_scores_characters_and_says_so() -> None:
    result = run_cli("eval", str(ROWS), "--method", "lead", "--limit", "1", "--json")
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert (report["language"], report["tokenizer"]) == ("zh", "script-characters")
    # rouge-score's own tokenizer finds no token in Chinese: this was 0 before issue 19 (Lead-1
    # is the row's caption, "据报中国当局加强了通关检查": 0.18 R1, 0.09 R2)
    assert report["rouge"]["mean"]["rouge1"]["f1"] > 0.15
    assert report["rouge"]["mean"]["rouge2"]["f1"] > 0.05


def test_cli_eval_language_option_overrides_the_rows() -> None:
    result = run_cli(
        "eval", str(ROWS), "--method", "lead", "--limit", "1", "--language", "en", "--json"
    )
    assert result.returncode == 0, result.stderr.decode()
    report = json.loads(result.stdout)
    assert (report["language"], report["tokenizer"]) == ("en", "rouge-score")
    assert report["rouge"]["mean"]["rouge1"]["f1"] < 0.05  # Chinese read as English: no words
