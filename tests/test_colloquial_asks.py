"""Owners ask for advice the way they speak ("咋办", "咋整", "能不能分步做", "经验怎么留下来"): these are asks for
advice on their own firm's problem, answered from the reports' guidance, not refused as facts the reports lack."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.dialogue import classify_intent


@pytest.mark.parametrize("message", ["服务商做一半跑路了咋办", "排产老乱咋整", "钱不够，能不能分步做", "老师傅的经验怎么留下来",
                                     "上了ERP没人用咋办，员工嫌麻烦"])
def test_colloquial_asks_for_advice_are_advice(message: str) -> None:
    assert classify_intent(message, turns=0, has_facts=False).intent == "advice"


@pytest.mark.parametrize("message", ["特斯拉咋做的", "鹰潭是咋搞的"])
def test_how_someone_else_did_it_is_still_a_question_about_them(message: str) -> None:
    assert classify_intent(message, turns=0, has_facts=False).intent == "fact"


@pytest.mark.parametrize("message, quoted", [("服务商做一半跑路了咋办", "保证金"), ("老师傅的经验怎么留下来", "有经验的老员工"),
                                             ("钱不够，能不能分步做", "投入")])
def test_an_owners_problem_typed_colloquially_is_answered_not_refused(advisor: Advisor, message: str,
                                                                     quoted: str) -> None:
    result = advisor.respond(message, clarify=False)
    assert not result.refused, result.answer
    assert any(quoted in c.quote for c in result.citations), result.answer


def test_a_bare_zenme_ban_after_our_question_resumes_the_owners_own_problem(advisor: Advisor) -> None:
    first = advisor.respond("我们是做模具的，30个人，设备老是停")
    assert first.mode == "clarify", first.answer  # a problem told, not only a profile
    result = advisor.respond("那咋整", session_id=first.session_id)
    assert "设备老是停" in result.query and not result.refused, result.answer


def test_a_bare_zenme_ban_after_an_answer_asks_about_that_answers_topic(advisor: Advisor) -> None:
    first = advisor.respond("我们是做注塑的，50人，用Excel，仓库老是对不上账，下一步做什么")
    result = advisor.respond("咋办", session_id=first.session_id)
    assert "仓库" in result.query and not result.refused, result.answer


@pytest.mark.parametrize("message", ["How can a small factory start with MES?", "How could we get started with cloud ERP?",
                                     "Where to start with digitalisation in a small plant?"])
def test_how_to_begin_asked_in_english_is_advice(message: str) -> None:
    assert classify_intent(message, turns=0, has_facts=False).intent == "advice"


def test_how_a_small_factory_starts_with_mes_is_answered_not_refused(advisor: Advisor) -> None:
    result = advisor.respond("How can a small factory start with MES?", clarify=False)
    assert not result.refused, result.answer
    assert any("MES" in c.quote for c in result.citations), result.answer
