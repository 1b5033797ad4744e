"""The conversation a turn continues (loaded from the store), and what kind of answer the turn asks for."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.dialogue import asks_for_cases
from assistant.followup import MORE_RULE, WHY_RULE, PreviousTurn, Rewrite
from assistant.levels import asks_own_level
from assistant.rules import ConversationState, RulesOutcome
from assistant.store import Store


@dataclass
class TurnContext:
    session_id: str
    state: ConversationState | None
    previous: PreviousTurn | None
    previous_intent: str
    history: list[tuple[str, str]]


def load_context(store: Store, session_id: str) -> TurnContext:
    """The conversation so far, as the next turn needs it: its state, its history and the last answered query."""
    record = store.get_session(session_id)
    state = ConversationState.from_json(record.state_json) if record and record.state_json else None
    messages = store.history(session_id, limit=12)
    history = [(m.role, m.content) for m in messages]
    previous, intent = None, ""
    earlier: list[str] = []
    for m in reversed(messages):
        if m.role != "assistant":
            continue
        result = store.answer_for(m.id)
        if not (result and result.query and not result.refused and result.mode not in ("clarify", "reply")):
            continue
        if previous is None:
            previous, intent = PreviousTurn(result.query, result.answer, tuple(result.citations)), result.intent
        elif previous.question.startswith(result.query):
            # one more "还有吗" back, or the answer "有案例吗" was asked after (its query is that one's, narrowed):
            # its quotes were shown too
            earlier += [c.quote for c in result.citations if c.quote]
        else:
            break
    if previous is not None and earlier:
        previous = PreviousTurn(previous.question, previous.answer, previous.citations, tuple(earlier))
    return TurnContext(session_id, state, previous, intent, history)


def answer_kind(outcome: RulesOutcome, rewrite: Rewrite, ctx: TurnContext) -> str:
    """What the turn asks for: advice for the firm, facts from the reports, or the reasons behind the last answer."""
    if rewrite.rule == WHY_RULE:
        return "why"
    if rewrite.rewritten and asks_for_cases(outcome.question):
        return "fact"  # "有案例吗", "Show me more cases" after advice: that topic's cases, each with what the firm did
    if rewrite.rewritten and outcome.topic == "cost":
        return "advice"  # "那要花多少钱" after cases: what firms spend on it, which only the advice answer quotes
    if rewrite.rule == MORE_RULE:
        return "advice" if ctx.previous_intent in ("advice", "why") else "fact"
    if outcome.intent == "advice" or asks_own_level(outcome.question):
        return "advice"  # "我们现在算几级": the level practice of the firm's own trade, read against its own
    if any(t.rule == "clarify_merged" for t in outcome.trace) and not asks_for_cases(outcome.question):
        return "advice"  # "还有呢" instead of an answer to our clarifying question: the advice question we held
    if outcome.intent in ("skip", "profile_info") and ctx.state and ctx.state.pending_question:
        return "advice"  # a clarifying question was asked, and only advice questions get one
    if outcome.intent == "follow_up" or rewrite.rewritten:
        # "能耗这块呢" after advice for a dye works asks for advice on energy, for that works; "第二条展开说说" or
        # "What was it in Hunan?" after a fact answer asks for more facts, not for advice to the firm
        return "advice" if ctx.previous_intent in ("advice", "why") else "fact"
    return "advice" if outcome.topic else "fact"
