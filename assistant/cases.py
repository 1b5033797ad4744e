"""A firm's story quoted whole: which sentences are cases, and the sentence before or after that completes one."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.passages import Passage
from assistant.quoting import about_another_country, pick
from assistant.sentence_kinds import FOREIGN, is_case
from assistant.sentences import MAX_QUOTE, ScoredSentence, Sentence, split_passage
from assistant.support import company_names

NEW_CASE = re.compile(r"例如|比如|如[\u4e00-\u9fff]{1,6}某|某[\u4e00-\u9fff]{0,12}(?:公司|企业|工厂|集团)")
# How a case introduces its firm ("某公司主要从事…"); the next sentence says what it did
_COMPANY_INTRO = re.compile(r"主要从事|主要生产|专业生产|是一家|成立于|的优质制造商|的制造商|的生产商")
# What a system does: "部署MES系统，实现了生产数据实时采集…"
DOES = re.compile(r"实现|用于|对[^，。]{1,12}进行|帮助|通过|整合|采集|管控|追溯|监测")
_EXAMPLE = re.compile(r"例如|比如|又如|譬如")
# a case's second sentence, whose subject is only "企业" ("为进一步提升产品研发项目管理能力，企业部署PDM系统…")
_BARE_SUBJECT = re.compile(r"^(?:为(?:了)?[^，。]{2,40}，)?(?:该)?(?:企业|公司)")
_ACTION = re.compile(r"部署|引入|引进|导入|采用|上线|搭建|实施|开展|打通|改造|建立|建设|构建|利用|推出|联合")

def same_case(between: str) -> bool:
    """No new paragraph or new example starts between a case and a figure: the figure is that case's outcome."""
    return "\n\n" not in between.strip() and not NEW_CASE.search(between) and not company_names(between)


def firm_cases(scored: list[ScoredSentence], passages: dict[str, Passage], taken: list[str], countries: frozenset[str],
           elsewhere: Callable[[ScoredSentence, Passage], bool], firms_only: bool = False, any_trade: bool = True,
           home_only: bool = False) -> list[tuple[Passage, ScoredSentence]]:
    """Two firms' stories: the firm's own trade's first, another trade's only when the reports hold none closer.
    `firms_only`: a named firm's story, not a place's or a market's (a support question finds policy passages, whose
    "以机器人行业为例…" and "园区…构建…格局" are no case to learn from). `home_only`: no firm abroad (an American
    start-up's MES, 美国航空航天局's orders) for a firm here that asked about no country."""
    def a_case(s: ScoredSentence, p: Passage) -> bool:
        abroad = home_only and bool(FOREIGN.search(s.sentence.text))
        return is_case(s, p) and not abroad and not about_another_country(countries, s) and (
            not firms_only or bool(company_names(s.sentence.text)))

    own = pick(scored, passages, 2, taken, lambda s, p: a_case(s, p) and not elsewhere(s, p), per_passage=1)
    return own or (pick(scored, passages, 2, taken, a_case, per_passage=1) if any_trade else [])


def with_what_it_did(s: ScoredSentence, passage: Passage, shown: set[str]) -> ScoredSentence:
    """A case quoted whole: a company's introduction with the next sentence when that one says what it did, an
    example ("例如，福建某公司…") with the sentence before it that says what it is an example of — unless that
    sentence is already `shown` higher up in the answer."""
    if s.sentence.continued:
        return s
    sentences = split_passage(passage.text)
    if _EXAMPLE.match(s.sentence.text):
        before = next((b for b in reversed(sentences) if b.end <= s.sentence.start), None)
        usable = before is not None and not before.continued and before.text not in shown
        return _joined(s, passage, before, s.sentence) if usable else s
    if _BARE_SUBJECT.match(s.sentence.text):  # "为提升…，企业部署PDM系统…": which firm the sentence before says
        before = next((b for b in reversed(sentences) if b.end <= s.sentence.start), None)
        if before is not None and _COMPANY_INTRO.search(before.text) and before.text not in shown:
            return _joined(s, passage, before, s.sentence)
        return s
    if not _COMPANY_INTRO.search(s.sentence.text) or _ACTION.search(s.sentence.text):
        return s
    after = next((a for a in sentences if a.start >= s.sentence.end), None)
    usable = after is not None and _ACTION.search(after.text) and after.text not in shown
    return _joined(s, passage, s.sentence, after) if usable else s


def bare_intro(s: ScoredSentence) -> bool:
    """Who a company is, without what it did."""
    return bool(_COMPANY_INTRO.search(s.sentence.text)) and not _ACTION.search(s.sentence.text)


def _joined(s: ScoredSentence, passage: Passage, first: Sentence, second: Sentence) -> ScoredSentence:
    """The two sentences as one quote, when they sit side by side in one paragraph and are short enough."""
    gap = passage.text[first.end:second.start]
    if gap.strip() or "\n" in gap or second.end - first.start > 2 * MAX_QUOTE:
        return s
    return replace(s, sentence=Sentence(passage.text[first.start:second.end], first.start, second.end))
