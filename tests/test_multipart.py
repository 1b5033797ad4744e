"""A message that asks several things gets each of them answered, under its own question."""

from __future__ import annotations

import re

import pytest

from assistant.advisor import Advisor
from assistant.constraints import asked_figures
from assistant.multipart import split_asks


@pytest.mark.parametrize(("message", "asks"), [
    ("三个问题：1.什么是两化融合 2. 小微企业用SaaS靠谱吗 3. 数字化转型失败率高吗",
     ["什么是两化融合", "小微企业用SaaS靠谱吗", "数字化转型失败率高吗"]),
    # voice typing: no punctuation, the next ask after 另外; "还有大概投多少钱" is about the main ask
    ("我们是做阀门的 温州的 200个人 想做设备联网 怎么搞 另外温州有没有补贴 还有大概投多少钱",
     ["我们是做阀门的 温州的 200个人 想做设备联网 怎么搞 大概投多少钱", "温州有没有补贴"]),
    ("What is MES? And how much does ERP cost?", ["What is MES?", "And how much does ERP cost?"]),
    # numbered by the user: each item is its own ask, however short, about the firm the lead-in describes
    ("我们是做注塑的，80人，在宁波。1. 先上什么系统？2. 有没有补贴？3. 要花多少钱？",
     ["先上什么系统？", "有没有补贴？", "要花多少钱？"]),
])
def test_a_message_asking_several_things_is_parted_into_its_asks(message: str, asks: list[str]) -> None:
    assert split_asks(message) == asks


@pytest.mark.parametrize("message", [
    "我们是东莞做五金冲压的，30个人，还在用Excel管生产，下一步该上什么系统",
    "汽配厂上MES有什么补贴？大概多少钱？",  # the price is the subsidy question's own follow-on
    "浙江省中小企业的上云率现在是多少？比全国高吗？",
    "专精特新是什么？有什么补贴？",
    "德国和日本的政策有什么区别",
    # an owner listing pains asks nothing yet: "哪批料", "几个老师傅" are no question words here
    "我们厂做五金冲压件的，八十来个人，订单越来越多品种小批量，交期老是拖，质量出了问题也追溯不到是哪批料哪台机，"
    "还有几个老师傅快退休了，手艺都在他们脑子里，头疼得很",
    # the second question is about what the first named ("it", "这个")
    "What about AI? Is it useful for a plant like ours?",
    "MES上云靠谱吗？这个对我们小厂有用吗？",
])
def test_one_question_with_its_follow_on_stays_one_question(message: str) -> None:
    assert split_asks(message) == []


def test_a_list_of_pains_is_answered_as_one_message_not_as_questions_with_their_text_as_headings(
        advisor: Advisor) -> None:
    result = advisor.respond("老板我说几句啊，我们厂做五金冲压件的，八十来个人，现在订单越来越多品种小批量，交期老是拖，客户天天催，"
                             "质量出了问题也追溯不到是哪批料哪台机，还有几个老师傅快退休了，手艺都在他们脑子里，头疼得很")
    assert "个问题" not in result.answer and "**1." not in result.answer
    assert not result.refused and result.citations


def test_each_ask_is_answered_under_its_own_heading_with_citations_numbered_through(advisor: Advisor) -> None:
    result = advisor.respond("三个问题：1.什么是两化融合 2. 小微企业用SaaS靠谱吗 3. 德国给中小企业数字化有什么支持")
    assert "3个问题" in result.answer
    headings = re.findall(r"^\*\*(\d)\. (.+)\*\*$", result.answer, re.MULTILINE)
    assert [h[0] for h in headings] == ["1", "2", "3"]
    numbers = [c.n for c in result.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert markers and markers <= set(numbers)
    third = result.answer.split("**3. ")[1]
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", third)}
    assert cited and all("德国" in next(c.passage for c in result.citations if c.n == n) for n in cited)


def test_a_part_outside_our_remit_gets_its_redirect_and_the_rest_is_answered(advisor: Advisor) -> None:
    result = advisor.respond("我们是做注塑的，30人，想上MES怎么做？另外公司账务怎么做税务筹划？")
    first, second = result.answer.split("**2. ")
    assert "[1]" in first and not result.refused
    assert "税务" in second and not re.search(r"\[\d+\]", second)


def test_asking_what_to_adopt_right_after_describing_the_firm_is_advice_not_a_refusal(advisor: Advisor) -> None:
    first = advisor.respond("我们是做模具的，130人")
    result = advisor.respond("那上什么系统好", session_id=first.session_id)
    assert not result.refused and result.intent == "advice"


def test_the_digits_of_a_product_code_are_no_figure_asked_about() -> None:
    assert asked_figures("我们用的用友U8和金蝶K3，PLC是S7-1200，想上5G") == set()
    assert asked_figures("研发投入3%还是5%") == {"3", "5"}


def test_the_firm_and_the_assumptions_are_stated_once_above_the_parts_not_in_each(advisor: Advisor) -> None:
    result = advisor.respond("我们是做注塑的，80人，在宁波。1. 先上什么系统？2. 有没有补贴？")
    assert not result.refused
    assert result.answer.count("根据您提供的情况") == 1
    assert result.answer.count("仅按从业人员判断") == 1
    assert result.answer.index("根据您提供的情况") < result.answer.index("**1. ")


def test_a_question_about_support_alone_gets_the_support_without_scenarios_padding_it(advisor: Advisor) -> None:
    first = advisor.respond("东莞做注塑的，六十来号人")
    result = advisor.respond("有补贴吗", session_id=first.session_id)
    assert "可关注的政策与支持" in result.answer
    assert "适合贵企业的场景" not in result.answer


def test_an_ordinal_after_a_numbered_answer_means_that_question_and_asks_for_more_on_it(advisor: Advisor) -> None:
    first = advisor.respond("我们是做注塑的，80人，在宁波。1. 先上什么系统？2. 有没有补贴？")
    second = advisor.respond("第二个展开说说", session_id=first.session_id)
    assert second.query.startswith("有没有补贴")
    assert not second.refused and "可关注的政策与支持" in second.answer
    shown = {c.quote for c in first.citations}
    assert not shown & {c.quote for c in second.citations}  # more on it, not the same quotes again
    again = advisor.respond("我们是做注塑的，80人，在宁波。1. 先上什么系统？2. 有没有补贴？")
    third = advisor.respond("第三个", session_id=again.session_id)
    assert third.mode == "reply" and "第3" in third.answer  # there were two questions, whatever the bullets
