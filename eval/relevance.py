"""When a retrieved chunk counts as relevant: it holds a gold quote (or ≥80% of one cut by a chunk boundary)."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from assistant.textnorm import squash
from eval.dataset import GoldQuote

OVERLAP = 0.8


def chunk_has_quote(chunk_text: str, doc_id: str, gold: GoldQuote) -> bool:
    """Say whether a chunk of `doc_id` contains the gold quote, allowing a chunk boundary to cut 20% of it."""
    if doc_id != gold.doc:
        return False
    quote, text = squash(gold.quote), squash(chunk_text)
    if quote in text:
        return True
    match = SequenceMatcher(None, quote, text, autojunk=False).find_longest_match(0, len(quote), 0, len(text))
    return match.size >= OVERLAP * len(quote)


def relevant_ranks(retrieved: Sequence[tuple[str, str]], gold: Sequence[GoldQuote]) -> list[int]:
    """1-based ranks of retrieved (doc_id, text) pairs that hold any gold quote."""
    return [rank for rank, (doc_id, text) in enumerate(retrieved, start=1)
            if any(chunk_has_quote(text, doc_id, g) for g in gold)]


def gold_found(retrieved: Sequence[tuple[str, str]], gold: Sequence[GoldQuote]) -> float:
    """Share of the gold quotes that some retrieved chunk holds (recall over quotes)."""
    if not gold:
        return 0.0
    hits = sum(any(chunk_has_quote(text, doc_id, g) for doc_id, text in retrieved) for g in gold)
    return hits / len(gold)
