"""Retrieval confidence: a logistic model over retrieval features, fitted on in- and out-of-corpus questions."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError

CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "confidence.json"


@dataclass(frozen=True)
class ConfidenceFeatures:
    top_dense: float  # best cosine similarity between the query and any chunk
    dense_gap: float  # how far the best hit stands out from the 10th–30th: flat means nothing really matches
    coverage: float  # share of the query's content words (lexicon terms for English) found in the top passages
    ascii_query: bool  # English questions are scored by their own weights: e5 similarities run lower

    def vector(self) -> list[float]:
        """Model inputs, scaled so that plain gradient descent converges."""
        a = 1.0 if self.ascii_query else 0.0
        top = (self.top_dense - 0.85) / 0.05
        gap = self.dense_gap / 0.02
        return [1.0, top, gap, self.coverage, a, top * a, gap * a, self.coverage * a]


@dataclass(frozen=True)
class Calibration:
    weights: tuple[float, ...]
    threshold: float  # probability below which a question counts as not covered by the documents

    def probability(self, features: ConfidenceFeatures) -> float:
        z = sum(w * v for w, v in zip(self.weights, features.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self, **report: object) -> str:
        return json.dumps({"weights": list(self.weights), "threshold": self.threshold, "report": report},
                          ensure_ascii=False, indent=1)


def load_calibration(path: Path = CALIBRATION_FILE) -> Calibration:
    """Read the fitted model; it ships with the package and is refitted by eval/calibrate_confidence.py."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Calibration(tuple(data["weights"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"置信度校准文件无法读取：{path}", "请运行 python -m eval.calibrate_confidence") from exc


def fit(samples: list[tuple[ConfidenceFeatures, bool]], steps: int = 3000, l2: float = 0.02) -> Calibration:
    """Fit logistic weights by gradient descent (deterministic; a few hundred samples at most)."""
    rows = [(features.vector(), 1.0 if label else 0.0) for features, label in samples]
    width = len(rows[0][0])
    w = [0.0] * width
    rate = 0.1
    for _ in range(steps):
        grad = [0.0] * width
        for x, y in rows:
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))))
            for j in range(width):
                grad[j] += (p - y) * x[j]
        w = [wj - rate * (gj / len(rows) + l2 * wj * (j > 0)) for j, (wj, gj) in enumerate(zip(w, grad, strict=True))]
    return Calibration(tuple(round(v, 5) for v in w), 0.5)
