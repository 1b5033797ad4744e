"""The long-lived parts of one process (embedder, index, retriever, store, LLM), built once and shared."""

from __future__ import annotations

import logging
import threading
from functools import cached_property

from assistant.confidence import Calibration, load_calibration
from assistant.embedders import embedder_from_settings
from assistant.errors import ConfigError
from assistant.indexstore import PIPELINE, IndexLayout, LoadedIndex, open_index
from assistant.lexical import BM25Index, add_terms, load_dictionary_by_character
from assistant.lexicon import domain_terms
from assistant.question_bank import QuestionBank, Vote, corpus_fingerprint, load_bank
from assistant.rerank import load_reranker
from assistant.retrieval import HybridRetriever
from assistant.services import ChatModel, Embedder
from assistant.settings import Settings

log = logging.getLogger(__name__)


class Runtime:
    """Everything expensive, loaded lazily and once; the index is re-opened when a new generation lands."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._retriever: HybridRetriever | None = None
        self._stamp: tuple[float, int] | None = None
        load_dictionary_by_character(settings.cache_dir)
        self.tokenizer = add_terms(domain_terms())

    @cached_property
    def embedder(self) -> Embedder:
        return embedder_from_settings(self.settings)

    @cached_property
    def calibration(self) -> Calibration:
        """The confidence model for any corpus (retrieval features only)."""
        return load_calibration()

    @cached_property
    def question_bank(self) -> QuestionBank | None:
        return load_bank()

    @cached_property
    def vote_calibration(self) -> Calibration | None:
        """The model fitted with the labelled questions' vote (None in a calibration file from before it)."""
        try:
            return load_calibration(with_vote=True)
        except ConfigError:
            return None

    def _vote(self, index: LoadedIndex) -> Vote | None:
        """The model that also reads the labelled questions' vote, where they were labelled for this very corpus and
        embedder; None anywhere else (another corpus, a changed document, the OpenAI embedder): the generic model."""
        bank, with_vote = self.question_bank, self.vote_calibration
        corpus = corpus_fingerprint({doc: rec.source_hash for doc, rec in index.manifest.docs.items()})
        if bank is None or with_vote is None or not bank.fits(corpus, self.embedder.name):
            return None
        return Vote(with_vote, bank)

    @cached_property
    def store(self):  # noqa: ANN201 - Store imported lazily: CLI search must not open SQLite
        from assistant.store import Store

        return Store(self.settings.db_path)

    @cached_property
    def chat_model(self) -> ChatModel | None:
        from assistant.llm import chat_model_from_settings

        return chat_model_from_settings(self.settings)

    def retriever(self) -> HybridRetriever:
        """The retriever over the current index generation (re-opened after a re-ingest by any process)."""
        stamp = self._manifest_stamp()
        with self._lock:
            if self._retriever is None or stamp != self._stamp:
                index = self._open()
                self._retriever = HybridRetriever(index, self.embedder, self.calibration, vote=self._vote(index),
                                                  reranker=load_reranker() if self.settings.rerank else None)
                self._stamp = stamp
            return self._retriever

    def index(self) -> LoadedIndex:
        return self.retriever().index

    def _open(self) -> LoadedIndex:
        index = open_index(self.settings, self.embedder.name)
        if index.manifest.tokenizer != self.tokenizer:
            # The lexicon changed since ingestion: keyword tokens must be recomputed to match query tokens.
            _warn_once(f"分词词典已更新，关键词索引已在内存中重建；运行 `sme-advisor ingest` 可省去每次启动的重建"
                       f"（BM25 tokens stale: {self.settings.index_dir}）")
            order = index.bm25.chunk_ids
            index.bm25 = BM25Index.build(order, [index.chunks[c].index_text() for c in order])
        if index.manifest.pipeline != PIPELINE:
            _warn_once(f"索引由旧版切分流程建立（{index.manifest.pipeline or '?'}，当前 {PIPELINE}）：可以正常回答；"
                       f"运行 `sme-advisor ingest` 按新流程重新切分（只向量化新文本）")
        return index

    def _manifest_stamp(self) -> tuple[float, int]:
        path = IndexLayout(self.settings.index_dir).manifest_path
        try:
            stat = path.stat()
        except OSError:
            return (0.0, 0)
        return (stat.st_mtime, stat.st_size)


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """An index condition is worth one line per process, not one per re-open."""
    if message not in _warned:
        _warned.add(message)
        log.warning(message)
