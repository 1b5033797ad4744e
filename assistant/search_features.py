"""The confidence model's inputs for one search: how well the best passages match, and how many of the words asked
they hold (rare words count most)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.confidence import ConfidenceFeatures, asks_for_specifics, words_together
from assistant.lexical import tokenize
from assistant.passages import Passage
from assistant.queryplan import QueryPlan, translated
from assistant.rankings import Ranking
from assistant.rerank import coverage


@dataclass(frozen=True)
class TermWeights:
    """The index's words per chunk and their IDF, as coverage weighs them."""

    tokens: Mapping[str, frozenset[str]]
    idf: Mapping[str, float]
    oov_idf: float


def read_features(q: QueryPlan, passages: list[Passage], dense: Ranking, detail_missing: bool, weights: TermWeights,
                  also: list[str] | None = None, stated: bool = False) -> ConfidenceFeatures:
    """`also`: chunks whose words count as found beside the top three passages; `stated`: an uploaded notice states
    the fine print asked, so the ask for specifics is no penalty."""
    ordered = [dense.scores[c] for c in dense.ids]
    top_dense = ordered[0] if ordered else 0.0
    tail = ordered[9:30]
    gap = top_dense - (sum(tail) / len(tail)) if tail else 0.0
    covered_tokens: set[str] = set()
    for chunk_id in [p.chunk_id for p in passages[:3]] + list(also or []):
        covered_tokens |= weights.tokens.get(chunk_id, frozenset())
    # Rare words count most: a city, product or tax term the corpus never mentions means it is not covered. A
    # colloquial word counts as found when the report terms the lexicon reads it as are (四不转 → 不想转…).
    asked = [t for t in q.extra if t not in q.from_profile] if q.english else q.terms
    covered = coverage(asked, covered_tokens | translated(q, covered_tokens), weights.idf, weights.oov_idf)
    best_sentence = max((s.score for p in passages[:5] for s in p.sentences), default=0.0)
    user_words = {} if q.english else {t: weights.idf.get(t, weights.oov_idf) for t in q.terms}
    # a heading holding every word names the passage's topic ("两种约束指什么" → "（三）面临两种约束"). Only texts
    # holding every word as a substring can hold it as a token: tokenising all of them was ~14 ms a query.
    texts = [s.text for p in passages[:5] for s in p.sentences] + [p.section.split(" > ")[-1] for p in passages[:5]]
    together = words_together(user_words, [set(tokenize(t)) for t in texts
                                           if user_words and all(w in t.lower() for w in user_words)])
    return ConfidenceFeatures(top_dense=top_dense, dense_gap=gap, coverage=covered, ascii_query=q.english,
                              best_sentence=best_sentence, specifics=asks_for_specifics(q.text) and not stated,
                              words_together=together, detail_missing=detail_missing)
