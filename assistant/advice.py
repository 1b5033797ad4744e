"""The advice answer: scenarios that fit the firm, peer cases, what firms spend and the support to watch."""

from __future__ import annotations

import re

from assistant.answer_notes import MONEY, answer_notes
from assistant.cases import bare_intro, firm_cases, with_what_it_did
from assistant.citations import CitationBook
from assistant.constraints import asks_about_support
from assistant.industries import NOT_MANUFACTURING, Industry, industry_by_name, match_industry
from assistant.levels import asks_own_level
from assistant.notice_checks import held_against
from assistant.notice_places import places_asked
from assistant.notice_rules import notice_rules
from assistant.own_stage import asks_own_stage, stage_lines
from assistant.passages import Passage
from assistant.policies import places_without_support, policies, policy_lines
from assistant.quoting import about_another_country, countries_asked, pick, pick_unseen, quote_line
from assistant.request import OWN_SHARE, ExtractiveRequest, Picked, own_words, ranked
from assistant.sentence_kinds import (
    FOREIGN,
    another_industrys,
    fits_stage,
    for_the_firm,
    proposed,
    systems_asked,
)
from assistant.sentences import ScoredSentence
from assistant.support import company_names

_SCENARIO_SECTION = re.compile(r"场景|路径|需求|工具|特征|模型")
_PAIN_SECTION = re.compile(r"场景需求")
# a footnote's grouping ("劳动密集型产业包括…家具制造业…"): a list of sectors, saying nothing of any
_SECTOR_LIST = re.compile(r"^[^。]{0,30}(?:包括|包含|分为|划分为)[\u4e00-\u9fff、，,和及等]+[。；;]?$")
# What to digitalise, asked beside support ("上MES有补贴吗" asks both; "有没有补贴" asks only for support)
_WHAT_TO_DO = re.compile(r"系统|软件|工具|场景|上什么|上啥|做什么|做啥|先做|先上|先搞|怎么(?:做|搞|弄|办|开始)|如何(?:做|开展|推进)"
                         r"|从哪|方案|路径|帮上|能干|有什么用|有啥用"
                         # a system named ("上MES有补贴吗"), not any English word ("What subsidies can…")
                         r"|(?<![a-z])(?:erp|mes|wms|plm|pdm|crm|aps|scada|iot|ai|oa|saas|cad|cae|aoi|agv|rpa|5g)(?![a-z])"
                         r"|\b(?:what should|which system|how (?:do|should|to|can))\b", re.IGNORECASE)
# "AI对我们有什么用", "大模型能干啥": the scenarios must speak of AI, not of the trade in general
_AI_ASKED = re.compile(r"(?<![A-Za-z])ai(?![A-Za-z])|人工智能|大模型|deepseek|chatgpt|智能体", re.IGNORECASE)
_AI_SAID = re.compile(r"(?<![A-Za-z])AI(?![A-Za-z])|人工智能|大模型")
# What a sector or a company is ("…主要是指…", "某公司主要从事…") is not advice; what it did next is.
_DEFINITION = re.compile(r"主要是指|是指从事")


class _Fit:
    """Which sentences fit the firm that asked: its trade, its stage, the countries it asked about."""

    def __init__(self, req: ExtractiveRequest, scored: list[ScoredSentence]) -> None:
        self.req = req
        self.industry = industry_by_name(req.profile.industry) if req.profile.industry else None
        self.countries = countries_asked(req.question)
        self.systems = systems_asked(req.question)
        self.own = own_words(req)
        self.pain = OWN_SHARE * max((self.own(s) for s in scored[:5]), default=0.0)
        self.outside = (req.profile.industry or "").endswith(NOT_MANUFACTURING)

    def elsewhere(self, s: ScoredSentence, p: Passage) -> bool:
        """Another industry's, unless it speaks to the problem the user stated ("外观检测全靠人眼" → another
        section's vision inspection) without naming that other trade. For a business outside manufacturing (a
        restaurant) every trade the reports name is another's."""
        if self.outside:
            return match_industry(s.sentence.text) is not None or bool(company_names(s.sentence.text))
        if not another_industrys(s, p, self.industry, self.systems):
            return False
        named = match_industry(s.sentence.text)
        return not (self.pain > 0 and self.own(s) >= self.pain and (named is None or named.key == "other"))

    def suits(self, s: ScoredSentence, p: Passage) -> bool:
        # a foreign government's programme ("西班牙数字发展机构启动了…计划") is no scenario for a firm in China
        abroad = not self.countries and bool(FOREIGN.search(s.sentence.text))
        return for_the_firm(s, p) and fits_stage(s.sentence.text, self.req.profile.stage_level) and not abroad \
            and not about_another_country(self.countries, s) and not self.elsewhere(s, p)


