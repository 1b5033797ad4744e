"""Fit the retrieval re-ranker on the training questions and write assistant/data/rerank.json.

Usage: python -m eval.fit_reranker [--data-dir DIR] [--train FILE] [--check FILE ...]

Fitted on eval/datasets/retrieval_train*.jsonl only; advisor_eval.jsonl (the benchmark) and retrieval_heldout.jsonl
(written by someone who never saw the system) are scored before and after, so the gain is measured on questions the
model was not fitted on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from assistant.rerank import FEATURES, POOL, RERANK_FILE, Reranker, fit_pairwise, pairwise_loss
from assistant.retrieval import HybridRetriever
from assistant.runtime import Runtime
from assistant.settings import load_settings
from eval.bench_retrieval import HELDOUT, hints_for, score_variant, scored_items
from eval.dataset import DATASETS_DIR, DEFAULT_DATASET, EvalItem
from eval.relevance import relevant_ranks

TRAIN = sorted(DATASETS_DIR.glob("retrieval_train*.jsonl"))


def answerable(path: Path) -> list[EvalItem]:
    """The items the benchmark scores (clarify items are asked about before any search)."""
    return scored_items(path)[0]


def groups(retriever: HybridRetriever, items: list[EvalItem]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, is-answer) of the fused pool of every question."""
    out = []
    for item in items:
        ids, features = retriever.rerank_features(retriever.candidates(item.question, hints_for(item)))
        chunks = [retriever.index.chunks[cid] for cid in ids]
        relevant = set(relevant_ranks([(c.doc_id, c.text) for c in chunks], item.gold))
        out.append((features, np.array([rank in relevant for rank in range(1, len(ids) + 1)], dtype=bool)))
    return out


def mrr_hit(retriever: HybridRetriever, items: list[EvalItem], rerank: bool) -> tuple[float, float, float]:
    """hit@1, hit@5 and MRR@10 of the full search (dedup included), as the benchmark scores it."""
    score = score_variant(retriever, items, "", "fusion", True, True, rerank)
    return round(score.hit1, 3), round(score.hit5, 3), round(score.mrr10, 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--train", type=Path, nargs="+", default=[p for p in TRAIN if p.exists()])
    parser.add_argument("--check", type=Path, nargs="*", default=[DEFAULT_DATASET, HELDOUT])
    parser.add_argument("--l2", type=float, default=0.001)
    parser.add_argument("--rivals", type=int, default=POOL, help="non-answers paired with each answer (fused order)")
    parser.add_argument("--dry-run", action="store_true", help="report only; keep the shipped model")
    args = parser.parse_args(argv)
    retriever = Runtime(load_settings(data_dir=args.data_dir)).retriever()
    train = groups(retriever, [item for path in args.train for item in answerable(path)])
    model = fit_pairwise(train, l2=args.l2, rivals=args.rivals)
    print(f"fitted on {len(train)} questions; pairwise loss {pairwise_loss(model, train):.3f}")
    for name, weight in sorted(zip(FEATURES, model.weights, strict=True), key=lambda fw: -abs(fw[1])):
        print(f"  {name:22s} {weight:+.3f}")
    report: dict[str, object] = {"train": [p.name for p in args.train], "n_train": len(train), "l2": args.l2,
                                 "rivals": args.rivals}
    shipped = retriever.reranker
    for path in [*args.train, *args.check]:
        items = answerable(path)
        retriever.reranker = model
        after = mrr_hit(retriever, items, rerank=True)
        before = mrr_hit(retriever, items, rerank=False)
        print(f"{path.name} (n={len(items)}) hit@1/hit@5/MRR fusion {before} → re-ranked {after}")
        report[path.name] = {"fusion": before, "reranked": after, "n": len(items)}
    retriever.reranker = shipped
    if not args.dry_run:
        RERANK_FILE.write_text(Reranker(model.weights).to_json(**report), encoding="utf-8")
        print(f"wrote {RERANK_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
