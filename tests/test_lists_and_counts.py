"""Questions whose answer is a list or a count: a list the reports give as consecutive paragraphs is quoted item by
item, a long sentence listing the items is quoted with its listing clause, and "有几种" is answered with the count."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor

_CLUSTERS = ("环渤海", "长江三角洲", "珠江三角洲", "中西部")
_PATHS = ("龙头企业推动的供应链上下游中小企业链式转型", "集群、园区推动的区域内中小企业集体转型",
          "工业互联网平台利用产业资源牵引", "“小快轻准”技术产品支撑的中小企业数字化转型")


@pytest.mark.parametrize("question", ["四大产业集聚区是哪些", "4大产业聚集区有哪些", "我国智能制造的四大产业集聚区分别在哪",
                                      "What are the four industrial clusters of smart manufacturing in China?"])
def test_a_list_laid_out_as_paragraphs_is_quoted_item_by_item(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert all(region in result.answer for region in _CLUSTERS), result.answer
    assert "没有列出" not in result.answer and "do not list" not in result.answer


@pytest.mark.parametrize("question", ["四大转型路径分别是什么", "中小企业数字化转型的四条路径是啥", "4大转型路经都有哪些",
                                      "what are the four transformation paths"])
def test_each_of_the_four_paths_is_named(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert all(path in result.answer for path in _PATHS), result.answer


def test_a_list_question_keeps_the_clause_that_lists_the_items(advisor: Advisor) -> None:
    # the sentence naming the four paths is cut for length; the cut must not drop the first three
    result = advisor.respond("中小企业数字化转型有哪些路径")
    assert all(path in result.answer for path in _PATHS), result.answer


@pytest.mark.parametrize("question", ["转型路径有几种", "数字化转型的路子有几种啊", "数字化转型一共分几类路径",
                                      "有几条路径", "有几种路径呢"])
def test_how_many_paths_is_answered_with_the_count(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert result.intent == "fact" and result.citations, result.answer
    assert "四大" in result.citations[0].quote and "没有直接给出" not in result.answer, result.answer


@pytest.mark.parametrize("question", ["how many stages are there", "how many stages r there in digital transformation"])
def test_how_many_stages_in_english_quotes_the_four_stages(advisor: Advisor, question: str) -> None:
    result = advisor.respond(question)
    assert result.citations and "四个阶段" in result.citations[0].quote, result.answer
    assert "do not give" not in result.answer


def test_what_paths_are_there_asked_colloquially_is_a_fact_question(advisor: Advisor) -> None:
    result = advisor.respond("转型路径都有啥")
    assert result.intent == "fact" and result.citations, result.answer


def test_a_digit_counting_a_list_is_no_figure_to_check() -> None:
    from assistant.constraints import asked_figures

    assert asked_figures("4大产业聚集区是啥") == set()
    assert asked_figures("听说有5个试点城市？") == {"5"}  # a figure claimed is still checked


def test_a_footnote_under_a_counting_heading_is_no_item(advisor: Advisor) -> None:
    # "特征2：转型环节集中在两个领域" is followed by two paragraphs: a footnote ("注1：…") and a list of sub-steps
    result = advisor.respond("转型环节集中在哪两个领域")
    assert "注1" not in result.answer and "经营管理和生产制造" in result.answer, result.answer


def test_a_count_word_alone_picks_no_list_under_another_heading(advisor: Advisor) -> None:
    # "哪四个不" shares only "四个" with "（一）呈现四个转型特征": the four 不 are the answer, not the four features
    result = advisor.respond("老听人说小厂转型有“四不”，具体是哪四个不啊？")
    assert "不想转" in result.answer and "特征1" not in result.answer, result.answer
