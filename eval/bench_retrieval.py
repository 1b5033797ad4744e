"""Retrieval benchmark: hit@1/@5, recall@5, MRR@10 per retriever, fusion and fusion+lexicon/profile; latency.

Usage: python -m eval.bench_retrieval [--dataset FILE ...] [--data-dir DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.hints import ProfileHints, profile_hints
from assistant.language import mostly_ascii
from assistant.retrieval import HybridRetriever, Mode
from assistant.runtime import Runtime
from assistant.settings import load_settings
from eval.dataset import DATASETS_DIR, DEFAULT_DATASET, EvalItem, load_dataset
from eval.relevance import gold_found, relevant_ranks

HELDOUT = DATASETS_DIR / "retrieval_heldout.jsonl"  # written by someone who never saw the system; never tuned on
VARIANTS: tuple[tuple[str, Mode, bool, bool, bool], ...] = (
    # name, mode, lexicon (+typos, corpus words, pinyin names), profile, learned re-ranker
    ("bm25", "bm25", False, False, False),
    ("dense", "dense", False, False, False),
    ("sentence (dense)", "sentence", False, False, False),
    ("sentence (bm25)", "sentence_bm25", False, False, False),
    ("fusion", "fusion_plain", False, False, False),
    ("fusion+lexicon", "fusion", True, False, False),
    ("fusion+lexicon+profile", "fusion", True, True, False),
    ("fusion+lexicon+profile+rerank", "fusion", True, True, True),
)


@dataclass
class VariantScore:
    name: str
    hit1: float
    hit5: float
    recall5: float
    mrr10: float
    n: int


def hints_for(item: EvalItem) -> ProfileHints | None:
    p = item.profile
    return profile_hints(p.industry, p.employees, p.revenue_wan, p.stage) if p else None


@dataclass(frozen=True)
class ItemScore:
    first_rank: int | None  # rank of the first relevant passage in the top 10
    recall5: float


def score_items(retriever: HybridRetriever, items: list[EvalItem], mode: Mode, lexicon: bool, profile: bool,
                rerank: bool) -> list[ItemScore]:
    scores = []
    for item in items:
        hints = hints_for(item) if profile else None
        result = retriever.search(item.question, k=10, hints=hints, mode=mode, use_lexicon=lexicon, rerank=rerank)
        retrieved = [(p.doc_id, p.text) for p in result.passages]
        ranks = relevant_ranks(retrieved, item.gold)
        scores.append(ItemScore(ranks[0] if ranks else None, gold_found(retrieved[:5], item.gold)))
    return scores


def summarise(name: str, scores: list[ItemScore]) -> VariantScore:
    ranks = [s.first_rank for s in scores]
    n = len(scores)
    return VariantScore(name, sum(r == 1 for r in ranks) / n, sum(r is not None and r <= 5 for r in ranks) / n,
                        sum(s.recall5 for s in scores) / n, sum(1.0 / r for r in ranks if r) / n, n)


def score_variant(retriever: HybridRetriever, items: list[EvalItem], name: str, mode: Mode, lexicon: bool,
                  profile: bool, rerank: bool) -> VariantScore:
    return summarise(name, score_items(retriever, items, mode, lexicon, profile, rerank))


def latency(retriever: HybridRetriever, items: list[EvalItem], repeats: int = 2) -> dict[str, float]:
    """Warm-process latency of first-time questions: the embedder's query cache is emptied before each one."""
    clear = getattr(getattr(retriever.embedder, "_query", None), "cache_clear", lambda: None)
    for item in items[:5]:
        retriever.search(item.question)  # warm the model, jieba and numpy
    times = []
    for _ in range(repeats):
        for item in items:
            clear()
            started = time.perf_counter()
            retriever.search(item.question, hints=hints_for(item))
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))], "n": len(times)}


def cold_start(settings_kwargs: dict, runs: int = 5) -> list[float]:
    """Seconds from nothing loaded to the first answered query, each in a fresh process (one run is noisy)."""
    return sorted(_cold_start_once(settings_kwargs) for _ in range(runs))


