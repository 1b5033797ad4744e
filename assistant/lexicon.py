"""Query understanding for Chinese SME language: colloquial phrases and English words → report terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.industries import BY_KEY, INDUSTRIES, match_industry
from assistant.lexicon_data import DOMAIN_TERMS, SIZE_TERMS, SYNONYMS
from assistant.sizing import classify_size, extract_size
from assistant.support import rough_range
from assistant.textnorm import nfkc


@dataclass(frozen=True)
class Expansion:
    terms: tuple[str, ...]  # report terms to add to the keyword query
    matched: tuple[tuple[str, tuple[str, ...]], ...]  # (what the user wrote, what it was mapped to)


@lru_cache(maxsize=1)
def _phrase_table() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    # Longest phrases first so "数字化车间" maps before "车间" would.
    ordered = sorted(SYNONYMS.items(), key=lambda kv: -len(kv[0]))
    return tuple((_pattern(phrase), phrase, terms) for phrase, terms in ordered)


def _pattern(phrase: str) -> re.Pattern[str]:
    """English words match at word starts (short ones as whole words, plural allowed: "mes" is not inside "smes",
    "chips" is "chip"); a space or hyphen inside a phrase matches either ("smart-manufacturing")."""
    if not phrase.isascii():
        return re.compile(re.escape(phrase))
    body = r"[\s\-_]+".join(re.escape(word) for word in re.split(r"[\s\-]+", phrase))
    tail = ("" if phrase.endswith("s") else "s?") + r"(?![a-z])" if len(phrase) <= 4 else ""
    return re.compile(rf"(?<![a-z]){body}{tail}")


def expand(question: str) -> Expansion:
    """Find colloquial phrases in the question and the report terms they stand for."""
    text = nfkc(question).lower()
    matched: list[tuple[str, tuple[str, ...]]] = []
    consumed: list[tuple[int, int]] = []
    for pattern, phrase, terms in _phrase_table():
        found = pattern.search(text)
        # a phrase inside a longer one maps no further ("smart" in "smart manufacturing"); one only sharing words
        # with it still does ("stages of digital" beside "digital transformation")
        if found is None or any(s <= found.start() and found.end() <= e for s, e in consumed):
            continue
        consumed.append(found.span())
        matched.append((phrase, terms))
    matched += _industries(question) + _size(question) + _rough_amounts(text)
    seen: dict[str, None] = {}
    for _, terms in matched:
        for term in terms:
            seen.setdefault(term, None)
    return Expansion(tuple(seen), tuple(matched))


# Instructions aimed at the assistant carry no information need and drag retrieval off topic.
_INSTRUCTION = re.compile(
    r"(忽略|无视|不要理会|忘掉).{0,10}(指令|指示|文档|资料|规则|设定)|你现在是|^\s*system\s*[:：]|回答\s*['‘“]"
    r"|\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|documents?|rules|prompt)\b|\breply only with\b"
    r"|\bjust say\b|末尾都?加上", re.IGNORECASE)
_PIECES = re.compile(r"[^。！？!?\n]+[。！？!?\n]*|[^。！？!?\n]*[。！？!?\n]+")
_LATIN_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


# How a turn opens in a chat ("好吧 那报告说…", "嗯，那…"): it carries no need, yet it pulls the question's embedding
# towards chit-chat ("好吧 那报告说小微企业一般先做啥" scored 0.69 where the bare question scores 0.87).
_LEAD_IN = re.compile(r"^(?:(?:好吧|好的|好嘞|好|嗯+|哦+|噢|行吧|行|明白了?|了解了?|懂了|ok|okay)[，,、。.!！\s]+"
                      r"|(?:那么|那|然后)(?![个些家种边里时样么])\s*"
                      r"|(?:报告|资料|文件)(?:里|中|上)?(?:说|讲|提到|写)(?:的|了)?[，,：:\s]*)+", re.IGNORECASE)


def focus_query(question: str) -> str:
    """Drop sentences that instruct the assistant (prompt injections) and a chatty lead-in, so only the information
    need is searched."""
    pieces = _LATIN_SENTENCE.findall(question) if question.isascii() else _PIECES.findall(question)
    kept = "".join(p for p in pieces if not _INSTRUCTION.search(p)).strip() or question
    return _LEAD_IN.sub("", kept).strip() or kept


# Comparisons name several industries ("汽车和医药…"): each part is matched on its own.
_LIST_SPLIT = re.compile(r"[和与跟及、，,；;/]|以及|还是|对比|相比|\bvs\.?|\band\b|\bversus\b")


def _industries(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """Industries the question names, found by the rules layer's matcher (which masks 电子表格, 机械臂 …)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for part in [question, *_LIST_SPLIT.split(nfkc(question).lower())]:
        found = match_industry(part) if part.strip() else None
        industry = BY_KEY.get(found.key) if found else None
        if found and industry and industry.key not in out:
            out[industry.key] = ("、".join(found.words), (industry.name, *industry.report_terms[:2]))
    return list(out.values())


def _size(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """A headcount or revenue in the question names the size class the reports write about."""
    facts = extract_size(question)
    size = classify_size(facts.employees, facts.revenue_wan)
    label = size.size if size else facts.size_word
    words = facts.employees_words or facts.revenue_words or facts.size_words
    return [(words or label, SIZE_TERMS[label])] if label in SIZE_TERMS else []


_ROUGH = re.compile(r"([一二两三四五六七八九]{2})([十百千])(?![来多余]?[个号名位]?人)")


def _rough_amounts(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """"一两百万" spans the figures the reports print (100-300 万元): search those numbers."""
    unit = {"十": 10, "百": 100, "千": 1000}
    found = []
    for m in _ROUGH.finditer(text):
        digits = rough_range(m.group(1))
        if digits:
            low, high = digits
            found.append((m.group(0), tuple(str(d * unit[m.group(2)]) for d in range(low, high + 1))))
    return found


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