def advice(req: ExtractiveRequest, book: CitationBook) -> list[str]:
    w = req.wording
    taken: list[str] = list(req.already_quoted)
    passages, scored = ranked(req, req.main)
    fit = _Fit(req, scored)
    lines = [w.advice_intro(req.profile)] + [w.assumption(a) for a in req.assumptions]
    if fit.industry is not None and not fit.industry.sections:  # 食品制造, 家具…: none of the reports' own sections
        lines.append(w.assumption(w.no_chapter_note(fit.industry.name)))
    elif fit.industry is not None and _AI_ASKED.search(req.question) and not _ai_in_chapter(req, fit.industry):
        lines.append(w.assumption(w.ai_not_in_chapter(fit.industry.name)))
    # the stage and size remarks and the support programmes quoted in the previous answer are not repeated
    seen = [c.quote for c in req.previous_citations if c.quote]
    support = asks_about_support(req.question)
    rules = notice_rules(req, taken)
    if rules:  # "能不能申请苏州的专项资金": the notice's own conditions answer it, for the firm to check against
        # "贵企业营收3000万元：在“…”范围内"
        held = held_against(req.profile, req.user_text or req.question, [s.sentence.text for _, s in rules], w.en)
        return lines + _rendered(req, book, [(w.heading_notice, rules)], held)
    cost: Picked = []
    if "cost" in req.extras:  # "要花多少钱": what firms like it spent, picked first so no scenario takes it
        cost_passages, cost_scored = ranked(req, req.extras["cost"])
        cost = pick(cost_scored, cost_passages, 2, taken, lambda s, p: bool(MONEY.search(s.sentence.text)),
                    per_passage=1)
    # "我们算哪个阶段": the stage read and the report's words on it come first, and are not quoted again below
    stage = stage_lines(req.chunks, req.profile, book, w.en, taken) if asks_own_stage(req.question) else []
    trade = _trade_lines(req, fit, taken)
    scenario = _scenarios(req, fit, passages, scored, taken, seen, support)
    cases = firm_cases(scored, passages, taken, fit.countries, fit.elsewhere, firms_only=support,
                       any_trade=not fit.outside, home_only=not fit.countries)
    in_scenarios = {s.sentence.text for _, s in scenario}  # an example's lead-in quoted in another bullet stays there
    scenario = [(p, with_what_it_did(s, p, in_scenarios - {s.sentence.text})) for p, s in scenario]
    # A company's introduction whose next sentence (what it did) is already quoted above says nothing new.
    cases = [(p, whole) for p, s in cases if not bare_intro(whole := with_what_it_did(s, p, in_scenarios))]
    if support:  # "上MES有补贴吗": a peer's MES project is worth showing beside the support, its PLM project is not
        cases = [(p, s) for p, s in cases if fit.own(s) > 0]
    support_quotes = policies(req, taken, [] if support else seen)
    if support and support_quotes and not _WHAT_TO_DO.search(req.question):
        scenario = []  # "有没有补贴": what to digitalise was not asked, and under the support it reads as padding
    blocks: list[tuple[str, Picked]] = [(w.heading_scenarios, scenario), (w.heading_cases, cases),
                                        (w.heading_policy, support_quotes)]
    if asks_own_level(req.question) and not support:
        blocks = blocks[:1]  # "我们现在算几级": the levels' practice answers it; peers' cases and support pad it
    if stage and not support:
        blocks = []  # the next level's practice in the stage block is what to do next
    if support:  # "有什么补贴可以申请": the support the reports name comes first
        blocks.insert(0, blocks.pop())
    elif trade:  # a trade the reports give no section (家具): the few lines that do name it come first
        blocks.insert(0, (w.heading_trade, trade))
    if cost:  # before anything else
        blocks.insert(0, (w.heading_cost, cost))
    if req.already_quoted and not any(picked for _, picked in blocks):
        return [w.nothing_more]
    rendered = _rendered(req, book, blocks)
    unserved = places_without_support(req.question, support_quotes) if support and support_quotes else []
    if unserved and not any(f"“{place}”" in line for line in rendered for place in unserved):
        rendered.append(w.no_place_support_note(unserved))  # (the note on a place no quote names says it already)
    return lines + stage + rendered


# "分别是皮革…，造纸…，木材加工等制品业和家具制造业，纺织业": a list of sectors names the trade among others; still
# worth quoting when it says something of them (their level); a bare list of sectors is not
def _trade_lines(req: ExtractiveRequest, fit: _Fit, taken: list[str]) -> Picked:
    """For a trade the reports give no section of its own (家具, 注塑): the sentences that name it, a foreign
    cluster's case included ("日本岐阜县木材家具加工中小企业集群…")."""
    if "trade" not in req.extras or fit.industry is None or fit.industry.sections:
        return []
    sector = re.sub(r"（[^）]*）", "", fit.industry.sector)  # "橡胶和塑料制品业（报告分组未列出）"
    names = re.compile("|".join(map(re.escape, (*fit.industry.report_terms, *fit.industry.aliases[:1], sector))))
    passages, scored = ranked(req, req.extras["trade"])
    return pick(scored, passages, 2, taken, lambda s, p: bool(names.search(s.sentence.text))
                and not _SECTOR_LIST.match(s.sentence.text) and not _DEFINITION.search(s.sentence.text), per_passage=1)


