"""Run eval items through the real advisor, one fresh session each, and summarise the metrics overall and by type."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from tqdm import tqdm

from assistant.advisor import Advisor, ProfileInput
from assistant.errors import AdvisorError
from assistant.result import AdvisorResult
from assistant.runtime import Runtime
from eval import metrics as M
from eval.bench_retrieval import hints_for
from eval.dataset import EvalItem
from eval.faithfulness import AnswerFaithfulness, ClaimScorer, LLMJudgeScorer, OfflineScorer
from eval.records import CitationRecord, ClaimRecord, ItemRecord, diagnose

RETRIEVAL_DEPTH = 10  # MRR@10 needs the top 10


def metric_keys(k: int = 5) -> tuple[str, ...]:
    """The averaged metric names of summary.json, in report order."""
    return (
        "retrieval.hit@1", f"retrieval.hit@{k}", f"retrieval.recall@{k}", "retrieval.mrr@10",
        "answer.faithfulness", "answer.fully_supported_rate", "citation.precision", "citation.recall",
        "answer.key_point_coverage", "refusal.accuracy", "refusal.false_rate", "clarify.rate",
        "clarify.unwanted_rate", "injection.resisted",
    )


def open_advisor(runtime: Runtime, sessions_db: Path) -> Advisor:
    """An advisor whose conversation store is `sessions_db`, so eval sessions never mix with real users' ones."""
    from assistant.store import Store

    sessions_db.parent.mkdir(parents=True, exist_ok=True)
    runtime.store = Store(sessions_db)  # type: ignore[misc]  # replaces the lazily built store before first use
    return Advisor(runtime)


def pick_scorer(runtime: Runtime, mode: str) -> ClaimScorer:
    """The LLM judge (offline fallback) in llm mode with an LLM configured; else the offline scorer."""
    offline = OfflineScorer()
    chat = runtime.chat_model if mode == "llm" and runtime.settings.llm_enabled else None
    return LLMJudgeScorer(chat, fallback=offline) if chat is not None else offline


def select_items(items: Sequence[EvalItem], types: Iterable[str] | None = None, limit: int | None = None,
                 ids: Iterable[str] | None = None) -> list[EvalItem]:
    """Items of the given types and ids (all when None), in dataset order, at most `limit` of them."""
    wanted_types, wanted_ids = (set(types) if types else None), (set(ids) if ids else None)
    chosen = [i for i in items if (wanted_types is None or i.type in wanted_types)
              and (wanted_ids is None or i.id in wanted_ids)]
    return chosen[:limit] if limit is not None else chosen


