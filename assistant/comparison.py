"""Questions comparing two things the reports describe ("MES和ERP有什么区别"): what they say of each, side by side."""

from __future__ import annotations

import re

from assistant.answer_notes import defines
from assistant.cases import DOES
from assistant.sentence_kinds import VENDOR_RANKING
from assistant.sentences import ScoredSentence
from assistant.textnorm import nfkc

_COMPARED = re.compile(r"^(?:请问|想问下?)?(?P<a>[^，。？?、和与跟同]{1,12}?)\s*(?:和|与|跟|同|还是|vs\.?|VS)\s*"
                       r"(?P<b>[^，。？?、]{1,12}?)(?:之间)?(?:到底|究竟)?(?:有(?:什么|啥|哪些)(?:区别|不同|差别|差异)|的区别(?:是什么|在哪)?"
                       r"|区别(?:是什么|在哪(?:里)?)?|哪个好|哪个更好|选哪个|怎么选|有什么不一样)[？?吗呢]*$"
                       r"|^(?:what(?:'s| is) the difference between|difference between|compare)\s+(?P<c>[\w -]{2,30}?)"
                       r"\s+(?:and|vs\.?|versus|with)\s+(?P<d>[\w -]{2,30}?)"
                       # "Compare Germany and Japan: how do they support SMEs?", "compare X and Y on cloud policy"
                       r"(?:\s*[:;,]\s*\S.*|\s+(?:on|in|for|regarding)\s+\S.*|\??)$", re.IGNORECASE)


def compared_terms(question: str) -> tuple[str, str] | None:
    """The two things a comparison question names, else None."""
    found = _COMPARED.search(nfkc(question).strip())
    if found is None:
        return None
    first, second = (found.group("a"), found.group("b")) if found.group("a") else (found.group("c"), found.group("d"))
    return _named(first.strip()), _named(second.strip())


def _named(side: str) -> str:
    """A side that names a country (or a firm, a product) is compared by that name, as the reports write it: in
    "德国和日本的中小企业数字化政策" the topic belongs to both, and "germany" is 德国 in the quotes."""
    from assistant.names import names_asked

    names = names_asked(side)
    return names[0] if len(names) == 1 else side


def side_queries(question: str) -> list[str]:
    """For two names compared ("compare germany and japan sme digital policies"), a search for each with the rest of
    the question: the reports write of each country in its own section, which one search seldom finds both of."""
    from assistant.names import ALL_NAMES, name_spellings

    terms = compared_terms(question)
    if terms is None or not all(t in ALL_NAMES for t in terms):
        return []
    topic = nfkc(question)
    for term in terms:
        topic = name_spellings(term).sub(" ", topic)
    return [f"{term} {' '.join(_ASK.sub(' ', topic).split())}" for term in terms]


# What a comparison asks, not what it is about: left out of each side's search
_ASK = re.compile(r"^\s*(?:请问|想问下?)?(?:compare|比较|对比)|(?<![^\s])(?:和|与|跟|同|and|vs\.?|versus|with)(?=\s)|^\s*的"
                  r"|(?:之间)?(?:到底|究竟)?(?:有(?:什么|啥|哪些)|的)?(?:区别|不同|差别|差异)(?:是什么|在哪里?)?|哪个(?:更)?好|选哪个"
                  r"|\b(?:what(?:'s| is) the )?difference between\b|[？?]", re.IGNORECASE)


def about_each(terms: tuple[str, str], scored: list[ScoredSentence]) -> list[ScoredSentence]:
    """For each term, the sentence that best says what it is or does (not a vendor ranking); one holding both
    terms first, when the reports have one."""
    def explains(term: str, s: ScoredSentence) -> float:
        text = s.sentence.text
        return s.score + (2.0 if defines(term, text) else 1.0 if DOES.search(text) else 0.0)

    usable = [s for s in scored if not VENDOR_RANKING.search(s.sentence.text)]
    lowered = [(s, s.sentence.text.lower()) for s in usable]
    both = [s for s, text in lowered if _contrasts(terms, text)]
    picked = sorted(both, key=lambda s: -max(explains(t, s) for t in terms))[:1]
    for term, other in (terms, terms[::-1]):
        # a sentence on this one alone says more of it than a list naming both ("引入ERP、MES、WMS等系统")
        own = [(s, text) for s, text in lowered if term.lower() in text and s not in picked]
        own.sort(key=lambda st: (other.lower() in st[1], -explains(term, st[0])))
        picked += [s for s, _ in own[:1]]
    return picked


_CONTRAST = re.compile(r"区别|不同于|差异|差别|相比|相对于|而非|而不是|比.{1,8}更|不如|优于|\b(?:unlike|whereas|compared)\b")


def _contrasts(terms: tuple[str, str], text: str) -> bool:
    return all(t.lower() in text for t in terms) and bool(_CONTRAST.search(text))


def compared_directly(terms: tuple[str, str], quotes: list[str]) -> bool:
    """Some quote sets the two side by side ("…相比…", "…而…"), not only lists both."""
    return any(_contrasts(terms, q.lower()) for q in quotes)
