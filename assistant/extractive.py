"""Extractive answers (no LLM): sentences quoted verbatim from retrieved passages, each cited; little framing."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.advice import advice
from assistant.answer_notes import answer_notes, defined_term, defines
from assistant.case_repeats import firms_shown_before, shown_before_line
from assistant.cases import DOES, NEW_CASE, bare_intro, same_case, with_what_it_did
from assistant.citations import CitationBook
from assistant.comparison import about_each, compared_directly, compared_terms
from assistant.constraints import asks_about_support
from assistant.count_lookup import count_first
from assistant.dialogue import asks_for_cases
from assistant.domestic_support import domestic_first
from assistant.facts import around, in_region, place_covered, places_named
from assistant.fine_print import Places, in_notice_order, stating_first
from assistant.guidance import SaidKind, said_kind
from assistant.industries import Industry, IndustryMatch, industry_by_name, match_industry
from assistant.language import mostly_ascii
from assistant.list_answers import list_answer, whole_lists
from assistant.names import HOME, as_written
from assistant.notice_checks import held_against
from assistant.notice_places import places_asked
from assistant.notice_rules import conditions_whole
from assistant.outline import listed
from assistant.passages import Passage
from assistant.policies import proposals_last
from assistant.quoting import (
    about_another_country,
    countries_asked,
    country_named,
    pick,
    quote_line,
)
from assistant.reasons import reasons_near
from assistant.request import OWN_SHARE, Composed, ExtractiveRequest, own_words, ranked
from assistant.sentence_kinds import FOREIGN, POLICY, another_industrys
from assistant.sentences import (
    ScoredSentence,
    asks_for_figures,
    has_figure,
)
from assistant.sources_intro import notice_documents, with_sources
from assistant.support import company_names

FOLLOW_CHARS = 400  # how far after the best sentence a case's outcome may be reported
_PARTS = re.compile(r"[^？?。；;!！]+[？?。；;!！]*")


def compose(request: ExtractiveRequest) -> Composed:
    """Build the answer text from quoted sentences; the caller decides beforehand whether to refuse."""
    book = CitationBook()
    lines = advice(request, book) if request.kind == "advice" else \
        _why(request, book) if request.kind == "why" else _fact(request, book)
    if lines:  # "摘自您上传的文件《…》原文" when the quotes are an uploaded notice's, not the reports'
        lines[0] = with_sources(lines[0], book.citations, notice_documents(request.chunks), request.uploaded,
                                request.wording.en)
    lead = request.wording.specifics_note(request.question)
    if lead in lines:  # "AOI多少钱": that the reports hold no prices is the answer; it comes first, not last
        lines.remove(lead)
        lines.insert(1, lead)
    return Composed("\n".join(lines).strip(), book.citations)


def _fact(req: ExtractiveRequest, book: CitationBook) -> list[str]:
    listing = listed(req.question, req.chunks, _search_words(req)) if not req.already_quoted else None
    if listing is not None:  # "五类工具需求是哪些": each item of the list, not a few sentences mentioning it
        return list_answer(req, book, listing)
    passages, scored = ranked(req, req.main)
    term = defined_term(req.question)
    if term:  # "MES是什么意思": a sentence saying what it is or does beats one that lists its vendors
        scored = sorted(scored, key=lambda s: -(s.score + _explains(term, s.sentence.text)))
    no_cases_note: list[str] = []
    if asks_for_cases(req.question):  # "有同行案例吗": the companies' stories, each with what it did
        found = _cases_answer(req, book, passages, scored)
        if found:
            return found
        trade = _trade_of(match_industry(req.question))
        if trade is not None:  # "食品行业有案例吗": none of that trade, nor a case near it; say so under what is
            no_cases_note = [req.wording.assumption(req.wording.no_trade_cases(trade.name, others_shown=False))]
    compared = _comparison(req, book, passages, scored)
    if compared:
        return compared
    scored = count_first(req.question, scored, passages, req.chunks, req.main.query_terms)
    wanted, scored = _said_first(req.question, scored)
    best = scored[0].overlap if scored else 0.0
    outcome = scored[0] if scored and asks_for_figures(req.question) else None
    own = own_words(req)
    # A two-part question ("…多少？…该抓啥") needs a quote per part: each part has its own words.
    best_own = own(scored[0]) if scored and len(_PARTS.findall(req.question)) < 2 else 0.0

    countries = countries_asked(req.question)
    # a notice whose opening names its district (无锡市惠山区) speaks of it throughout, as a title naming it does
    homes = req.main.home_places
    naming, scored = _subjects_first(req.question, scored, countries, {
        cid: " ".join([p.title, *homes.get(p.doc_id, ())]) for cid, p in passages.items()}, req.main.local_places)
    scored = domestic_first(req.question, scored, passages)  # "有什么补贴": China's programmes before America's
    stating, scored = stating_first(req.question, scored, passages, req.main.local_places)

    def worth_quoting(s: ScoredSentence, p: Passage) -> bool:
        # Beyond the best sentence, only sentences that share the question's words are worth quoting (the user's
        # own words, when the best sentence has them: 上云 alone does not answer 上云率多少), and for
        # "how much / how did it turn out" the figures that follow the best sentence in its own passage.
        if s is scored[0]:
            return True
        turned_out = bool(outcome and s.chunk_id == outcome.chunk_id and outcome.sentence.end <= s.sentence.start
                          <= outcome.sentence.end + FOLLOW_CHARS and has_figure(s.sentence.text)
                          and same_case(p.text[outcome.sentence.end:s.sentence.end]))
        if about_another_country(countries, s) or wanted is not None and not wanted.said_by(s.sentence.text):
            return False
        if stating:  # a notice's own rules, asked for, and nothing else: another scheme's 15% misleads
            return (s.chunk_id, s.sentence.start) in stating
        if naming and (s.chunk_id, s.sentence.start) not in naming:
            return turned_out  # the case's own outcome need not name its place again
        if wanted is not None and wanted.loose:  # the user's own word (失败) is never the reports'; a statement
            # of that kind near the question answers it
            return s.overlap >= 0.25 * best > 0
        return (s.overlap >= 0.5 * best > 0 and (not best_own or own(s) >= OWN_SHARE * best_own)) or turned_out

    # a notice's list of materials or conditions is quoted whole, item by item, though one passage holds it all (a
    # table's rows: "注册地：…", "企业规模：…", "经营状况：…", "信用：…")
    limit = max(4, min(8, len(stating)))
    picked = pick(scored, passages, limit, list(req.already_quoted), worth_quoting, per_passage=limit if stating else 3)
    if req.already_quoted and not picked:
        return [req.wording.nothing_more]
    picked = whole_lists(req.question, picked)  # "有哪些路径": the clause listing them, not a piece cut from it
    picked.sort(key=lambda ps: (ps[1].passage_rank, ps[1].sentence.start) if ps[1].chunk_id == scored[0].chunk_id
                else (99, 0))
    held: list[str] = []  # a notice's conditions, with the firm's stated figures held against those with a number
    if stating:
        picked = conditions_whole(req.question, in_notice_order(picked), req.chunks, req.already_quoted)
        held = held_against(req.profile, req.user_text or req.question, [s.sentence.text for _, s in picked],
                            req.wording.en)
    lines = [req.wording.fact_intro] + proposals_last(book, picked, req.wording, req.question) + held + no_cases_note
    # the place is answered by the top quote, or by a quote picked for naming it ("鹰潭高新区专门组建…")
    answered_by = "\n".join([scored[0].sentence.text, passages[scored[0].chunk_id].title,
                             *(s.sentence.text for _, s in picked if (s.chunk_id, s.sentence.start) in naming)]) \
        if scored else ""
    lines += answer_notes(req, [s.sentence.text for _, s in picked], {p.doc_id for p, _ in picked}, book,
                          answered_by=answered_by)
    return lines


def _search_words(req: ExtractiveRequest) -> list[str]:
    """The words a list is looked up by besides the question's own: its typos fixed ("路经" → 路径) and, for an
    English question, the Chinese words it was searched by; never a Chinese question's looser expansions ("四不" is
    no "四个转型特征")."""
    return req.main.query_terms if mostly_ascii(req.main.user_terms) else req.main.user_terms


def _said_first(question: str, scored: list[ScoredSentence]) -> tuple[SaidKind | None, list[ScoredSentence]]:
    """"为什么数字化项目会失败": the sentences stating an obstacle first, and that kind, when the closest sentences
    hold one (America's SBIR 项目 share only a word with it); "上MES有什么好处": those stating what it brings."""
    kind = said_kind(question)
    if kind is None or not any(kind.said_by(s.sentence.text) for s in scored[:4]):
        return None, scored
    return kind, sorted(scored, key=lambda s: not kind.said_by(s.sentence.text))


def _cases_answer(req: ExtractiveRequest, book: CitationBook, passages: dict[str, Passage],
                  scored: list[ScoredSentence]) -> list[str]:
    """Firms' stories, each with what it did: the trade the question names first ("有家具厂的案例吗"), saying so when
    the reports hold none of that trade; else the firm's own industry's first (the boosted sections)."""
    named = match_industry(req.question)
    trade = _trade_of(named)
    # the firm's own industry's cases first: an SMT shop asking for 电子行业 cases wants the PCB section's, and a
    # search naming its industry finds them when the question's own words do not ("any examples?" in English)
    own_trade: list[ScoredSentence] = []
    if "industry" in req.extras:
        industry_passages, own_trade = ranked(req, req.extras["industry"])
        passages = {**industry_passages, **passages}
    candidates = [s for s in scored if passages[s.chunk_id].boosted] + own_trade[:16] + \
        [s for s in scored[:16] if not passages[s.chunk_id].boosted]
    if named is not None:  # "印染的案例": a firm whose own name says 印染 before a spinning mill of the same section
        # (the firm's own industry's sections still lead: an SMT shop asking for 电子 cases wants the PCB firms)
        candidates.sort(key=lambda s: (not passages[s.chunk_id].boosted,
                                       not any(w in name for name in company_names(s.sentence.text)
                                               for w in named.words)))

    places = places_named(req.question)
    if places:  # "陕西有什么案例": the firms there (西安's) first
        candidates.sort(key=lambda s: not any(in_region(place, s.sentence.text) for place in places))
    abroad_asked = bool(countries_asked(req.question))

    def a_case(s: ScoredSentence, p: Passage) -> bool:
        # a programme (NAIRR, a financing scheme) is no firm's story, however it names firms; nor is what a mode of
        # transformation "是指"; and a firm in China asking for peers' cases is not shown an American start-up
        text = s.sentence.text
        return bool(company_names(text) or NEW_CASE.search(text)) and not POLICY.search(text) \
            and "是指" not in text and (abroad_asked or not FOREIGN.search(text))

    cases = pick(candidates, passages, 3, list(req.already_quoted),
                 lambda s, p: a_case(s, p) and not another_industrys(s, p, trade), per_passage=1)
    notes: list[str] = []
    if not cases and trade is not None:
        cases = pick(candidates, passages, 3, list(req.already_quoted), a_case, per_passage=1)
    # a trade the reports have no section on (食品) gets the cases of trades they never class: a steel mill's story
    # passes the filter above, and is still no food plant's
    # (a case from the trade's own section is of that trade: 贵州正和天筑's 砂浆 is 水泥石膏's, though not 建材厂's)
    if trade is not None and cases and not any(w in s.sentence.text for _, s in cases
                                               for w in (*named.words, *trade.report_terms)) \
            and not any(_in_sections(p, trade) for p, _ in cases):
        notes = [req.wording.assumption(req.wording.no_trade_cases(trade.name))]
    cases = [(p, whole) for p, s in cases if not bare_intro(whole := with_what_it_did(s, p, set()))]
    again = firms_shown_before(req.previous_citations, [s.sentence.text for s in candidates[:12]],
                               [s.sentence.text for _, s in cases]) if req.already_quoted else []
    if not cases:  # "还有吗" after the cases were shown: say so rather than quote anything else
        return [req.wording.nothing_more] if req.already_quoted else []
    lines = [req.wording.fact_intro] + [shown_before_line(again, req.wording.en)] * bool(again) + \
        [quote_line(book, p, s) for p, s in cases] + notes
    quotes = [s.sentence.text for _, s in cases]
    # a province whose city's firm is quoted is answered ("陕西" by 西安某航空科技…): no note says it is missing
    reached = [place for place in places if any(in_region(place, q) for q in quotes)]
    answered_by = "\n".join([*quotes, *(c.title for c in book.citations), *reached]) if places else None
    return lines + answer_notes(req, quotes, {p.doc_id for p, _ in cases}, book, answered_by=answered_by)


def _in_sections(passage: Passage, trade: Industry) -> bool:
    """The passage lies in one of the sections the reports wrote for the trade."""
    return any(doc == passage.doc_id and heading in passage.section for doc, heading in trade.sections)


def _trade_of(named: IndustryMatch | None) -> Industry | None:
    """The industry a question names, unless it is a business outside manufacturing."""
    return industry_by_name(named.name) if named is not None and named.key != "other" else None


def _comparison(req: ExtractiveRequest, book: CitationBook, passages: dict[str, Passage],
                scored: list[ScoredSentence]) -> list[str]:
    """"MES和ERP有什么区别": what the reports say of each, side by side, and whether they compare them at all."""
    terms = compared_terms(req.question)
    for key in ("compared_0", "compared_1"):  # each side's own search (two countries' sections)
        if key in req.extras:
            side_passages, side_scored = ranked(req, req.extras[key])
            passages, scored = {**side_passages, **passages}, scored + side_scored
    chosen = about_each(terms, scored) if terms and not req.already_quoted else []
    if terms is None or len(chosen) < 2:
        return []
    quotes = [s.sentence.text for s in chosen]
    lines = [req.wording.fact_intro] + [quote_line(book, passages[s.chunk_id], s) for s in chosen]
    if not compared_directly(terms, quotes):  # named as the user wrote them ("germany", not 德国)
        lines.append(req.wording.assumption(req.wording.not_compared(*(as_written(t, req.question) for t in terms))))
    return lines + answer_notes(req, quotes, {passages[s.chunk_id].doc_id for s in chosen}, book)


def _subjects_first(question: str, scored: list[ScoredSentence], countries: frozenset[str],
                    titles: Mapping[str, str], local: Places | None = None,
                    ) -> tuple[set[tuple[str, int]], list[ScoredSentence]]:
    """The sentences about the countries or places asked (by chunk and start), and the ranking with them first.

    "What support does the US government give…", "宁波有没有啥补贴": the sentences that speak of that country or
    place (or go on from one that does: "如“云计算扩散…”战略…"), not what "政府应…" in the same passage.
    """
    asked = places_asked(question, local) if local else places_named(question)  # "惠山" once a notice names it
    naming = _about_subjects(scored, countries, asked, titles)
    if asks_about_support(question) and asked:
        # "成都呢" after "四川有啥政策": support in that place or its province, not a firm there (成都安美科)
        wider = [near for place in asked for near in around(place)]
        policy_at = {(s.chunk_id, s.sentence.start) for s in scored if POLICY.search(s.sentence.text)}
        # "鹰潭有啥补贴": what the place itself does ("鹰潭高新区专门组建数字化转型促进中心…") counts too, though it
        # names no subsidy; a firm based there does not
        public = {(s.chunk_id, s.sentence.start) for s in scored if not company_names(s.sentence.text)}
        naming = (_about_subjects(scored, countries, wider, titles) & policy_at) \
            | (_about_subjects(scored, countries, asked, titles) & public)
    if naming:
        return naming, sorted(scored, key=lambda s: (s.chunk_id, s.sentence.start) not in naming)
    if asks_about_support(question) and not countries:
        # "数字化转型有哪些资金支持": the reports survey America's and Japan's funds at length, but the owner asking
        # can apply for China's: those come first (foreign ones still follow when they share the words)
        return naming, sorted(scored, key=lambda s: about_another_country(frozenset({HOME}), s))
    return naming, scored


def _about_subjects(scored: list[ScoredSentence], countries: frozenset[str], places: list[str],
                    titles: Mapping[str, str]) -> set[tuple[str, int]]:
    """(chunk, start) of the sentences naming one of the countries or places, or in a report whose title names the
    place (上海's own paper speaks of 上海 throughout), and of each sentence right after one of them."""
    if not countries and not places:
        return set()
    named = [s for s in scored if countries & s.tokens or any(country_named(c, s.sentence.text) for c in countries)
             or any(in_region(place, s.sentence.text) or place_covered(place, titles.get(s.chunk_id, ""))
                    for place in places)]
    ends = {(s.chunk_id, s.sentence.end) for s in named}
    return {(s.chunk_id, s.sentence.start) for s in named} | {
        (s.chunk_id, s.sentence.start) for s in scored
        if any((s.chunk_id, s.sentence.start - gap) in ends for gap in range(3))}


def _why(req: ExtractiveRequest, book: CitationBook) -> list[str]:
    """Reasons the reports give next to what the last answer quoted; say so when they give none."""
    picked = reasons_near(req.previous_citations, req.previous_answer)
    if not picked:
        return [req.wording.no_reasons] + _fact(req, book)[1:]
    return [req.wording.why_intro] + [quote_line(book, p, s) for p, s in picked]


def _explains(term: str, sentence: str) -> float:
    if term.lower() not in sentence.lower():
        return 0.0
    return 2.0 if defines(term, sentence) else 1.0 if DOES.search(sentence) else 0.0


