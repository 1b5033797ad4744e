"""Owners ask for peers' cases without the word 案例 ("有没有类似的厂子做过", "别的厂都咋弄的"), and ask again after
cases were shown: they get firms' stories for what was just discussed, and never the same firm twice."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from assistant.case_asks import bare_peer_ask
from assistant.dialogue import asks_for_cases
from assistant.support import company_names


@pytest.mark.parametrize("message", ["有没有类似的厂子做过", "别的厂都咋弄的", "同行咋搞的", "其他厂怎么做的", "有谁家做过吗",
                                     "像我们这样的厂有做成的吗", "有没有做得好的厂可以参考", "别人家是怎么搞的"])
def test_asking_whether_other_firms_did_it_is_a_request_for_cases(message: str) -> None:
    assert asks_for_cases(message)
    assert bare_peer_ask(message)


@pytest.mark.parametrize("message", ["我们厂怎么搞", "其他方面怎么做", "类似的政策有吗", "其他企业都有补贴吗", "人家都上了MES我们要不要上",
                                     "数字化转型怎么做"])
def test_other_questions_are_not_requests_for_cases(message: str) -> None:
    assert not asks_for_cases(message)


def _firms(result) -> set[str]:  # noqa: ANN001
    return {name for c in result.citations for name in company_names(c.quote)}


def test_did_a_firm_like_ours_do_it_gets_cases_of_the_firms_trade(advisor: Advisor) -> None:
    first = advisor.respond("我们是做五金冲压的，东莞，50来人，纸质为主，下一步该上啥", clarify=False)
    result = advisor.respond("有没有类似的厂子做过", session_id=first.session_id)
    assert not result.refused
    firms = _firms(result)
    assert firms, result.answer  # firms' stories, not survey lines or America's programmes
    assert not any("美国" in c.quote for c in result.citations), result.answer


def test_asking_for_cases_again_never_shows_a_case_already_shown(advisor: Advisor) -> None:
    first = advisor.respond("设备老是坏，停机损失大咋办", clarify=False)
    second = advisor.respond("有案例吗", session_id=first.session_id)
    third = advisor.respond("有案例吗", session_id=first.session_id)
    shown = _firms(first)
    assert shown, first.answer
    assert not shown & _firms(second), second.answer
    assert not (shown | _firms(second)) & _firms(third), third.answer


def test_cases_asked_after_an_answer_that_showed_none_are_never_said_to_be_all_listed(advisor: Advisor) -> None:
    first = advisor.respond("专精特新有啥政策")
    zhejiang = advisor.respond("浙江呢", session_id=first.session_id)
    assert not any(c.quote and _firms(zhejiang) for c in zhejiang.citations)  # no firm's story shown yet
    cases = advisor.respond("有案例吗", session_id=first.session_id)
    assert "前面的回答已经全部列出了" not in cases.answer, cases.answer


def test_cases_asked_after_the_price_are_cases_of_the_topic_not_of_its_price(advisor: Advisor) -> None:
    first = advisor.respond("我们是做五金冲压的，东莞，50来人，纸质为主，下一步该上啥", clarify=False)
    advisor.respond("那要花多少钱", session_id=first.session_id)
    cases = advisor.respond("有没有类似的厂子做过", session_id=first.session_id)
    assert "多少钱" not in cases.query and not cases.refused, cases.answer
    assert _firms(cases), cases.answer
    # a firm already shown is named whole in the note, its city included
    assert "（市" not in cases.answer and "、市" not in cases.answer
