"""What one search returns: ranked passages with their retriever ranks and scored sentences, and the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.confidence import ConfidenceFeatures
from assistant.constraints import Unmet
from assistant.lexicon import Expansion

if TYPE_CHECKING:
    from corpus.chunk import Chunk


@dataclass(frozen=True)
class ScoredSentence:
    """One sentence of a passage: offsets within the passage text and its cosine to the query."""

    text: str
    start: int
    end: int
    score: float


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
    sentence_rank: int | None = None
    sentence_score: float = 0.0  # cosine of the passage's best sentence
    sentence_bm25_rank: int | None = None
    sentences: tuple[ScoredSentence, ...] = ()


def whole_passage(c: Chunk) -> Passage:
    """A chunk quoted for what it holds (an item of a list the reports lay out, the stages' paragraph), not because
    a search ranked it."""
    return Passage(chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text, page=c.page,
                   para=c.para, start=c.start, end=c.end, score=0.0)


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
    user_terms: list[str] = field(default_factory=list)  # the words the user typed (query_terms adds expansions)
    threshold: float = 0.5  # the confidence below which the documents count as not covering the question
    unmet: Unmet = field(default_factory=Unmet)  # places, figures and names asked about that the top passages never mention
    local_places: dict[str, frozenset[str]] = field(default_factory=dict)  # each document's districts (notice_places)
    # the districts whose notice a document is, with their city ("无锡惠山"; notice_places.home_of)
    home_places: dict[str, frozenset[str]] = field(default_factory=dict)
