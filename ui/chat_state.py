"""One browser session's conversation, as the manager view keeps it between events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.result import AdvisorResult
from ui.render import Turn

# What the browser keeps for "no conversation yet": Gradio does not write an empty value (None or ""), so a new
# conversation would leave the old id stored and a reload would bring the old conversation back
NO_SESSION = "none"


@dataclass
class ChatView:
    """One browser session's conversation (kept server-side in gr.State)."""

    session_id: str | None = None
    turns: list[Turn] = field(default_factory=list)
    clarify_slots: list[str] = field(default_factory=list)
    rated: dict[int, int] = field(default_factory=dict)  # answer id -> the rating given here (one per click kind)

    def last_result(self) -> AdvisorResult | None:
        return next((t.result for t in reversed(self.turns) if t.result is not None), None)


def same_value(typed: Any, shown: Any) -> bool:
    """A card value the user left as the advisor filled it in (numbers compared as numbers)."""
    if isinstance(typed, (int, float)) and isinstance(shown, (int, float)):
        return abs(float(typed) - float(shown)) < 1e-6
    return typed == shown
