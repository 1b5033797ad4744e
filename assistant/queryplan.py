"""The question as searched: typo-corrected focus, the user's own words, and the words added for them."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.language import mostly_ascii
from assistant.lexical import tokenize
from assistant.lexicon import Expansion, expand, focus_query
from assistant.names import NAME_WEIGHT, names_asked
from assistant.textnorm import nfkc, simplified
from assistant.vocab import Correction, QueryVocabulary


@dataclass(frozen=True)
class QueryPlan:
    """The question as searched: typo-corrected focus, the user's words and the words added for them."""

    text: str
    focus: str
    expansion: Expansion
    terms: list[str]
    extra: list[str]
    english: bool
    from_profile: tuple[str, ...] = ()  # words of `extra` only the SME's profile added (not asked, so not "covered")


def plan_query(query: str, vocabulary: QueryVocabulary, understand: bool = True,
               profile_terms: tuple[str, ...] = ()) -> QueryPlan:
    """Correct typos, map colloquial and English phrases, and add the corpus words found inside the question
    (`understand` off: the plain words only, as the benchmark's fusion-without-lexicon variant searches)."""
    text = simplified(nfkc(query)).strip()
    focus, fixes = vocabulary.corrected(focus_query(text)) if understand else (focus_query(text), [])
    names = vocabulary.romanized(focus) if understand else []
    expansion = _with_fixes(expand(focus), fixes + names) if understand else Expansion((), ())
    terms = query_tokens(focus)
    known = [*(n.meant for n in names), *vocabulary.words_in(focus)] if understand else []
    asked = set(terms) | set(known) | set(query_tokens(" ".join(expansion.terms)))
    extra = [t for t in dict.fromkeys([*known, *query_tokens(" ".join((*expansion.terms, *profile_terms)))])
             if t not in terms]
    return QueryPlan(text, focus, expansion, terms, extra, mostly_ascii(terms),
                     tuple(t for t in extra if t not in asked))


EXTRA_SHARE = 1.0  # added words together never outweigh the words the user typed


def keyword_weights(q: QueryPlan) -> dict[str, float]:
    """The user's words count fully; lexicon, profile and corpus-vocabulary additions share a capped weight.

    Without the cap a short question drowns in its expansions: "上云率是多少" gained eight words for 上云 and
    ranked platform passages above the one sentence that gives the rate. English questions keep full weight on
    the additions: their Chinese terms are all the keyword side can match.
    """
    # A firm or product the user names is what the question is about ("用金蝶的比例"); expansions of the other
    # words (专精特新 → 专业化、精细化…) must not bury the passages that name it.
    weights = {t: NAME_WEIGHT if names_asked(t) else 1.0 for t in q.terms}
    if q.extra:
        each = 1.0 if q.english or not q.terms else min(1.0, EXTRA_SHARE * len(weights) / len(q.extra))
        for term in q.extra:
            weights.setdefault(term, each)
    return weights


def translated(q: QueryPlan, found: set[str] | frozenset[str]) -> set[str]:
    """The user's words whose lexicon reading is among the found tokens: "四不转" is answered by a passage on
    不想转, 不敢转… though it never writes 四不转."""
    hits: set[str] = set()
    for phrase, meant in q.expansion.matched:
        if any(t in found for term in meant for t in query_tokens(term)):
            hits |= {t for t in q.terms if t in phrase or phrase in t}
    return hits


def _with_fixes(expansion: Expansion, fixes: list[Correction]) -> Expansion:
    """Show typo corrections beside the lexicon's mappings (the search CLI prints both)."""
    if not fixes:
        return expansion
    return Expansion(expansion.terms, (*((f.typed, (f.meant,)) for f in fixes), *expansion.matched))


def query_tokens(text: str) -> list[str]:
    """Query words for BM25: single characters (人, 老, 说 …) match everywhere and only add noise."""
    return [t for t in tokenize(text) if len(t) > 1]
