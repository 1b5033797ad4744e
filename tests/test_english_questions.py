"""English factual questions find what their Chinese versions find: the lexicon reads them in the reports' words."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor


@pytest.mark.parametrize(("question", "quoted"), [
    ("cloud adoption rate of smes", "上云率"),  # 上云率多少
    ("what are the main barriers for smes", "阻碍中小企业转型"),  # 主要障碍
    ("what is a little giant company", "小巨人"),  # 什么是小巨人企业
    ("what are the stages of digital transformation", "四个阶段"),  # 有哪几个阶段
    ("why do digital projects fail at smes", "功能弃用"),  # the reports' system dropped after roll-out
    ("What percentage of SMEs have moved to the cloud?", "上云率"),  # 上云的比例
    ("What is the 专精特新 designation?", "专精特新"),  # a Chinese term typed into an English question
])
def test_an_english_factual_question_quotes_what_its_chinese_version_does(advisor: Advisor, question: str,
                                                                         quoted: str) -> None:
    result = advisor.respond(question, clarify=False)
    assert not result.refused, result.answer
    assert any(quoted in c.quote for c in result.citations), result.answer


def test_an_english_answer_names_the_firm_without_brackets_inside_brackets(advisor: Advisor) -> None:
    result = advisor.respond("We're a 120-person auto parts supplier still on Excel. What should we digitalise first?",
                             clarify=False)
    opening = result.answer.splitlines()[0]
    assert "auto parts (汽车零部件)" in opening and "))" not in opening, opening
