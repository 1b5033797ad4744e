"""What the retrievers found for one question: each one's ranking, and their fusion before re-ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from assistant.fusion import RRF_K
from assistant.queryplan import QueryPlan


@dataclass(frozen=True)
class Weights:
    """How much each ranked list counts in the fusion (tuned on eval/datasets/advisor_eval.jsonl)."""

    bm25: float = 1.0
    dense: float = 0.5
    sentence: float = 1.0
    sentence_bm25: float = 1.0
    profile: float = 0.6  # one extra list: lifts an industry's own sections without burying the best hit
    rrf_k: int = RRF_K


@dataclass
class Ranking:
    """One retriever's answer: the ranked chunk ids and their raw scores."""

    ids: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)

    def rank(self, cid: str) -> int | None:
        return self.ids.index(cid) + 1 if cid in self.scores else None


@dataclass(frozen=True)
class Rankings:
    bm25: Ranking
    dense: Ranking
    sentence: Ranking
    sentence_bm25: Ranking


@dataclass
class Candidates:
    """Everything the retrievers found for one question, before re-ranking and dedup."""

    query: QueryPlan
    rankings: Rankings
    fused: dict[str, float]
    boosted: set[str]
    cosines: np.ndarray | None
    timings: dict[str, float]
    query_vector: np.ndarray | None = None

    def pool(self, size: int) -> list[str]:
        return sorted(self.fused, key=self.fused.get, reverse=True)[:size]  # type: ignore[arg-type]
