"""The bench's own parts: scaled corpora, the ×1 vector cache, the report, and the load test against a server."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import numpy as np
import pytest

from assistant.commands.bench_cmd import parse_scales
from assistant.embedders import embedder_from_settings
from assistant.settings import Settings
from bench.report import markdown, write_all
from bench.stats import percentiles
from bench.synth import CachedEmbedder, make_scaled_corpus

DOC = "数字化车间建设指引\n\n一、设备联网\n企业应先梳理车间设备清单，规划车间网络，再为老旧设备加装采集模块。\n"


def test_scale_list_is_parsed_and_nonsense_is_refused_with_the_expected_form() -> None:
    assert parse_scales("100,1,10,10") == [1, 10, 100]
    for bad in ("", "0", "a,b", "1,-5", "5000"):
        with pytest.raises(ValueError, match="1,10,100"):
            parse_scales(bad)


def test_scaled_corpus_copies_every_document_under_new_names_and_titles(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(DOC, encoding="utf-8")
    (source / "b.txt").write_text(DOC.replace("设备", "产线"), encoding="utf-8")
    (source / "manifest.json").write_text(json.dumps({"a.txt": {"title": "指引甲"}}), encoding="utf-8")
    out = make_scaled_corpus(source, tmp_path / "x3", 3)
    files = sorted(p.name for p in out.glob("*.txt"))
    assert len(files) == 6 and "x002_b.txt" in files
    assert (out / "x001_a.txt").read_text(encoding="utf-8") == DOC
    titles = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
    assert titles["x000_a.txt"]["title"] == "指引甲"
    assert titles["x002_a.txt"]["title"] == "指引甲（合成副本 2）"
    assert len({t["title"] for t in titles.values()}) == 6


def test_vector_cache_serves_known_texts_nearly_unchanged_and_embeds_new_ones_for_real() -> None:
    real = embedder_from_settings(Settings())
    known = "企业应先梳理车间设备清单。"
    cached = CachedEmbedder(real, {known: real.embed_passages([known])[0]})
    first, second = cached.embed_passages([known, known])
    assert np.allclose(first, cached.cache[known])
    assert not np.allclose(second, first) and float(second @ first) > 0.999
    assert abs(float(np.linalg.norm(second)) - 1.0) < 1e-4
    fresh = "政府对中小企业上云给予补贴。"
    got = cached.embed_passages([fresh])[0]
    assert np.allclose(got, real.embed_passages([fresh])[0], atol=1e-5)
    assert (cached.hits, cached.misses) == (2, 1)


def test_percentiles_of_latencies() -> None:
    stats = percentiles([float(v) for v in range(1, 101)])
    assert stats["n"] == 100 and stats["p50"] == pytest.approx(50.5) and stats["p95"] == pytest.approx(95.05)
    assert percentiles([])["p95"] == 0.0


def test_report_has_a_column_per_scale_and_a_real_png(tmp_path: Path) -> None:
    lat = {"n": 3, "p50": 10.0, "p95": 20.0, "p99": 30.0, "mean": 12.0}
    row = {"ingest": {"chunks": 220, "cold_s": 40.5, "warm_s": 0.2, "index_mb": 9.5},
           "query": {"open_s": 1.5, "retrieval_bm25": lat, "retrieval_dense": lat, "retrieval_fusion": lat,
                     "ask_extractive": lat}, "startup": {"best_s": 3.1, "worst_s": 3.4}}
    results = {"machine": {"cpus": 2}, "scales": {"1": row, "10": row}, "notes": ["synthetic ×10"]}
    text = markdown(results)
    assert "| metric | ×1 | ×10 |" in text and "| fused p50/p95/p99 ms | 10.0 / 20.0 / 30.0 |" in text
    assert "| server ready s (best/worst) | 3.1 / 3.4 | 3.1 / 3.4 |" in text and "- synthetic ×10" in text
    paths = write_all(results, tmp_path)
    assert paths[2].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(paths[0].read_text(encoding="utf-8"))["scales"]["10"]["ingest"]["chunks"] == 220


@pytest.mark.slow
def test_load_test_reports_every_request_against_a_real_server(tmp_path: Path) -> None:
    from bench.loadtest import run_load
    from bench.serving import start_server, stop_server, wait_ready
    from corpus.ingest import ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "guide.txt").write_text(DOC + "\n二、数据采集\n对数控机床采集运行状态、加工数量和报警信息，数据统一汇入设备管理平台。\n",
                                      encoding="utf-8")
    ingest(Settings(data_dir=tmp_path / "data", corpus_dir=corpus))
    proc, base = start_server(tmp_path / "data", extra_env={"SME_ADVISOR_CORPUS_DIR": str(corpus)})
    try:
        wait_ready(base, proc)
        result = asyncio.run(run_load(base, clients=4, total=24, max_seconds=120))
    finally:
        stop_server(proc)
    summary = result.summary()
    assert summary["completed"] == 24 and summary["errors"] == 0, summary
    assert summary["throughput_rps"] > 0 and 0 < summary["p50_ms"] <= summary["p95_ms"]
