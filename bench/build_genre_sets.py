"""Build the extra-genre sets of ``bench/data/genres/`` (issue 17: does ``auto`` generalise to
genres none of the shared sets has?) from public repositories fetched as git mirrors.

- ``meetings_qmsum.jsonl``: the 35 test meetings of QMSum (Zhong et al., NAACL 2021;
  Yale-LILY/QMSum, MIT licence): AMI, ICSI and parliamentary committee transcripts, one turn
  per paragraph (``Speaker: words``), reference = the answer to the general query ("Summarize
  the whole meeting"). Transcription markers (``{disfmarker}``, ``{vocalsound}``) are dropped and
  the tokenised spacing before punctuation is closed, as a transcript a user has would read.
- ``calls_ectsum.jsonl``: the first 40 test earnings calls of ECTSum (Mukherjee et al., EMNLP
  2022; rajdeep345/ECTSum, GPL-3.0): the call transcript, one sentence per line as given;
  reference = the Reuters bullet points, one per line.

    python bench/build_genre_sets.py --qmsum /work/.mirror/Yale-LILY+QMSum/repo \
        --ectsum /work/.mirror/rajdeep345+ECTSum/repo
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "data" / "genres"
ECTSUM_DOCS = 40
_MARKER = re.compile(r"\{[a-z]+\}")
_SPACE_BEFORE = re.compile(r"\s+([.,?!;:%')])")
_SPACE_AFTER = re.compile(r"([($])\s+")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def commit(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def detokenise(text: str) -> str:
    """``to {disfmarker} to handle .`` -> ``to to handle.``"""
    text = _MARKER.sub(" ", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'m|'d)\b", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def meetings(repo: Path) -> list[dict]:
    rows = []
    names = [n for n in git(repo, "ls-tree", "--name-only", "HEAD", "data/ALL/test/").split()]
    for name in sorted(names):
        data = json.loads(git(repo, "show", f"HEAD:{name}"))
        turns = []
        for turn in data["meeting_transcripts"]:
            words = detokenise(turn["content"])
            if words.strip(" .,?!-"):
                turns.append(f"{turn['speaker']}: {words}")
        answer = data["general_query_list"][0]["answer"]
        rows.append(
            {
                "id": f"qmsum-{Path(name).stem}",
                "source": "\n\n".join(turns),
                "reference": answer.strip(),
                "meta": {"set": "meetings_qmsum", "origin": f"Yale-LILY/QMSum {name}"},
            }
        )
    return rows


def calls(repo: Path) -> list[dict]:
    rows = []
    base = "data/final/test"
    names = sorted(git(repo, "ls-tree", "--name-only", "HEAD", f"{base}/ects/").split())
    for name in names[:ECTSUM_DOCS]:
        source = git(repo, "show", f"HEAD:{name}").strip()
        summary = git(repo, "show", f"HEAD:{name.replace('/ects/', '/gt_summaries/')}").strip()
        rows.append(
            {
                "id": f"ectsum-{Path(name).stem}",
                "source": source,
                "reference": "\n".join(
                    line.strip() for line in summary.splitlines() if line.strip()
                ),
                "meta": {"set": "calls_ectsum", "origin": f"rajdeep345/ECTSum {name}"},
            }
        )
    return rows


def write(name: str, rows: list[dict]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / name).open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)} rows, {sum(len(r['source']) for r in rows):,} characters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--qmsum", type=Path, required=True, help="git dir of Yale-LILY/QMSum")
    parser.add_argument("--ectsum", type=Path, required=True, help="git dir of rajdeep345/ECTSum")
    args = parser.parse_args()
    write("meetings_qmsum.jsonl", meetings(args.qmsum))
    write("calls_ectsum.jsonl", calls(args.ectsum))
    print(f"QMSum commit {commit(args.qmsum)}; ECTSum commit {commit(args.ectsum)}")


if __name__ == "__main__":
    main()
