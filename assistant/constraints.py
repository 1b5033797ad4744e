"""What a question pins down — a place, a figure, a year, a firm — and which of those a set of passages never mentions.

Near misses ask about a real topic of the reports with a detail they lack: 广东省上云率 (the reports give the national
rate), 2030年人才缺口 (they give another year), 研发投入是3%还是5% (they give no threshold). Retrieval finds the topic
and scores high; the unmet detail is what tells such a question apart from one the reports answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from assistant.facts import EN_PLACES, place_covered, places_named, read_facts
from assistant.names import (
    ALL_NAMES,
    COUNTRIES,
    HOME,
    TRADES,
    home_asked,
    mostly_home,
    name_covered,
    name_spellings,
    named_as_customer,
    named_as_in_use,
    names_asked,
)
from assistant.notice_places import places_asked
from assistant.sizing import extract_size
from assistant.support import numbers_in

# "15年到18年" means 2015–2018; the reports write the full year.
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})\s*年")
# An owner's own headcount or revenue is a fact about the firm, not something asked of the reports.
_OWN_SCALE = re.compile(r"\d+(?:\.\d+)?\s*(?:-|‐)?\s*(?:person|people|employees|staff|workers)\b", re.IGNORECASE)
_SUPPORT = re.compile(r"补贴|补助|奖补|奖励|政策|扶持|资助|申请|申报|贴息|贷款|专项|试点|认定|减免"
                      # "有哪些资金支持", "有没有税收优惠": money from the state, however it is called
                      r"|资金支持|资金扶持|财政|融资|税收优惠|优惠政策"
                      r"|subsid|polic|grant|fund|loan|money from|\bgov(?:ernment|t)\s+(?:money|support|help)"
                      # "what support could we get?": support as something a firm gets, not what a tool does
                      r"|\b(?:what|which|any)\s+(?:kinds?\s+of\s+|sorts?\s+of\s+)?support\b|\bsupport\s+(?:is|are)\s+"
                      r"available|\b(?:financial|public|state)\s+(?:support|help|aid)|\bincentive|\btax\s+(?:break|credit"
                      r"|relief)|\bvouchers?\b|\bfinancing\b", re.IGNORECASE)


def asks_about_support(question: str) -> bool:
    """The question is about subsidies, policy or financing (not about what to digitalise)."""
    return bool(_SUPPORT.search(question))


@dataclass(frozen=True)
class Unmet:
    """The question's places, figures and named firms or products that the passages do not mention."""

    places: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    trades: tuple[str, ...] = ()  # 光伏, 玻璃: trades and products

    def __bool__(self) -> bool:
        return bool(self.places or self.figures or self.names or self.countries or self.trades)

    @property
    def unmentioned(self) -> tuple[str, ...]:
        """Places, names, countries and trades, the things the reports could have mentioned by name."""
        return self.places + self.names + self.countries + self.trades

    def record(self) -> dict[str, list[str]]:
        """JSON form for the search CLI and API."""
        return {"places": list(self.places), "figures": list(self.figures), "names": list(self.names),
                "countries": list(self.countries), "trades": list(self.trades)}

    def describe(self) -> str:
        """One line for people: 没有提到“宁德时代”；没有数字“100”."""
        parts = ([f"没有提到“{'、'.join(self.unmentioned)}”"] if self.unmentioned else []) + \
                ([f"没有数字“{'、'.join(self.figures)}”"] if self.figures else [])
        return "；".join(parts)


# "四大困境是哪四个", "两种约束", "五类工具": how many items a list has, named in the reports' own phrase, not a figure
_LIST_COUNT = re.compile(r"(?<![\d一二两三四五六七八九十百千万亿.])(?:[一二两三四五六七八九十](?=大|个|类|种|项|条|点|方面|阶段|级|特征|路径|困境|环节|步)"
                         # "4大转型路径": a digit naming a list as the reports do in characters (not "5个城市")
                         r"|[2-9](?=大|类|种|条|方面|阶段|特征|路径|困境|环节))")


# "1、先上ERP还是MES？2、东莞有什么补贴？", "(1)…", "第2个问题": how a message numbers its own questions, not figures
_ENUMERATION = re.compile(r"(?:^|(?<=[\s，,。.？?！!：:；;～~]))\d{1,2}\s*[、．.)）](?![\d%％])|[（(]\d{1,2}[)）]"
                          r"|第\s*\d{1,2}\s*(?:个问题|问|点|条)")
# A model or product code (用友U8, 金蝶K3, S7-1200, 5G, 3D) holds digits that are no figure; 8000w is money
_CODE = re.compile(r"(?<![A-Za-z\d])[A-Za-z]+-?\d[\w.\-]*|(?<![\d.])\d+(?![wWkKmM]\b)[A-Za-z]+\w*")


