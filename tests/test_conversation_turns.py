"""Turns of a conversation as SME managers have them: a price asked after cases, a place's subsidies, a firm's trade
given after a general answer, an English follow-up to a clarifying question."""

from __future__ import annotations

from assistant.advisor import Advisor


def test_the_price_asked_after_peer_cases_says_what_firms_spend_not_the_same_cases_again(advisor: Advisor) -> None:
    cases = advisor.respond("我们是做汽配的，有没有同行的案例")
    cost = advisor.respond("那要花多少钱", session_id=cases.session_id)
    assert not cost.refused, cost.answer
    assert "投入参考" in cost.answer and "轻量级" in cost.answer, cost.answer  # the survey's spending levels
    shown = {c.quote for c in cases.citations}
    assert not shown & {c.quote for c in cost.citations}, cost.answer


def test_a_places_subsidies_are_not_answered_with_firms_complaints_about_its_finance(advisor: Advisor) -> None:
    result = advisor.respond("上海有什么补贴")
    assert not result.refused, result.answer
    assert not any("保守" in c.quote or "不够" in c.quote for c in result.citations), result.answer
    # the reports list no scheme 上海 runs: the answer says so, beside the national programmes they do describe
    assert "没有列出“上海”" in result.answer, result.answer
    assert any("试点城市" in c.quote for c in result.citations), result.answer


def test_naming_a_trade_the_reports_have_no_section_on_re_answers_with_the_lines_that_name_it(
        advisor: Advisor) -> None:
    general = advisor.respond("中小企业数字化转型从哪里入手")
    furniture = advisor.respond("具体点，对我们做家具的", session_id=general.session_id)
    assert furniture.profile.industry == "木材加工和家具", furniture.answer
    assert not furniture.refused and furniture.intent == "advice", furniture.answer
    # the reports never write a furniture section, but they do name the trade: its level and a furniture cluster
    assert "### 报告中提到贵行业的内容" in furniture.answer, furniture.answer
    assert any("家具" in c.quote for c in furniture.citations), furniture.answer


def test_an_injection_moulder_hears_what_the_reports_say_of_moulding_firms(advisor: Advisor) -> None:
    result = advisor.respond("我们是做注塑的，200人，数字化从哪开始搞", clarify=False)
    assert any("注塑" in c.quote for c in result.citations), result.answer


def test_any_examples_after_a_clarifying_question_is_one_answer_with_the_trades_cases(advisor: Advisor) -> None:
    asked = advisor.respond("we are a small machining shop, what should we digitalise first?")
    assert asked.mode == "clarify", asked.answer
    cases = advisor.respond("any examples?", session_id=asked.session_id)
    assert "asks 2 things" not in cases.answer and "**1." not in cases.answer, cases.answer
    assert any("有限公司" in c.quote for c in cases.citations), cases.answer


def test_how_to_choose_a_service_provider_is_answered_without_a_questionnaire(advisor: Advisor) -> None:
    for question in ("数字化转型服务商怎么选", "选数字化服务商有啥讲究", "how do we pick a digitalisation vendor?"):
        result = advisor.respond(question)
        assert result.mode != "clarify", (question, result.answer)
        assert any("服务商" in c.quote for c in result.citations), (question, result.answer)


def test_advice_for_a_firm_here_quotes_no_firm_abroad_as_a_case_to_learn_from(advisor: Advisor) -> None:
    result = advisor.respond("我们是做注塑的，200人，数字化从哪开始搞", clarify=False)
    cases = result.answer.split("### 可以借鉴的案例")[1].split("###")[0] if "### 可以借鉴的案例" in result.answer else ""
    assert "美国" not in cases, result.answer


def test_be_specific_for_our_trade_after_a_general_fact_answer_gives_that_answer_for_the_firm(advisor: Advisor) -> None:
    general = advisor.respond("数字化转型到底有啥用啊")
    specific = advisor.respond("具体点，对我们做汽配的", session_id=general.session_id)
    assert specific.mode == "extractive" and specific.intent == "advice", specific.answer
    assert any("汽车零部件" in c.quote for c in specific.citations), specific.answer


def test_how_to_get_past_it_after_the_four_obstacles_quotes_the_reports_way_out(advisor: Advisor) -> None:
    for follow_up in ("怎么破解", "那如何应对"):
        first = advisor.respond("中小企业数转四不是啥")
        result = advisor.respond(follow_up, session_id=first.session_id)
        assert not result.refused, (follow_up, result.answer)
        assert any("破解思维锁定困境" in c.quote for c in result.citations), (follow_up, result.answer)


def test_the_trade_given_after_a_question_answered_alike_for_every_firm_is_noted_not_answered_again(
        advisor: Advisor) -> None:
    first = advisor.respond("数字化服务商怎么选")
    trade = advisor.respond("我们是做泵阀的", session_id=first.session_id)
    assert trade.profile.industry == "压缩机、泵、阀等设备制造", trade.answer
    assert trade.mode == "reply" and not trade.citations, trade.answer


def test_more_instead_of_answering_our_clarifying_question_answers_the_question_we_held(advisor: Advisor) -> None:
    asked = advisor.respond("我们厂做家具的，三十来号人，想搞数字化不知道从哪下手")
    assert asked.mode == "clarify", asked.answer
    more = advisor.respond("还有呢", session_id=asked.session_id)
    assert more.mode == "extractive" and more.intent == "advice", more.answer
    assert "### 适合贵企业的场景" in more.answer, more.answer


def test_is_it_expensive_after_cases_is_a_cost_question_in_either_language(advisor: Advisor) -> None:
    for cases_ask, cost_ask, heading in (("我们是做PCB的，有案例吗", "贵不贵", "### 投入参考"),
                                         ("we make PCBs, any case studies?", "how much?", "### What firms spend")):
        cases = advisor.respond(cases_ask)
        cost = advisor.respond(cost_ask, session_id=cases.session_id)
        assert not cost.refused and heading in cost.answer, (cost_ask, cost.answer)
