"""Hybrid retrieval: BM25 over jieba tokens ⊕ dense e5 vectors, fused by reciprocal rank, deduplicated."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from assistant.confidence import Calibration, ConfidenceFeatures
from assistant.indexstore import LoadedIndex
from assistant.lexical import tokenize
from assistant.lexicon import Expansion, expand
from assistant.services import Embedder
from assistant.textnorm import nfkc
from corpus.chunk import Chunk

RRF_K = 60
CANDIDATES = 50
PROFILE_WEIGHT = 0.6  # one extra ranked list: enough to lift an industry's own sections, not to bury the best hit
Mode = Literal["fusion", "bm25", "dense", "fusion_plain"]


@dataclass(frozen=True)
class ProfileHints:
    """What the SME profile tells retrieval: the corpus sections written for its industry."""

    sections: tuple[tuple[str, str], ...] = ()  # (doc_id, heading text contained in the section path)
    label: str = ""

    def matches(self, chunk: Chunk) -> bool:
        return any(doc == chunk.doc_id and heading in chunk.section for doc, heading in self.sections)


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    page: int | None
    para: int
    start: int
    end: int
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float = 0.0
    bm25_score: float = 0.0
    boosted: bool = False


@dataclass
class RetrievalResult:
    query: str
    passages: list[Passage]
    confidence: float
    covered: bool
    expansion: Expansion
    query_terms: list[str]
    features: ConfidenceFeatures
    timings: dict[str, float] = field(default_factory=dict)


class HybridRetriever:
    """Fuses keyword and semantic rankings; the keyword side understands how SME owners phrase things."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, calibration: Calibration) -> None:
        self.index = index
        self.embedder = embedder
        self.calibration = calibration
        self._order = index.bm25.chunk_ids
        self._tokens = {cid: set(tokenize(index.chunks[cid].index_text())) for cid in self._order}

    def search(self, query: str, k: int = 6, hints: ProfileHints | None = None, mode: Mode = "fusion",
               use_lexicon: bool = True) -> RetrievalResult:
        started = time.perf_counter()
        text = nfkc(query).strip()
        expansion = expand(text) if use_lexicon and mode != "fusion_plain" else Expansion((), ())
        terms = tokenize(text)
        extra = [t for t in tokenize(" ".join(expansion.terms)) if t not in terms]
        bm25_ranked, bm25_scores = self._bm25(terms * 2 + extra) if mode != "dense" else ([], {})
        t_bm25 = time.perf_counter()
        dense_ranked, dense_scores = self._dense(text) if mode != "bm25" else ([], {})
        t_dense = time.perf_counter()
        lists = [lst for lst in (bm25_ranked, dense_ranked) if lst]
        fused = _rrf(lists)
        boosted: set[str] = set()
        if hints and hints.sections and mode in ("fusion",):
            boosted = {cid for cid in fused if hints.matches(self.index.chunks[cid])}
            industry_list = [cid for cid in sorted(fused, key=fused.get, reverse=True) if cid in boosted]
            for rank, cid in enumerate(industry_list, start=1):
                fused[cid] += PROFILE_WEIGHT / (RRF_K + rank)
        ranked = sorted(fused, key=fused.get, reverse=True)
        passages = self._dedup([self._passage(cid, fused[cid], bm25_ranked, dense_ranked, bm25_scores,
                                              dense_scores, cid in boosted) for cid in ranked[:k * 4]], k)
        english = _mostly_ascii(terms)
        features = self._features(extra if english else terms, english, passages, dense_ranked, dense_scores)
        confidence = self.calibration.probability(features)
        done = time.perf_counter()
        return RetrievalResult(
            query=text, passages=passages, confidence=confidence, covered=confidence >= self.calibration.threshold,
            expansion=expansion, query_terms=terms + extra, features=features,
            timings={"bm25_ms": (t_bm25 - started) * 1000, "dense_ms": (t_dense - t_bm25) * 1000,
                     "total_ms": (done - started) * 1000},
        )

    def _bm25(self, tokens: Sequence[str]) -> tuple[list[str], dict[str, float]]:
        scores = self.index.bm25.scores(tokens)
        if not scores.size or float(scores.max()) <= 0:
            return [], {}
        top = np.argsort(-scores)[:CANDIDATES]
        ranked = [self._order[i] for i in top if scores[i] > 0]
        return ranked, {self._order[i]: float(scores[i]) for i in top}

    def _dense(self, text: str) -> tuple[list[str], dict[str, float]]:
        hits = self.index.vectors.search(self.embedder.embed_query(text), CANDIDATES)
        return [h.chunk_id for h in hits], {h.chunk_id: h.score for h in hits}

    def _passage(self, cid: str, score: float, bm25_ranked: list[str], dense_ranked: list[str],
                 bm25_scores: dict[str, float], dense_scores: dict[str, float], boosted: bool) -> Passage:
        c = self.index.chunks[cid]
        return Passage(
            chunk_id=cid, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text, page=c.page,
            para=c.para, start=c.start, end=c.end, score=score,
            dense_rank=dense_ranked.index(cid) + 1 if cid in dense_scores else None,
            bm25_rank=bm25_ranked.index(cid) + 1 if cid in bm25_ranked else None,
            dense_score=dense_scores.get(cid, 0.0), bm25_score=bm25_scores.get(cid, 0.0), boosted=boosted,
        )

    def _dedup(self, passages: list[Passage], k: int) -> list[Passage]:
        """Overlapping windows of one passage (or the same text in two files) take one slot, not several."""
        kept: list[Passage] = []
        for p in passages:
            if any(_overlaps(p, q) or _near_duplicate(p.text, q.text) for q in kept):
                continue
            kept.append(p)
            if len(kept) == k:
                break
        return kept

    def _features(self, terms: list[str], english: bool, passages: list[Passage], dense_ranked: list[str],
                  dense_scores: dict[str, float]) -> ConfidenceFeatures:
        ordered = [dense_scores[c] for c in dense_ranked]
        top_dense = ordered[0] if ordered else 0.0
        tail = ordered[9:30]
        gap = top_dense - (sum(tail) / len(tail)) if tail else 0.0
        content = [t for t in dict.fromkeys(terms) if len(t) >= 2 or not t.isascii()]
        covered_tokens: set[str] = set()
        for p in passages[:3]:
            covered_tokens |= self._tokens.get(p.chunk_id, set())
        coverage = sum(1 for t in content if t in covered_tokens) / len(content) if content else 0.0
        return ConfidenceFeatures(top_dense=top_dense, dense_gap=gap, coverage=coverage,
                                  ascii_query=english)


def _rrf(lists: Sequence[Sequence[str]]) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranked in lists:
        for rank, cid in enumerate(ranked, start=1):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (RRF_K + rank)
    return fused


def _overlaps(a: Passage, b: Passage) -> bool:
    if a.doc_id != b.doc_id:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0.3 * min(a.end - a.start, b.end - b.start)


def _grams(text: str) -> set[str]:
    compact = re.sub(r"\s+", "", text)
    return {compact[i:i + 3] for i in range(len(compact) - 2)}


def _near_duplicate(a: str, b: str) -> bool:
    ga, gb = _grams(a), _grams(b)
    return bool(ga and gb) and len(ga & gb) / len(ga | gb) > 0.8


def _mostly_ascii(terms: list[str]) -> bool:
    return bool(terms) and sum(t.isascii() for t in terms) / len(terms) > 0.6


