"""What a claim scorer returns, and the interface every scorer implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field


class ClaimVerdict(BaseModel):
    """Whether the evidence supports one claim, how strongly (0–1), and why."""

    supported: bool
    score: float = Field(ge=0.0, le=1.0)
    reasons: list[str] = Field(default_factory=list)


@runtime_checkable
class ClaimScorer(Protocol):
    """Judges one claim against the passages it cites."""

    name: str

    def score(self, claim: str, evidence: list[str]) -> ClaimVerdict: ...
