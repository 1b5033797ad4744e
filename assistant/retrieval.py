"""Hybrid retrieval: BM25 over chunks and over sentences ⊕ e5 chunk and sentence vectors, fused by RRF."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import replace
from functools import cached_property
from typing import Literal

import numpy as np

from assistant.confidence import Calibration, without_price_ask
from assistant.constraints import asks_about_support, named_first, subject_named, unmet, without_places
from assistant.corpus_names import CorpusNames
from assistant.fine_print import passages_state, with_sections_asked
from assistant.fusion import RankedList, Span, dedup, rrf
from assistant.guidance import place_support_asked
from assistant.hints import ProfileHints
from assistant.indexstore import LoadedIndex
from assistant.language import english_prose, latin_text
from assistant.lexical import tokenize
from assistant.names import COUNTRIES, names_asked, without_examples
from assistant.notice_places import homes_by_document, places_by_document
from assistant.passages import Passage, RetrievalResult, ScoredSentence
from assistant.queryplan import keyword_weights, plan_query
from assistant.question_bank import Vote
from assistant.rankings import Candidates, Ranking, Rankings, Weights
from assistant.rerank import (
    POOL,
    CandidateSignals,
    QuerySignals,
    Reranker,
    feature_matrix,
    keep_fusion_leaders,
    keep_keyword_leader,
)
from assistant.search_features import TermWeights, read_features
from assistant.sentence_kinds import proposed
from assistant.services import Embedder
from assistant.vocab import QueryVocabulary
from corpus.chunk import Chunk
from corpus.sentences import sentence_spans

CANDIDATES = 50
Mode = Literal["fusion", "bm25", "dense", "sentence", "sentence_bm25", "fusion_plain"]
_USES = {"bm25": ("fusion", "fusion_plain", "bm25"), "dense": ("fusion", "fusion_plain", "dense"),
         "sentence": ("fusion", "fusion_plain", "sentence"),
         "sentence_bm25": ("fusion", "fusion_plain", "sentence_bm25")}


class HybridRetriever:
    """Fuses keyword and semantic rankings; the keyword side understands how SME owners phrase things."""

    def __init__(self, index: LoadedIndex, embedder: Embedder, calibration: Calibration,
                 weights: Weights | None = None, reranker: Reranker | None = None,
                 vote: Vote | None = None) -> None:
        if calibration.uses_vote:
            raise ValueError("the generic confidence model must not need the labelled questions' vote")
        self.index = index
        self.reranker = reranker
        self.embedder = embedder
        self.calibration = calibration
        self.vote = vote
        self._names = CorpusNames(index.chunks)
        self.weights = weights or Weights()
        self._order = index.bm25.chunk_ids
        self._tokens = dict(zip(self._order, index.bm25.doc_tokens(), strict=True))
        self._headings: dict[str, frozenset[str]] = {}
        n = max(1, len(self._tokens))
        self._idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in index.bm25.doc_freqs().items()}
        self._oov_idf = math.log((n + 1) / 0.5)
        self._weights = TermWeights(self._tokens, self._idf, self._oov_idf)
        self._latin = {cid for cid, c in index.chunks.items() if english_prose(c.text)}
        self.vocabulary = QueryVocabulary(index.bm25.vocabulary)

    @cached_property
    def _latin_rows(self) -> np.ndarray:
        """Sentences written in English; worked out on the first English question, not at start-up."""
        chunks = self.index.chunks
        return np.array([latin_text(chunks[cid].text[start:end]) if cid in chunks else False
                         for cid, start, end in self.index.sentences.rows], dtype=bool)

    @cached_property
    def local_places(self) -> dict[str, frozenset[str]]:
        """Each document's districts and counties, read from its text ("无锡市惠山区" → 惠山), on the first question."""
        return places_by_document((c.doc_id, c.title, c.text) for c in self.index.chunks.values())

    @cached_property
    def home_places(self) -> dict[str, frozenset[str]]:
        """The districts whose notice each document is, by its title and opening ("无锡惠山")."""
        return homes_by_document((c.doc_id, c.title, c.start, c.text) for c in self.index.chunks.values())

    def search(self, query: str, k: int = 6, hints: ProfileHints | None = None, mode: Mode = "fusion",
               use_lexicon: bool = True, rerank: bool = True) -> RetrievalResult:
        started = time.perf_counter()
        found = self.candidates(without_examples(query, self._names.never_named), hints, mode, use_lexicon)
        reorder = rerank and self.reranker is not None and mode == "fusion"
        reranked = self._reranked(found) if reorder else []
        ranked = keep_fusion_leaders(self._with_profile(reranked, found.boosted), found.pool(POOL)) \
            if reorder else found.pool(k * 4)
        ranked = with_sections_asked(found.query.text, ranked, self.index.chunks, local=self.local_places)
        passages = self._passages(ranked, found, k)
        # The confidence reads retrieval's own ranking: not finding 钉钉's passages unaided is part of the evidence
        # that a question on it is a near miss. The user is shown the passages that name what they asked about,
        # and the keyword side's leader when it stands far ahead (the lexicon found the reports' own words).
        led = keep_keyword_leader(ranked, found.rankings.bm25.ids, found.rankings.bm25.scores) if reorder else ranked
        named = named_first(found.query.text, led, self._names.text_of, self._names.never_named)
        shown = passages if named == ranked else self._passages(named, found, k)
        q = found.query
        top = passages[:3]
        missing = unmet(q.text, [p.text for p in top] + [p.title for p in top], self.local_places,
                        [p.doc_id for p in top])
        # A country is only a missing detail when none of five passages speaks of it: a question on two
        # countries' policies ("德国…欧盟…") may find the second one's passages first.
        # the words are looked for in the unboosted leaders too: the firm's industry sections shown first ("dyeing"
        # firm asking about energy monitoring) must not make the question look less covered than it is
        # An English question's only words the reports hold are the lexicon's: the keyword leader shown for them
        # ("cloud adoption rate" → the 上云率 passage) counts towards its coverage too
        promoted = [cid for cid in led[:3] if cid not in ranked[:3]] if q.english else []
        # an uploaded notice states what the analytical reports never do ("一、申报条件"): then it is no near miss
        stated = passages_state(q.text, passages[:5], self.local_places)
        features = read_features(q, passages, found.rankings.dense,
                                 bool(missing.places or missing.figures or missing.names), self._weights,
                                 also=(reranked[:3] if found.boosted else []) + promoted, stated=stated)
        if stated and not missing.places:
            features = replace(features, fine_print_found=True)
        if missing.unmentioned:
            wider = passages[:5]
            absent = unmet(q.text, [p.text for p in wider] + [p.title for p in wider], self.local_places,
                           [p.doc_id for p in wider])
            # Only a subject the whole corpus never names settles it ("印度"); one it names elsewhere ("Germany"
            # asked in English) is a retrieval miss, left to the model.
            features = replace(features, subject_absent=any(map(self._names.never_named, absent.unmentioned)))
            missing = replace(missing, countries=tuple(filter(self._names.never_named, absent.countries)),
                              trades=tuple(filter(self._names.never_named, absent.trades)))
        compared = [n for n in names_asked(q.text) if n in COUNTRIES]
        if len(compared) > 1 and all(any(subject_named(n, self._names.text_of(p.chunk_id)) for p in shown[:5])
                                     for n in compared):
            features = replace(features, countries_found=True)
        # a report's proposal ("支持中国商飞、上汽集团、上海振华重工…") is no support a place gives
        if place_support_asked(q.text, [s.text for p in shown[:5] if not proposed(p) for s in p.sentences]):
            features = replace(features, place_support_found=True)
        model = self._model(q.english)
        if model is not self.calibration:
            # keyword-only search (a benchmark variant) embeds the question for its vote alone
            vector = found.query_vector if found.query_vector is not None else self.query_vector(query)
            features = replace(features, neighbour_vote=self.vote.bank.vote(vector))
        confidence = model.confidence(features)
        done = time.perf_counter()
        return RetrievalResult(
            query=q.text, passages=shown, confidence=confidence, covered=confidence >= model.threshold,
            threshold=model.threshold,
            expansion=q.expansion, query_terms=q.terms + q.extra, features=features,
            timings={**found.timings, "total_ms": (done - started) * 1000}, user_terms=list(q.terms), unmet=missing,
            local_places=self.local_places, home_places=self.home_places,
        )

    def _model(self, english: bool) -> Calibration:
        return self.vote.model if self.vote is not None and not english else self.calibration

    def topic_confidence(self, result: RetrievalResult, question: str, hints: ProfileHints | None = None) -> float:
        """The confidence of what an advice question is about, without the parts the answer itself qualifies:
        advice on costs is answered from what firms spend ("我们想上AOI，一般多少钱" is about AOI), and support for a
        firm in a place the reports never name from the national programmes, with a note on the place ("温州做阀门的，
        有补贴吗"). Neither the price ask nor the place should count against the rest of the question."""
        topic = without_price_ask(question)
        if asks_about_support(topic):
            topic = without_places(topic)
        if len(topic) >= 2 and topic != question:
            result = self.search(topic, k=5, hints=hints)
        return self._model(result.features.ascii_query).confidence(replace(result.features, specifics=False))

    def candidates(self, query: str, hints: ProfileHints | None = None, mode: Mode = "fusion",
                   use_lexicon: bool = True) -> Candidates:
        """Run every retriever the mode uses and fuse their rankings (no ordering or dedup yet)."""
        started = time.perf_counter()
        q = plan_query(query, self.vocabulary, understand=use_lexicon and mode != "fusion_plain",
                       profile_terms=hints.terms if hints and mode == "fusion" else ())
        keywords = keyword_weights(q)
        bm25 = self._bm25(keywords) if mode in _USES["bm25"] else Ranking()
        sent_bm25 = Ranking(*self.index.sentences.best_lexical(keywords, CANDIDATES)) \
            if mode in _USES["sentence_bm25"] else Ranking()
        t_bm25 = time.perf_counter()
        qvec = self.embedder.embed_query(q.focus) if mode != "bm25" and q.focus else None
        dense = self._dense(qvec, q.english) if qvec is not None and mode in _USES["dense"] else Ranking()
        cosines = self.index.sentences.cosines(qvec) if qvec is not None else None
        sent = self._sentence(cosines, q.english) if cosines is not None and mode in _USES["sentence"] \
            else Ranking()
        t_dense = time.perf_counter()
        w = self.weights
        fused = rrf([RankedList("bm25", bm25.ids, w.bm25), RankedList("dense", dense.ids, w.dense),
                     RankedList("sentence", sent.ids, w.sentence),
                     RankedList("sentence_bm25", sent_bm25.ids, w.sentence_bm25)], w.rrf_k)
        boosted = self._boost(fused, hints) if hints and hints.sections and mode == "fusion" else set()
        return Candidates(q, Rankings(bm25, dense, sent, sent_bm25), fused, boosted, cosines,
                          {"bm25_ms": (t_bm25 - started) * 1000, "dense_ms": (t_dense - t_bm25) * 1000}, qvec)

    def _passages(self, ranked: list[str], found: Candidates, k: int) -> list[Passage]:
        chunks = [self.index.chunks[cid] for cid in ranked[:max(k * 4, POOL)]]
        kept = dedup([Span(c.doc_id, c.start, c.end, c.text) for c in chunks], k)
        return [self._passage(chunks[i], found.fused.get(chunks[i].chunk_id, 0.0), found.rankings, found.cosines,
                              chunks[i].chunk_id in found.boosted) for i in kept]

    def never_named(self, subject: str) -> bool:
        """No passage or title of the corpus names this place, firm, country or trade."""
        return self._names.never_named(subject)

    def query_vector(self, query: str) -> np.ndarray:
        """The vector a question is searched with (its typo-corrected focus), as the question bank stores it."""
        return self.embedder.embed_query(plan_query(query, self.vocabulary).focus)

    def rerank_features(self, found: Candidates) -> tuple[list[str], np.ndarray]:
        """The fused pool and one feature row per passage in it (what the re-ranker scores and is fitted on)."""
        ids = found.pool(POOL)
        r, q = found.rankings, found.query
        signals = [CandidateSignals(
            fused=found.fused[cid],
            ranks=(r.bm25.rank(cid), r.dense.rank(cid), r.sentence.rank(cid), r.sentence_bm25.rank(cid)),
            bm25=r.bm25.scores.get(cid, 0.0), sentence_bm25=r.sentence_bm25.scores.get(cid, 0.0),
            dense=r.dense.scores.get(cid), sentence=r.sentence.scores.get(cid),
            tokens=self._tokens[cid], heading_tokens=self._heading_tokens(cid), boosted=cid in found.boosted,
            length=len(self.index.chunks[cid].text)) for cid in ids]
        query = QuerySignals(tuple(q.terms), tuple(q.extra), q.english)
        return ids, feature_matrix(query, signals, self._idf, self._oov_idf)

    def _reranked(self, found: Candidates) -> list[str]:
        ids, features = self.rerank_features(found)
        assert self.reranker is not None
        scores = self.reranker.scores(features)
        return [ids[i] for i in np.argsort(-scores, kind="stable")]

    def _with_profile(self, ranked: list[str], boosted: set[str]) -> list[str]:
        """Lift the industry's own sections over the re-ranked order exactly as fusion does: one more ranked list."""
        if not boosted:
            return ranked
        score = rrf([RankedList("reranked", ranked, 1.0), self._industry_list(ranked, boosted)], self.weights.rrf_k)
        return sorted(ranked, key=score.__getitem__, reverse=True)

    def _industry_list(self, order: list[str], boosted: set[str]) -> RankedList:
        """The industry's own sections, in the given order, as the profile's vote."""
        return RankedList("profile", [cid for cid in order if cid in boosted], self.weights.profile)

    def _heading_tokens(self, cid: str) -> frozenset[str]:
        section = self.index.chunks[cid].section
        if section not in self._headings:
            self._headings[section] = frozenset(tokenize(section))
        return self._headings[section]

    def _bm25(self, tokens: Mapping[str, float]) -> Ranking:
        scores = self.index.bm25.scores(tokens)
        if not scores.size or float(scores.max()) <= 0:
            return Ranking()
        top = np.argsort(-scores)[:CANDIDATES]
        return Ranking([self._order[i] for i in top if scores[i] > 0],
                        {self._order[i]: float(scores[i]) for i in top if scores[i] > 0})

    def _dense(self, qvec: np.ndarray, english: bool) -> Ranking:
        hits = [h for h in self.index.vectors.search(qvec, CANDIDATES) if not (english and h.chunk_id in self._latin)]
        return Ranking([h.chunk_id for h in hits], {h.chunk_id: h.score for h in hits})

    def _sentence(self, cosines: np.ndarray, english: bool) -> Ranking:
        if english and self._latin_rows.any():  # English sentences would outrank every Chinese answer
            cosines = np.where(self._latin_rows, -1.0, cosines)
        ids, best = self.index.sentences.best_per_chunk(cosines, CANDIDATES)
        return Ranking(ids, best)

    def _boost(self, fused: dict[str, float], hints: ProfileHints) -> set[str]:
        """Add the industry's own sections as one more ranked list (in their fused order)."""
        boosted = {cid for cid in fused if hints.matches(self.index.chunks[cid])}
        order = sorted(fused, key=fused.get, reverse=True)  # type: ignore[arg-type]
        for cid, vote in rrf([self._industry_list(order, boosted)], self.weights.rrf_k).items():
            fused[cid] += vote
        return boosted

    def _passage(self, c: Chunk, score: float, r: Rankings, cosines: np.ndarray | None, boosted: bool) -> Passage:
        cid = c.chunk_id
        return Passage(
            chunk_id=cid, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text, page=c.page,
            para=c.para, start=c.start, end=c.end, score=score,
            dense_rank=r.dense.rank(cid), bm25_rank=r.bm25.rank(cid),
            dense_score=r.dense.scores.get(cid, 0.0), bm25_score=r.bm25.scores.get(cid, 0.0),
            boosted=boosted, sentence_rank=r.sentence.rank(cid), sentence_score=r.sentence.scores.get(cid, 0.0),
            sentence_bm25_rank=r.sentence_bm25.rank(cid), sentences=self._sentences_of(c, cosines),
        )

    def _sentences_of(self, chunk: Chunk, cosines: np.ndarray | None) -> tuple[ScoredSentence, ...]:
        stored = self.index.sentences.for_chunk(chunk.chunk_id, cosines)
        spans = stored or [(s, e, 0.0) for s, e in sentence_spans(chunk.text)]  # index built before sentences
        return tuple(ScoredSentence(chunk.text[s:e], s, e, round(score, 4)) for s, e, score in spans)