class EvalRunner:
    """Asks the advisor every item in a fresh session and scores the reply against the item's expectations."""

    def __init__(self, advisor: Advisor, scorer: ClaimScorer, mode: str = "extractive", k: int = 5) -> None:
        self.advisor, self.scorer, self.mode, self.k = advisor, scorer, mode, k

    def warm_up(self) -> None:
        """Load the embedder and index before timing, so latency figures are those of a running service."""
        self.advisor.runtime.retriever().search("中小企业数字化转型", k=3)

    def run(self, items: Sequence[EvalItem], progress: bool = True) -> list[ItemRecord]:
        self.warm_up()
        bar = tqdm(items, desc="eval", unit="item", disable=not progress)
        return [self.evaluate(item) for item in bar]

    def evaluate(self, item: EvalItem) -> ItemRecord:
        """Ask, retrieve, score and diagnose one item."""
        result, error, wall_ms = self._ask(item)
        search = self.advisor.runtime.retriever().search(item.question, k=RETRIEVAL_DEPTH, hints=hints_for(item))
        retrieved = [(p.doc_id, p.text) for p in search.passages]
        faith = M.faithfulness(result, self.scorer)
        record = ItemRecord(
            id=item.id, type=item.type, question=item.question, must_refuse=item.must_refuse, mode=result.mode,
            answer=result.answer, refused=M.refused(result), clarified=M.clarified(result), intent=result.intent,
            confidence=result.confidence, citations=_citations(result, item, faith),
            retrieved=[p.chunk_id for p in search.passages], retrieved_docs=[p.doc_id for p in search.passages],
            claims=_claims(faith), missing_key_points=M.missing_key_points(result.answer, item),
            canary=item.canary, metrics=self._metrics(item, result, retrieved, faith),
            latency_ms=result.timings.get("total_ms", wall_ms), session_id=result.session_id, error=error,
        )
        record.problems = diagnose(record)
        return record

    def _ask(self, item: EvalItem) -> tuple[AdvisorResult, str | None, float]:
        profile = ProfileInput(**item.profile.model_dump()) if item.profile else None
        started = time.perf_counter()
        try:
            # session_id=None: every item starts a new conversation, so no item sees another's context.
            result = self.advisor.respond(item.question, session_id=None, profile=profile, mode=self.mode)
            error = None
        except AdvisorError as exc:
            result, error = AdvisorResult(answer="", mode="error"), exc.user_message()
        return result, error, (time.perf_counter() - started) * 1000

    def _metrics(self, item: EvalItem, result: AdvisorResult, retrieved: list[tuple[str, str]],
                 faith: AnswerFaithfulness | None) -> dict[str, float | None]:
        ranking = M.retrieval_scores(retrieved, item, self.k)
        return {
            "retrieval.hit@1": ranking.hit1 if ranking else None,
            f"retrieval.hit@{self.k}": ranking.hit_k if ranking else None,
            f"retrieval.recall@{self.k}": ranking.recall_k if ranking else None,
            "retrieval.mrr@10": ranking.mrr10 if ranking else None,
            "answer.faithfulness": faith.faithfulness if faith else None,
            "answer.fully_supported_rate": (1.0 if faith.fully_supported else 0.0) if faith else None,
            "citation.precision": M.citation_precision(result, item, faith),
            "citation.recall": M.citation_recall(result, item),
            "answer.key_point_coverage": M.key_point_coverage(result.answer, item),
            "refusal.accuracy": M.refusal_correct(result, item),
            "refusal.false_rate": M.false_refusal(result, item),
            "clarify.rate": M.clarify_hit(result, item),
            "clarify.unwanted_rate": M.unwanted_clarify(result, item),
            "injection.resisted": M.injection_resisted(result.answer, item),
        }


def _citations(result: AdvisorResult, item: EvalItem, faith: AnswerFaithfulness | None) -> list[CitationRecord]:
    backing = M.supporting_citations(faith) if faith else set()
    return [CitationRecord(n=c.n, doc_id=c.doc_id, chunk_id=c.chunk_id, section=c.section, quote=c.quote,
                           holds_gold=M.cites_gold(c, item), backs_claim=c.n in backing) for c in result.citations]


def _claims(faith: AnswerFaithfulness | None) -> list[ClaimRecord]:
    if faith is None:
        return []
    return [ClaimRecord(text=c.text, citations=c.citations, supported=c.verdict.supported, score=c.verdict.score,
                        reasons=c.verdict.reasons) for c in faith.claims]


def summarise_group(records: Sequence[ItemRecord], k: int = 5) -> dict[str, float | int | None]:
    """Mean of every metric over the records it applies to, plus n and warm latency percentiles."""
    summary: dict[str, float | int | None] = {"n": len(records)}
    for key in metric_keys(k):
        summary[key] = M.mean([r.metrics.get(key) for r in records])
    latencies = [r.latency_ms for r in records]
    summary["latency.p50_ms"] = M.percentile(latencies, 50)
    summary["latency.p95_ms"] = M.percentile(latencies, 95)
    return summary


def summarise(records: Sequence[ItemRecord], k: int = 5, meta: dict[str, object] | None = None) -> dict:
    """summary.json: the overall metrics, the same per item type under "by_type", and the run's settings."""
    types = sorted({r.type for r in records})
    return {
        **summarise_group(records, k),
        "by_type": {t: summarise_group([r for r in records if r.type == t], k) for t in types},
        "meta": meta or {},
    }
