"""The labelled questions behind the confidence model: used for the corpus they label, never for another."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.confidence import load_calibration
from assistant.question_bank import load_bank
from assistant.retrieval import HybridRetriever
from assistant.runtime import Runtime
from assistant.settings import Settings
from tests.small_corpus import QUESTION, build_small_index


@pytest.fixture(scope="module")
def retriever(shared_index_settings: Settings) -> HybridRetriever:
    return Runtime(shared_index_settings).retriever()


def test_chinese_questions_on_the_shared_corpus_are_scored_with_the_votes_of_the_labelled_questions(
        retriever: HybridRetriever) -> None:
    assert retriever.vote is not None and not retriever.calibration.uses_vote
    chinese = retriever.search("中小企业数字化转型主要有哪几条路径")
    assert chinese.features.neighbour_vote is not None and chinese.threshold == retriever.vote.model.threshold


def test_english_questions_keep_the_generic_model(retriever: HybridRetriever) -> None:
    english = retriever.search("What is the pilot city programme for SME digital transformation?")
    assert english.features.neighbour_vote is None and english.threshold == retriever.calibration.threshold
    assert english.covered


def test_another_corpus_is_scored_by_the_generic_model(tmp_path: Path) -> None:
    retriever = Runtime(build_small_index(tmp_path)).retriever()
    result = retriever.search(QUESTION)
    assert retriever.vote is None and result.features.neighbour_vote is None


def test_questions_asked_like_known_near_misses_lean_out_of_corpus(retriever: HybridRetriever) -> None:
    assert retriever.vote is not None
    bank = retriever.vote.bank
    answerable = bank.vote(retriever.query_vector("小厂搞数字化转型一般走哪几条路子"))
    price = bank.vote(retriever.query_vector("金蝶云星空一年订阅费多少"))
    local_amount = bank.vote(retriever.query_vector("佛山市对企业上云每家具体补贴多少钱"))
    assert answerable > 0.8 and price < 0.5 and local_amount < 0.5


def test_a_bank_question_is_voted_on_as_if_it_were_not_in_the_bank_when_fitting(retriever: HybridRetriever) -> None:
    assert retriever.vote is not None
    bank = retriever.vote.bank
    i = int(np.argmin(bank.in_corpus))  # an out-of-corpus question of the bank
    keep = [j for j in range(len(bank.questions)) if j != i]
    without = replace(bank, questions=tuple(bank.questions[j] for j in keep), vectors=bank.vectors[keep],
                      in_corpus=bank.in_corpus[keep])
    vector = bank.vectors[i]
    assert bank.vote(vector, exclude=bank.questions[i]) == pytest.approx(without.vote(vector))
    assert bank.vote(vector) <= without.vote(vector)  # its own "out" label would pull its vote down


def test_a_changed_document_or_another_embedder_retires_the_labels(retriever: HybridRetriever) -> None:
    assert retriever.vote is not None
    bank = retriever.vote.bank
    assert bank.fits(bank.corpus, bank.embedder)
    assert not bank.fits(bank.corpus[:-1], bank.embedder)
    assert not bank.fits([*bank.corpus[:-1], bank.corpus[-1].split(":")[0] + ":changed"], bank.embedder)
    assert not bank.fits(bank.corpus, "openai/text-embedding-3-small")


def test_an_unreadable_bank_leaves_the_generic_model_in_charge(tmp_path: Path,
                                                                  shared_index_settings: Settings) -> None:
    broken = tmp_path / "bank.npz"
    broken.write_bytes(b"not a bank")
    assert load_bank(broken) is None
    runtime = Runtime(shared_index_settings)
    runtime.question_bank = None  # as load_bank gives for a missing or broken file
    retriever = runtime.retriever()
    assert retriever.vote is None and retriever.search("红烧肉怎么做才好吃").covered is False


def test_both_shipped_models_fit_the_shipped_features() -> None:
    assert load_calibration().threshold > 0 and not load_calibration().uses_vote
    assert load_calibration(with_vote=True).uses_vote


@pytest.mark.parametrize("question", ["印度对中小企业数字化有什么补贴", "What does India do for SME digitalisation?"])
def test_a_country_the_reports_never_discuss_is_not_answered_from_other_countries(
        retriever: HybridRetriever, question: str) -> None:
    result = retriever.search(question)
    assert result.unmet.countries == ("印度",) and result.features.subject_absent and not result.covered


@pytest.mark.parametrize("question", ["光伏组件厂的数字化转型案例有哪些", "餐饮连锁店怎么做数字化",
                                      "Which solar panel makers have gone digital?"])
def test_a_trade_the_reports_never_discuss_is_a_missing_subject(retriever: HybridRetriever, question: str) -> None:
    result = retriever.search(question)
    assert result.unmet.trades and result.features.subject_absent and not result.covered


def test_a_comparison_of_countries_the_passages_all_speak_of_is_covered(retriever: HybridRetriever) -> None:
    compared = retriever.search("美国和欧盟的政策有啥区别")
    assert compared.features.countries_found and compared.covered
    # one of them never discussed: still not covered
    assert not retriever.search("美国和印度的中小企业政策有啥区别").covered


@pytest.mark.parametrize("question", ["巴西政府怎么帮中小企业建智慧工厂", "How does Japan subsidise SMEs buying IT tools?"])
def test_a_country_the_reports_discuss_is_not_a_missing_detail(retriever: HybridRetriever, question: str) -> None:
    result = retriever.search(question)
    assert not result.unmet and result.covered


def test_a_country_the_corpus_names_elsewhere_is_a_retrieval_miss_not_a_missing_subject(
        retriever: HybridRetriever) -> None:
    result = retriever.search("What subsidies does Germany give SMEs for going digital?")
    assert not result.features.subject_absent and result.unmet.countries == ()