def asked_figures(question: str) -> set[str]:
    """Numbers the question asks about: not the firm's own headcount or revenue, not rough amounts (几十, 三四百),
    not the number of items in a list the reports name."""
    for name in names_asked(question):  # "ISO 9001", "IATF 16949": a name's digits are no figure
        question = name_spellings(name).sub(" ", question)
    asked = numbers_in(_LIST_COUNT.sub("", _ENUMERATION.sub(" ", _CODE.sub(" ", question))))
    if not asked:
        return asked
    size = extract_size(question)
    own = numbers_in(" ".join(w for w in (size.employees_words, size.revenue_words) if w))
    own |= {n for m in _OWN_SCALE.finditer(question) for n in numbers_in(m.group(0))}
    return asked - own


def asked_places(question: str, local: Mapping[str, Collection[str]] | None = None) -> list[str]:
    """Places the question asks about: the firm's own location counts only in a question about support. `local`:
    each document's own districts (notice_places), places too ("惠山" once a notice names 无锡市惠山区)."""
    places = places_asked(question, local) if local else places_named(question)
    if not places:
        return places
    facts = read_facts(question)
    own = facts.region if facts.first_person else None
    if own and not asks_about_support(question):  # where the firm is matters to 温州的技改补助, not to what to do
        places = [p for p in places if p not in own]
    return places


def unmet(question: str, passages: Iterable[str], local: Mapping[str, Collection[str]] | None = None,
          docs: Iterable[str] = ()) -> Unmet:
    """Places, figures and names of the question that none of the passages (texts, titles) mention. `local`: each
    document's own districts; a district is mentioned by a passage of a document (of `docs`) that names it anywhere:
    惠山's notice speaks for 惠山 where the passage at hand omits the name, 北仑's never does."""
    asked = asked_figures(question)
    places = asked_places(question, local)
    names = [n for n in names_asked(question) if not named_as_in_use(n, question)
             and (n not in TRADES or not named_as_customer(n, question))]
    if not asked and not places and not names:  # most questions: no need to read every number of the passages
        return Unmet()
    evidence = "\n".join(passages)
    have = numbers_in(evidence) if asked else set()
    short_years = {str(int(m.group(1))) for m in _SHORT_YEAR.finditer(question)}
    figures = tuple(sorted(n for n in asked
                           if n not in have and not (n in short_years and f"20{int(n):02d}" in have)))
    absent = tuple(n for n in names if not name_covered(n, evidence))
    own = {place for doc in docs for place in (local or {}).get(doc, ())}
    return Unmet(tuple(p for p in places if p not in own and not place_covered(p, evidence)), figures,
                 tuple(n for n in absent if n not in COUNTRIES and n not in TRADES),
                 tuple(n for n in absent if n in COUNTRIES), tuple(n for n in absent if n in TRADES))


def subject_named(subject: str, text: str) -> bool:
    """The text names a place (or one of its districts), a listed firm or product, or a country."""
    if subject == HOME:  # China's own measures, not a sentence on 美国开展… that says 国家 or 全国
        return mostly_home(text)
    return place_covered(subject, text) or (subject in ALL_NAMES and name_covered(subject, text))


def without(question: str, missing: Unmet) -> str:
    """The question with its unmet details taken out (湖南省上云率 → 上云率, 选了100个城市 → 选了城市): the part
    the reports may still answer — the national rate, the real number of pilot cities."""
    for place in missing.places:
        spellings = [rf"{place}(?:省|市|自治区|地区|新区|区|县)?"] + [rf"(?:\b(?:in|from|of|for)\s+)?\b{re.escape(en)}\b"
                                                         for en, zh in EN_PLACES.items() if zh == place]
        question = re.sub("|".join(spellings), "", question, flags=re.IGNORECASE)
    for name in missing.names + missing.countries + missing.trades:
        question = name_spellings(name).sub("", question)
    for figure in missing.figures:
        question = re.sub(rf"(?<![\d.]){re.escape(figure)}(?:\.0+)?(?![\d.])\s*[%％个家项年万亿元台人]?", "", question)
    return re.sub(r"\s{2,}", " ", question).strip()


def without_places(question: str) -> str:
    """The question with the places it names taken out ("苏州 有补贴没" → "有补贴没")."""
    return without(question, Unmet(places=tuple(places_named(question))))


def named_first(question: str, ranked: list[str], text_of: Callable[[str], str], never_named: Callable[[str], bool],
                top: int = 3) -> list[str]:
    """The ranking with, for each place, firm or country the question names, the best two passages naming it moved
    to the front when none of the first `top` does: a passage that never names 金蝶 cannot say how many firms use it,
    however well its other words match ("专精特新企业用金蝶的比例" drowned in passages on 专精特新)."""
    subjects = [s for s in (*asked_places(question), *names_asked(question)) if s not in TRADES and not never_named(s)]
    # "what policies does china have": the English words find the reports' reviews of foreign policy first
    subjects += [HOME] if home_asked(question) else []
    order = list(ranked)
    for subject in subjects:
        if any(subject_named(subject, text_of(cid)) for cid in order[:top]):
            continue
        # two: the passage naming it most often is often a vendor table, the answer in the next one's sentence
        naming = [cid for cid in order if subject_named(subject, text_of(cid))][:2]
        order = naming + [cid for cid in order if cid not in naming]
    return order
