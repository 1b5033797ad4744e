"""The reports quote one kind of price, a service's rate per hour abroad; asked for, it is the answer. Any other price
question still says the reports give no prices."""

from __future__ import annotations

from assistant.advisor import Advisor

NO_PRICES = "没有给出价格"


def test_the_robot_as_a_service_rate_abroad_is_quoted_when_asked(advisor: Advisor):
    for question in ("国外机器人按小时订阅多少钱", "美国那种机器人订阅服务怎么收费"):
        result = advisor.respond(question)
        assert not result.refused, question
        assert "每小时10-25美元" in result.answer.split("来源")[0], question
        assert NO_PRICES not in result.answer, question
        assert "### " not in result.answer, question  # a fact, not cost advice padded with scenarios


def test_a_system_s_price_is_still_said_to_be_missing(advisor: Advisor):
    result = advisor.respond("MES系统多少钱")
    assert NO_PRICES in result.answer
    assert "每小时10-25美元" not in result.answer

