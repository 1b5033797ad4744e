"""CI guard: a fixed, fast subset of the eval set runs through the real advisor on the shared index and must keep
every headline metric at or above the floors in eval/thresholds.json — a quality regression turns CI red."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.runtime import Runtime
from assistant.settings import Settings
from eval.dataset import DEFAULT_DATASET, ITEM_TYPES, load_dataset
from eval.records import ItemRecord
from eval.report import write_outputs
from eval.runner import EvalRunner, metric_keys, open_advisor, pick_scorer, select_items, summarise
from eval.thresholds import breaches, load_thresholds

HEADLINE = (*metric_keys(5), "n", "latency.p50_ms", "latency.p95_ms")


@pytest.fixture(scope="module")
def ci_run(shared_index_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run the CI subset once: the records, the summary and the files the eval command would write."""
    out = tmp_path_factory.mktemp("eval-ci")
    limits = load_thresholds().ci
    items = select_items(load_dataset(DEFAULT_DATASET), ids=limits.ids)
    runtime = Runtime(shared_index_settings)
    runner = EvalRunner(open_advisor(runtime, out / "sessions.sqlite3"), pick_scorer(runtime, "extractive"))
    started = time.perf_counter()
    records = runner.run(items, progress=False)
    seconds = time.perf_counter() - started
    summary = summarise(records, meta={"seconds": round(seconds, 1)})
    paths = write_outputs(out, summary, records)
    print(f"\nCI eval subset: {len(records)} items in {seconds:.1f} s")
    return {"items": items, "records": records, "summary": summary, "paths": paths, "limits": limits}


def test_the_ci_subset_is_small_fixed_and_covers_every_item_type(ci_run: dict):
    ids = ci_run["limits"].ids
    assert {i.id for i in ci_run["items"]} == set(ids), "every CI id must exist in the dataset"
    assert len(ids) <= 30
    assert set(Counter(i.type for i in ci_run["items"])) == set(ITEM_TYPES)


def test_headline_metrics_stay_at_or_above_the_ci_thresholds(ci_run: dict):
    found = breaches(ci_run["summary"], ci_run["limits"])
    assert not found, "eval regression on the CI subset:\n" + "\n".join(found) + \
        "\nworst items: see report.md in " + str(ci_run["paths"]["report.md"].parent)


def test_every_item_runs_in_its_own_fresh_session(ci_run: dict):
    records: list[ItemRecord] = ci_run["records"]
    sessions = [r.session_id for r in records]
    assert None not in sessions and len(set(sessions)) == len(records)


def test_the_run_writes_summary_items_report_and_chart(ci_run: dict):
    paths = ci_run["paths"]
    summary = json.loads(paths["summary.json"].read_text(encoding="utf-8"))
    assert set(HEADLINE) <= set(summary)
    assert set(summary["by_type"]) == set(ITEM_TYPES)
    assert all(set(HEADLINE) <= set(row) for row in summary["by_type"].values())
    lines = paths["items.jsonl"].read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert len(lines) == summary["n"]
    assert {"answer", "citations", "retrieved", "metrics"} <= set(first)
    report = paths["report.md"].read_text(encoding="utf-8")
    assert "## By type" in report and "## Worst 10 items" in report
    assert paths["chart.png"].read_bytes()[:4] == b"\x89PNG"


def test_answered_items_carry_their_retrieval_and_citations(ci_run: dict):
    answered = [r for r in ci_run["records"] if r.mode == "extractive"]
    assert answered, "the advisor answered nothing in the CI subset"
    assert all(r.citations and len(r.retrieved) == 10 for r in answered)


def _cli(settings: Settings, *args: str) -> int:
    return main(["--data-dir", str(settings.data_dir), "--corpus", str(settings.corpus_dir), "eval", *args])


def test_eval_command_fails_when_a_metric_is_below_the_given_thresholds(
        shared_index_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    strict = tmp_path / "strict.json"
    strict.write_text(json.dumps({"full": {"min": {"refusal.accuracy": 1.01}}, "ci": {}}), encoding="utf-8")
    code = _cli(shared_index_settings, "--types", "out_of_scope", "--limit", "2", "--out", str(tmp_path / "o"),
                "--check-thresholds", str(strict))
    assert code == 1
    assert "低于阈值：refusal.accuracy" in capsys.readouterr().err
    assert (tmp_path / "o" / "report.md").is_file()
    assert len((tmp_path / "o" / "items.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_eval_command_explains_an_unknown_item_type(shared_index_settings: Settings, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]):
    assert _cli(shared_index_settings, "--types", "factoid,trivia", "--out", str(tmp_path)) == 2
    assert "未知题型 trivia" in capsys.readouterr().err
