"""Labelled questions the confidence model learns from, and how the nearest of them were labelled.

Near misses ("韩国云计算扩散战略是哪年发布的", "上海工业机器人去年产量多少台") match a covered topic word for word, so
retrieval scores alone cannot tell them from answerable questions. Questions asked *like* them — a year, a local
amount, a statistic the reports do not give — were labelled out of corpus by hand; the share of a new question's
nearest labelled neighbours that the corpus answers is one more input of the confidence model. A plain share, not
one weighted by similarity: weighted, the single nearest question decides, and a near miss's answerable twin
("广东省中小企业上云率" beside "中小企业上云的比例") takes its label.

The labels hold for one corpus and one embedder: the bank records both and is only used where they match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.confidence import Calibration

BANK_FILE = Path(__file__).resolve().parent / "data" / "question_bank.npz"


@dataclass(frozen=True)
class QuestionBank:
    questions: tuple[str, ...]
    vectors: np.ndarray  # (n, dim) unit vectors of the questions as searched (their typo-corrected focus)
    in_corpus: np.ndarray  # (n,) 1.0 answerable from the corpus, 0.0 not
    embedder: str
    corpus: tuple[str, ...]  # "doc_id:source_hash" of every document the labels were given for
    k: int = 11

    def vote(self, query_vector: np.ndarray, exclude: str | None = None) -> float:
        """Share of the k nearest labelled questions that the corpus answers (0–1).

        `exclude` leaves a question's own label out (fitting the model on the bank's own questions)."""
        sims = self.vectors @ np.asarray(query_vector, dtype=np.float32)
        if exclude is not None:
            sims = np.where(np.array(self.questions) == exclude, -np.inf, sims)
        k = min(self.k, int(np.isfinite(sims).sum()))
        if k == 0:
            return 0.5
        top = np.argpartition(-sims, k - 1)[:k]
        return float(self.in_corpus[top].mean())

    def fits(self, corpus: Iterable[str], embedder: str) -> bool:
        """The labels were given for exactly this corpus, and the vectors come from this embedder."""
        return embedder == self.embedder and tuple(sorted(corpus)) == self.corpus


def corpus_fingerprint(docs: dict[str, str]) -> tuple[str, ...]:
    """doc id -> source hash, as the bank records it: any added, dropped or changed document is another corpus."""
    return tuple(sorted(f"{doc}:{digest}" for doc, digest in docs.items()))


def save_bank(bank: QuestionBank, path: Path = BANK_FILE) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, questions=np.array(bank.questions), vectors=bank.vectors.astype(np.float16),
                            in_corpus=bank.in_corpus.astype(np.float32), embedder=np.array(bank.embedder),
                            corpus=np.array(bank.corpus), k=np.array(bank.k))


def load_bank(path: Path = BANK_FILE) -> QuestionBank | None:
    """The shipped bank, or None when there is none or it cannot be read (confidence then does without it)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return QuestionBank(
                questions=tuple(str(q) for q in data["questions"]), vectors=data["vectors"].astype(np.float32),
                in_corpus=data["in_corpus"].astype(np.float32), embedder=str(data["embedder"]),
                corpus=tuple(str(c) for c in data["corpus"]), k=int(data["k"]))
    except (OSError, KeyError, ValueError):
        return None


@dataclass(frozen=True)
class Vote:
    """The confidence model that reads the bank's vote, with its bank: for Chinese questions on the labelled corpus.

    English questions keep the generic model: the bank holds few of them, and their near misses outvote their
    answerable twins ("What is the pilot city programme?" sits next to "How many pilot cities are in Guangdong?")."""

    model: Calibration
    bank: QuestionBank

    def __post_init__(self) -> None:
        if not self.model.uses_vote:
            raise ValueError("the model was fitted without the labelled questions' vote")
