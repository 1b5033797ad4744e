"""One measurement in a fresh process (so peak RSS and cold starts are its own): prints one JSON object.

python -m bench.worker ingest|query|embed --data-dir DIR [--corpus DIR] [--cache-from DIR] [--quick]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.stats import folder_mb, machine, peak_rss_mb, percentiles, rss_mb

BATCHES = (1, 4, 16, 64)
QUESTIONS_FILE = Path(__file__).resolve().parent.parent / "eval" / "datasets" / "advisor_eval.jsonl"


def questions(limit: int) -> list[tuple[str, dict | None]]:
    """Realistic questions (with the asker's profile when the dataset has one), from the eval dataset."""
    items = [json.loads(line) for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    answerable = [i for i in items if i.get("type") not in ("clarify", "injection")]
    return [(i["question"], i.get("profile")) for i in answerable[:limit]]


def run_ingest(args: argparse.Namespace) -> dict:
    from assistant.settings import Settings

    settings = Settings(data_dir=args.data_dir, corpus_dir=args.corpus)
    cached = _install_vector_cache(Path(args.cache_from)) if args.cache_from else None
    from corpus.ingest import ingest

    cold = ingest(settings)
    warm = ingest(settings)
    chars = sum(d.chars for d in _manifest(settings).docs.values())
    return {"cold_s": round(cold.seconds, 2), "warm_s": round(warm.seconds, 3), "chunks": cold.chunks,
            "documents": cold.documents, "chars": chars, "chunks_per_s": round(cold.chunks / cold.seconds, 1),
            "chars_per_s": round(chars / cold.seconds), "peak_rss_mb": peak_rss_mb(),
            "embedded_for_real": cold.embedded if cached is None else cached.misses,
            "vectors_from_cache": 0 if cached is None else cached.hits,
            "index_mb": folder_mb(settings.index_dir), "warm_unchanged": warm.unchanged}


def _manifest(settings):  # noqa: ANN001, ANN202
    from assistant.indexstore import IndexLayout, read_manifest

    return read_manifest(IndexLayout(settings.index_dir))


def _install_vector_cache(source: Path):  # noqa: ANN202 - CachedEmbedder
    """Serve ×1 vectors to the scaled ingest (see bench/synth.py for why and how this is reported)."""
    import corpus.ingest as ingest_module
    from assistant.embedders import embedder_from_settings
    from assistant.settings import Settings
    from bench.synth import CachedEmbedder, load_vector_cache

    base = Settings(data_dir=source)
    cached = CachedEmbedder(embedder_from_settings(base), load_vector_cache(base))
    ingest_module.embedder_from_settings = lambda _settings: cached  # bench-only: the scaled copies reuse vectors
    return cached


def run_query(args: argparse.Namespace) -> dict:
    from assistant.server import configure_process

    configure_process()
    started = time.perf_counter()
    from assistant.advisor import Advisor, ProfileInput
    from assistant.hints import profile_hints
    from assistant.runtime import Runtime
    from assistant.settings import Settings

    runtime = Runtime(Settings(data_dir=args.data_dir, rate_limit_per_min=0))
    retriever = runtime.retriever()
    retriever.search("预热", k=1)
    open_s = time.perf_counter() - started
    rest = rss_mb()
    asked = questions(20 if args.quick else 60)
    out: dict = {"open_s": round(open_s, 2), "rss_at_rest_mb": rest, "chunks": retriever.index.size}
    for mode in ("bm25", "dense", "fusion"):
        samples, cpu = [], []
        for question, profile in asked:
            hints = profile_hints(**profile) if profile and mode == "fusion" else None
            _forget_queries(runtime.embedder)  # every measured search pays for its query embedding
            begin, begin_cpu = time.perf_counter(), time.process_time()
            retriever.search(question, k=6, hints=hints, mode=mode)
            samples.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - begin_cpu) * 1000)
        out[f"retrieval_{mode}"] = percentiles(samples)
        out[f"retrieval_{mode}_cpu"] = percentiles(cpu)
    advisor = Advisor(runtime)
    samples, cpu = [], []
    _forget_queries(runtime.embedder)  # users' questions are new; fixed side queries may repeat, as in service
    for question, profile in asked:
        begin, begin_cpu = time.perf_counter(), time.process_time()
        advisor.respond(question, profile=ProfileInput(**profile) if profile else None, mode="extractive")
        samples.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
    out["ask_extractive"] = percentiles(samples)
    out["ask_extractive_cpu"] = percentiles(cpu)
    out["peak_rss_mb"] = peak_rss_mb()
    return out


def _forget_queries(embedder: object) -> None:
    """Drop the embedder's query-vector cache, if it has one, so latency includes the embedding."""
    cached = getattr(embedder, "_query", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


def run_embed(args: argparse.Namespace) -> dict:
    from assistant.embedders import embedder_from_settings
    from assistant.indexstore import IndexLayout, load_chunks, read_manifest
    from assistant.settings import Settings

    settings = Settings(data_dir=args.data_dir)
    manifest = read_manifest(IndexLayout(settings.index_dir))
    chunks = load_chunks(IndexLayout(settings.index_dir).chunks_path(manifest.generation))
    texts = [c.index_text() for c in chunks][: 16 if args.quick else 64]
    embedder = embedder_from_settings(settings)
    embedder.embed_passages(texts[:2])
    out: dict = {"texts": len(texts), "mean_chars": round(sum(map(len, texts)) / len(texts))}
    for batch in BATCHES:
        begin = time.perf_counter()
        for start in range(0, len(texts), batch):
            embedder.embed_passages(texts[start:start + batch])
        out[f"batch_{batch}"] = round(len(texts) / (time.perf_counter() - begin), 1)
    begin = time.perf_counter()
    for text in texts[:32]:
        embedder.embed_query(text[:40])
    out["query_ms"] = round((time.perf_counter() - begin) * 1000 / min(32, len(texts)), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("what", choices=["ingest", "query", "embed"])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--cache-from", type=Path)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    result = {"ingest": run_ingest, "query": run_query, "embed": run_embed}[args.what](args)
    print(json.dumps({**result, "machine": machine()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
