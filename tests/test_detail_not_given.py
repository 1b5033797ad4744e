"""A fact question asking for a detail the reports do not state (a score, a rate, what a named model is made of, how
common something is, tax measures) is answered with the nearest quote *and* a plain note that the detail itself is
missing; the same kind of question whose answer the quote does give gets no such note."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor

NOT_GIVEN = ("没有直接给出", "没有列出")


def _notes(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.startswith("说明：") and any(n in line for n in NOT_GIVEN)]


@pytest.mark.parametrize(("question", "named"), [
    ("上海的两化融合指数具体是多少分？", "分值"),  # the quote says 稳居全国前5位: a rank, no score
    ("上海的两化融合指数具体是多少", "两化融合指数"),
    ("中小企业数字化转型的普及率多少", "普及率"),  # the quotes hold other shares (53% 不了解…), none of 普及率
    ("鹰潭高新区那个“6+X”模式，6和X分别指什么？", "6+X"),  # the quote names the model and lists none of its parts
    ("鹰潭高新区“6+X”模式里的“6”具体是哪六个", "6+X"),
    ("转型失败的企业多不多", "失败"),
    ("国家对中小企业数字化转型有哪些税收优惠政策", "税收"),
    ("专精特新小巨人企业完整名单在哪", "完整名单"),
])
def test_a_detail_the_quotes_do_not_give_is_said_to_be_missing(advisor: Advisor, question: str, named: str) -> None:
    result = advisor.respond(question)
    assert not result.refused and result.citations, result.answer
    notes = _notes(result.answer)
    assert notes and named in notes[0], result.answer


@pytest.mark.parametrize(("question", "given"), [
    ("中小微企业上云率多少", "30%"),
    ("中小厂转型的“四不”分别是什么", "不敢转"),
    ("智能制造试点示范项目分布在几个省份", "31个省份"),
])
def test_the_answerable_twin_gets_no_such_note(advisor: Advisor, question: str, given: str) -> None:
    result = advisor.respond(question)
    assert any(given in c.quote for c in result.citations), result.answer
    assert not _notes(result.answer), result.answer


@pytest.mark.parametrize("question", ["中小企业数字化转型有几个特征", "数字化转型有几个特点"])
def test_how_many_features_quotes_the_sentence_counting_them_though_the_search_missed_it(advisor: Advisor,
                                                                                          question: str) -> None:
    # "受访企业数字化转型有4个特征，即…" sits under the heading "（一）呈现四个转型特征", which the search does not reach
    result = advisor.respond(question)
    assert result.citations and "4个特征" in result.citations[0].quote, result.answer
    assert not _notes(result.answer), result.answer


def test_a_count_of_something_else_is_no_answer_to_how_many(advisor: Advisor) -> None:
    # the quotes count firms surveyed (450余家) and stages of a technology, never the stages of transformation
    result = advisor.respond("how many stages does SME digital transformation go through")
    assert "四个阶段" in result.citations[0].quote or "do not give the number" in result.answer, result.answer
