"""Answer one standalone question: retrieve, refuse or compose (extractive or LLM), guard, and explain."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from assistant.answer_notes import defined_term
from assistant.answer_plan import AnswerPlan, hints_for, size_note
from assistant.comparison import side_queries
from assistant.confidence import asks_for_specifics
from assistant.constraints import asks_about_support, subject_named, without, without_places
from assistant.dialogue import asks_for_cases, asks_own_advice
from assistant.domestic_support import domestic_support_found
from assistant.errors import ModelError
from assistant.events import StatusEvent, TokenEvent
from assistant.extractive import ExtractiveRequest, compose
from assistant.facts import around, in_region, places_named
from assistant.followup import asks_how_to_overcome
from assistant.guard import GuardReport, guard_answer
from assistant.guidance import (
    GUIDANCE_BAR,
    asks_general_topic,
    asks_place_practice,
    asks_unknown_country,
    support_question,
)
from assistant.industries import case_search_words, industry_by_name
from assistant.injection import defuse
from assistant.levels import asks_own_level
from assistant.lexical import BM25Index
from assistant.llm_answer import LLMRequest, stream_answer
from assistant.passages import Passage, RetrievalResult
from assistant.quoting import HOME, about_another_country, countries_asked, ranked_sentences
from assistant.result import AdvisorResult, Citation, TraceStep
from assistant.runtime import Runtime
from assistant.sentence_kinds import VENDOR_RANKING, offers_support, proposed
from assistant.sentences import Sentence, has_figure
from assistant.stage import stage_by_level
from assistant.vendors import asks_vendor_pick
from assistant.wording import Wording

_SIZE_QUERIES = {"微型": "小微企业 单点业务环节 简易数字化技术工具", "小型": "小微企业 单点业务环节 简易数字化技术工具",
                 "中型": "中型企业 跨业务流程 复杂数字化应用", "大型": "龙头企业 链式转型 带动上下游中小企业"}


PLAIN_TOPICS = ("people", "security", "criteria", "provider")


class Answerer:
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.settings = runtime.settings

    def run(self, plan: AnswerPlan) -> Iterator[StatusEvent | TokenEvent | AdvisorResult]:
        started = time.perf_counter()
        retriever = self.runtime.retriever()
        profile = plan.outcome.state.profile
        hints = hints_for(profile, plan.size_asked)
        main = defuse(retriever.search(plan.question, k=self.settings.top_k, hints=hints))
        if plan.kind == "fact" and support_question(plan.original) and not countries_asked(plan.original) - {HOME} \
                and _support_unfound(plan.original, main, self.runtime.index().bm25):
            # "苏州有什么数字化补贴", "上MES有补贴吗": no sentence speaks of support for 苏州 or for MES, so the
            # province's and the national programmes answer it, as for a 苏州 firm (the fact path would quote
            # whatever support sentence is nearest, the EU's, or refuse)
            plan.kind = "advice"
        elif plan.kind == "advice" and main.features.fine_print_found and not asks_own_advice(plan.original):
            # "国外机器人按小时订阅多少钱": a passage states that price; it is the answer, not cost advice for the firm
            plan.kind = "fact"
        wording = Wording(plan.outcome.language)
        result = AdvisorResult(
            answer="", profile=profile.summary(), query=plan.question, intent=plan.kind,
            language="en" if plan.outcome.language == "en" else "zh",
            confidence=round(main.confidence, 3), trace=list(plan.outcome.trace) + _retrieval_trace(main),
        )
        result.timings["retrieval_ms"] = (time.perf_counter() - started) * 1000
        # Advice reaches here only after the rules layer judged it in remit (manufacturing digitalisation), and the
        # reports' general guidance applies to it even when its wording is far from theirs: it is answered, visibly
        # marked as low confidence, unless retrieval is far below the calibrated bar. So is a request for peer cases
        # (the nearest cases are what the reports hold). Other questions must clear the bar.
        # So is a question on what the reports say of a topic, its obstacles or its uses, or on what a country they
        # review does, when every detail it names is in the passages and their words cover half of it
        # ("EDI对接报告里咋说的", "大模型能干啥", "What does Germany do for SMEs?").
        # English wording covers the Chinese passages poorly, so a country question counts as general when the
        # passages shown keep naming that country instead.
        countries = countries_asked(plan.original) - {HOME}  # the reports are mostly about China: no sign at all
        about_country = bool(countries) and sum(any(subject_named(c, p.text) for c in countries)
                                                for p in main.passages[:5]) >= 2
        # "What does MES mean?": a term the passages shown use is the reports' to explain, or to say they do not
        term = defined_term(plan.original)
        defined_here = bool(term) and any(term.lower() in p.text.lower() for p in main.passages[:5])
        # "MES供应商怎么挑比较好": the reports name vendors only as what firms use, which the vendor note frames
        vendors_used = asks_vendor_pick(plan.original) and any(VENDOR_RANKING.search(p.text) for p in main.passages[:5])
        general = (asks_general_topic(plan.original) and main.features.coverage >= 0.5) or about_country \
            or defined_here or asks_place_practice(plan.original, [p.text for p in main.passages]) or vendors_used
        # "我们现在算几级": the reports' level descriptions are to be read against one's own practice, like advice
        guidance = plan.kind in ("advice", "why") or asks_for_cases(plan.question) or \
            asks_own_advice(plan.original) or asks_own_level(plan.original) or asks_how_to_overcome(plan.original) \
            or (general and not main.unmet and not asks_for_specifics(plan.original))
        bar = main.threshold * (GUIDANCE_BAR if guidance else 1.0)
        topical = plan.outcome.topic == "cost" or asks_about_support(plan.question)
        confidence = retriever.topic_confidence(main, plan.question, hints) if guidance and topical else main.confidence
        if confidence < bar or asks_unknown_country(main, plan.original):
            yield from self._refuse(result, main, wording, plan)
            return
        # marked only below the calibrated bar (advice and case requests are answered there too): a margin above it
        # marked most answers, and a mark on everything is read as a mark on nothing
        result.low_confidence = not main.covered
        if not main.covered:
            result.notices.append(wording.low_confidence_notice)
        chat = self.runtime.chat_model if plan.mode == "llm" else None
        if plan.mode == "llm" and chat is None:
            result.notices.append(wording.no_llm_notice)
        if chat is not None:
            try:
                yield from self._llm(result, main, plan, chat)
                return
            except ModelError as exc:
                result.notices.append(wording.fallback_notice)
                result.trace.append(TraceStep(rule="LLM 失败，改用摘录", detail=exc.message))
                yield StatusEvent(wording.fallback_notice, reset=True)
        yield from self._extractive(result, main, plan, wording)

    def _extractive(self, result: AdvisorResult, main: RetrievalResult, plan: AnswerPlan,
                    wording: Wording) -> Iterator[TokenEvent | AdvisorResult]:
        # People and security questions have no industry scenarios to list: the most relevant sentences answer them.
        kind = "fact" if plan.outcome.topic in PLAIN_TOPICS else plan.kind
        composed = compose(ExtractiveRequest(
            question=plan.question, kind=kind, wording=wording, profile=result.profile,
            assumptions=list(plan.outcome.assumptions) + size_note(plan, result.profile.size),
            main=main, bm25=self.runtime.index().bm25,
            extras=self._extras(plan), previous_answer=plan.previous_answer,
            previous_citations=plan.previous_citations,
            user_text="\n".join([plan.original, *(text for role, text in plan.history if role == "user")]),
            already_quoted=[c.quote for c in plan.previous_citations if c.quote] + plan.shown_before
            if plan.more else [],
            chunks=self.runtime.index().chunks.values(), uploaded=self._uploaded(),
        ))
        result.mode = "extractive"
        if not composed.citations:  # only our own words ("上一条回答已经全部列出了"): no claim for the guard to check
            result.answer = composed.answer
        else:
            self._finish(result, guard_answer(composed.answer, {c.n: c for c in composed.citations}), wording)
        yield from _chunks(result.answer)
        yield result

    def _uploaded(self) -> frozenset[str]:
        """The documents uploaded through the UI: their quotes are the uploaded file's, not the reports'."""
        folder = self.runtime.settings.data_dir / "uploads"
        return frozenset(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else frozenset()

    def _llm(self, result: AdvisorResult, main: RetrievalResult, plan: AnswerPlan,
             chat) -> Iterator[TokenEvent | AdvisorResult]:  # noqa: ANN001
        request = LLMRequest(plan.original if plan.original == plan.question else plan.question, result.profile,
                             list(plan.outcome.assumptions), plan.history[-6:-1], main.passages)
        llm_started = time.perf_counter()
        report: GuardReport | None = None
        for piece in stream_answer(chat, request):
            if isinstance(piece, GuardReport):
                report = piece
            else:
                if "first_token_ms" not in result.timings and piece.strip():
                    result.timings["first_token_ms"] = (time.perf_counter() - llm_started) * 1000
                yield TokenEvent(piece)
        assert report is not None
        if (report.checked and report.supported_share < 0.5) or not report.citations:
            raise ModelError("大模型回答缺少资料依据", "已改用摘录模式")
        result.mode = "llm"
        self._finish(result, report, Wording(plan.outcome.language))
        yield result

    def _finish(self, result: AdvisorResult, report: GuardReport, wording: Wording) -> None:
        result.answer = report.text
        result.citations = report.citations
        if report.removed:
            result.notices.append(wording.removed_notice(len(report.removed)))
            result.trace.append(TraceStep(rule="引用校验", detail="删除：" + "；".join(report.removed)[:300]))
        if report.invalid_markers:
            result.trace.append(TraceStep(rule="引用校验", detail=f"无效引用编号：{report.invalid_markers}"))

    def _refuse(self, result: AdvisorResult, main: RetrievalResult, wording: Wording,
                plan: AnswerPlan) -> Iterator[TokenEvent | AdvisorResult]:
        near = main
        retriever = self.runtime.retriever()
        # "东莞…具体能补多少": 东莞 is in the reports, only not beside an amount; the nearby quote stays about it
        named = tuple(p for p in main.unmet.places if not retriever.never_named(p))
        # (a figure for a place, 广东省上云率, is closest in the national figure: the place goes from that search)
        kept = named if asks_about_support(plan.question) else ()
        unmet = replace(main.unmet, places=tuple(p for p in main.unmet.places if p not in kept))
        if main.unmet:
            # 湖南省上云率, 选了100个试点城市: the reports lack the detail, not the rest; the closest they hold (the
            # national rate, the real count) answers or corrects it.
            near = defuse(retriever.search(without(plan.question, unmet), k=self.settings.top_k))
        nearby_line, citations = None, []
        # Without the missing detail the question is on a topic the reports treat: what they hold is shown as
        # "相近的内容，仅供参考" under the same lenient bar as general guidance.
        on_topic = near is not main and near.confidence >= near.threshold * 0.5
        # "AOI一般多少钱": the reports hold no price, but what they say of AOI is worth showing
        specifics = asks_for_specifics(plan.question)
        # on topic once the missing detail is gone, but still sharing some words: "认证找哪家机构做" alone finds
        # nothing worth showing
        if near.passages and (near.features.coverage >= (0.3 if specifics else 0.5)
                              or (on_topic and near.features.coverage >= 0.3)):
            quote = self._closest_sentence(near, plan.question, prefer_figures=bool(main.unmet.figures))
            if quote is not None:
                top, sentence = quote
                citations = [Citation(n=1, doc_id=top.doc_id, title=top.title, section=top.section, page=top.page,
                                      quote=sentence.text, chunk_id=top.chunk_id, passage=top.text)]
                nearby_line = f"- {sentence.text}[1]"
        result.answer = wording.refusal(plan.original, nearby_line, main.unmet, specifics, mentioned=named)
        result.citations = citations
        result.refused, result.mode, result.low_confidence = True, "refusal", True
        result.trace.append(TraceStep(rule="拒答", detail=f"检索置信度 {main.confidence:.2f} 低于阈值"))
        yield from _chunks(result.answer)
        yield result

    def _closest_sentence(self, near: RetrievalResult, question: str,
                          prefer_figures: bool) -> tuple[Passage, Sentence] | None:
        """The sentence of the top passages that best matches the question; one with a figure when the question's
        own figure is wrong (the real count corrects it). Never one about another country: Japan's robot grant is
        nothing near "温州有没有补贴"."""
        passages, ranked = ranked_sentences(self.runtime.index().bm25, near, top=3)
        asked = countries_asked(question)
        ranked = [s for s in ranked if not (about_another_country(asked, s) if asked
                                            else countries_asked(s.sentence.text) - {HOME})]  # 我国 is home
        if prefer_figures:
            ranked = [s for s in ranked[:5] if has_figure(s.sentence.text)] + ranked
        return (passages[ranked[0].chunk_id], ranked[0].sentence) if ranked else None

    def _extras(self, plan: AnswerPlan) -> dict[str, RetrievalResult]:
        """Side searches that personalise advice: the SME's stage, its size class and policy support; for a request
        for cases, the firm's own industry (an English "any examples?" shares no word with the reports' cases)."""
        retriever = self.runtime.retriever()
        summary = plan.outcome.state.profile.summary()
        hints = hints_for(plan.outcome.state.profile, plan.size_asked)
        if plan.kind != "advice":  # "德国和日本…有什么区别": each side searched on its own, as it sits in its own section
            searches = {f"compared_{i}": query for i, query in enumerate(side_queries(plan.question))}
            if asks_for_cases(plan.question) and summary.industry:
                searches["industry"] = f"{' '.join(case_search_words(summary.industry))} 案例 {plan.question}"
            return {key: defuse(retriever.search(query, k=6, hints=hints if key == "industry" else None))
                    for key, query in searches.items()}
        # The firm's region leads the policy search: the reports' local programmes (鄞州, 上海) beat national ones.
        # A place the question names leads instead; a city brings its province (a 苏州 firm → 江苏省's plan).
        places = places_named(plan.question) or ([summary.region] if summary.region else [])
        where = " ".join(dict.fromkeys(p for place in places for p in around(place)))
        queries: dict[str, str] = {"policy": f"{where} {plan.question} 政策 支持 资金 奖补 试点"}
        if places:  # the place's own measures ("重庆市政府…成立…赋能中心"), which all those support words rank low
            queries["policy_place"] = " ".join([*places, *places, "政府 支持"])
        if asks_about_support(plan.question):  # the national programmes beside the region's own (or alone)
            # (我国/国内: without them the reports' survey of foreign programmes comes first)
            queries["policy_national"] = f"{without_places(plan.question)} 我国 国内 中小企业数字化转型 试点城市 财政 " \
                "政策 支持 资金 奖补"
        if summary.industry:
            queries["industry"] = f"{summary.industry} {plan.question}"
            trade = industry_by_name(summary.industry)
            if trade is not None and not trade.sections:  # 家具: no section of its own, but lines that name it
                queries["trade"] = " ".join(dict.fromkeys([*trade.report_terms, *trade.aliases[:1]]))
        if summary.stage_level:
            stage = stage_by_level(summary.stage_level)
            queries["stage"] = f"{stage.name}阶段 企业诉求 {stage.need}"
        size = plan.size_asked or summary.size
        if size in _SIZE_QUERIES:
            queries["size"] = _SIZE_QUERIES[size]
        if plan.outcome.topic == "cost":  # the reports hold no prices, but they do say what firms spend
            queries["cost"] = "企业数字化转型投入规模 万元 轻量级投入 企业占比"
        return {key: defuse(retriever.search(q, k=4, hints=hints if key == "industry" else None))
                for key, q in queries.items()}


def _support_unfound(question: str, main: RetrievalResult, bm25: BM25Index) -> bool:
    """Retrieval found no support for what the question names: for a place, no support sentence retrieved speaks of
    it or somewhere in it (a firm based there is no support: 苏州's cases do not answer "苏州有什么补贴"); for a
    topic ("上MES有补贴吗"), retrieval does not cover it."""
    places = places_named(question)
    if not places:  # (nor is a foreign programme support for a firm here: "有哪些资金支持" is not asking for SBIR)
        return not main.covered or not domestic_support_found(bm25, main)
    return not main.features.place_support_found \
        and not any(in_region(place, s.text) and offers_support(s.text)
                    for p in main.passages[:5] if not proposed(p) for s in p.sentences for place in places)


def _retrieval_trace(main: RetrievalResult) -> list[TraceStep]:
    steps = [TraceStep(rule="检索", detail=f"置信度 {main.confidence:.2f}，返回 {len(main.passages)} 段")]
    if main.expansion.matched:
        mapped = "；".join(f"{said} → {'、'.join(terms[:3])}" for said, terms in main.expansion.matched)
        steps.append(TraceStep(rule="口语词表", detail=mapped))
    return steps


def _chunks(text: str) -> Iterator[TokenEvent]:
    """Stream an already-complete answer line by line, so the UI renders it progressively."""
    for line in text.splitlines(keepends=True):
        yield TokenEvent(line)
