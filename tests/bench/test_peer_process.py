"""Time-limited peer rankings (bench/peer_process.py): a ranker past the limit is killed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from peer_process import TIMEOUT, PeerFailed, TimedPeers  # noqa: E402

SENTENCES = ["One.", "Two.", "Three."]


def _reverse(sentences, reference=()):
    return list(reversed(range(len(sentences))))


def _sleep(sentences, reference=()):
    time.sleep(60)
    return []


def _fail(sentences, reference=()):
    raise ValueError("bad input")


RANKERS = {"reverse": _reverse, "sleep": _sleep, "fail": _fail}


@pytest.fixture
def runner():
    timed = TimedPeers(2.0, RANKERS)
    yield timed
    timed.close()


def test_timed_peers_returns_the_ranking_from_the_child(runner):
    ranking, seconds = runner.rank("reverse", SENTENCES, [])
    assert ranking == [2, 1, 0]
    assert 0 <= seconds < 2.0


def test_timed_peers_kills_a_ranking_past_the_limit(runner):
    started = time.perf_counter()
    with pytest.raises(PeerFailed) as failed:
        runner.rank("sleep", SENTENCES, [])
    assert failed.value.code == TIMEOUT
    assert time.perf_counter() - started < 10
    assert runner.rank("reverse", SENTENCES, [])[0] == [2, 1, 0]  # a fresh child takes over


def test_timed_peers_reports_the_exception_type_and_keeps_the_child(runner):
    with pytest.raises(PeerFailed) as failed:
        runner.rank("fail", SENTENCES, [])
    assert failed.value.code == "ValueError"
    assert runner.rank("reverse", SENTENCES, [])[0] == [2, 1, 0]


def test_timed_peers_without_a_limit_runs_in_process():
    timed = TimedPeers(None, RANKERS)
    assert timed.rank("reverse", SENTENCES, [])[0] == [2, 1, 0]
    assert timed._child is None


def test_timed_peers_rejects_a_nonpositive_timeout():
    with pytest.raises(ValueError, match="0"):
        TimedPeers(0, RANKERS)
