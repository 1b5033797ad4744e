"""What one answer is asked to do: the question as searched, the turn it came from, and who it is for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.hints import ProfileHints, profile_hints
from assistant.labels_en import in_english
from assistant.profile import Profile
from assistant.result import Citation
from assistant.rules import RulesOutcome
from assistant.sizing import what_if_size


@dataclass
class AnswerPlan:
    question: str  # the standalone query used for retrieval
    original: str  # what the user asked (or the held question a clarify answer resumed)
    outcome: RulesOutcome
    kind: str  # "advice" | "fact" | "why" (the reasons behind the last answer)
    history: list[tuple[str, str]]
    mode: str  # "extractive" | "llm"
    previous_answer: str = ""
    previous_citations: list[Citation] = field(default_factory=list)
    shown_before: list[str] = field(default_factory=list)  # quotes of earlier answers to the same query
    more: bool = False  # "还有吗", "有案例吗" after an answer: without what was already quoted

    @cached_property
    def size_asked(self) -> str | None:
        """A size class the user asked about instead of the firm's own ("那小微企业呢")."""
        return asked_size(self.original, self.outcome.state.profile.summary().size)


def hints_for(profile: Profile, size: str | None = None) -> ProfileHints | None:
    """What retrieval should know of the SME: its industry's own sections, its size and stage words (`size`: a
    class the user asked about instead of the firm's own)."""
    summary = profile.summary()
    return profile_hints(summary.industry, summary.employees, summary.revenue_wan, summary.stage, summary.region, size)


_ASKED_SIZE = re.compile(r"(小微|微型|小型|中型|大型)(?:企业|厂|工厂|公司)?")
_ASKED_SIZE_EN = re.compile(r"\b(small and micro|micro|medium(?:-sized)?|large)[- ](?:sized )?(?:enterprises?|firms?"
                            r"|compan(?:y|ies)|business(?:es)?|factor(?:y|ies)|manufacturers?|smes?)\b", re.IGNORECASE)
_SIZE_WORDS_EN = {"micro": "微型", "small": "小型", "medium": "中型", "large": "大型"}


def asked_size(message: str, own_size: str | None) -> str | None:
    """The size class a message asks about when it is not the firm's own ("那小微企业呢" from a 中型 firm, "那要是
    三百五十人的厂呢" from a 小型 one)."""
    english = _ASKED_SIZE_EN.search(message)
    found = _ASKED_SIZE.search(message) or english
    if found is None:
        size = what_if_size(message)
        return size.size if size is not None and size.size != own_size else None
    if english is not None and found is english:
        asked = "小微" if english.group(1).lower().startswith("small and micro") else \
            _SIZE_WORDS_EN[english.group(1).lower().split()[0].split("-")[0]]
        found = _ASKED_SIZE.search(asked)
        assert found is not None
    if found.group(1) == "小微":  # 小型 and 微型 together: searched as 小型, and either is the firm's own
        return None if own_size in ("小型", "微型") else "小型"
    return None if found.group(1) == own_size else found.group(1)


def size_note(plan: AnswerPlan, own_size: str | None) -> list[str]:
    size = plan.size_asked
    if size is None or own_size is None:
        return []
    asked = "小微企业" if size == "小型" else f"{size}企业"
    if plan.outcome.language == "en":
        asked_en = "small and micro firms" if size == "小型" else f"{in_english(size)} firms"
        return [f"Answered for {asked_en} as asked, not for your own size ({in_english(own_size)})"]
    return [f"以下按您问的“{asked}”回答，不按贵企业的规模（{own_size}）"]
