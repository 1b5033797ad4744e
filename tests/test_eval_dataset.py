"""The evaluation dataset is well-formed, grounded in the corpus and phrased the way SME owners ask."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.errors import InputError
from eval.dataset import DEFAULT_DATASET, ITEM_TYPES, load_dataset
from eval.verify_dataset import (
    COPY_RUN,
    default_corpus_dir,
    gold_passage,
    load_corpus,
    longest_common_run,
    main,
    verify,
)

CORPUS = default_corpus_dir()
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")


@pytest.fixture(scope="module")
def items():
    return load_dataset(DEFAULT_DATASET)


def test_the_dataset_verifies_against_the_corpus():
    report = verify(DEFAULT_DATASET, CORPUS)
    assert report.ok, "\n".join(report.problems)


def test_it_has_at_least_100_items_and_every_type_at_least_five_times(items):
    assert len(items) >= 100
    counts = Counter(item.type for item in items)
    assert {t: counts[t] for t in ITEM_TYPES if counts[t] < 5} == {}
    for main_type in ("factoid", "scenario_advice", "policy", "case", "numeric"):
        assert counts[main_type] >= 12, main_type


def test_no_question_copies_a_long_run_of_its_gold_passage(items):
    corpus = load_corpus(CORPUS)
    copied = [
        (item.id, longest_common_run(item.question, gold_passage(corpus[g.doc], g.quote)))
        for item in items
        for g in item.gold
    ]
    assert [c for c in copied if c[1] >= COPY_RUN] == []


def test_gold_is_spread_over_all_five_documents(items):
    docs = Counter(g.doc for item in items for g in item.gold)
    assert set(docs) == {p.name for p in CORPUS.glob("*.txt")}
    assert all(n >= 5 for n in docs.values()), docs


def test_there_are_english_and_colloquial_questions(items):
    english = [i for i in items if not re.search(r"[\u4e00-\u9fff]", i.question)]
    assert len(english) >= 10
    assert any(word in i.question for i in items for word in ("做模具的", "汽配厂", "小药厂"))


def test_special_types_carry_their_expected_behaviour(items):
    for item in items:
        if item.type == "injection":
            assert item.canary and item.canary in item.question
        if item.type == "clarify":
            assert item.expect_clarify and item.profile is None
        if item.type == "out_of_scope":
            assert item.must_refuse and not item.gold
        if item.type == "false_premise":
            assert item.expect in {"refuse", "correct"}
            assert item.must_refuse == (item.expect == "refuse")


def test_verification_lists_every_problem_and_exits_nonzero(tmp_path: Path, capsys):
    good = DEFAULT_DATASET.read_text(encoding="utf-8").splitlines()[0]
    bad_quote = json.loads(good) | {
        "id": "x-2",
        "gold": [{"doc": "000_3d77f6adaf98a767.txt", "quote": "报告里没有这句话的原文内容"}],
    }
    bad_type = json.loads(good) | {"id": "x-3", "type": "chitchat"}
    path = tmp_path / "bad.jsonl"
    path.write_text(
        "\n".join(
            [
                good,
                good,
                json.dumps(bad_quote, ensure_ascii=False),
                json.dumps(bad_type, ensure_ascii=False),
                "{not json",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    report = verify(path, CORPUS)
    text = "\n".join(report.problems)
    assert "duplicate id" in text
    assert "quote not found" in text
    assert "type" in text and "bad.jsonl:4" in text
    assert "bad.jsonl:5" in text and "JSON" in text
    assert main([str(path), "--corpus", str(CORPUS)]) == 1
    assert "problem" in capsys.readouterr().out


def test_loading_a_bad_line_names_the_line_and_the_field(tmp_path: Path):
    path = tmp_path / "one.jsonl"
    path.write_text(
        '{"id": "a", "question": "q", "profile": null, "type": "factoid", "gold": [], "key_points": []}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"one\.jsonl:1.*must_refuse"):
        load_dataset(path)
