"""A firm's details given right after an answer: that answer again, for the firm as it is now described."""

from __future__ import annotations

import re

from assistant.result import TraceStep
from assistant.rules import RulesOutcome
from assistant.swaps import without_same_kind
from assistant.topics import topic_slots
from assistant.turn_context import TurnContext

# "具体点，对我们做家具的", "针对我们这种厂说说": the last answer again, for this firm
_FOR_US = re.compile(r"具体(?:点|些|一点|一些|说说|讲讲)|针对(?:我们|咱们|我厂)|对(?:我们|咱们)|\b(?:for|to) us\b|\bspecific",
                     re.IGNORECASE)
_PROFILE_SLOTS = ("slot:industry", "slot:size", "slot:employees", "slot:stage")


def reanswer_if_corrected(outcome: RulesOutcome, ctx: TurnContext, text: str) -> RulesOutcome:
    """"不对，我们是做注塑的" right after advice: the advice was for the wrong firm, so it is given again for the
    corrected profile (the previous question, answered anew) rather than only acknowledged."""
    changed = any(t.rule in _PROFILE_SLOTS for t in outcome.trace)
    # ("具体点，对我们做汽配的" after a general answer asks for that answer again, for the firm it now describes)
    if outcome.action != "reply" or outcome.intent != "profile_info" or not changed or ctx.previous is None \
            or not (ctx.previous_intent == "advice" or ctx.previous_intent == "fact" and _FOR_US.search(text)):
        return outcome
    # the previous question without the trade, place or size the correction replaces (汽配 → 注塑)
    question = without_same_kind(ctx.previous.question, text) or ctx.previous.question
    if not topic_slots(question)[1]:  # "服务商怎么选" is answered alike for every firm: the same answer again
        return outcome                 # would tell nothing new, so the firm's details are only noted
    note = "已按更新后的企业情况重新回答上一个问题" if outcome.language == "zh" else \
        "Answered your previous question again for the updated profile"
    outcome.trace.append(TraceStep(rule="profile_corrected", detail=f"{note}：{ctx.previous.question}"))
    return outcome.model_copy(update={"action": "answer", "intent": "advice", "question": question,
                                      "reply": None, "assumptions": [note, *outcome.assumptions]})
