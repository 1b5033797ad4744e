"""The hybrid retriever as a langchain-core BaseRetriever: Documents carry our passage metadata; logic stays ours."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.hints import ProfileHints
from assistant.passages import Passage
from assistant.retrieval import HybridRetriever


class AdvisorRetriever(BaseRetriever):
    """Wraps HybridRetriever.search; each Document is one passage, the whole result's confidence on every one."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: HybridRetriever
    k: int = 6
    hints: ProfileHints | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        result = self.retriever.search(query, k=self.k, hints=self.hints)
        extra = {"confidence": result.confidence, "covered": result.covered}
        return [Document(page_content=p.text, metadata={**passage_metadata(p, rank), **extra}, id=p.chunk_id)
                for rank, p in enumerate(result.passages, start=1)]


def passage_metadata(p: Passage, rank: int) -> dict[str, Any]:
    """Flat, JSON-friendly metadata of one passage (what a citation and a debugger need)."""
    return {
        "rank": rank, "chunk_id": p.chunk_id, "doc_id": p.doc_id, "title": p.title, "section": p.section,
        "page": p.page, "para": p.para, "start": p.start, "end": p.end, "score": p.score,
        "bm25_rank": p.bm25_rank, "dense_rank": p.dense_rank, "sentence_rank": p.sentence_rank,
        "sentence_bm25_rank": p.sentence_bm25_rank,
        "boosted": p.boosted,
    }
