"""A city's own measures lead the answer on its policies: "重庆有什么政策" quotes what 重庆市政府 set up (the reports name
it in a paragraph on regional practice that a search full of support words ranks low), not only national programmes
and a note that the reports never mention 重庆."""

from __future__ import annotations

from assistant.advisor import Advisor


def test_chongqing_policy_quotes_the_citys_own_measure(advisor: Advisor) -> None:
    result = advisor.respond("重庆有什么政策")
    assert not result.refused
    assert any("重庆市政府" in c.quote for c in result.citations), result.answer
    assert "没有专门提到“重庆”" not in result.answer


def test_a_firms_own_city_brings_its_measures_into_advice(advisor: Advisor) -> None:
    result = advisor.respond("我们是东莞做五金的，50人，纸质办公，有啥补贴", clarify=False)
    assert any("东莞" in c.quote for c in result.citations), result.answer
