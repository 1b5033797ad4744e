"""Weighted reciprocal-rank fusion and near-duplicate suppression of ranked chunks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

RRF_K = 20  # small k: the top of each list counts much more than its tail (tuned on the eval set)


@dataclass(frozen=True)
class RankedList:
    """One retriever's ranking (best first) and how much its vote counts in the fusion."""

    name: str
    chunk_ids: list[str]
    weight: float


def rrf(lists: Sequence[RankedList], k: int = RRF_K) -> dict[str, float]:
    """Sum weight / (k + rank) over every list a chunk appears in."""
    fused: dict[str, float] = {}
    for ranked in lists:
        for rank, cid in enumerate(ranked.chunk_ids, start=1):
            fused[cid] = fused.get(cid, 0.0) + ranked.weight / (k + rank)
    return fused


@dataclass(frozen=True)
class Span:
    doc_id: str
    start: int
    end: int
    text: str


def overlaps(a: Span, b: Span) -> bool:
    """Two windows of one document that share more than 30% of the shorter one."""
    if a.doc_id != b.doc_id:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0.3 * min(a.end - a.start, b.end - b.start)


@lru_cache(maxsize=4096)  # chunk texts repeat across queries
def _grams(text: str) -> frozenset[str]:
    compact = re.sub(r"\s+", "", text)
    return frozenset(compact[i:i + 3] for i in range(len(compact) - 2))


def near_duplicate(a: str, b: str) -> bool:
    """The same text in two places (a report quoting another, a repeated box)."""
    ga, gb = _grams(a), _grams(b)
    return bool(ga and gb) and len(ga & gb) / len(ga | gb) > 0.8


def dedup(spans: Sequence[Span], k: int) -> list[int]:
    """Indices of the spans kept, in order: overlapping windows of one passage take one slot, not several."""
    kept: list[int] = []
    for i, span in enumerate(spans):
        if any(overlaps(span, spans[j]) or near_duplicate(span.text, spans[j].text) for j in kept):
            continue
        kept.append(i)
        if len(kept) == k:
            break
    return kept
