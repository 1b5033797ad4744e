"""Learned re-ranking of the fused candidates: a linear model over each retriever's vote and the query's coverage.

Reciprocal-rank fusion weighs every list the same way for every question. The re-ranker learns from questions with
known answers (eval/datasets/retrieval_train*.jsonl, fitted by `python -m eval.fit_reranker`) when a sentence-level
match should beat a whole-passage one, how much the user's own words count against the lexicon's, and when a
heading that names the question's subject matters. It is pairwise (answer vs non-answer of the same question), so it
optimises the order, not a probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.fusion import RRF_K

RERANK_FILE = Path(__file__).resolve().parent / "data" / "rerank.json"
POOL = 30  # fused candidates the re-ranker reorders; the answer is in the fused top 30 for ~98% of questions

FEATURES = (
    "fused", "rr_bm25", "rr_dense", "rr_sentence", "rr_sentence_bm25",
    "bm25", "sentence_bm25", "dense_gap", "sentence_gap",
    "cover_user", "cover_rarest", "cover_extra", "cover_heading", "boosted", "short",
    "english_dense_gap", "english_sentence_gap",
)


@dataclass(frozen=True)
class CandidateSignals:
    """What the retrievers said about one candidate passage (ranks are 1-based, None when a list missed it)."""

    fused: float
    ranks: tuple[int | None, int | None, int | None, int | None]  # bm25, dense, sentence, sentence_bm25
    bm25: float
    sentence_bm25: float
    dense: float | None
    sentence: float | None
    tokens: frozenset[str]
    heading_tokens: frozenset[str]
    boosted: bool
    length: int


@dataclass(frozen=True)
class QuerySignals:
    user_terms: tuple[str, ...]  # the words the user typed (after typo correction)
    extra_terms: tuple[str, ...]  # lexicon, profile and corpus-vocabulary additions
    english: bool


def feature_matrix(query: QuerySignals, candidates: Sequence[CandidateSignals], idf: Mapping[str, float],
                   oov_idf: float) -> np.ndarray:
    """One row of FEATURES per candidate, each scaled relative to the best candidate of this question."""
    if not candidates:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    top_fused = max(c.fused for c in candidates) or 1.0
    top_bm25 = max(c.bm25 for c in candidates) or 1.0
    top_sbm25 = max(c.sentence_bm25 for c in candidates) or 1.0
    dense_known = [c.dense for c in candidates if c.dense is not None]
    sent_known = [c.sentence for c in candidates if c.sentence is not None]
    top_dense, floor_dense = (max(dense_known), min(dense_known)) if dense_known else (0.0, 0.0)
    top_sent, floor_sent = (max(sent_known), min(sent_known)) if sent_known else (0.0, 0.0)
    english = 1.0 if query.english else 0.0
    rows = []
    for c in candidates:
        dense_gap = ((c.dense if c.dense is not None else floor_dense) - top_dense) / 0.05
        sent_gap = ((c.sentence if c.sentence is not None else floor_sent) - top_sent) / 0.05
        rows.append([
            c.fused / top_fused, *(_vote(r) for r in c.ranks),
            c.bm25 / top_bm25, c.sentence_bm25 / top_sbm25, dense_gap, sent_gap,
            coverage(query.user_terms, c.tokens, idf, oov_idf), rarest_found(query.user_terms, c.tokens, idf),
            coverage(query.extra_terms, c.tokens, idf, oov_idf),
            coverage(query.user_terms, c.heading_tokens, idf, oov_idf), 1.0 if c.boosted else 0.0,
            1.0 if c.length < 150 else 0.0, english * dense_gap, english * sent_gap,
        ])
    return np.asarray(rows, dtype=np.float64)


TRUSTED = 3  # the re-ranker's own first places
RESERVED = 2  # fusion's first places that always stay in the top TRUSTED + RESERVED


def keep_fusion_leaders(reranked: Sequence[str], fused: Sequence[str]) -> list[str]:
    """The re-ranked order, except that fusion's top RESERVED are never pushed below rank TRUSTED + RESERVED.

    The linear re-ranker was fitted on a few hundred questions: it lifts many answers to rank 1, but now and then
    it buries the passage every retriever agreed on. Keeping fusion's leaders in the top five costs nothing on the
    training questions and recovers those (benchmark hit@5 0.943 -> 0.951; held-out unchanged).
    """
    order = list(reranked[:TRUSTED])
    order += [cid for cid in fused[:RESERVED] if cid not in order]
    return order + [cid for cid in reranked if cid not in order]


KEYWORD_DOMINANCE = 2.5  # how far the keyword leader's score must stand above the top three's to keep a place


def keep_keyword_leader(order: Sequence[str], keyword_ids: Sequence[str], keyword_scores: dict[str, float]) -> list[str]:
    """The order, with the keyword side's first passage moved to third place when it outscores every passage of
    the top three many times over: the lexicon matched the reports' own words ("四大困境" → 不想转、不敢转…) where
    the embedding and the re-ranker preferred a passage on the question's generic words."""
    if not keyword_ids or keyword_ids[0] in order[:TRUSTED]:
        return list(order)
    leader = keyword_ids[0]
    best_shown = max((keyword_scores.get(cid, 0.0) for cid in order[:TRUSTED]), default=0.0)
    if keyword_scores.get(leader, 0.0) < KEYWORD_DOMINANCE * max(best_shown, 1e-9):
        return list(order)
    rest = [cid for cid in order if cid != leader]
    return rest[:TRUSTED - 1] + [leader] + rest[TRUSTED - 1:]


