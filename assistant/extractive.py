"""Extractive answers (no LLM): sentences quoted verbatim from retrieved passages, each cited; little framing."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

from assistant.answer_notes import MONEY, answer_notes, defined_term, defines
from assistant.citations import CitationBook
from assistant.constraints import asks_about_support
from assistant.dialogue import asks_for_cases
from assistant.facts import places_named
from assistant.industries import industry_by_name, match_industry
from assistant.lexical import BM25Index
from assistant.names import names_asked
from assistant.outline import Listing, listed
from assistant.passages import Passage, RetrievalResult
from assistant.policies import policies, policy_lines
from assistant.quoting import (
    about_another_country,
    countries_asked,
    pick,
    pick_unseen,
    quote_line,
    ranked_sentences,
)
from assistant.reasons import reasons_near
from assistant.result import Citation, ProfileSummary
from assistant.sentence_kinds import (
    POLICY,
    another_industrys,
    fits_stage,
    for_the_firm,
    is_case,
    proposed,
    systems_asked,
)
from assistant.sentences import (
    MAX_QUOTE,
    ScoredSentence,
    Sentence,
    asks_for_figures,
    chart_debris,
    gives_count_asked,
    has_figure,
    split_passage,
    term_weights,
)
from assistant.support import company_names
from assistant.wording import Wording
from corpus.chunk import Chunk

_SCENARIO_SECTION = re.compile(r"场景|路径|需求|工具|特征|模型")
_PAIN_SECTION = re.compile(r"场景需求")
_NEW_CASE = re.compile(r"例如|比如|如[\u4e00-\u9fff]{1,6}某|某[\u4e00-\u9fff]{0,12}(?:公司|企业|工厂|集团)")
FOLLOW_CHARS = 400  # how far after the best sentence a case's outcome may be reported
OWN_SHARE = 0.5  # a further quote holds at least this share of the best quote's weight of the words the user typed
_PARTS = re.compile(r"[^？?。；;!！]+[？?。；;!！]*")
# What a sector or a company is ("…主要是指…", "某公司主要从事…") is not advice; what it did next is.
_DEFINITION = re.compile(r"主要是指|是指从事")
_COMPANY_INTRO = re.compile(r"主要从事|主要生产|专业生产|是一家|成立于|的优质制造商|的制造商|的生产商")
# What a system does: "部署MES系统，实现了生产数据实时采集…"
_DOES = re.compile(r"实现|用于|对[^，。]{1,12}进行|帮助|通过|整合|采集|管控|追溯|监测")
_EXAMPLE = re.compile(r"例如|比如|又如|譬如")
# a case's second sentence, whose subject is only "企业" ("为进一步提升产品研发项目管理能力，企业部署PDM系统…")
_BARE_SUBJECT = re.compile(r"^(?:为(?:了)?[^，。]{2,40}，)?(?:该)?(?:企业|公司)")
_ACTION = re.compile(r"部署|引入|引进|导入|采用|上线|搭建|实施|开展|打通|改造|建立|建设|构建|利用|推出|联合")


@dataclass
class ExtractiveRequest:
    question: str
    kind: str  # "advice" | "fact"
    wording: Wording
    profile: ProfileSummary
    assumptions: list[str]
    main: RetrievalResult
    bm25: BM25Index  # for term weights (IDF) when choosing sentences
    extras: dict[str, RetrievalResult] = field(default_factory=dict)  # "stage", "size", "policy"
    previous_answer: str = ""  # what the last turn said, for "为什么？" (kind "why")
    previous_citations: list[Citation] = field(default_factory=list)
    already_quoted: list[str] = field(default_factory=list)  # "还有吗": not to be quoted again
    chunks: Collection[Chunk] = ()  # the whole index (not copied), for lists the reports lay out under one heading
    user_text: str = ""  # what the user typed this conversation: a place only a quoted gist carried in is not theirs


@dataclass
class Composed:
    answer: str
    citations: list[Citation]


def compose(request: ExtractiveRequest) -> Composed:
    """Build the answer text from quoted sentences; the caller decides beforehand whether to refuse."""
    book = CitationBook()
    lines = _advice(request, book) if request.kind == "advice" else \
        _why(request, book) if request.kind == "why" else _fact(request, book)
    lead = request.wording.specifics_note(request.question)
    if lead in lines:  # "AOI多少钱": that the reports hold no prices is the answer; it comes first, not last
        lines.remove(lead)
        lines.insert(1, lead)
    return Composed("\n".join(lines).strip(), book.citations)


def _ranked(req: ExtractiveRequest, result: RetrievalResult) -> tuple[dict[str, Passage], list[ScoredSentence]]:
    return ranked_sentences(req.bm25, result)


# the thing a count question counts: "有几个阶段" → 阶段, "分几类" → 类 is not enough, so two characters at least
_COUNTED_NOUN = re.compile(r"(?:几|多少)[个类种项大]?([\u4e00-\u9fff]{2,4}?)(?=[，,？?。呢吗啊]|$|是|有|分别|都)")


def _fact(req: ExtractiveRequest, book: CitationBook) -> list[str]:
    listing = listed(req.question, req.chunks) if not req.already_quoted else None
    if listing is not None:  # "五类工具需求是哪些": each item of the list, not a few sentences mentioning it
        return _list_answer(req, book, listing)
    passages, scored = _ranked(req, req.main)
    term = defined_term(req.question)
    if term:  # "MES是什么意思": a sentence saying what it is or does beats one that lists its vendors
        scored = sorted(scored, key=lambda s: -(s.score + _explains(term, s.sentence.text)))
    if asks_for_cases(req.question):  # "有同行案例吗": the companies' stories, each with what it did
        # a programme (NAIRR, a financing scheme) is no firm's story, however it names firms
        # the firm's own industry's cases first: an SMT shop asking for 电子行业 cases wants the PCB section's
        candidates = [s for s in scored if passages[s.chunk_id].boosted] + \
            [s for s in scored[:16] if not passages[s.chunk_id].boosted]
        cases = pick(candidates, passages, 3, list(req.already_quoted), lambda s, p: bool(
            company_names(s.sentence.text) or _NEW_CASE.search(s.sentence.text))
            and not POLICY.search(s.sentence.text), per_passage=1)
        cases = [(p, whole) for p, s in cases if not _bare_intro(whole := _with_what_it_did(s, p, set()))]
        if cases:
            lines = [req.wording.fact_intro] + [quote_line(book, p, s) for p, s in cases]
            return lines + answer_notes(req, [s.sentence.text for _, s in cases], {p.doc_id for p, _ in cases}, book)
        if req.already_quoted:  # "还有吗" after the cases were shown: say so rather than quote anything else
            return [req.wording.nothing_more]
    if scored and gives_count_asked(req.question, scored[0].sentence.text) is False:
        # "有几个阶段": a close sentence counting that very thing ("…四个阶段") answers it; one only about stages,
        # or counting something else ("4个特征"), does not
        noun = _COUNTED_NOUN.search(req.question)
        counts_it = re.compile(rf"[\d一二两三四五六七八九十]+\s*[个类种项大]?\s*{re.escape(noun.group(1))}") if noun else None
        counted = next((x for x in scored[:12] if counts_it is not None and counts_it.search(x.sentence.text)), None) \
            or next((x for x in scored[:8] if gives_count_asked(req.question, x.sentence.text)
                     and x.overlap >= 0.5 * scored[0].overlap), None)
        if counted is not None:
            scored = [counted, *(x for x in scored if x is not counted)]
    best = scored[0].overlap if scored else 0.0
    outcome = scored[0] if scored and asks_for_figures(req.question) else None
    own = _own_words(req)
    # A two-part question ("…多少？…该抓啥") needs a quote per part: each part has its own words.
    best_own = own(scored[0]) if scored and len(_PARTS.findall(req.question)) < 2 else 0.0

    countries = countries_asked(req.question)
    # "What support does the US government give…": the sentences that speak of that country (or go on from one
    # that does: "如“云计算扩散…”战略…"), not what "政府应…" in the same passage
    naming = _about_countries(scored, countries)
    if naming:
        scored = sorted(scored, key=lambda s: (s.chunk_id, s.sentence.start) not in naming)

    def worth_quoting(s: ScoredSentence, p: Passage) -> bool:
        # Beyond the best sentence, only sentences that share the question's words are worth quoting (the user's
        # own words, when the best sentence has them: 上云 alone does not answer 上云率多少), and for
        # "how much / how did it turn out" the figures that follow the best sentence in its own passage.
        if s is not scored[0] and (about_another_country(countries, s)
                                   or (naming and (s.chunk_id, s.sentence.start) not in naming)):
            return False
        if s is scored[0] or (s.overlap >= 0.5 * best > 0 and (not best_own or own(s) >= OWN_SHARE * best_own)):
            return True
        return bool(outcome and s.chunk_id == outcome.chunk_id and outcome.sentence.end <= s.sentence.start
                     <= outcome.sentence.end + FOLLOW_CHARS and has_figure(s.sentence.text)
                     and _same_case(p.text[outcome.sentence.end:s.sentence.end]))

    picked = pick(scored, passages, 4, list(req.already_quoted), worth_quoting, per_passage=3)
    if req.already_quoted and not picked:
        return [req.wording.nothing_more]
    picked.sort(key=lambda ps: (ps[1].passage_rank, ps[1].sentence.start) if ps[1].chunk_id == scored[0].chunk_id
                else (99, 0))
    lines = [req.wording.fact_intro] + [quote_line(book, p, s) for p, s in picked]
    lines += answer_notes(req, [s.sentence.text for _, s in picked], {p.doc_id for p, _ in picked}, book,
                    answered_by=f"{scored[0].sentence.text}\n{passages[scored[0].chunk_id].title}" if scored else "")
    return lines


def _about_countries(scored: list[ScoredSentence], countries: frozenset[str]) -> set[tuple[str, int]]:
    """(chunk, start) of the sentences naming one of the countries, and of each sentence right after one of them."""
    if not countries:
        return set()
    named = [s for s in scored if countries & (s.tokens | set(names_asked(s.sentence.text)))]
    ends = {(s.chunk_id, s.sentence.end) for s in named}
    return {(s.chunk_id, s.sentence.start) for s in named} | {
        (s.chunk_id, s.sentence.start) for s in scored
        if any((s.chunk_id, s.sentence.start - gap) in ends for gap in range(3))}


def _list_answer(req: ExtractiveRequest, book: CitationBook, listing: Listing) -> list[str]:
    lines = [req.wording.list_intro(_ENUMERATOR.sub("", listing.heading), len(listing.items))]
    for item in listing.items:
        c = item.chunk
        first = next((s for s in split_passage(c.text) if not chart_debris(s.text)), None)
        if first is None:
            continue
        passage = Passage(chunk_id=c.chunk_id, doc_id=c.doc_id, title=c.title, section=c.section, text=c.text,
                          page=c.page, para=c.para, start=c.start, end=c.end, score=0.0)
        lines.append(quote_line(book, passage, ScoredSentence(first, c.chunk_id, 1, 0.0)))
    return lines


_ENUMERATOR = re.compile(r"^(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d+[.．、])\s*")


def _why(req: ExtractiveRequest, book: CitationBook) -> list[str]:
    """Reasons the reports give next to what the last answer quoted; say so when they give none."""
    picked = reasons_near(req.previous_citations, req.previous_answer)
    if not picked:
        return [req.wording.no_reasons] + _fact(req, book)[1:]
    return [req.wording.why_intro] + [quote_line(book, p, s) for p, s in picked]


def _explains(term: str, sentence: str) -> float:
    if term.lower() not in sentence.lower():
        return 0.0
    return 2.0 if defines(term, sentence) else 1.0 if _DOES.search(sentence) else 0.0


def _own_words(req: ExtractiveRequest) -> Callable[[ScoredSentence], float]:
    """IDF weight of the words the user typed that a sentence holds."""
    weights = {t: w for t, w in term_weights(req.bm25, req.main.user_terms).items() if w > 0}

    return lambda s: sum(w for t, w in weights.items() if t in s.tokens)


def _same_case(between: str) -> bool:
    """No new paragraph or new example starts between a case and a figure: the figure is that case's outcome."""
    return "\n\n" not in between.strip() and not _NEW_CASE.search(between) and not company_names(between)


