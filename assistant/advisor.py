"""The one entry point of the UI, CLI and API: a message in, typed events out, ending in an AdvisorResult."""

from __future__ import annotations

import re
import time
from collections.abc import Generator, Iterator

from assistant.answer_plan import AnswerPlan
from assistant.answering import Answerer
from assistant.case_repeats import cases_shown
from assistant.corrections import reanswer_if_corrected
from assistant.count_lookup import with_subject
from assistant.dialogue import asks_for_cases
from assistant.dialogue_text import SKIP_EN, SKIP_ZH, no_such_item_text, nothing_before_text, sources_text
from assistant.errors import InputError, ModelError, NotFoundError
from assistant.events import AdvisorEvent, ResultEvent, StatusEvent, TokenEvent
from assistant.fine_print import asks_fine_print_alone, kinds_asked
from assistant.followup import (
    MORE_RULE,
    PART_RULE,
    Rewrite,
    asks_how_to_overcome,
    looks_like_follow_up,
    missing_item,
    needs_previous,
    rewrite_by_rules,
    rewrite_with_llm,
)
from assistant.guidance import beyond_guidance
from assistant.markup import strip_markup
from assistant.multipart import merge, split_asks
from assistant.passages import RetrievalResult
from assistant.pasted import without_contact_details
from assistant.profile_input import ProfileInput
from assistant.result import AdvisorResult, TraceStep
from assistant.retention import RetentionSweeper
from assistant.rules import RulesOutcome, step
from assistant.runtime import Runtime
from assistant.smalltalk import CITED_FROM, language_wanted
from assistant.textnorm import nfkc
from assistant.topics import topic_slots
from assistant.turn_context import TurnContext, answer_kind, load_context
from corpus.load import read_credits

# Control and bidi-override characters, and lone surrogates (valid in JSON, not encodable as UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


_SLOT_WORDS = {"industry": ("行业", "industry"), "size": ("规模", "size"), "stage": ("数字化阶段", "digital stage")}


def skipped_notice(asked: AdvisorResult) -> str:
    """What the skipped clarifying question wanted to know, in one whole sentence."""
    slots = asked.clarify.slots if asked.clarify else []
    english = asked.language == "en"
    names = [_SLOT_WORDS[s][1 if english else 0] for s in slots if s in _SLOT_WORDS]
    if english:
        return f"Clarifying question skipped ({', '.join(names) or 'details'} not given): answered from what is known."
    return f"已跳过追问（未提供{'、'.join(names) or '更多情况'}），以下按已知信息回答。"