def _vote(rank: int | None) -> float:
    return RRF_K / (RRF_K + rank) if rank else 0.0  # the list's own vote in the fusion, scaled to 1 at rank 0


def rarest_found(terms: Sequence[str], tokens: frozenset[str] | set[str], idf: Mapping[str, float]) -> float:
    """The passage holds the most specific word the user typed that the corpus knows (上云率, not just 上云)."""
    known = [idf[t] for t in terms if t in idf]
    if not known:
        return 0.0
    return max((idf[t] for t in terms if t in tokens and t in idf), default=0.0) / max(known)


def coverage(terms: Sequence[str], tokens: frozenset[str] | set[str], idf: Mapping[str, float],
             oov_idf: float) -> float:
    """IDF-weighted share of the terms found among the tokens (rare words count most)."""
    content = [t for t in dict.fromkeys(terms) if len(t) >= 2 or not t.isascii()]
    if not content:
        return 0.0
    weights = [idf.get(t, oov_idf) for t in content]
    return sum(w for t, w in zip(content, weights, strict=True) if t in tokens) / sum(weights)


@dataclass(frozen=True)
class Reranker:
    weights: tuple[float, ...]

    def scores(self, features: np.ndarray) -> np.ndarray:
        return features @ np.asarray(self.weights, dtype=np.float64) if len(features) else np.zeros(0)

    def to_json(self, **report: object) -> str:
        return json.dumps({"features": list(FEATURES), "weights": list(self.weights), "report": report},
                          ensure_ascii=False, indent=1)


def load_reranker(path: Path = RERANK_FILE) -> Reranker | None:
    """The fitted model shipped with the package; None (plain fusion) when absent or fitted on other features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    return Reranker(tuple(float(w) for w in data["weights"]))


def fit_pairwise(groups: Sequence[tuple[np.ndarray, np.ndarray]], l2: float = 0.01, steps: int = 2000,
                 rate: float = 0.5, rivals: int = POOL) -> Reranker:
    """Logistic loss on (answer − non-answer) feature differences within each question, by gradient descent.

    Each answer is paired with the first `rivals` non-answers of the fused order (measured: pairing only the top 10
    raised hit@1 a little and lowered hit@5 as much, so all of the pool is the default).
    """
    diffs = [features[labels][:, None, :] - features[~labels][None, :rivals, :]
             for features, labels in groups if labels.any() and (~labels).any()]
    # Every question counts once, however many non-answers it has.
    weights_per_pair = [np.full(d.shape[0] * d.shape[1], 1.0 / (d.shape[0] * d.shape[1])) for d in diffs]
    x = np.concatenate([d.reshape(-1, len(FEATURES)) for d in diffs])
    sample = np.concatenate(weights_per_pair) / len(diffs)
    w = np.zeros(len(FEATURES))
    for _ in range(steps):
        margin = np.clip(x @ w, -30, 30)
        grad = -(x * (sample / (1.0 + np.exp(margin)))[:, None]).sum(axis=0) + l2 * w
        w -= rate * grad
    return Reranker(tuple(round(float(v), 5) for v in w))


def pairwise_loss(model: Reranker, groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> float:
    """Mean per-question logistic loss (for reporting the fit)."""
    losses = []
    for features, labels in groups:
        if labels.any() and (~labels).any():
            s = model.scores(features)
            margins = s[labels][:, None] - s[~labels][None, :]
            losses.append(float(np.mean(np.log1p(np.exp(-np.clip(margins, -30, 30))))))
    return sum(losses) / len(losses) if losses else math.nan
