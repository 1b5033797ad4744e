"""Measure the offline claim scorer on eval/datasets/claims_labelled.jsonl: balanced accuracy and per perturbation.

`python -m eval.validate_scorer [--labelled FILE] [--threshold T] [--out FILE.json] [--show-errors]`
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import BaseModel

from eval.dataset import DATASETS_DIR
from eval.faithfulness import DEFAULT_SUPPORT_THRESHOLD, OfflineScorer
from eval.verdicts import ClaimScorer

LABELLED = DATASETS_DIR / "claims_labelled.jsonl"
TARGET = 0.85


class LabelledPair(BaseModel):
    id: str
    claim: str
    evidence: str
    label: str
    perturbation: str


class Miss(BaseModel):
    id: str
    perturbation: str
    label: str
    claim: str
    reasons: list[str]


class ScorerValidation(BaseModel):
    """Balanced accuracy = mean of recall on supported and on unsupported pairs."""

    scorer: str
    threshold: float
    n: int
    balanced_accuracy: float
    supported_recall: float
    unsupported_recall: float
    by_perturbation: dict[str, dict[str, float]]
    misses: list[Miss]


def load_pairs(path: Path = LABELLED) -> list[LabelledPair]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [LabelledPair.model_validate_json(line) for line in lines if line.strip()]


def validate(pairs: list[LabelledPair], scorer: ClaimScorer, threshold: float = 0.0) -> ScorerValidation:
    """Score every pair and summarise how often the scorer agrees with the label."""
    correct: dict[str, list[bool]] = {}
    by_label: dict[str, list[bool]] = {"supported": [], "unsupported": []}
    misses: list[Miss] = []
    for pair in pairs:
        verdict = scorer.score(pair.claim, [pair.evidence])
        ok = verdict.supported == (pair.label == "supported")
        correct.setdefault(pair.perturbation, []).append(ok)
        by_label[pair.label].append(ok)
        if not ok:
            misses.append(Miss(**pair.model_dump(exclude={"evidence"}), reasons=verdict.reasons))
    recall = {k: sum(v) / len(v) if v else 0.0 for k, v in by_label.items()}
    return ScorerValidation(
        scorer=scorer.name,
        threshold=threshold,
        n=len(pairs),
        balanced_accuracy=round((recall["supported"] + recall["unsupported"]) / 2, 4),
        supported_recall=round(recall["supported"], 4),
        unsupported_recall=round(recall["unsupported"], 4),
        by_perturbation={k: {"n": len(v), "accuracy": round(sum(v) / len(v), 4)} for k, v in correct.items()},
        misses=misses,
    )


def format_table(result: ScorerValidation) -> str:
    lines = [
        f"scorer={result.scorer} threshold={result.threshold:.2f} n={result.n}",
        f"balanced accuracy {result.balanced_accuracy:.3f} (target {TARGET:.2f}) — "
        f"supported recall {result.supported_recall:.3f}, unsupported recall {result.unsupported_recall:.3f}",
        "",
        f"{'perturbation':<16}{'n':>5}{'accuracy':>10}",
    ]
    for kind, row in result.by_perturbation.items():
        lines.append(f"{kind:<16}{int(row['n']):>5}{row['accuracy']:>10.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.validate_scorer", description=__doc__)
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--threshold", type=float, default=DEFAULT_SUPPORT_THRESHOLD)
    parser.add_argument("--out", type=Path, default=None, help="write the full result as JSON here")
    parser.add_argument("--show-errors", action="store_true", help="list every misjudged pair")
    args = parser.parse_args(argv)
    result = validate(load_pairs(args.labelled), OfflineScorer(args.threshold), args.threshold)
    print(format_table(result))
    if args.show_errors:
        for m in result.misses:
            print(f"  ✗ {m.id} [{m.label}] {m.claim[:60]} — {'; '.join(m.reasons) or 'judged supported'}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(result.model_dump_json(indent=2), encoding="utf-8")
    return 0 if result.balanced_accuracy >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
