"""Resource limits on every entry point (issue 7): time per document, sentences, pages, bytes."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from tests.conftest import run_cli

from precis import api
from precis.abstractive.guard import GuardOptions
from precis.abstractive.mapreduce import summarize_long
from precis.errors import LimitExceededError, OptionError, TooLargeError
from precis.limits import TimeLimitError, check, time_limit
from precis.options import LoadOptions, SummarizeOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PDF = EXAMPLES / "beast-jewel-of-mars.pdf"


def test_check_is_a_no_op_without_a_deadline() -> None:
    check("anything")


def test_deadline_raises_after_it_passes_and_is_scoped() -> None:
    with time_limit(0.01):
        time.sleep(0.02)
        with pytest.raises(TimeLimitError, match="0.01 s reached while testing"):
            check("testing")
    check("after the block")  # the deadline ended with its block


def test_an_inner_later_deadline_does_not_extend_an_outer_one() -> None:
    with time_limit(0.01), time_limit(60):
        time.sleep(0.02)
        with pytest.raises(TimeLimitError):
            check("inner")


def test_load_and_summarize_honour_the_time_limit() -> None:
    tight = LoadOptions(time_limit_s=0.001)
    with pytest.raises(TimeLimitError) as caught:
        api.load(PDF, tight)
    assert caught.value.http_status == 504 and caught.value.code == "time_limit"
    with pytest.raises(TimeLimitError):
        api.summarize(PDF, SummarizeOptions(load=tight))
    summary = api.summarize(PDF, SummarizeOptions(load=LoadOptions(time_limit_s=60)))
    assert len(summary.sentences) == 5


def test_process_one_turns_the_time_limit_into_an_error_record() -> None:
    record = api.process_one(str(PDF), SummarizeOptions(load=LoadOptions(time_limit_s=0.001)))
    assert record["summary"] is None and record["error"]["code"] == "time_limit"


def test_sentence_page_and_byte_limits() -> None:
    with pytest.raises(LimitExceededError, match="348 sentences; the limit is 100"):
        api.load(PDF, LoadOptions(max_sentences=100))
    with pytest.raises(LimitExceededError, match="8 pages"):
        api.load(PDF, LoadOptions(max_pages=3))
    with pytest.raises(TooLargeError):
        api.load(PDF, LoadOptions(max_input_bytes=1000))
    assert len(api.load(PDF, LoadOptions(max_sentences=348)).sentences) == 348


@pytest.mark.parametrize(
    "settings", [{"max_sentences": 0}, {"time_limit_s": 0}, {"time_limit_s": -1.0}]
)
def test_limit_options_are_validated(settings: dict[str, float]) -> None:
    with pytest.raises(OptionError):
        LoadOptions(**settings)


class SlowBackend:
    """A real backend that takes its time: answers with the first words of each prompt."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.calls = 0

    def generate(self, prompts: Sequence[str], *, max_tokens: int) -> list[str]:
        self.calls += 1
        time.sleep(self.delay)
        return [" ".join(p.split()[-12:-2]) + "." for p in prompts]


def test_abstractive_map_reduce_stops_at_the_deadline() -> None:
    doc = api.load(PDF)
    backend = SlowBackend(0.05)
    with time_limit(0.12), pytest.raises(TimeLimitError, match="summarizing"):
        summarize_long(
            doc,
            backend,
            count_tokens=lambda t: len(t.split()),
            context_tokens=300,
            max_new_tokens=40,
            guard=GuardOptions(policy="off"),
            progress=lambda *_: None,  # batches of prompts: a check between batches
        )
    assert 1 <= backend.calls <= 4


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--time-limit", "0.001"], "time limit of 0.001 s reached"),
        (["--max-sentences", "10"], "the limit is 10"),
        (["--max-pages", "2"], "more than max_pages=2"),
        (["--max-bytes", "100"], "the limit is 100"),
    ],
)
@pytest.mark.parametrize("command", ["summarize", "text"])
def test_cli_limits_end_in_one_line(command: str, flags: list[str], message: str) -> None:
    if command == "text" and flags[0] == "--max-sentences":
        flags = [*flags, "--format", "json"]  # plain text output never splits sentences
    out = run_cli(command, str(PDF), *flags)
    lines = out.stderr.decode().strip().splitlines()
    assert out.returncode == 2 and out.stdout == b""
    assert len(lines) == 1 and lines[0].startswith("precis: error:") and message in lines[0]