def _ai_in_chapter(req: ExtractiveRequest, industry: Industry) -> bool:
    """The reports' sections on this industry speak of AI somewhere (the PCB section never does)."""
    return any(doc == c.doc_id and head in c.section and _AI_SAID.search(c.text)
               for c in req.chunks for doc, head in industry.sections)


def _scenarios(req: ExtractiveRequest, fit: _Fit, passages: dict[str, Passage], scored: list[ScoredSentence],
               taken: list[str], seen: list[str], support: bool) -> Picked:
    """What the firm could digitalise: its industry's own sections first, then the reports' scenario sections,
    then one remark for its stage and one for its size."""
    scenario: Picked = []
    # "AI对我们有什么用" from a PCB maker: what the reports say of AI, not the PCB section's definitions
    ai = bool(_AI_ASKED.search(req.question)) and any(_AI_SAID.search(s.sentence.text) for s in scored[:8])

    def on_topic(s: ScoredSentence) -> bool:
        return not ai or bool(_AI_SAID.search(s.sentence.text))

    if "industry" in req.extras:  # the sections the reports wrote for this industry come first
        industry_passages, industry_scored = ranked(req, req.extras["industry"])
        # ...when they speak to what the user asked: "外观检测全靠人眼，经常漏检" from a machining shop wants the
        # vision inspection scenario, not the machining section's equipment monitoring.
        scenario += pick(industry_scored, industry_passages, 2, taken, lambda s, p: p.boosted and fit.own(s) >= fit.pain
                         and not _DEFINITION.search(s.sentence.text) and fit.suits(s, p) and on_topic(s), per_passage=1)
    # What to do first: the reports' "场景需求" sections restate the pain ("设备报警…往往滞后"), their other scenario
    # sections say what firms deploy; a pain sentence is quoted only when too few of those are found. (On AI, the
    # reports' AI sections are where they say it.)
    scenario += pick(scored, passages, 3 - len(scenario), taken, lambda s, p: bool(
        (p.boosted or _SCENARIO_SECTION.search(p.section) or ai) and not _PAIN_SECTION.search(p.section)
        and not ((support or ai) and proposed(p)) and not _DEFINITION.search(s.sentence.text) and fit.suits(s, p)
        and on_topic(s)))
    # support programmes belong under the policy heading, not among what to digitalise; a question on support
    # ("四川有啥政策") finds policy passages, whose other sentences are what a government should do, not the firm
    if len(scenario) < 2 and not support:
        scenario += pick(scored, passages, 2 - len(scenario), taken, lambda s, p: fit.suits(s, p) and on_topic(s))
    if ai or support:  # the stage's and size's general remarks say nothing of AI, nor of a subsidy for MES
        return scenario
    remarks = {"stage": lambda s, p: fit.suits(s, p) and _of_own_stage(s.sentence.text, req.profile.stage),
               "size": fit.suits}
    for key, accept in remarks.items():
        if key in req.extras:
            extra_passages, extra_scored = ranked(req, req.extras[key])
            scenario += pick_unseen(extra_scored, extra_passages, 1, taken, seen, accept)
    return scenario


_STAGE_NAME = re.compile(r"基础信息化|应用数字化|全面系统化|智慧生态化")


def _of_own_stage(text: str, stage: str | None) -> bool:
    """The stage remark is the one on the firm's own stage: once it was quoted, the next answer must not quote another
    stage's instead ("在基础信息化阶段…" to a firm that runs ERP and MES), nor a remark on stages in general."""
    return set(_STAGE_NAME.findall(text)) == {stage}  # (the list of all four stages is for no firm in particular)


def _rendered(req: ExtractiveRequest, book: CitationBook, blocks: list[tuple[str, Picked]],
              after: list[str] | None = None) -> list[str]:
    """Each block under its heading (support labelled by whose it is), the lines `after` them, then the notes on
    what the quotes lack."""
    w = req.wording
    lines: list[str] = []
    for heading, picked in blocks:
        if picked and heading == w.heading_policy:
            lines += ["", heading] + policy_lines(book, picked, w, req.profile.region,
                                                       tuple(places_asked(req.question, req.main.local_places)),
                                                       req.main.home_places)
        elif picked:
            lines += ["", heading] + [quote_line(book, p, s) for p, s in picked]
    # survey spending is no price: "MES要花多少钱" still gets the note that the reports quote none
    spent = {s.sentence.text for heading, picked in blocks if heading == w.heading_cost for _, s in picked}
    quoted = [c.quote for c in book.citations if not any(t in c.quote for t in spent)]  # (quoted with context)
    return lines + (after or []) + answer_notes(req, quoted, {c.doc_id for c in book.citations}, book)
