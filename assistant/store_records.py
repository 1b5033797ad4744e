"""Typed rows the conversation store hands out: sessions, messages, feedback and summary counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["user", "assistant"]


@dataclass(frozen=True)
class SessionRecord:
    id: str
    title: str
    created_at: float  # unix seconds
    updated_at: float
    state_json: str
    message_count: int


@dataclass(frozen=True)
class MessageRecord:
    id: int
    session_id: str
    role: Role
    content: str
    created_at: float


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    message_id: int
    rating: int
    comment: str
    created_at: float


@dataclass(frozen=True)
class StoreStats:
    sessions: int
    messages: int
    user_messages: int
    answers: int
    refused_answers: int
    citations: int
    feedback_up: int
    feedback_down: int
    mean_latency_ms: float | None
    schema_version: int
