"""Claim-level faithfulness: score each claim of an answer against the passages it cites."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, Field

from assistant.claims import split_claims
from assistant.support import DEFAULT_SUPPORT_THRESHOLD, judge_support
from eval.llm_judge import LLMJudgeScorer
from eval.verdicts import ClaimScorer, ClaimVerdict

__all__ = [
    "AnswerFaithfulness",
    "ClaimScore",
    "ClaimScorer",
    "ClaimVerdict",
    "LLMJudgeScorer",
    "OfflineScorer",
    "score_answer",
]



class OfflineScorer:
    """Deterministic scorer: numbers, entities and polarity must match; enough n-grams must be shared."""

    name = "offline"

    def __init__(self, threshold: float = DEFAULT_SUPPORT_THRESHOLD) -> None:
        self.threshold = threshold

    def score(self, claim: str, evidence: list[str]) -> ClaimVerdict:
        """Judge `claim` against the joined evidence passages."""
        supported, score, reasons = judge_support(claim, "\n".join(evidence), self.threshold)
        return ClaimVerdict(supported=supported, score=score, reasons=reasons)


class ClaimScore(BaseModel):
    """One claim of an answer with the passages it cited and the scorer's verdict."""

    text: str
    citations: list[int]
    verdict: ClaimVerdict


class AnswerFaithfulness(BaseModel):
    """Share of substantive claims supported by their citations; framing is left out."""

    faithfulness: float = Field(ge=0.0, le=1.0)
    fully_supported: bool
    claims: list[ClaimScore]
    framing: list[str] = Field(default_factory=list)
    scorer: str = ""


def score_claim(
    text: str, citations: list[int], passages: Mapping[int, str], scorer: ClaimScorer
) -> ClaimVerdict:
    """Score one claim; uncited claims and markers without a passage are unsupported outright."""
    if not citations:
        return ClaimVerdict(supported=False, score=0.0, reasons=["claim carries no citation"])
    unknown = [n for n in citations if n not in passages]
    if unknown:
        return ClaimVerdict(
            supported=False, score=0.0, reasons=[f"citation [{n}] has no passage" for n in unknown]
        )
    return scorer.score(text, [passages[n] for n in citations])


def score_answer(
    answer: str, citations_text_by_n: Mapping[int, str], scorer: ClaimScorer
) -> AnswerFaithfulness:
    """Split `answer` into claims and score each against the passages its [n] markers point to.

    An answer with no substantive claim (a refusal, a clarifying question) is vacuously faithful.
    """
    claims = split_claims(answer)
    scored = [
        ClaimScore(
            text=c.text,
            citations=c.citations,
            verdict=score_claim(c.text, c.citations, citations_text_by_n, scorer),
        )
        for c in claims
        if not c.is_framing
    ]
    supported = sum(1 for c in scored if c.verdict.supported)
    return AnswerFaithfulness(
        faithfulness=supported / len(scored) if scored else 1.0,
        fully_supported=supported == len(scored),
        claims=scored,
        framing=[c.text for c in claims if c.is_framing],
        scorer=scorer.name,
    )