def _cold_start_once(settings_kwargs: dict) -> float:
    import subprocess
    import sys

    code = ("import time; t=time.perf_counter(); from assistant.runtime import Runtime; "
            "from assistant.settings import load_settings; import json,sys; "
            f"r=Runtime(load_settings(**{settings_kwargs!r})); r.retriever().search('中小企业数字化转型路径'); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def markdown_table(scores: list[VariantScore]) -> str:
    lines = ["| variant | hit@1 | hit@5 | recall@5 | MRR@10 |", "|---|---|---|---|---|"]
    lines += [f"| {s.name} | {s.hit1:.3f} | {s.hit5:.3f} | {s.recall5:.3f} | {s.mrr10:.3f} |" for s in scores]
    return "\n".join(lines)


def _by_language(items: list[EvalItem], full: list[ItemScore]) -> str:
    """The full pipeline's scores on English and on Chinese questions apart: English ones reach Chinese passages
    only through the multilingual dense side and the lexicon's English phrases."""
    english = [mostly_ascii(list(i.question)) for i in items]
    parts = [f"{label} ({len(group)}): hit@5 {s.hit5:.3f}, MRR@10 {s.mrr10:.3f}"
             for label, want in (("English", True), ("Chinese", False))
             if (group := [score for score, is_en in zip(full, english, strict=True) if is_en == want])
             for s in [summarise(label, group)]]
    return f"\n\nfull pipeline by language — {'; '.join(parts)}" if parts else ""


def scored_items(path: Path) -> tuple[list[EvalItem], list[EvalItem]]:
    """Answerable items, and the clarify items set apart: the advisor asks its question before it searches them."""
    items = [i for i in load_dataset(path) if i.gold and not i.must_refuse]
    return [i for i in items if i.type != "clarify"], [i for i in items if i.type == "clarify"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", type=Path, nargs="+", default=[DEFAULT_DATASET, HELDOUT])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    settings = load_settings(data_dir=args.data_dir)
    retriever = Runtime(settings).retriever()
    report: dict[str, object] = {}
    sections = []
    for path in args.dataset:
        items, clarify = scored_items(path)
        per_item = [score_items(retriever, items, *variant[1:]) for variant in VARIANTS]
        scores = [summarise(variant[0], found) for variant, found in zip(VARIANTS, per_item, strict=True)]
        table = markdown_table(scores)
        note = ""
        if clarify:
            best = score_variant(retriever, clarify, *VARIANTS[-1])
            note = (f"\n\n{len(clarify)} clarify items scored apart (the advisor asks before it searches; any of many "
                    f"passages would do): hit@5 {best.hit5:.3f}, MRR@10 {best.mrr10:.3f}")
        note += _by_language(items, per_item[-1])
        sections.append(f"### {path.name}: {len(items)} answerable items\n\n{table}{note}")
        report[path.name] = {"variants": [s.__dict__ for s in scores], "n": len(items), "clarify_n": len(clarify)}
    first, _ = scored_items(args.dataset[0])
    lat = latency(retriever, first)
    colds = cold_start({"data_dir": str(settings.data_dir)})
    cold = statistics.median(colds)
    timing = (f"warm query latency (full pipeline, {args.dataset[0].name}, n={lat['n']}): p50 {lat['p50_ms']:.1f} ms, "
              f"p95 {lat['p95_ms']:.1f} ms; cold start to first result: median {cold:.2f} s of {len(colds)} fresh "
              f"processes ({colds[0]:.2f}–{colds[-1]:.2f} s)")
    text = "\n\n".join([*sections, timing])
    print(text)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "retrieval.md").write_text(text + "\n", encoding="utf-8")
        (args.out / "retrieval.json").write_text(json.dumps(
            {**report, "latency": lat, "cold_start_s": cold, "cold_start_runs_s": colds}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