def _advice(req: ExtractiveRequest, book: CitationBook) -> list[str]:
    w = req.wording
    taken: list[str] = list(req.already_quoted)
    passages, scored = _ranked(req, req.main)
    lines = [w.advice_intro(req.profile)] + [w.assumption(a) for a in req.assumptions]
    industry = industry_by_name(req.profile.industry) if req.profile.industry else None
    if industry is not None and not industry.sections:  # 食品制造, 家具…: none of the reports' own sections
        lines.append(w.assumption(w.no_chapter_note(industry.name)))

    countries = countries_asked(req.question)
    systems = systems_asked(req.question)
    # the stage and size remarks and the support programmes quoted in the previous answer are not repeated
    seen = [c.quote for c in req.previous_citations if c.quote]

    own = _own_words(req)
    pain = OWN_SHARE * max((own(s) for s in scored[:5]), default=0.0)

    def elsewhere(s: ScoredSentence, p: Passage) -> bool:
        """Another industry's, unless it speaks to the problem the user stated ("外观检测全靠人眼" → another
        section's vision inspection) without naming that other trade."""
        if not another_industrys(s, p, industry, systems):
            return False
        named = match_industry(s.sentence.text)
        return not (pain > 0 and own(s) >= pain and (named is None or named.key == "other"))

    def suits(s: ScoredSentence, p: Passage) -> bool:
        return for_the_firm(s, p) and fits_stage(s.sentence.text, req.profile.stage_level) \
            and not about_another_country(countries, s) and not elsewhere(s, p)

    support = asks_about_support(req.question)
    scenario: list[tuple[Passage, ScoredSentence]] = []
    if "industry" in req.extras:  # the sections the reports wrote for this industry come first
        industry_passages, industry_scored = _ranked(req, req.extras["industry"])
        # ...when they speak to what the user asked: "外观检测全靠人眼，经常漏检" from a machining shop wants the
        # vision inspection scenario, not the machining section's equipment monitoring.
        scenario += pick(industry_scored, industry_passages, 2, taken, lambda s, p: p.boosted and own(s) >= pain
                          and not _DEFINITION.search(s.sentence.text) and suits(s, p), per_passage=1)
    # What to do first: the reports' "场景需求" sections restate the pain ("设备报警…往往滞后"), their other scenario
    # sections say what firms deploy; a pain sentence is quoted only when too few of those are found.
    scenario += pick(scored, passages, 3 - len(scenario), taken, lambda s, p: bool(
        (p.boosted or _SCENARIO_SECTION.search(p.section)) and not _PAIN_SECTION.search(p.section)
        and not (support and proposed(p)) and not _DEFINITION.search(s.sentence.text) and suits(s, p)))
    # support programmes belong under the policy heading, not among what to digitalise; a question on support
    # ("四川有啥政策") finds policy passages, whose other sentences are what a government should do, not the firm
    if len(scenario) < 2 and not support:
        scenario += pick(scored, passages, 2 - len(scenario), taken, suits)
    for key in ("stage", "size"):
        if key in req.extras:
            extra_passages, extra_scored = _ranked(req, req.extras[key])
            scenario += pick_unseen(extra_scored, extra_passages, 1, taken, seen, suits)
    cases = _cases(scored, passages, taken, countries, elsewhere, firms_only=support)
    in_scenarios = {s.sentence.text for _, s in scenario}  # an example's lead-in quoted in another bullet stays there
    scenario = [(p, _with_what_it_did(s, p, in_scenarios - {s.sentence.text})) for p, s in scenario]
    # A company's introduction whose next sentence (what it did) is already quoted above says nothing new.
    cases = [(p, whole) for p, s in cases if not _bare_intro(whole := _with_what_it_did(s, p, in_scenarios))]
    blocks = [(w.heading_scenarios, scenario), (w.heading_cases, cases),
              (w.heading_policy, policies(req, taken, [] if support else seen))]
    if support:  # "有什么补贴可以申请": the support the reports name comes first
        blocks.insert(0, blocks.pop())
    if "cost" in req.extras:  # "要花多少钱": what firms like it spent, before anything else
        cost_passages, cost_scored = _ranked(req, req.extras["cost"])
        blocks.insert(0, (w.heading_cost, pick(cost_scored, cost_passages, 2, taken,
                                                lambda s, p: bool(MONEY.search(s.sentence.text)), per_passage=1)))
    if req.already_quoted and not any(picked for _, picked in blocks):
        return [w.nothing_more]
    for heading, picked in blocks:
        if picked and heading == w.heading_policy:
            lines += ["", heading] + policy_lines(book, picked, w, req.profile.region, tuple(places_named(req.question)))
        elif picked:
            lines += ["", heading] + [quote_line(book, p, s) for p, s in picked]
    # survey spending is no price: "MES要花多少钱" still gets the note that the reports quote none
    spent = {s.sentence.text for heading, picked in blocks if heading == w.heading_cost for _, s in picked}
    quoted = [c.quote for c in book.citations if c.quote not in spent]
    lines += answer_notes(req, quoted, {c.doc_id for c in book.citations}, book)
    return lines


