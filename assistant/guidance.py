"""Questions the reports' general guidance answers even when their wording is far from the reports' own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.confidence import asks_for_specifics
from assistant.constraints import asked_figures, asks_about_support
from assistant.facts import in_region, places_named, region_covered
from assistant.passages import RetrievalResult
from assistant.patterns import rx
from assistant.sentence_kinds import offers_support
from assistant.sentences import asks_for_figures
from assistant.textnorm import nfkc

# "EDI对接这块报告里咋说的", "What does the report say about energy monitoring?": the user asks for the reports'
# own treatment of a topic, which the nearest passages are, however loosely the words match.
_REPORTS_SAY = rx(
    r"(?:报告|资料|文件|材料)(?:里|中|上)?(?:是)?(?:咋|怎么|如何)(?:说|讲|看|写)|(?:报告|资料)(?:里|中)?(?:有没有|有无)(?:讲|提|说|写)"
    r"|\bwhat (?:do|does) (?:the |your )?(?:reports?|documents?|papers?|sources?) say\b"
    r"|\baccording to (?:the |your )?(?:reports?|documents?)\b")
# Obstacles and uses: the reports' chapters on 困境 and on what a technology does for SMEs
_OBSTACLES = rx(
    r"难点|难处|困难|障碍|困境|痛点|挑战|为啥(?:这么)?难|为什么(?:这么)?难|难在哪"
    r"|失败|做不成|搞不成|没效果|不成功|烂尾"  # "数字化项目为什么会失败", "转型为啥老失败"
    r"|\b(?:obstacles?|barriers?|challenges?|difficult(?:y|ies)|problems?|pain points?|hurdles?"
    r"|fail(?:s|ed|ing|ures?)?|go(?:es)? wrong)\b")
_USES = rx(r"能干啥|能干什么|能做啥|能做什么|有啥用|有什么用|好处|益处|用处|用在哪"
           r"|\bwhat can (?:it|they|\w+(?: \w+)?) do\b|\bbenefits?\b|\bwhat (?:is|are) (?:it|they|\w+(?: \w+)?) (?:good|used) for\b")


# A sentence that states an obstacle (what the reports call 困境, 阻碍, 不敢转…), not one that only shares a word
_STATES_OBSTACLE = rx(r"阻碍|困境|困难|障碍|瓶颈|挑战|不足|缺乏|缺少|难以|不敢|不会转|不想|不能转|风险|制约|短板|薄弱|不畅|匮乏"
                      r"|担心|顾虑|门槛|约束|弃用|较弱|滞后|不高|有限")


# A sentence that states what a step brings (lower costs, higher efficiency), not one that only names the step
_STATES_BENEFIT = rx(r"降低|降本|提升|提高|节省|节约|减少|缩短|增效|优化|改善|助力|帮助|实现.{0,12}(?:共享|协同|透明|追溯)")
_BENEFITS = rx(r"好处|益处|优势|价值|作用|有什么用|有啥用|\b(?:benefits?|advantages?|gains?)\b")


# "四不怎么破解", "那如何应对": the way out, which the reports state as what is needed or to be done
_REMEDIES = rx(r"(?:怎么|怎样|如何|咋)(?:破解|解决|应对|克服|突破)|对策|出路")
_STATES_REMEDY = rx(r"破解|对策|需要|应当|应该|要(?:加快|完善|健全|建立|推动|强化|加强)|加快|完善|健全|建立|强化|加强|引导|鼓励")


@dataclass(frozen=True)
class SaidKind:
    """The kind of statement that answers a question, and whether it may share fewer of the question's words (the
    reports write 阻碍 and 困境 for what owners call 失败, so any obstacle near the question answers it)."""

    pattern: re.Pattern[str]
    loose: bool

    def said_by(self, sentence: str) -> bool:
        return bool(self.pattern.search(sentence))


def said_kind(message: str) -> SaidKind | None:
    """What kind of statement answers the question: one stating an obstacle ("为什么数字化项目会失败", "what are the
    main barriers") or a benefit ("上MES有什么好处"); None when any sentence on the topic may."""
    norm = nfkc(message).lower()
    if _REMEDIES.search(norm):  # (before the obstacle: "怎么克服这些困难" wants the way past them)
        return SaidKind(_STATES_REMEDY, loose=True)
    if _OBSTACLES.search(norm):
        return SaidKind(_STATES_OBSTACLE, loose=True)
    return SaidKind(_STATES_BENEFIT, loose=False) if _BENEFITS.search(norm) else None


def asks_general_topic(message: str) -> bool:
    """The question asks what the reports say of a topic, its obstacles or its uses (general guidance)."""
    norm = nfkc(message).lower()
    return bool(_REPORTS_SAY.search(norm) or _OBSTACLES.search(norm) or _USES.search(norm))


def support_question(question: str) -> bool:
    """"有什么补贴", "上MES有补贴吗": which support there is, asking no figure, rate or procedure."""
    # a figure in the question ("选了100个试点城市") is a premise to check, the fact path's to answer
    return asks_about_support(question) and not asks_for_figures(question) and not asks_for_specifics(question) \
        and not asked_figures(question)


def place_support_question(question: str) -> bool:
    """"苏州有什么数字化补贴": support in a place, asking no figure, rate or procedure."""
    return bool(places_named(question)) and support_question(question)


def place_support_asked(question: str, sentences: list[str]) -> bool:
    """A question on a place's support ("四川有啥政策", "安徽那边有补贴吗") that asks for no figure, and a support
    sentence among `sentences` names each place (a province, or the city's province: "江苏省…四川省等地大力支持…试点")."""
    if not place_support_question(question):
        return False
    places = places_named(question)
    support = [s for s in sentences if offers_support(s)]
    # a province is answered by its cities' lines too ("湖北有试点城市吗" → "武汉、昆明等试点城市…")
    return all(any(region_covered(place, s) or in_region(place, s) for s in support) for place in places)


# "重庆那边是怎么做的", "湖北有什么做法": what a place does, which the passages naming it are
_PRACTICE = rx(r"怎么(?:做|搞|弄|干|推进|推动|转)|怎样(?:做|推进)|如何(?:做|推进|推动)|做法|经验|举措|措施|实践"
               r"|(?:有|做了|干了|搞了)(?:什么|啥|哪些)|\bwhat (?:did|does|do|is|are)\b.*\bdo(?:ing)?\b|\bhow (?:did|does|do|is|are)\b")


def asks_place_practice(question: str, passages: list[str]) -> bool:
    """The question asks what a place does ("重庆那边是怎么做的"), asks for no figure, and at least two of the top
    passages name each place it asks about: those passages are the reports' own account of it."""
    places = places_named(question)
    if not places or not _PRACTICE.search(nfkc(question).lower()) or asks_for_figures(question) \
            or asks_for_specifics(question):
        return False
    return all(sum(region_covered(place, text) for text in passages[:5]) >= 2 for place in places)


GUIDANCE_BAR = 0.5  # advice and other general guidance is answered down to this share of the calibrated threshold
# "想去越南设厂，企业所得税有啥优惠": its rules, support or market, asked of a country the reports never name
_RULES_ASK = rx(r"税|优惠|法规|法律|规定|政策|补贴|扶持|市场|行情"
                r"|\btax|\blaws?\b|\bregulat|\bpolic|\bsubsid|\bincentive|\bmarkets?\b")


def asks_unknown_country(result: RetrievalResult, question: str) -> bool:
    """The question asks what a country the reports never name does: no general guidance answers for Vietnam's
    taxes."""
    return bool(result.unmet.countries and _RULES_ASK.search(nfkc(question).lower()))


def beyond_guidance(result: RetrievalResult, question: str) -> bool:
    """Refused even as advice, whatever the firm: retrieval is far below the bar, or it asks of an unknown country."""
    return result.confidence < result.threshold * GUIDANCE_BAR or asks_unknown_country(result, question)
