"""Fit the retrieval-confidence model on eval/datasets/calibration.jsonl and write assistant/data/confidence.json.

Usage: python -m eval.calibrate_confidence [--data-dir DIR]   (needs a built index)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.confidence import CALIBRATION_FILE, Calibration, ConfidenceFeatures, fit
from assistant.runtime import Runtime
from assistant.settings import load_settings

DATASET = Path(__file__).resolve().parent / "datasets" / "calibration.jsonl"


def collect(runtime: Runtime, path: Path) -> list[tuple[ConfidenceFeatures, bool, str]]:
    retriever = runtime.retriever()
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        result = retriever.search(item["question"], k=5)
        rows.append((result.features, bool(item["in_corpus"]), item["question"]))
    return rows


def choose_threshold(probs_in: list[float], probs_out: list[float]) -> float:
    """Highest-margin threshold that flags ≥90% of out-of-corpus questions with ≤10% of in-corpus ones flagged."""
    best, best_score = 0.5, -1.0
    for t in sorted(set(probs_in + probs_out)) + [0.5]:
        flagged_out = sum(p < t for p in probs_out) / len(probs_out)
        flagged_in = sum(p < t for p in probs_in) / len(probs_in)
        score = flagged_out - flagged_in
        if score > best_score or (score == best_score and abs(t - 0.5) < abs(best - 0.5)):
            best, best_score = t, score
    return round(best, 4)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    runtime = Runtime(load_settings(data_dir=args.data_dir))
    runtime.calibration = Calibration((0.0,) * 8, 0.5)  # features do not depend on the weights being fitted
    rows = collect(runtime, DATASET)
    model = fit([(f, label) for f, label, _ in rows])
    probs = [(model.probability(f), label, q) for f, label, q in rows]
    threshold = choose_threshold([p for p, lab, _ in probs if lab], [p for p, lab, _ in probs if not lab])
    model = Calibration(model.weights, threshold)
    flagged_out = sum(p < threshold for p, lab, _ in probs if not lab) / sum(not lab for _, lab, _ in probs)
    flagged_in = sum(p < threshold for p, lab, _ in probs if lab) / sum(lab for _, lab, _ in probs)
    CALIBRATION_FILE.parent.mkdir(parents=True, exist_ok=True)
    CALIBRATION_FILE.write_text(
        model.to_json(
            dataset=DATASET.name,
            n=len(rows),
            out_flagged=round(flagged_out, 3),
            in_flagged=round(flagged_in, 3),
        ),
        encoding="utf-8",
    )
    print(f"threshold={threshold} out-of-corpus flagged={flagged_out:.2f} in-corpus flagged={flagged_in:.2f}")
    for p, lab, q in sorted(probs):
        print(f"{p:.3f} {'IN ' if lab else 'OUT'} {q}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
