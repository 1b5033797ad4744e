"""Questions the reports' general guidance answers even when their wording is far from the reports' own."""

from __future__ import annotations

from assistant.confidence import asks_for_specifics
from assistant.constraints import asks_about_support
from assistant.facts import places_named, region_covered
from assistant.passages import RetrievalResult
from assistant.patterns import rx
from assistant.sentence_kinds import POLICY
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
    r"|为什么会?(?:失败|做不成|搞不成|没效果)|失败的原因"
    r"|\b(?:obstacles?|barriers?|challenges?|difficult(?:y|ies)|problems?|pain points?|hurdles?"
    r"|fail(?:s|ed|ing|ures?)?|go(?:es)? wrong)\b")
_USES = rx(r"能干啥|能干什么|能做啥|能做什么|有啥用|有什么用|有什么好处|有啥好处|用处|用在哪"
           r"|\bwhat can (?:it|they|\w+(?: \w+)?) do\b|\bbenefits?\b|\bwhat (?:is|are) (?:it|they|\w+(?: \w+)?) (?:good|used) for\b")


def asks_general_topic(message: str) -> bool:
    """The question asks what the reports say of a topic, its obstacles or its uses (general guidance)."""
    norm = nfkc(message).lower()
    return bool(_REPORTS_SAY.search(norm) or _OBSTACLES.search(norm) or _USES.search(norm))


def place_support_asked(question: str, sentences: list[str]) -> bool:
    """A question on a place's support ("四川有啥政策", "安徽那边有补贴吗") that asks for no figure, and a support
    sentence among `sentences` names each place (a province, or the city's province: "江苏省…四川省等地大力支持…试点")."""
    places = places_named(question)
    if not places or not asks_about_support(question) or asks_for_figures(question) or asks_for_specifics(question):
        return False
    support = [s for s in sentences if POLICY.search(s)]
    return all(any(region_covered(place, s) for s in support) for place in places)


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
