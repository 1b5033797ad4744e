"""How a named place goes about digitalisation is the same answer for every firm: it is answered from the reports'
account of that place at once, with no questions about the asker's own firm first."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.dialogue import classify_intent


@pytest.mark.parametrize("question, place", [("浙江的数字化改革具体怎么做的", "浙江"), ("海曙区是怎么支持企业的", "海曙"),
                                             ("杭州有啥做法", "杭州")])
def test_a_places_practice_is_answered_without_a_clarifying_question(advisor: Advisor, question: str,
                                                                      place: str) -> None:
    result = advisor.respond(question)
    assert result.mode != "clarify" and not result.refused, result.answer
    assert any(place in c.quote for c in result.citations), result.answer


@pytest.mark.parametrize("question", ["我们宁波的厂子怎么做数字化", "我们是杭州的，下一步怎么做"])
def test_the_askers_own_firm_in_a_place_is_still_asked_for_advice(question: str) -> None:
    assert classify_intent(question, turns=0, has_facts=True).intent == "advice"


def test_writing_a_subsidy_application_is_redirected_not_questioned(advisor: Advisor) -> None:
    result = advisor.respond("帮我写个申请补贴的材料")
    assert result.mode != "clarify" and result.refused and "代写" in result.answer, result.answer
