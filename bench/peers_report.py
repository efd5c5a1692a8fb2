"""Markdown tables and matplotlib figures for ``compare_peers.py`` (pure functions of its JSON)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROUGE_COLUMNS = (("R1", "rouge1"), ("R2", "rouge2"), ("RL", "rougeL"), ("RLsum", "rougeLsum"))
SPLIT_NOTE = {
    "report": "report split (md5 of the id odd: rows never used for tuning)",
    "tune": "tune split (md5 of the id even: the rows parameters were chosen on)",
    "all": "all rows (tune and report splits together)",
}


def speed_rows(results: Mapping[str, Any], method: str) -> list[dict[str, Any]]:
    """precis ``method`` (load + rank) against sumy LexRank (rank only) per set."""
    rows = []
    for name, data in results.items():
        budget = next(iter(data["budgets"].values()), {})
        ours, theirs = budget.get(f"precis-{method}"), budget.get("sumy-lexrank")
        if not ours or not theirs:
            continue
        total = ours["seconds_per_doc"] + data["load_seconds_per_doc"]
        rows.append(
            {
                "set": name,
                "documents": data["documents"],
                "precis_rank_s": ours["seconds_per_doc"],
                "precis_load_plus_rank_s": total,
                "sumy_lexrank_s": theirs["seconds_per_doc"],
                "speedup_rank_only": theirs["seconds_per_doc"] / max(ours["seconds_per_doc"], 1e-9),
                "speedup_with_load": theirs["seconds_per_doc"] / max(total, 1e-9),
            }
        )
    return rows


def to_markdown(payload: Mapping[str, Any]) -> str:
    """One table per set and budget (F1 x 100), the best non-oracle figure of each column bold."""
    timeout = payload.get("peer_timeout")
    limit_note = f"stopped after {timeout:g} s" if timeout else "not time-limited"
    out = [
        "# precis vs peers (ROUGE F1 x 100, one sentence per line; English: rouge-score, "
        "stemming on; other languages: words of any script, zh/ja characters)",
        "",
        f"`{payload['command']}` on {payload['machine']}; wall {payload['wall_seconds']} s"
        f"{_load_note(payload)}. "
        f"Data: `../shared/data`, {SPLIT_NOTE[payload['split']]}, first {payload['limit']} rows "
        f"of each file after the split ({_long_note(payload)}). "
        "Every system ranks the same precis sentences; sec/doc times the ranking only "
        "(precis's load time is listed per set). `oracle` reads the reference: an upper bound. "
        f"Peer rankings are {limit_note} per document; a stopped or failed ranking counts in "
        "`errors`, is scored as an empty summary and timed at the limit.",
    ]
    for name, data in payload["sets"].items():
        for budget, systems in data["budgets"].items():
            out += [
                "",
                f"## {name}.jsonl, {budget} budget ({data['documents']} of {data['rows']} "
                f"rows loaded; load {data['load_seconds_per_doc']:.4f} s/doc)",
                "",
            ]
            out += _table(systems)
    if payload.get("speed"):
        out += ["", *_speed_table(payload["speed"], payload["speed_method"])]
    return "\n".join(out) + "\n"


def _load_note(payload: Mapping[str, Any]) -> str:
    """The machine's load at the end: other work on it slows every system and adds timeouts."""
    load = payload.get("load_average_at_end")
    return f" (load average at the end {load[0]:.1f})" if load else ""


def _long_note(payload: Mapping[str, Any]) -> str:
    long_limit, long_sets = payload.get("long_limit"), payload.get("long_sets", ())
    if long_limit is None or long_limit == payload["limit"] or not long_sets:
        return "the same for the long sets"
    return f"{long_limit} for {' and '.join(long_sets)}"


def _table(systems: Mapping[str, Any]) -> list[str]:
    best = {
        key: max(
            (s["rouge"]["mean"][key]["f1"] for n, s in systems.items() if n != "oracle"),
            default=None,
        )
        for _, key in ROUGE_COLUMNS
    }
    lines = [
        "| system | " + " | ".join(c for c, _ in ROUGE_COLUMNS) + " | sec/doc | errors |",
        "|---|" + "---|" * (len(ROUGE_COLUMNS) + 2),
    ]
    for name, s in sorted(systems.items(), key=lambda kv: -kv[1]["rouge"]["mean"]["rouge1"]["f1"]):
        cells = []
        for _, key in ROUGE_COLUMNS:
            value = s["rouge"]["mean"][key]["f1"]
            text = f"{100 * value:.2f}"
            cells.append(f"**{text}**" if name != "oracle" and value == best[key] else text)
        lines.append(
            f"| {name} | "
            + " | ".join(cells)
            + f" | {s['seconds_per_doc']:.4f} | {format_errors(s['errors'])} |"
        )
    return lines


