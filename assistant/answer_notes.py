"""Our own remarks under an extractive answer: what in the question the quotes do not answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.citations import CitationBook
from assistant.confidence import asks_for_specifics
from assistant.constraints import asked_figures
from assistant.facts import in_region, places_named
from assistant.fine_print import quotes_state
from assistant.levels import asks_own_level
from assistant.names import as_written
from assistant.support import numbers_in
from assistant.value_asks import MONEY, members_not_listed, missing_value
from assistant.vendors import asks_vendor_pick

if TYPE_CHECKING:
    from assistant.request import ExtractiveRequest

# "MES是什么意思", "什么是小快轻准", "What is MES?": the term the user wants explained
_DEFINE = re.compile(r"^(?:请问|想问下?)?(?P<a>[^，。？?]{1,12}?)(?:到底|究竟)?(?:是什么意思|是啥意思|什么意思|是什么|是啥|指什么|指的是什么|是指什么"
                     r"|的含义|的定义|怎么理解)[？?]*$|^(?:请问)?(?:什么是|啥是|何为|什么叫|啥叫)(?P<b>[^，。？?]{1,12}?)[？?]*$"
                     r"|^what (?:is|are|does) (?:an? |the )?(?P<c>[\w' -]{2,30}?)(?: mean)?\??$", re.IGNORECASE)


def defined_term(question: str) -> str | None:
    """The term a "what is X" question asks about, else None."""
    found = _DEFINE.search(question.strip())
    term = next((t.strip("“”\"' ") for t in found.groups() if t), None) if found else None
    # "What is the 专精特新 designation?", "the little giant programme": the name is the term, not its kind
    term = _KIND_OF_NAME.sub("", term) if term else None
    # "欧盟2030年的目标是什么", "不敢转的原因是什么" ask for an attribute of something, not what a term means
    # "四大转型路径分别是什么" asks for the members, not a definition
    return None if term is None or "的" in term or _ATTRIBUTE.search(term) or term.endswith("分别") else term


_KIND_OF_NAME = re.compile(r"\s+(?:designation|programme|program|scheme|concept|label|title|status|policy|initiative)$",
                           re.IGNORECASE)
_ATTRIBUTE = re.compile(r"(?:原因|目标|区别|特点|特征|作用|意义|内容|条件|要求|标准|好处|问题|难点|措施|做法|路径|趋势|现状|比例|数量)$")


def defines(term: str, text: str) -> bool:
    """The quote says what the term is ("X是指…", "所谓X", "X（简称…）是…"), not only that it exists: "从定义内涵看，
    该模式主要是指部分工业互联网平台…" defines a mode, and only mentions platforms."""
    lowered, key = text.lower(), term.lower()
    if re.search(rf"所谓[“\"]?{re.escape(key)}", lowered):
        return True
    # a heading naming the term, then "该模式主要是指…" about it ("四是“小快轻准”…转型。从定义内涵看，该模式主要是指…")
    if re.search(rf"{re.escape(key)}.*?(?:该|这一|此|这种)(?:模式|路径|方式|类型)[^。]{{0,8}}(?:是指|指的是)", lowered, re.S):
        return True
    return any(_DEFINING.match(lowered, m.end()) for m in re.finditer(re.escape(key), lowered))


# what may follow the term when a sentence says what it is: a closing quote or an aside, then the defining verb
_DEFINING = re.compile(r"[”\"’）)]?\s*(?:（[^）]{0,30}）|\([^)]{0,30}\))?\s*[，,]?\s*(?:主要|通常|一般)?"
                       r"(?:是指|指的是|是一种|是一类|是一个|即|的定义|的内涵|简称|是以|是基于|是面向|是利用|是通过)")


# how soon the money comes back, not how long the project takes
_ASKS_PAYBACK = re.compile(r"回本|回收期|回收成本|收回成本|投资回报周期|\bpay(?:s)? (?:back|for itself)|\bpayback\b", re.IGNORECASE)
_ASKS_DURATION = re.compile(r"多久|多长时间|多少时间|几个月|几年(?:能|才|可以)|周期多长|\bhow long\b|\bhow many (?:months|years)\b",
                            re.IGNORECASE)
# a duration of the work itself ("实施周期3个月", "6个月内上线"), not of a process it shortened ("加工时间从7天减少为5天")
_SPAN = r"(?:\d+(?:\.\d+)?\s*|[一二两三四五六七八九十半]+)(?:个月|年|天|周|星期)"
_WORK = r"(?:实施|上线|部署|建设|见效|周期|回本|回收期|回收|改造|完成|落地)"
_DURATION = re.compile(rf"{_WORK}[^。；]{{0,12}}{_SPAN}|{_SPAN}[^。；]{{0,8}}{_WORK}")


