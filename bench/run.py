"""The whole bench in one run: per scale, ingest (cold/warm), query and ask latency, server start-up; then
embedding throughput and LLM-mode time to first token at ×1. Each measurement runs in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.report import write_all
from bench.serving import startup_seconds, time_to_first_token
from bench.stats import machine
from bench.synth import make_scaled_corpus
from bench.worker import questions

Log = Callable[[str], None]


def run_bench(corpus: Path, out: Path, scales: Sequence[int], quick: bool = False, log: Log = print,
              reuse: Path | None = None) -> dict:
    """Measure every scale into out/work/x{N} and write results.json, report.md and scaling.png under `out`.

    With `reuse` (an earlier bench's --out folder) its indexes are served again and its ingest rows copied, so a
    code change on the query side can be measured without rebuilding ×100.
    """
    work = (reuse or out) / "work"
    results: dict = {"machine": machine(), "quick": quick, "scales": {}, "notes": _notes(scales)}
    earlier = _earlier_rows(reuse) if reuse else {}
    base_dir = work / "x1"
    for scale in sorted(set(scales) | {1}):
        data_dir = work / f"x{scale}"
        if reuse and (data_dir / "index" / "CURRENT.json").exists():
            log(f"×{scale}: ingest (index reused from {reuse})")
            row = {"ingest": {**earlier.get(str(scale), {}).get("ingest", {}), "reused": True}}
        else:
            scaled = corpus if scale == 1 else make_scaled_corpus(corpus, work / f"corpus-x{scale}", scale)
            log(f"×{scale}: ingest")
            row = {"ingest": _worker("ingest", data_dir, quick, corpus=scaled,
                                     cache_from=None if scale == 1 else base_dir)}
        log(f"×{scale}: query and ask latency")
        row["query"] = _worker("query", data_dir, quick)
        log(f"×{scale}: server start-up")
        row["startup"] = startup_seconds(data_dir, runs=1 if quick else 2)
        if scale in scales:
            results["scales"][str(scale)] = row
            write_all(results, out)  # a long ×100 run that is cut short still leaves the scales it measured
    log("embedding throughput")
    results["embedding"] = {threads: _worker("embed", base_dir, quick, env={"OMP_NUM_THREADS": threads})
                            for threads in ("1", "2")}
    write_all(results, out)
    log("LLM mode time to first token")
    results["llm_ttft"] = time_to_first_token(base_dir, [q for q, _ in questions(10 if quick else 30)])
    results["machine_after"] = machine()
    write_all(results, out)
    return results


def _earlier_rows(reuse: Path) -> dict:
    path = reuse / "results.json"
    return json.loads(path.read_text(encoding="utf-8"))["scales"] if path.exists() else {}


def _worker(what: str, data_dir: Path, quick: bool, corpus: Path | None = None, cache_from: Path | None = None,
            env: dict[str, str] | None = None) -> dict:
    cmd = [sys.executable, "-m", "bench.worker", what, "--data-dir", str(data_dir)]
    cmd += ["--corpus", str(corpus)] if corpus else []
    cmd += ["--cache-from", str(cache_from)] if cache_from else []
    cmd += ["--quick"] if quick else []
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **(env or {})},
                          cwd=Path(__file__).resolve().parent.parent, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bench worker {what} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _notes(scales: Sequence[int]) -> list[str]:
    notes = ["Latency columns are p50 / p95 / p99 in ms over the eval dataset's answerable questions (warm; "
             "query embedding included in dense and fused).",
             "Ingest peak RSS is the ingest process's ru_maxrss (cold then warm run in one process).",
             "Server ready: uvicorn assistant.server:app_factory from process start to /api/health status ok "
             "(index opened, embedder loaded, one warm-up query)."]
    if any(s > 1 for s in scales):
        notes.append("×N corpora are synthetic: every corpus document copied N times under new file names and "
                     "titles (x000_…, x001_…). Their ingest runs the real pipeline (load, clean, chunk, BM25, "
                     "Chroma upsert, sentence index) but vectors for texts already embedded at ×1 come from the ×1 "
                     "index with a tiny deterministic perturbation per copy (|noise| ≈ 1e-3) instead of being "
                     "re-embedded; only unseen texts are embedded for real. Real embedding time at ×N ≈ "
                     "(chunks + sentences) ÷ the embedding throughput below.")
    return notes
