"""What an extractive answer is composed from: the question, the firm, the passages found, and what came before."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from assistant.lexical import BM25Index
from assistant.passages import Passage, RetrievalResult
from assistant.quoting import ranked_sentences
from assistant.result import Citation, ProfileSummary
from assistant.sentences import ScoredSentence, term_weights
from assistant.wording import Wording
from corpus.chunk import Chunk

Picked = list[tuple[Passage, ScoredSentence]]  # quotes chosen for an answer, each with its passage
OWN_SHARE = 0.5  # a further quote holds at least this share of the best quote's weight of the words the user typed


@dataclass
class ExtractiveRequest:
    question: str
    kind: str  # "advice" | "fact"
    wording: Wording
    profile: ProfileSummary
    assumptions: list[str]
    main: RetrievalResult
    bm25: BM25Index  # for term weights (IDF) when choosing sentences
    extras: dict[str, RetrievalResult] = field(default_factory=dict)  # "stage", "size", "policy"
    previous_answer: str = ""  # what the last turn said, for "为什么？" (kind "why")
    previous_citations: list[Citation] = field(default_factory=list)
    already_quoted: list[str] = field(default_factory=list)  # "还有吗": not to be quoted again
    chunks: Collection[Chunk] = ()  # the whole index (not copied), for lists the reports lay out under one heading
    user_text: str = ""  # what the user typed this conversation: a place only a quoted gist carried in is not theirs
    uploaded: frozenset[str] = frozenset()  # the documents uploaded through the UI (by doc id, their file name)


@dataclass
class Composed:
    answer: str
    citations: list[Citation]


def ranked(req: ExtractiveRequest, result: RetrievalResult) -> tuple[dict[str, Passage], list[ScoredSentence]]:
    return ranked_sentences(req.bm25, result)


def own_words(req: ExtractiveRequest) -> Callable[[ScoredSentence], float]:
    """IDF weight of the words the user typed that a sentence holds."""
    weights = {t: w for t, w in term_weights(req.bm25, req.main.user_terms).items() if w > 0}

    return lambda s: sum(w for t, w in weights.items() if t in s.tokens)
