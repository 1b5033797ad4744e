"""Typed events the advisor yields while it works; the UI and API only render them."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.result import AdvisorResult


@dataclass(frozen=True)
class StatusEvent:
    text: str  # what the advisor is doing now ("正在检索资料…")
    reset: bool = False  # discard the answer text streamed so far (the LLM failed mid-way; a fallback follows)


@dataclass(frozen=True)
class TokenEvent:
    text: str  # the next piece of answer text, already checked by the guard


@dataclass(frozen=True)
class ResultEvent:
    result: AdvisorResult  # the final, complete result (its answer replaces the streamed text)


AdvisorEvent = StatusEvent | TokenEvent | ResultEvent
