"""RAGAS-style LLM judge: decompose a claim into atomic statements, then verify each against the evidence."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from assistant.errors import ModelError
from assistant.prompts import load_prompt
from assistant.services import ChatMessage, ChatModel
from eval.verdicts import ClaimScorer, ClaimVerdict

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)
_TRUE = {"true", "yes", "y", "1", "supported", "support", "是", "支持", "成立", "对"}


class DecomposeRequest(BaseModel):
    """Input of prompts/judge_decompose.md."""

    claim: str


class Decomposition(BaseModel):
    """Output of prompts/judge_decompose.md."""

    statements: list[str] = Field(default_factory=list)

    @field_validator("statements", mode="after")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        return [s.strip() for s in value if isinstance(s, str) and s.strip()]


class VerifyRequest(BaseModel):
    """Input of prompts/judge_verify.md."""

    statements: list[str]
    evidence: list[str]

    def render_vars(self) -> dict[str, str]:
        numbered = "\n".join(f"{i}. {s}" for i, s in enumerate(self.statements, 1))
        passages = "\n\n".join(f"[{i}] {p}" for i, p in enumerate(self.evidence, 1))
        return {"statements": numbered, "evidence": passages}


class StatementVerdict(BaseModel):
    """The judge's decision on one atomic statement."""

    statement: str = ""
    supported: bool = False
    reason: str = ""

    @field_validator("supported", mode="before")
    @classmethod
    def _lenient_bool(cls, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in _TRUE


class Verification(BaseModel):
    """Output of prompts/judge_verify.md."""

    verdicts: list[StatementVerdict] = Field(default_factory=list)


def extract_json(reply: str) -> Any:
    """Find the first JSON object or array in a model reply (code fences and chatter around it are fine)."""
    candidates = [m.group(1) for m in _FENCE.finditer(reply)] + [reply]
    decoder = json.JSONDecoder()
    for text in candidates:
        for start, ch in enumerate(text):
            if ch in "{[":
                try:
                    value, _ = decoder.raw_decode(text, start)
                    return value
                except json.JSONDecodeError:
                    continue
    return None


def parse_decomposition(reply: str) -> Decomposition | None:
    """Read the decomposition reply; a bare list of strings is accepted too."""
    data = extract_json(reply)
    if isinstance(data, list):
        data = {"statements": data}
    try:
        parsed = Decomposition.model_validate(data)
    except ValidationError:
        return None
    return parsed if parsed.statements else None


def parse_verification(reply: str, expected: int) -> Verification | None:
    """Read the verification reply; None when it is unusable or does not cover every statement."""
    data = extract_json(reply)
    if isinstance(data, list):
        data = {"verdicts": data}
    try:
        parsed = Verification.model_validate(data)
    except ValidationError:
        return None
    return parsed if len(parsed.verdicts) >= expected else None


class LLMJudgeScorer:
    """Judge claims with an LLM; on a model failure use `fallback` when given, else raise ModelError."""

    name = "llm-judge"

    def __init__(self, chat_model: ChatModel, fallback: ClaimScorer | None = None) -> None:
        self.chat_model = chat_model
        self.fallback = fallback

    def _ask(self, prompt: str) -> str:
        return self.chat_model.complete([ChatMessage(role="user", content=prompt)])

    def decompose(self, claim: str) -> list[str]:
        """Split the claim into atomic statements; an unreadable reply keeps the claim whole."""
        request = DecomposeRequest(claim=claim)
        reply = self._ask(load_prompt("judge_decompose").render(**request.model_dump()))
        parsed = parse_decomposition(reply)
        return parsed.statements if parsed else [claim]

    def verify(self, statements: list[str], evidence: list[str]) -> Verification | None:
        """Ask the judge about every statement at once."""
        request = VerifyRequest(statements=statements, evidence=evidence)
        reply = self._ask(load_prompt("judge_verify").render(**request.render_vars()))
        return parse_verification(reply, len(statements))

    def score(self, claim: str, evidence: list[str]) -> ClaimVerdict:
        """Score = share of atomic statements the judge finds supported; supported only if all are."""
        if not any(p.strip() for p in evidence):
            return ClaimVerdict(supported=False, score=0.0, reasons=["no evidence cited"])
        try:
            statements = self.decompose(claim)
            verification = self.verify(statements, evidence)
        except ModelError as exc:
            if self.fallback is None:
                raise
            verdict = self.fallback.score(claim, evidence)
            return verdict.model_copy(
                update={"reasons": [f"LLM judge failed ({exc.message}); offline verdict"] + verdict.reasons}
            )
        if verification is None:
            return ClaimVerdict(supported=False, score=0.0, reasons=["judge reply could not be parsed"])
        verdicts = verification.verdicts[: len(statements)]
        ok = sum(v.supported for v in verdicts)
        reasons = [
            f"unsupported: {v.statement or s} — {v.reason}"
            for v, s in zip(verdicts, statements, strict=True)
            if not v.supported
        ]
        return ClaimVerdict(supported=ok == len(verdicts), score=ok / len(verdicts), reasons=reasons)
