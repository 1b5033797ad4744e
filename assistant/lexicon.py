"""Query understanding for Chinese SME language: colloquial phrases and English words → report terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.industries import INDUSTRIES
from assistant.lexicon_data import DOMAIN_TERMS, SYNONYMS
from assistant.textnorm import nfkc


@dataclass(frozen=True)
class Expansion:
    terms: tuple[str, ...]  # report terms to add to the keyword query
    matched: tuple[tuple[str, tuple[str, ...]], ...]  # (what the user wrote, what it was mapped to)


@lru_cache(maxsize=1)
def _phrase_table() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    table = dict(SYNONYMS)
    for industry in INDUSTRIES:
        for alias in industry.aliases:
            key = alias.lower()
            if len(key) >= 2 and key not in table:
                table[key] = (industry.name, *industry.report_terms[:2])
    # Longest phrases first so "汽车配件" maps before "汽车" would.
    ordered = sorted(table.items(), key=lambda kv: -len(kv[0]))
    return tuple((_pattern(phrase), phrase, terms) for phrase, terms in ordered)


def _pattern(phrase: str) -> re.Pattern[str]:
    """English words match at word starts (short ones as whole words: "mes" is not inside "smes")."""
    if not phrase.isascii():
        return re.compile(re.escape(phrase))
    tail = r"(?![a-z])" if len(phrase) <= 4 else ""
    return re.compile(rf"(?<![a-z]){re.escape(phrase)}{tail}")


def expand(question: str) -> Expansion:
    """Find colloquial phrases in the question and the report terms they stand for."""
    text = nfkc(question).lower()
    matched: list[tuple[str, tuple[str, ...]]] = []
    consumed: list[tuple[int, int]] = []
    for pattern, phrase, terms in _phrase_table():
        found = pattern.search(text)
        if found is None or any(s < found.end() and found.start() < e for s, e in consumed):
            continue
        consumed.append(found.span())
        matched.append((phrase, terms))
    seen: dict[str, None] = {}
    for _, terms in matched:
        for term in terms:
            seen.setdefault(term, None)
    return Expansion(tuple(seen), tuple(matched))


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    """Words jieba must keep whole: report vocabulary, lexicon targets and industry names/aliases."""
    terms = set(DOMAIN_TERMS)
    for mapped in SYNONYMS.values():
        terms.update(t for t in mapped if not t.isascii())
    for industry in INDUSTRIES:
        terms.add(industry.name)
        terms.update(t for t in industry.report_terms if not t.isascii())
        terms.update(a for a in industry.aliases if not a.isascii() and len(a) >= 2)
    return tuple(sorted(terms))
