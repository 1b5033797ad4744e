"""An owner tells several pains at once, is asked a clarifying question, and replies with one of the pains instead:
that pain is answered for the firm, not mixed back into the whole first message."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor

PAINS = ("你好，我们是做注塑件的小厂，四十多人，问题一大堆：订单杂、批量小，排产全靠厂长脑子记，经常交期延误；出了质量问题查不到原因；"
         "仓库账对不上；老师傅要退休了经验留不下来。我该先从哪里下手？")



def test_a_pain_asked_about_instead_of_answering_the_clarifying_question_is_answered_on_its_own(
        advisor: Advisor) -> None:
    first = advisor.respond(PAINS)
    assert first.mode == "clarify"
    result = advisor.respond("质量追溯具体怎么做", session_id=first.session_id)
    assert result.query == "质量追溯具体怎么做"
    assert "橡胶和塑料制品" in result.answer  # still for this firm
    quotes = [c.quote for c in result.citations]
    assert sum("追溯" in q for q in quotes) >= 2, result.answer


def test_a_bare_follow_up_instead_of_an_answer_still_asks_about_the_held_question(advisor: Advisor) -> None:
    first = advisor.respond("我们是做食品的，50人，食品安全追溯怎么做")
    if first.mode != "clarify":
        pytest.skip("no clarifying question was asked")
    result = advisor.respond("有补贴吗", session_id=first.session_id)
    assert "追溯" in result.query


def test_which_of_the_listed_pains_first_says_the_reports_rank_none_for_a_firm(advisor: Advisor) -> None:
    result = advisor.respond("我们做机加工的，60人，用Excel，现在几个问题：订单多品种小批量、交期老拖、质量追溯难、老师傅要退休，先做哪个？")
    assert not result.refused and result.citations
    assert "报告没有针对一家企业给这几项排先后" in result.answer
