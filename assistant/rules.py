"""The rules layer's entry point: one message in, the updated profile and the decision (answer / clarify / reply) out.

Deterministic, no LLM, no index. The advisor stores `ConversationState.to_json()` between turns.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel, Field, ValidationError, field_serializer

from assistant.dialogue import (
    IntentResult,
    asks_size_class,
    asks_something,
    classify_intent,
    short_subjectless,
    without_premise,
)
from assistant.dialogue_text import (
    assumption_for,
    build_clarify,
    is_self_check_request,
    profile_notes,
    reply_text,
    self_check_clarify,
    size_text,
)
from assistant.errors import InputError
from assistant.facts import MessageFacts, read_facts
from assistant.followup import looks_like_follow_up
from assistant.lexicon_data import DOMAIN_TERMS
from assistant.message_injection import strip_injection
from assistant.profile import Profile, merge_hint
from assistant.remit import REMITS, redirect_text
from assistant.result import Clarify, TraceStep
from assistant.rules_answers import apply_quick_replies, apply_self_check, looks_like_skip, trace_changes
from assistant.sizing import what_if_size
from assistant.smalltalk import detect_language, is_gratitude
from assistant.textnorm import simplified
from assistant.topics import topic_slots
from assistant.vocab import without_common_typos

SELF_CHECK_SLOT = "stage_selfcheck"


class ConversationState(BaseModel):
    """What the rules layer remembers between turns of one conversation."""

    profile: Profile = Field(default_factory=Profile)
    asked_slots: set[str] = Field(default_factory=set)  # slots already asked about: never ask again
    pending_question: str | None = None  # the user's question held while we asked for clarification
    pending_slots: list[str] = Field(default_factory=list)  # the slots the outstanding clarify asked for
    turns: int = 0
    # questions answered so far: "那上什么系统好" after we only noted the firm's details follows up on nothing
    answers: int = 0
    last_hint: Profile | None = None  # the form/API profile applied last, to tell an edit from a resend

    @field_serializer("asked_slots")
    def _sorted(self, slots: set[str]) -> list[str]:
        return sorted(slots)  # stable JSON, whatever the set's hash order

    def to_json(self) -> str:
        """Serialise for storage (SQLite)."""
        return self.model_dump_json()

    @classmethod
    def from_json(cls, s: str) -> ConversationState:
        """Load a stored state; a damaged one is a clear error, not a traceback."""
        try:
            state = cls.model_validate_json(s)
            if '"answers"' not in s:  # stored before answers were counted: every earlier turn may have been one
                state.answers = state.turns
            return state
        except ValidationError as exc:
            raise InputError("会话状态已损坏，无法继续这段对话", "请开始新的对话") from exc


class RulesOutcome(BaseModel):
    """The decision for one message, with the updated state to store."""

    state: ConversationState
    intent: str  # advice|fact|follow_up|greeting|sources|out_of_scope|skip|profile_info
    action: str  # "answer" | "clarify" | "reply"
    question: str  # the question to answer now (the held one when this message answered a clarify)
    clarify: Clarify | None = None
    reply: str | None = None
    assumptions: list[str] = Field(default_factory=list)
    trace: list[TraceStep] = Field(default_factory=list)
    language: str = "zh"
    topic: str = ""  # roadmap | policy | cost | scenario | system (advice only)


def step(state: ConversationState | None, message: str, profile_hint: Profile | None = None,
         may_ask: bool = True) -> RulesOutcome:
    """Run the rules over one message of a conversation and decide what to do with it (`may_ask=False`: never a
    clarifying question — the caller knows the firm's details would not change the answer)."""
    st = state.model_copy(deep=True) if state is not None else ConversationState()
    message = without_common_typos(simplified(message))  # 有啥补帖没 is read (and searched) as 有啥补贴没
    turn = st.turns + 1
    st.turns = turn
    lang = detect_language(message)
    trace = [TraceStep(rule="language", detail=lang)]
    if profile_hint is not None:
        changed = st.last_hint is None or st.last_hint.summary() != profile_hint.summary()
        st.profile = merge_hint(st.profile, profile_hint, turn, changed)
        st.last_hint = profile_hint.model_copy(deep=True)
        detail = "表单/接口给出的企业信息优先" if changed else "表单信息未变，只补充未知或推断的项"
        trace.append(TraceStep(rule="profile_hint", detail=detail))
    question = strip_injection(message)
    if question != message:
        trace.append(TraceStep(rule="injection", detail="忽略了消息中对助手的指令"))
    ctx = _Turn(st, question, lang, turn, trace, may_ask)
    if not question:
        return ctx.out("out_of_scope", "reply", reply=reply_text("instruction_only", lang))
    return ctx.run()


class _Turn:
    """One turn's working state; methods are the steps of the decision."""

    def __init__(self, st: ConversationState, message: str, lang: str, turn: int, trace: list[TraceStep],
                 may_ask: bool = True) -> None:
        self.st, self.message, self.lang, self.turn, self.trace = st, message, lang, turn, trace
        self.may_ask = may_ask
        self.answering = st.pending_question is not None

    def out(self, intent: str, action: str, question: str | None = None, **kw: object) -> RulesOutcome:
        self.trace.append(TraceStep(rule="decision", detail=f"{intent} → {action}"))
        if action == "answer":
            self.st.answers += 1
        return RulesOutcome(state=self.st, intent=intent, action=action, question=question or self.message,
                            trace=self.trace, language=self.lang, **kw)  # type: ignore[arg-type]

    def run(self) -> RulesOutcome:
        if self.answering and SELF_CHECK_SLOT in self.st.pending_slots:
            level = apply_self_check(self.st.profile, self.message, self.turn, self.trace)
            if level is not None:
                return self.resume("profile_info")
        if self.answering and "stage" in self.st.pending_slots and is_self_check_request(self.message) \
                and SELF_CHECK_SLOT not in self.st.asked_slots:
            # "20–299人，不确定，帮我自测": the size picked beside the self-check is kept
            apply_quick_replies(self.st.profile, self.message, self.lang, self.turn, self.answering, self.trace)
            self.st.asked_slots.add(SELF_CHECK_SLOT)
            self.st.pending_slots = [SELF_CHECK_SLOT]
            self.trace.append(TraceStep(rule="stage_selfcheck", detail="用户选择阶段自测"))
            return self.out("profile_info", "clarify", self.st.pending_question, clarify=self_check_clarify(self.lang))
        quick, rest = apply_quick_replies(self.st.profile, self.message, self.lang, self.turn, self.answering,
                                          self.trace)
        facts = read_facts(without_premise(rest))
        if quick and not rest.strip(" ，,、;；。.\n"):
            intent = IntentResult("profile_info", "快捷选项")
        else:
            intent = classify_intent(rest, self.st.answers, facts.any or bool(quick), facts.about_company,
                                     knows_company=self.st.profile.known("industry") or self.st.profile.known("size"))
        if self.answering and intent.intent in ("advice", "fact", "follow_up", "out_of_scope"):
            if looks_like_skip(self.message):
                intent = IntentResult("skip", "回答澄清时表示不确定")
            elif _fills(facts, self.st.pending_slots) and not asks_something(rest) and not _asks_about(rest, facts):
                intent = IntentResult("profile_info", "回答了澄清（带问号/语气词）")
        if self.st.answers and not self.answering and not facts.first_person and what_if_size(self.message):
            # "那20个人的小作坊呢" after advice for a 200-person firm: another size asked about, not a new headcount
            intent = IntentResult("follow_up", "换一种规模追问", personal=False, no_ask=True)
        known = self.st.profile.summary().industry
        if intent.intent == "advice" and facts.industry and known and facts.industry.name != known \
                and not facts.first_person and not facts.correction and not self.answering:
            # a restaurant owner asking "光伏组件厂怎么做数字化" asks about that trade, not for his own firm
            intent = IntentResult("fact", f"问的是另一个行业“{'、'.join(facts.industry.words)}”", personal=False,
                                  no_ask=True)
        self.trace.append(TraceStep(rule="intent", detail=f"{intent.intent}：{intent.detail}"))
        self.absorb(facts, intent)
        if quick and self.answering and intent.intent in ("profile_info", "skip"):
            return self.resume(intent.intent)
        return self.decide(intent)

    def absorb(self, facts: MessageFacts, intent: IntentResult) -> None:
        # "营收5个亿算中小企业吗" describes the asker's firm without a 我们
        own_size = asks_size_class(self.message)
        if intent.intent in ("fact", "follow_up", "out_of_scope", "greeting", "sources") and not facts.first_person \
                and not own_size:
            return  # a question about the reports or other firms says nothing about this company
        answer = self.answering and intent.intent in ("profile_info", "skip")
        self_description = facts.first_person or answer or intent.intent == "profile_info" or facts.correction \
            or own_size
        changed = self.st.profile.absorb(facts, self.turn, answering=answer, self_description=self_description,
                                         first_industry_ok=intent.intent == "advice")
        trace_changes(self.st.profile, changed, self.trace)
        if facts.industry and "industry" not in changed and self.st.profile.industry is not None:
            self.trace.append(TraceStep(rule="industry_kept", detail=f"提到“{'、'.join(facts.industry.words)}”，"
                                        "但不是在介绍自家企业，保留原行业"))

    def decide(self, intent: IntentResult) -> RulesOutcome:
        kind = intent.intent
        if asks_size_class(self.message) and self.st.profile.known("size"):  # even beside 注册资本 (a remit word)
            self.trace.append(TraceStep(rule="size_check", detail="按已知人数/营收回答企业规模"))
            return self.out("profile_info", "reply", reply=size_text(self.st.profile, self.lang))
        if kind == "greeting":
            acknowledged = intent.detail.startswith("致谢")
            which = ("thanks" if is_gratitude(self.message) else "skip") if acknowledged else \
                "language" if intent.detail == "询问能否换语言回答" else "greeting"
            return self.out(kind, "reply", reply=reply_text(which, self.lang))
        if kind == "sources":  # the advisor lists the documents of the index it answers from
            return self.out(kind, "reply", reply="")
        if kind == "out_of_scope":
            remit = REMITS.get(intent.remit)
            text = redirect_text(remit, self.lang) if remit else reply_text("out_of_scope", self.lang)
            return self.out(kind, "reply", reply=text)
        if kind in ("skip", "profile_info"):
            if self.answering:
                return self.resume(kind)
            text = reply_text(kind, self.lang, self.st.profile)
            return self.out(kind, "reply", reply=text)
        if self.answering:
            held = self.st.pending_question
            # ("质量追溯具体怎么做" after a message of four pains names its own topic: it is asked alone, for the firm)
            if held and (looks_like_follow_up(self.message) or short_subjectless(self.message)) \
                    and not _names_a_topic(self.message):
                # "食品安全追溯怎么做" → (our questions) → "有补贴吗": subsidies for traceability, not in general
                self.message = f"{held} {self.message}"
                self.trace.append(TraceStep(rule="clarify_merged", detail=f"新问题接着原问题：{self.message}"))
                intent = replace(intent, no_ask=True)  # we just asked once: answer now, with what we know
            else:
                self.trace.append(TraceStep(rule="clarify_dropped", detail="用户换了新问题，原问题不再等待"))
            self.st.pending_question, self.st.pending_slots = None, []
        if kind == "fact":
            return self.out(kind, "answer", assumptions=profile_notes(self.st.profile, self.lang))
        if kind == "follow_up":
            topic, needed = topic_slots(self.message)
            notes = [assumption_for(s, self.lang) for s in self.st.profile.missing(list(needed))]
            return self.out(kind, "answer", assumptions=notes + profile_notes(self.st.profile, self.lang),
                            topic=topic)
        return self.advice(intent)

    def advice(self, intent: IntentResult) -> RulesOutcome:
        topic, needed = topic_slots(self.message)
        missing = self.st.profile.missing(list(needed))
        to_ask = [s for s in missing if s not in self.st.asked_slots]
        self.trace.append(TraceStep(rule="topic", detail=f"{topic}：影响建议的信息 {'、'.join(needed)}；"
                                    f"缺 {'、'.join(missing) or '无'}；已问过 {'、'.join(sorted(self.st.asked_slots)) or '无'}"))
        # a restaurant or a shop: the reports' manufacturing advice does not vary with its size or stage
        outside = self.st.profile.manufacturing is False
        if to_ask and intent.personal and not intent.no_ask and not outside and self.may_ask:
            self.st.asked_slots.update(to_ask)
            self.st.pending_question, self.st.pending_slots = self.message, to_ask
            return self.out("advice", "clarify", clarify=build_clarify(to_ask, self.lang), topic=topic)
        if to_ask:
            why = "非制造业企业，报告的建议不随规模和阶段变化" if outside else \
                "用户要求直接回答" if intent.no_ask else \
                "资料不涵盖这个问题，企业情况不会改变回答" if not self.may_ask else "问题针对中小企业一般情况"
            self.trace.append(TraceStep(rule="no_clarify", detail=why))
        notes = [assumption_for(s, self.lang) for s in missing] + profile_notes(self.st.profile, self.lang)
        return self.out("advice", "answer", assumptions=notes, topic=topic)

    def resume(self, intent: str) -> RulesOutcome:
        """The message answered (or skipped) our clarify: answer the held question now."""
        question = self.st.pending_question or self.message
        asked = self.st.pending_slots
        self.st.pending_question, self.st.pending_slots = None, []
        topic, needed = topic_slots(question)
        missing = self.st.profile.missing(list(needed))
        if missing:
            self.trace.append(TraceStep(rule="assume", detail=f"仍缺 {'、'.join(missing)}，按通用情况回答"))
        self.trace.append(TraceStep(rule="resume", detail=f"回答了澄清（{'、'.join(asked)}），继续回答原问题"))
        notes = [assumption_for(s, self.lang) for s in missing] + profile_notes(self.st.profile, self.lang)
        return self.out(intent, "answer", question, assumptions=notes, topic=topic)


# "已经有ERP和MES了。AI怎么样？", "We already have ERP and MES. What about AI?": the answer to our question comes
# with a new one, which is answered (for the firm now described) instead of the held question
_WHAT_ABOUT = re.compile(r"怎么样|咋样|好不好|值不值|有没有必要|能不能上|要不要上|\b(?:what|how) about\b|\bis it worth\b",
                         re.IGNORECASE)


# The reports' own topic words that a bare follow-up ("有补贴吗", "具体怎么做") does not carry
_TOPICS = re.compile("|".join(sorted((t for t in DOMAIN_TERMS if t not in ("中小企业", "数字化转型", "服务商", "解决方案")),
                                     key=len, reverse=True)))


def _names_a_topic(message: str) -> bool:
    """The message names a topic of the reports' own (质量追溯, 排产, 设备联网…)."""
    return bool(_TOPICS.search(message))


def _asks_about(message: str, facts: MessageFacts) -> bool:
    """Beside the facts, the message asks about a system it does not run or about something else."""
    return bool(facts.stage.wanted or _WHAT_ABOUT.search(message))


def _fills(facts: MessageFacts, slots: list[str]) -> bool:
    """Say whether a message gives a value for any of the slots we asked about."""
    size = facts.size
    given = {"industry": facts.industry is not None,
             "size": bool(size.employees or size.revenue_wan or size.size_word),
             "stage": facts.stage.level is not None}
    return any(given.get(slot, False) for slot in slots)