def format_errors(errors: Mapping[str, int]) -> str:
    """``0``, or the total with its codes: ``3 (timeout 2, ValueError 1)``."""
    total = sum(errors.values())
    if not total:
        return "0"
    parts = ", ".join(f"{code} {n}" for code, n in sorted(errors.items(), key=lambda kv: -kv[1]))
    return f"{total} ({parts})"


def _speed_table(speed: Sequence[Mapping[str, Any]], method: str) -> list[str]:
    lines = [
        f"## Speed: precis-{method} vs sumy LexRank",
        "",
        "| set | docs | precis rank s/doc | precis load+rank s/doc | sumy-lexrank s/doc "
        "| speed-up (rank) | speed-up (with load) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in speed:
        lines.append(
            f"| {r['set']} | {r['documents']} | {r['precis_rank_s']:.4f} | "
            f"{r['precis_load_plus_rank_s']:.4f} | {r['sumy_lexrank_s']:.4f} | "
            f"{r['speedup_rank_only']:.0f}x | {r['speedup_with_load']:.1f}x |"
        )
    return lines


def _pyplot() -> Any:
    """matplotlib without a display (imported only when a figure is drawn)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_r1(results: Mapping[str, Any], budgets: Sequence[str], path: Path) -> None:
    """Grouped bars: ROUGE-1 F1 per system per set, one panel per budget."""
    plt = _pyplot()
    sets = list(results)
    systems = sorted({s for d in results.values() for b in d["budgets"].values() for s in b})
    fig, axes = plt.subplots(
        len(budgets), 1, figsize=(max(10, 1.6 * len(sets) + 4), 4.5 * len(budgets)), squeeze=False
    )
    width = 0.8 / max(len(systems), 1)
    cmap = plt.get_cmap("tab20")
    for ax, budget in zip(axes[:, 0], budgets, strict=True):
        for j, system in enumerate(systems):
            values = [_r1(results[s], budget, system) for s in sets]
            ax.bar(
                [i + j * width for i in range(len(sets))],
                values,
                width,
                label=system,
                color=cmap(j % 20),
                hatch="//" if system == "oracle" else None,
            )
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(sets))], sets, fontsize=8)
        ax.set_ylabel("ROUGE-1 F1")
        ax.set_title(f"{budget} budget")
    axes[0, 0].legend(fontsize=7, ncol=4, loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _r1(data: Mapping[str, Any], budget: str, system: str) -> float:
    """ROUGE-1 F1 x 100 of one system on one set, NaN when it did not run there."""
    report = data["budgets"].get(budget, {}).get(system)
    return 100 * report["rouge"]["mean"]["rouge1"]["f1"] if report else math.nan


def plot_scaling(rows: Sequence[Mapping[str, Any]], method: str, path: Path) -> None:
    """Log-log seconds against characters, with an n log n line through the smallest size."""
    plt = _pyplot()
    n = [r["chars"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    ax.loglog(n, [r["total_s"] for r in rows], "o-", label=f"precis {method}: load + summarize")
    ax.loglog(n, [r["summarize_s"] for r in rows], "s--", label="summarize only")
    n0, t0 = n[0], rows[0]["total_s"]
    ax.loglog(
        n,
        [t0 * (x * math.log(x)) / (n0 * math.log(n0)) for x in n],
        ":",
        color="grey",
        label="n log n (through the smallest)",
    )
    ax.set_xlabel("document characters")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def scaling_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The scaling study as a Markdown table."""
    lines = [
        "| chars | sentences | load s | summarize s | total s | peak RSS MB | baseline RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['chars']:,} | {r['sentences']:,} | {r['load_s']:.3f} | {r['summarize_s']:.3f} | "
            f"{r['total_s']:.3f} | {r['peak_rss_mb']:.0f} | {r['baseline_rss_mb']:.0f} |"
        )
    return "\n".join(lines)
