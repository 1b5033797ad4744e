"""Fit the retrieval-confidence model and write assistant/data/confidence.json.

Fitted on calibration.jsonl + calibration_train_extra*.jsonl (in- and out-of-corpus questions) and the questions of
retrieval_train*.jsonl (in corpus); checked on advisor_eval.jsonl and ooc_heldout.jsonl, which it never sees.

Usage: python -m eval.calibrate_confidence [--data-dir DIR] [--max-in-flagged 0.12]   (needs a built index)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.confidence import CALIBRATION_FILE, Calibration, ConfidenceFeatures, fit
from assistant.runtime import Runtime
from assistant.settings import load_settings
from eval.dataset import DEFAULT_DATASET, load_dataset

DATASETS = Path(__file__).resolve().parent / "datasets"
DATASET = DATASETS / "calibration.jsonl"
EXTRAS = [DATASETS / "calibration_train_extra.jsonl", DATASETS / "calibration_train_extra2.jsonl"]
HELDOUT = DATASETS / "ooc_heldout.jsonl"
TRAIN_QUESTIONS = sorted(DATASETS.glob("retrieval_train*.jsonl"))


def labelled(path: Path) -> list[tuple[str, bool]]:
    """(question, in corpus) pairs of a calibration file."""
    return [(row["question"], bool(row["in_corpus"])) for row in
            (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())]


def collect(runtime: Runtime, questions: list[tuple[str, bool]]) -> list[tuple[ConfidenceFeatures, bool, str]]:
    retriever = runtime.retriever()
    return [(retriever.search(question, k=5).features, label, question) for question, label in questions]


def choose_threshold(probs_in: list[float], probs_out: list[float], max_in_flagged: float = 0.12) -> float:
    """The threshold flagging the most out-of-corpus questions while flagging at most `max_in_flagged` in-corpus."""
    best, best_out = 0.0, -1.0
    for t in sorted(set(probs_in + probs_out)):
        flagged_out = sum(p < t for p in probs_out) / len(probs_out)
        if sum(p < t for p in probs_in) / len(probs_in) <= max_in_flagged and flagged_out > best_out:
            best, best_out = t, flagged_out
    return round(best, 4)


def flag_rates(runtime: Runtime, model: Calibration, questions: list[tuple[str, bool]]) -> dict[str, float | int]:
    """Share of out-of-corpus questions flagged (want high) and of in-corpus ones flagged (want low)."""
    retriever = runtime.retriever()
    flags = [(model.confidence(retriever.search(q, k=5).features) < model.threshold, label) for q, label in questions]
    out = [f for f, label in flags if not label]
    inside = [f for f, label in flags if label]
    return {"out_flagged": round(sum(out) / max(1, len(out)), 3), "n_out": len(out),
            "in_flagged": round(sum(inside) / max(1, len(inside)), 3), "n_in": len(inside)}


def advisor_eval_questions(fitted_on: set[str]) -> list[tuple[str, bool]]:
    """advisor_eval minus any question the model was fitted on: refusals and out-of-scope items are out of corpus,
    answerable ones in."""
    items = [i for i in load_dataset(DEFAULT_DATASET) if i.question not in fitted_on]
    return [(i.question, False) for i in items if i.must_refuse or i.type == "out_of_scope"] + \
        [(i.question, True) for i in items if i.gold and not i.must_refuse and i.type != "out_of_scope"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--max-in-flagged", type=float, default=0.12,
                        help="in-corpus share the threshold may flag on the (deliberately hard) training questions")
    args = parser.parse_args()
    runtime = Runtime(load_settings(data_dir=args.data_dir))
    width = len(ConfidenceFeatures(0.0, 0.0, 0.0, False).vector())
    runtime.calibration = Calibration((0.0,) * width, 0.5)  # features do not depend on the weights being fitted
    files = [DATASET, *(p for p in EXTRAS if p.exists())]
    questions = [p for p in TRAIN_QUESTIONS if p.exists()]
    train = [pair for path in files for pair in labelled(path)] + \
        [(i.question, True) for path in questions for i in load_dataset(path)]
    rows = collect(runtime, train)
    model = fit([(f, label) for f, label, _ in rows])
    # A question whose words one sentence holds together is never flagged, whatever the threshold.
    probs = [(1.0 if f.rescued else model.probability(f), label, q) for f, label, q in rows]
    threshold = choose_threshold([p for p, lab, _ in probs if lab], [p for p, lab, _ in probs if not lab],
                                 args.max_in_flagged)
    model = Calibration(model.weights, threshold)
    flagged_out = sum(p < threshold for p, lab, _ in probs if not lab) / sum(not lab for _, lab, _ in probs)
    flagged_in = sum(p < threshold for p, lab, _ in probs if lab) / sum(lab for _, lab, _ in probs)
    runtime.calibration = model
    held = {"advisor_eval": flag_rates(runtime, model, advisor_eval_questions({q for q, _ in train})),
            "ooc_heldout": flag_rates(runtime, model, labelled(HELDOUT))}
    CALIBRATION_FILE.parent.mkdir(parents=True, exist_ok=True)
    CALIBRATION_FILE.write_text(
        model.to_json(
            dataset=[p.name for p in [*files, *questions]],
            n=len(rows),
            out_flagged=round(flagged_out, 3),
            in_flagged=round(flagged_in, 3),
            holdout=held,
        ),
        encoding="utf-8",
    )
    print(f"threshold={threshold} out-of-corpus flagged={flagged_out:.2f} in-corpus flagged={flagged_in:.2f}")
    for name, rates in held.items():
        print(f"held out ({name}): out-of-corpus flagged {rates['out_flagged']} of {rates['n_out']}, "
              f"in-corpus flagged {rates['in_flagged']} of {rates['n_in']}")
    for p, lab, q in sorted(probs):
        print(f"{p:.3f} {'IN ' if lab else 'OUT'} {q}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