def _cases(scored: list[ScoredSentence], passages: dict[str, Passage], taken: list[str], countries: frozenset[str],
           elsewhere: Callable[[ScoredSentence, Passage], bool], firms_only: bool = False
           ) -> list[tuple[Passage, ScoredSentence]]:
    """Two firms' stories: the firm's own trade's first, another trade's only when the reports hold none closer.
    `firms_only`: a named firm's story, not a place's or a market's (a support question finds policy passages, whose
    "以机器人行业为例…" and "园区…构建…格局" are no case to learn from)."""
    def a_case(s: ScoredSentence, p: Passage) -> bool:
        return is_case(s, p) and not about_another_country(countries, s) and (
            not firms_only or bool(company_names(s.sentence.text)))

    return pick(scored, passages, 2, taken, lambda s, p: a_case(s, p) and not elsewhere(s, p), per_passage=1) or \
        pick(scored, passages, 2, taken, a_case, per_passage=1)


def _with_what_it_did(s: ScoredSentence, passage: Passage, shown: set[str]) -> ScoredSentence:
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


def _bare_intro(s: ScoredSentence) -> bool:
    """Who a company is, without what it did."""
    return bool(_COMPANY_INTRO.search(s.sentence.text)) and not _ACTION.search(s.sentence.text)


def _joined(s: ScoredSentence, passage: Passage, first: Sentence, second: Sentence) -> ScoredSentence:
    """The two sentences as one quote, when they sit side by side in one paragraph and are short enough."""
    gap = passage.text[first.end:second.start]
    if gap.strip() or "\n" in gap or second.end - first.start > 2 * MAX_QUOTE:
        return s
    return replace(s, sentence=Sentence(passage.text[first.start:second.end], first.start, second.end))