# "订单杂、交期拖、质量追溯难，先做哪个？", "ERP or MES, which first?": an order among options the user lists
_WHICH_FIRST = re.compile(r"先(?:做|上|搞|弄|解决|抓)哪(?:个|一个|项|件|块)|哪(?:个|一个|项|件|块)先|优先(?:做|上|解决)哪"
                          r"|\bwhich (?:one |system |of (?:them|these) )?(?:first|should (?:we|i) (?:do|start|implement) first)\b",
                          re.IGNORECASE)
_OPTIONS = re.compile(r"[、/]|还是|\bor\b", re.IGNORECASE)


def asks_which_first(question: str) -> bool:
    """The question asks which of the options it lists to do first."""
    return bool(_WHICH_FIRST.search(question) and _OPTIONS.search(question))


def answer_notes(req: ExtractiveRequest, quoted: list[str], docs: set[str], book: CitationBook,
           answered_by: str | None = None) -> list[str]:
    """Our own remarks: a figure or place in the question the answering quotes do not hold; figures from several
    reports. `answered_by` is the quote (and title) a fact answer rests on: a place named in a side quote does not
    count; a place in a cited report's title ("上海智能制造…") does."""
    notes: list[str] = []
    evidence = "\n".join(quoted)
    # Only a fact question can carry a false premise; an owner's own headcount or revenue is not a claim to check.
    # A year naming a report ("the 2024 report") is supported by a cited report's title.
    titled = "\n".join([evidence, *(c.title for c in book.citations)])
    # ...or by a passage retrieved for it: "那66个试点城市里有没有苏州" quotes 东莞's line, yet 66 is right
    retrieved = "\n".join(p.text for p in req.main.passages[:5])
    unsupported = sorted(asked_figures(req.question) - numbers_in(titled + "\n" + retrieved)) \
        if req.kind == "fact" else []
    if unsupported:
        notes.append(req.wording.premise_note(unsupported))
    # "MES多少钱" gets no price from analytical reports; "德国投了多少钱" does get its amount, and needs no note. What a
    # firm would pay is never among the reports' amounts: advice says so even when a quote names one (营收小于4亿元).
    # An uploaded notice's "一、申报条件" does state what was asked: the note would contradict the quote above it.
    stated = quotes_state(req.question, [(c.section, c.quote) for c in book.citations])
    if asks_for_specifics(req.question) and not stated and (req.kind == "advice" or not MONEY.search(evidence)):
        notes.append(req.wording.specifics_note(req.question))
    # "要多久能见效", "How long will it take?": only a quoted duration answers it
    if not _DURATION.search(evidence):  # a quoted duration answers both
        if _ASKS_PAYBACK.search(req.question):
            notes.append(req.wording.payback_note)
        elif _ASKS_DURATION.search(req.question):
            notes.append(req.wording.duration_note)
    missing = missing_value(req.question, quoted) if req.kind == "fact" else None
    if missing:
        notes.append(req.wording.count_note(missing.zh, missing.en))
    unlisted = members_not_listed(req.question, quoted) if req.kind == "fact" and not missing else None
    if unlisted:  # "“6+X”模式，6和X分别指什么": the quote names the model, and lists none of its parts
        notes.append(req.wording.members_note(unlisted))
    # "广东省上云率多少" answered with the national figure must say so: the place is the part not answered.
    where = answered_by if answered_by is not None else titled
    # "第一条展开说说" searches the gist of a quoted bullet ("中西部地区包括湖北、陕西…"): its places are the reports'
    said = set(places_named(req.user_text)) if req.user_text else None
    unmentioned = [place for place in places_named(req.question)
                   if not in_region(place, where) and (said is None or place in said)]
    if unmentioned:
        notes.append(req.wording.place_note(unmentioned))
    if req.main.unmet.trades:  # only trades the whole corpus never names (光伏): the answer is about others
        notes.append(req.wording.trade_note([as_written(t, req.question) for t in req.main.unmet.trades]))
    term = defined_term(req.question) if req.kind == "fact" else None
    # an English phrase ("digital transformation") is not in the Chinese quotes; an acronym (MES) may be
    if term and (not term.isascii() or any(term.lower() in q.lower() for q in quoted)) \
            and not any(defines(term, q) for q in quoted):
        notes.append(req.wording.no_definition_note(term))
    if asks_vendor_pick(req.question):
        notes.append(req.wording.vendor_note)
    if asks_which_first(req.question):
        notes.append(req.wording.which_first_note)
    if asks_own_level(req.question):
        notes.append(req.wording.own_level_note)
    if req.kind == "fact" and len(docs) > 1 and sum("%" in q for q in quoted) > 1:
        notes.append(req.wording.figures_note)
    return [""] + notes if notes else []
