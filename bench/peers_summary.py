"""Condense ``bench/results/compare_peers.json`` into the acceptance table of issue 3.

One row per set and budget: precis ``auto`` against Lead-K and the best sumy/summa system (by
R1, and by R2 where another peer wins R2), with the margin and whether ``auto`` is ahead on
both. The Markdown goes to stdout (and into README's benchmark section by hand).

    python bench/peers_summary.py [bench/results/compare_peers.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "compare_peers.json"
PEER_PREFIXES = ("sumy-", "summa-")


def f1(entry: dict[str, Any], kind: str) -> float:
    return 100 * float(entry["rouge"]["mean"][kind]["f1"])


def rows(payload: dict[str, Any], method: str = "precis-auto") -> list[dict[str, Any]]:
    """Per set and budget: ours, lead and the best peers' R1/R2."""
    out = []
    for name, data in payload["sets"].items():
        for budget, systems in data["budgets"].items():
            ours = systems.get(method)
            peers = {k: v for k, v in systems.items() if k.startswith(PEER_PREFIXES)}
            if ours is None or not peers:
                continue
            best1 = max(peers, key=lambda k: f1(peers[k], "rouge1"))
            best2 = max(peers, key=lambda k: f1(peers[k], "rouge2"))
            lead = systems.get("lead")
            out.append(
                {
                    "set": name,
                    "budget": budget,
                    "documents": ours["documents"],
                    "ours": (f1(ours, "rouge1"), f1(ours, "rouge2")),
                    "lead": (f1(lead, "rouge1"), f1(lead, "rouge2")) if lead else None,
                    "best_r1": (best1, f1(peers[best1], "rouge1")),
                    "best_r2": (best2, f1(peers[best2], "rouge2")),
                }
            )
    return out


def to_markdown(table: list[dict[str, Any]]) -> str:
    lines = [
        "| set | budget | docs | precis auto R1/R2 | Lead-K R1/R2 | best peer R1 | best peer R2 "
        "| auto ahead by (R1, R2) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in table:
        (o1, o2), (p1name, p1), (p2name, p2) = r["ours"], r["best_r1"], r["best_r2"]
        lead = f"{r['lead'][0]:.2f}/{r['lead'][1]:.2f}" if r["lead"] else "-"
        d1, d2 = o1 - p1, o2 - p2
        mark = "yes" if d1 > 0 and d2 > 0 else "**no**"
        lines.append(
            f"| {r['set']} | {r['budget']} | {r['documents']} | {o1:.2f}/{o2:.2f} | {lead} "
            f"| {p1name} {p1:.2f} | {p2name} {p2:.2f} | {d1:+.2f}, {d2:+.2f} ({mark}) |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else RESULTS
    payload = json.loads(path.read_text(encoding="utf-8"))
    print(to_markdown(rows(payload)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
