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
from eval.dataset import DEFAULT_DATASET, load_dataset

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


def holdout_rates(runtime: Runtime, model: Calibration) -> dict[str, float | int]:
    """Flag rates on advisor_eval (not used for fitting): refusals/out-of-scope should be flagged, answerable not."""
    retriever = runtime.retriever()
    items = [i for i in load_dataset(DEFAULT_DATASET) if i.question not in _calibration_questions()]
    out = [i for i in items if i.must_refuse or i.type == "out_of_scope"]
    answerable = [i for i in items if i.gold and not i.must_refuse and i.type != "out_of_scope"]

    def flagged(group: list) -> float:
        return sum(model.probability(retriever.search(i.question, k=5).features) < model.threshold
                   for i in group) / max(1, len(group))

    return {"out_flagged": round(flagged(out), 3), "n_out": len(out),
            "in_flagged": round(flagged(answerable), 3), "n_in": len(answerable)}


def _calibration_questions() -> set[str]:
    return {json.loads(line)["question"] for line in DATASET.read_text(encoding="utf-8").splitlines() if line.strip()}


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
    runtime.calibration = model
    held = holdout_rates(runtime, model)
    CALIBRATION_FILE.parent.mkdir(parents=True, exist_ok=True)
    CALIBRATION_FILE.write_text(
        model.to_json(
            dataset=DATASET.name,
            n=len(rows),
            out_flagged=round(flagged_out, 3),
            in_flagged=round(flagged_in, 3),
            holdout=held,
        ),
        encoding="utf-8",
    )
    print(f"threshold={threshold} out-of-corpus flagged={flagged_out:.2f} in-corpus flagged={flagged_in:.2f}")
    print(f"held out (advisor_eval): out-of-corpus flagged {held['out_flagged']} of {held['n_out']}, "
          f"answerable flagged {held['in_flagged']} of {held['n_in']}")
    for p, lab, q in sorted(probs):
        print(f"{p:.3f} {'IN ' if lab else 'OUT'} {q}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
