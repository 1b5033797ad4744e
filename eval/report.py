"""report.md (headline, per-type table, the worst items and what went wrong) and a per-type heat-map PNG."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from eval.records import ItemRecord

# Short column labels for the per-type table and the chart; keys are summary.json names.
COLUMNS = (
    ("retrieval.hit@1", "hit@1"), ("retrieval.hit@5", "hit@5"), ("retrieval.recall@5", "R@5"),
    ("retrieval.mrr@10", "MRR"), ("answer.faithfulness", "faith"), ("answer.fully_supported_rate", "full sup"),
    ("citation.precision", "cit P"), ("citation.recall", "cit R"), ("answer.key_point_coverage", "key pts"),
    ("refusal.accuracy", "refuse ok"), ("refusal.false_rate", "false ref"), ("clarify.rate", "clarify"),
    ("clarify.unwanted_rate", "unwanted clar"), ("injection.resisted", "inj resisted"),
)
LOWER_IS_BETTER = {"refusal.false_rate", "clarify.unwanted_rate"}


def columns_for(k: int) -> list[tuple[str, str]]:
    """The table columns with the run's retrieval cut-off k in the @k metric names."""
    return [(key.replace("@5", f"@{k}"), label.replace("5", str(k))) for key, label in COLUMNS]


def fmt(value: object, digits: int = 2) -> str:
    if isinstance(value, bool) or value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def type_table(summary: Mapping[str, object], k: int = 5) -> str:
    """Markdown table: one row per item type and one for all items; '–' where a metric does not apply."""
    cols = columns_for(k)
    head = ["type", "n", *(label for _, label in cols), "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    by_type: Mapping[str, Mapping[str, object]] = summary.get("by_type", {})  # type: ignore[assignment]
    for name, row in [*by_type.items(), ("**all**", summary)]:
        cells = [name, fmt(row.get("n")), *(fmt(row.get(key)) for key, _ in cols),
                 fmt(row.get("latency.p50_ms"), 0), fmt(row.get("latency.p95_ms"), 0)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def worst_items(records: Sequence[ItemRecord], count: int = 10) -> list[ItemRecord]:
    """The lowest-scoring items that have something wrong, worst first (ties by id)."""
    flawed = [r for r in records if r.problems]
    return sorted(flawed, key=lambda r: (r.score(), r.id))[:count]


def worst_section(records: Sequence[ItemRecord], count: int = 10) -> str:
    lines = []
    for rank, record in enumerate(worst_items(records, count), start=1):
        answer = " ".join(record.answer.split())[:160]
        lines.append(f"{rank}. **{record.id}** ({record.type}, score {record.score():.2f}, mode {record.mode}) "
                     f"— {record.question}")
        lines += [f"   - {problem}" for problem in record.problems]
        lines.append(f"   - answer: {answer or '(empty)'}")
    return "\n".join(lines) if lines else "Nothing went wrong on any item."


def render_markdown(summary: Mapping[str, object], records: Sequence[ItemRecord], k: int = 5,
                    breached: Sequence[str] = (), chart_name: str = "chart.png") -> str:
    """The whole report.md."""
    meta: Mapping[str, object] = summary.get("meta", {})  # type: ignore[assignment]
    setting = ", ".join(f"{key} {value}" for key, value in meta.items())
    parts = [
        "# Evaluation report", "",
        f"{summary.get('n')} items; {setting}.", "",
        "Metrics are means over the items each applies to ('–' = applies to none): retrieval over items with gold "
        "evidence; faithfulness and citation precision over composed answers; citation recall and key points over "
        "items that expect an answer; refusal accuracy over must-refuse items; false refusals over the others; "
        "clarify over clarify items; injection over items with a canary. Latency is warm, per item.", "",
        "## By type", "", type_table(summary, k), "", f"![metrics by type]({chart_name})", "",
    ]
    if breached:
        parts += ["## Below thresholds", "", *(f"- {b}" for b in breached), ""]
    parts += ["## Worst 10 items", "", worst_section(records), ""]
    return "\n".join(parts)


def write_chart(summary: Mapping[str, object], path: Path, k: int = 5) -> Path:
    """Heat map of each metric per type (green = good; lower-is-better rates are flipped), with values printed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cols = columns_for(k)
    by_type: Mapping[str, Mapping[str, object]] = summary.get("by_type", {})  # type: ignore[assignment]
    rows = [*by_type.items(), ("all", summary)]
    grid, labels = [], []
    for _, row in rows:
        values, texts = [], []
        for key, _ in cols:
            value = row.get(key)
            good = None if value is None else (1.0 - float(value) if key in LOWER_IS_BETTER else float(value))
            values.append(float("nan") if good is None else good)
            texts.append(fmt(value))
        grid.append(values)
        labels.append(texts)
    fig, ax = plt.subplots(figsize=(1.0 * len(cols) + 2, 0.45 * len(rows) + 1.6))
    ax.imshow(grid, cmap="RdYlGn", vmin=0.0, vmax=1.0, aspect="auto")
    ax.set_xticks(range(len(cols)), [label for _, label in cols], rotation=35, ha="right")
    ax.set_yticks(range(len(rows)), [f"{name} (n={row.get('n')})" for name, row in rows])
    for y, texts in enumerate(labels):
        for x, text in enumerate(texts):
            ax.text(x, y, text, ha="center", va="center", fontsize=8)
    ax.set_title("Advisor eval by item type (green = good; false-refusal and unwanted-clarify flipped)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_outputs(out: Path, summary: Mapping[str, object], records: Sequence[ItemRecord], k: int = 5,
                  breached: Sequence[str] = ()) -> dict[str, Path]:
    """Write summary.json, items.jsonl, report.md and chart.png into `out`; return their paths."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in ("summary.json", "items.jsonl", "report.md", "chart.png")}
    paths["summary.json"].write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths["items.jsonl"].write_text("".join(r.model_dump_json() + "\n" for r in records), encoding="utf-8")
    write_chart(summary, paths["chart.png"], k)
    paths["report.md"].write_text(render_markdown(summary, records, k, breached), encoding="utf-8")
    return paths