class Advisor:
    """Profiles the SME, decides ask-or-answer, retrieves, composes, guards and records every turn."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.settings = runtime.settings
        # Every entry point (API, UI, CLI) answers through here, so retention is applied here too.
        self._retention = RetentionSweeper(runtime.settings, lambda: runtime.store)

    def respond(self, message: str, session_id: str | None = None, profile: ProfileInput | None = None,
                mode: str | None = None, clarify: bool = True) -> AdvisorResult:
        """Answer one message and return the final result (the streamed pieces are discarded).

        `clarify=False` is for callers who cannot answer a clarifying question (batches, integrations): the question
        is skipped as a user would ("跳过", recorded in the session) and the answer states what it assumed.
        """
        result = None
        for event in self.stream(message, session_id, profile, mode, clarify):
            if isinstance(event, ResultEvent):
                result = event.result
        assert result is not None
        return result

    def stream(self, message: str, session_id: str | None = None, profile: ProfileInput | None = None,
               mode: str | None = None, clarify: bool = True) -> Iterator[AdvisorEvent]:
        """Yield status, checked answer text and finally the result; the user's message is stored first.

        With `clarify=False` a clarifying question is skipped as `respond` describes, and never streamed: a turn that
        retrieves announces it with a status event first, and until then the events are held back.
        """
        events = self._turn(message, session_id, profile, mode)
        if clarify:
            yield from events
            return
        held: list[AdvisorEvent] = []
        retrieving = False
        for event in events:
            if isinstance(event, ResultEvent) and event.result.mode == "clarify":
                yield from self._skipped(event.result, mode)
                return
            retrieving = retrieving or isinstance(event, StatusEvent)
            if not retrieving and not isinstance(event, ResultEvent):
                held.append(event)
                continue
            yield from held
            held.clear()
            yield event

    def _skipped(self, asked: AdvisorResult, mode: str | None) -> Iterator[AdvisorEvent]:
        """The answer to the held question, as if the user had pressed 跳过, saying which question was skipped."""
        skip = SKIP_EN if asked.language == "en" else SKIP_ZH
        for event in self._turn(skip, asked.session_id, None, mode):
            if isinstance(event, ResultEvent):
                event.result.notices.insert(0, skipped_notice(asked))
            yield event

    def _turn(self, message: str, session_id: str | None, profile: ProfileInput | None,
              mode: str | None) -> Iterator[AdvisorEvent]:
        """One message: status, checked answer text and finally the result; the user's message is stored first."""
        started = time.perf_counter()
        # a pasted customer message: its phone number is no figure to look up, and is not kept in the records
        text = without_contact_details(self.clean_message(message))
        hint = profile.to_profile() if profile else None  # a bad profile is refused before anything is stored
        store = self.runtime.store
        self._retention.maybe_sweep()
        self.check_session(session_id)
        ctx = load_context(store, session_id or store.create_session(title=text[:40]))
        store.add_user_message(ctx.session_id, text)
        outcome = reanswer_if_corrected(step(ctx.state, text, hint), ctx, text)
        if outcome.action == "clarify" and self._clarify_needless(outcome):
            outcome = reanswer_if_corrected(step(ctx.state, text, hint, may_ask=False), ctx, text)
        if outcome.intent == "out_of_scope" and self._notice_answers(text):
            # "宁波的补助最多补多少" is a local notice's fine print: redirected, unless a notice in the index states it
            outcome = outcome.model_copy(update={"action": "answer", "intent": "fact", "reply": None})
        # ("out_of_scope": with no topic word of its own, the rules read the bare ordinal as off-topic)
        item = missing_item(text, ctx.previous) if outcome.intent in ("advice", "fact", "follow_up", "out_of_scope") \
            and outcome.action != "clarify" else None
        if item is not None:  # searching "第二条展开说说" on its own finds unrelated passages
            outcome = outcome.model_copy(update={"action": "reply", "intent": "follow_up",
                                                 "reply": no_such_item_text(item, outcome.language)})
        elif ctx.previous is None and outcome.action != "clarify" and needs_previous(text) \
                and not any(t.rule == "clarify_merged" for t in outcome.trace):  # "还有吗" first (but "还有呢"
            # instead of answering our clarifying question leans on the question we held: that one is answered)
            outcome = outcome.model_copy(update={"action": "reply", "intent": "follow_up",
                                                 "reply": nothing_before_text(outcome.language)})
        elif ctx.previous is not None and (wanted := language_wanted(text)) is not None:
            # "用中文说一下" after an English answer: that answer again, in the language asked for
            outcome = outcome.model_copy(update={
                "action": "answer", "question": ctx.previous.question, "language": wanted,
                "intent": ctx.previous_intent if ctx.previous_intent in ("advice", "fact") else "fact"})
        timings = {"rules_ms": (time.perf_counter() - started) * 1000}
        if outcome.action != "answer":
            result = self._no_retrieval(outcome)
            if outcome.intent == "sources":
                reports = self._titles()
                result.answer = sources_text(reports, outcome.language, self._cited_before(text, ctx, reports))
        else:
            rewrite = self._rewrite(outcome, ctx)
            if rewrite.rewritten and not outcome.topic and topic_slots(outcome.question)[0] == "cost":
                # "贵不贵" read as a general question still asks what the topic under discussion costs
                outcome = outcome.model_copy(update={"topic": "cost"})
            yield StatusEvent("正在检索资料…" if outcome.language == "zh" else "Searching the reports…")
            asks = split_asks(outcome.question) if not rewrite.rewritten and outcome.intent in ("advice", "fact") \
                else []
            if asks:
                result = yield from self._answer_parts(asks, outcome, ctx, mode)
            else:
                result = yield from self._answer(self._plan(outcome, rewrite, ctx, mode), stream=True)
            if rewrite.rewritten:
                result.trace.append(TraceStep(rule="追问改写", detail=f"{rewrite.rule}：{rewrite.query}"))
        result.timings = {**timings, **result.timings, "total_ms": (time.perf_counter() - started) * 1000}
        result.session_id = ctx.session_id
        result.message_id = store.add_answer(ctx.session_id, result, result.timings["total_ms"])
        store.save_state(ctx.session_id, outcome.state.to_json())
        if outcome.action != "answer":
            yield TokenEvent(result.answer)
        yield ResultEvent(result)

    def _clarify_needless(self, outcome: RulesOutcome) -> bool:
        """A clarifying question is about to be asked that no answer needs: asking the firm's size before "越南的企业
        所得税有啥优惠" would only delay the refusal, and before "How do we apply for the Ningbo subsidy?" the notice's
        procedure, which is the same for every firm. One search serves both checks."""
        question = outcome.state.pending_question or ""
        guidance = outcome.intent == "advice" and bool(question)
        if not guidance and not kinds_asked(question):
            return False
        found = self._search(question)
        return (guidance and beyond_guidance(found, question)) or found.features.fine_print_found

    def _notice_answers(self, question: str) -> bool:
        """A document in the index (an uploaded policy notice) states the fine print the question asks for."""
        return bool(kinds_asked(question)) and self._search(question).features.fine_print_found

    def _search(self, question: str) -> RetrievalResult:
        return self.runtime.retriever().search(question, k=self.runtime.settings.top_k)

    def _plan(self, outcome: RulesOutcome, rewrite: Rewrite, ctx: TurnContext, mode: str | None) -> AnswerPlan:
        return AnswerPlan(question=rewrite.query, original=outcome.question, outcome=outcome,
                          kind=answer_kind(outcome, rewrite, ctx), history=ctx.history,
                          previous_answer=ctx.previous.answer if ctx.previous else "",
                          previous_citations=list(ctx.previous.citations) if ctx.previous else [],
                          shown_before=list(ctx.previous.shown_before) if ctx.previous else [],
                          # "有案例吗" after an answer that showed a case wants others, not that one again (after
                          # one that showed none, every case is new)
                          # (nor does "那要花多少钱" after cases: what they cost, not the same cases again)
                          # ("怎么破解" after "四不是啥": the way out, not the four obstacles quoted again)
                          more=rewrite.rule in (MORE_RULE, PART_RULE) or rewrite.rewritten
                          and (asks_for_cases(outcome.question) or outcome.topic == "cost")
                          and ctx.previous is not None and cases_shown(ctx.previous.citations)
                          or rewrite.rewritten and asks_how_to_overcome(outcome.question),
                          mode=mode or self.settings.answer_mode)

    def _answer(self, plan: AnswerPlan, stream: bool) -> Generator[AdvisorEvent, None, AdvisorResult]:
        result = None
        for event in Answerer(self.runtime).run(plan):
            if isinstance(event, AdvisorResult):
                result = event
            elif stream or isinstance(event, StatusEvent) and not event.reset:
                yield event
        assert result is not None
        return result

    def _answer_parts(self, asks: list[str], outcome: RulesOutcome, ctx: TurnContext,
                      mode: str | None) -> Generator[AdvisorEvent, None, AdvisorResult]:
        """"想做设备联网怎么搞 另外温州有没有补贴": each ask searched and answered on its own, for the same firm."""
        answered: list[tuple[str, AdvisorResult]] = []
        for ask in asks:
            part = step(outcome.state, ask)  # the firm as the whole message described it; this ask's own kind
            if part.action == "reply" and part.intent == "out_of_scope":  # "公司账务怎么做税务筹划": the redirect
                answered.append((ask, self._no_retrieval(part)))
                continue
            if part.action != "answer" or part.intent not in ("advice", "fact"):
                part = outcome.model_copy(update={"question": ask})
            part = part.model_copy(update={"state": outcome.state, "trace": outcome.trace})
            plan = self._plan(part, Rewrite(ask, False, ""), ctx, mode)
            answered.append((ask, (yield from self._answer(plan, stream=False))))
        result = merge(answered, outcome.language)
        yield from (TokenEvent(line) for line in result.answer.splitlines(keepends=True))
        return result

    def clean_message(self, message: str) -> str:
        """Strip control characters and HTML tags (keeping their text); refuse empty or over-long messages with the
        reason and the limit."""
        text = strip_markup(_CONTROL.sub("", message or "")).strip()
        if not text:
            raise InputError("消息是空的", "请输入您的问题，例如“我们是做汽车零部件的，下一步该上什么系统？”")
        limit = self.settings.max_message_chars
        if len(text) > limit:
            raise InputError(f"消息太长（{len(text)} 字，上限 {limit} 字）", "请把问题精简到一两段话，长材料可以分几次发送")
        return text

    def check_session(self, session_id: str | None) -> None:
        """A conversation to continue must exist: a mistyped or expired id would otherwise start one the caller
        believes is continuing. (None starts a new conversation.)"""
        if session_id is None:
            return
        if self.runtime.store.get_session(session_id) is None:
            raise NotFoundError(f"找不到这个对话（session_id：{session_id[:64]}）",
                                "不传 session_id 即可开始新对话；旧对话可能已按保留期限清理")

    def _rewrite(self, outcome: RulesOutcome, ctx: TurnContext) -> Rewrite:
        question = outcome.question
        if ctx.previous is None or not (outcome.intent == "follow_up" or looks_like_follow_up(question)
                                        or asks_fine_print_alone(question)):
            subject = with_subject(question) if outcome.intent == "fact" else None
            return Rewrite(subject, True, "只问数量 → 问的是数字化转型") if subject else Rewrite(question, False, "")
        chat = self.runtime.chat_model
        if chat is not None:
            try:
                return rewrite_with_llm(chat, question, ctx.history)
            except ModelError:
                pass
        return rewrite_by_rules(question, ctx.previous)

    @staticmethod
    def _cited_before(text: str, ctx: TurnContext, reports: list[str]) -> list[str]:
        """The reports the last answer quoted (as `reports` lists them), when the user asks where it came from
        ("这个案例是哪个报告的")."""
        if ctx.previous is None or not CITED_FROM.search(nfkc(text).lower()):
            return []
        wanted = list(dict.fromkeys(f"《{c.title}》" for c in ctx.previous.citations))
        return [next((t for t in reports if t.startswith(w)), w) for w in wanted]

    def _titles(self) -> list[str]:
        """Each indexed report once, with who published it and when where the corpus manifest says so."""
        docs = self.runtime.index().manifest.docs
        credits = read_credits(self.runtime.settings.corpus_dir)
        return sorted({f"《{record.title}》" + (f"（{credits[doc]}）" if doc in credits else "")
                       for doc, record in docs.items()})

    @staticmethod
    def _no_retrieval(outcome: RulesOutcome) -> AdvisorResult:
        clarify = outcome.clarify
        return AdvisorResult(
            answer=clarify.question if clarify else (outcome.reply or ""),
            mode="clarify" if clarify else "reply", clarify=clarify, profile=outcome.state.profile.summary(),
            refused=outcome.intent == "out_of_scope",  # outside the advisor's remit: a redirect, not an answer
            intent=outcome.intent, trace=list(outcome.trace), notices=list(outcome.assumptions),
            language="en" if outcome.language == "en" else "zh",
        )
