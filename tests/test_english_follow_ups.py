"""English follow-ups lean on the conversation as Chinese ones do (有案例吗, 还有吗, 江苏呢, 要花多少钱, 有补贴吗)."""

from __future__ import annotations

from assistant.advisor import Advisor

ELECTRONICS_SHOP = ("we're a 60 person electronics assembly shop in suzhou, mostly paper + excel. "
                    "what should we digitalise first?")



def test_asking_for_examples_after_advice_quotes_the_firms_own_trades_cases_then_more_never_one_shown_before(
        advisor: Advisor) -> None:
    first = advisor.respond(ELECTRONICS_SHOP)
    cases = advisor.respond("any examples?", session_id=first.session_id)
    quotes = [c.quote for c in cases.citations]
    # the reports' electronics cases (PCB and SMT assembly), not America's small-business programmes
    assert any("SMT" in q or "印刷电路板" in q for q in quotes), cases.answer
    assert not any("美国" in q for q in quotes), cases.answer
    shown = {c.quote for c in first.citations}
    assert not shown & set(quotes), cases.answer  # the advice's own cases are not quoted twice
    more = advisor.respond("more?", session_id=first.session_id)
    assert not {c.quote for c in more.citations} & (shown | set(quotes)), more.answer
    assert all("有限公司" in c.quote for c in more.citations), more.answer


def test_asking_for_government_money_after_advice_gets_the_support_for_that_firm(advisor: Advisor) -> None:
    first = advisor.respond(ELECTRONICS_SHOP)
    money = advisor.respond("is there money from the govt for this?", session_id=first.session_id)
    assert not money.refused and money.intent == "advice", money.answer
    headings = [line for line in money.answer.splitlines() if line.startswith("### ")]
    assert headings[0] == "### Policies and support to watch", money.answer


def test_a_place_a_price_and_a_cheaper_way_asked_after_a_subsidy_question_are_answered(advisor: Advisor) -> None:
    first = advisor.respond("what subsidies are there for sme digital transformation?")
    jiangsu = advisor.respond("in jiangsu?", session_id=first.session_id)
    assert not jiangsu.refused and any("江苏" in c.quote for c in jiangsu.citations), jiangsu.answer
    cost = advisor.respond("how much does it cost?", session_id=first.session_id)
    assert not cost.refused and "### What firms spend (survey figures in the reports)" in cost.answer, cost.answer
    cheaper = advisor.respond("cheaper option?", session_id=first.session_id, clarify=False)
    assert not cheaper.refused and cheaper.citations, cheaper.answer


def test_another_headcount_asked_after_advice_is_a_what_if_that_leaves_the_firms_size_alone(
        advisor: Advisor) -> None:
    first = advisor.respond("We make auto parts in Ningbo, 400 employees, we use ERP. What should we digitalise next?")
    small = advisor.respond("and for 50 people?", session_id=first.session_id)
    assert not small.refused and "Answered for small and micro firms as asked" in small.answer, small.answer
    assert small.profile.size == first.profile.size == "中型"
    later = advisor.respond("what should we do about quality inspection?", session_id=first.session_id)
    assert later.profile.size == "中型" and "medium-sized (中型)" in later.answer.splitlines()[0]


def test_the_price_asked_after_the_subsidies_is_told_the_reports_quote_no_prices(advisor: Advisor) -> None:
    first = advisor.respond("We are a 120-person auto parts maker in Jiangsu, we use ERP. What should we do next?")
    advisor.respond("any subsidies?", session_id=first.session_id)
    result = advisor.respond("how much does it cost?", session_id=first.session_id)
    assert not result.query.startswith("any subsidies")  # the price of the advice, not of the subsidy
    assert "give no prices" in result.answer


def test_is_it_safe_about_the_cloud_quotes_what_the_reports_say_of_data_security(advisor: Advisor) -> None:
    first = advisor.respond("We are a Japanese-owned electronics assembler in Dongguan, 450 employees, on SAP and MES.")
    result = advisor.respond("Is it safe? We worry about data leaving China.", session_id=first.session_id)
    assert not result.refused
    assert any("安全" in c.quote for c in result.citations), result.answer


def test_a_comparison_with_its_topic_after_a_colon_quotes_each_country_then_china_when_asked(
        advisor: Advisor) -> None:
    first = advisor.respond("Compare Germany and Japan: how do they support SME digitalisation?")
    assert "do not compare Germany and Japan directly" in first.answer
    assert any("德国" in c.quote for c in first.citations) and any("日本" in c.quote for c in first.citations)
    china = advisor.respond("And China?", session_id=first.session_id)
    assert not china.refused and "Germany" not in china.query and "Japan" not in china.query
    assert any("我国" in c.quote or "中央" in c.quote or "全国" in c.quote for c in china.citations), china.answer


def test_a_foreign_invested_firm_asking_for_subsidies_gets_the_sino_foreign_cooperation_zone(advisor: Advisor) -> None:
    first = advisor.respond("Hi, we are a German-owned auto parts maker in Suzhou, about 300 staff, on SAP.")
    result = advisor.respond("Are there subsidies we can get as a foreign-invested company?", session_id=first.session_id)
    assert any("中外" in c.quote or "中德" in c.quote for c in result.citations), result.answer
