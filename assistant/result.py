"""The typed result every entry point (CLI, API, UI, eval) receives: the AdvisorResult JSON."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    section: str
    page: int | None = None
    quote: str  # verbatim sentence(s) from the chunk that support the claim
    chunk_id: str
    passage: str = ""  # the whole chunk text, so the UI can show the quote in context


class ProfileSummary(BaseModel):
    """The SME profile as shown to users: values plus where each came from."""

    industry: str | None = None
    industry_group: str | None = None  # labour / capital / technology intensive
    size: str | None = None  # 大型 / 中型 / 小型 / 微型
    stage: str | None = None  # 基础信息化 / 应用数字化 / 全面系统化 / 智慧生态化
    stage_level: int | None = None
    employees: int | None = None
    revenue_wan: float | None = None
    region: str | None = None
    systems: list[str] = Field(default_factory=list)
    sources: dict[str, dict[str, str]] = Field(default_factory=dict)  # slot -> {source, evidence, rule}


class Clarify(BaseModel):
    question: str
    options: dict[str, list[str]] = Field(default_factory=dict)  # slot -> quick replies
    slots: list[str] = Field(default_factory=list)


class TraceStep(BaseModel):
    rule: str
    detail: str


class AdvisorResult(BaseModel):
    answer: str
    mode: Literal["extractive", "llm", "clarify", "refusal", "reply", "error"] = "extractive"
    citations: list[Citation] = Field(default_factory=list)
    profile: ProfileSummary = Field(default_factory=ProfileSummary)
    clarify: Clarify | None = None
    refused: bool = False
    low_confidence: bool = False
    confidence: float | None = None
    query: str = ""
    intent: str = ""
    language: Literal["zh", "en"] = "zh"  # the language the user wrote in, and the answer's frame is in
    notices: list[str] = Field(default_factory=list)  # e.g. "LLM 不可用，已改用摘录模式"
    trace: list[TraceStep] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)  # milliseconds
    session_id: str | None = None
    message_id: int | None = None
