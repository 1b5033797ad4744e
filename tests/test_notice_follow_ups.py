"""Helpdesk conversations about uploaded notices: lists quoted whole and in order, follow-ups that keep to the scheme
being discussed, and no figure of one district's notice given for another's."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from tests.small_corpus import advisor_with_documents

SUZHOU = """苏州市中小企业数字化转型专项资金申报通知

一、申报条件
（一）申报企业须为在苏州市行政区域内依法注册、具有独立法人资格的工业中小企业，财务管理制度健全。
（二）企业上年度营业收入在500万元以上，且不超过4亿元。
（三）项目总投资不低于100万元。

二、补助标准
对数字化改造项目，按照项目设备和软件投资额的15%给予补助，单个项目最高不超过100万元。

三、申报材料
（一）专项资金项目申报书。
（二）企业营业执照复印件。
（三）项目投资发票。
（四）企业信用承诺书。

四、申报时间和方式
申报时间为2026年4月1日至2026年4月30日。企业通过专项资金管理系统在线填报。
"""
# a district no list of places holds, beside another district's notice on the same kind of scheme
BEILUN = """宁波市北仑区数字经济发展专项资金申报指南

一、支持内容和标准
对企业购买工业软件、实施工业互联网改造的，按照软件和硬件投入的15%给予补助，单个企业最高不超过60万元。
"""
XIAOSHAN = """杭州市萧山区中小企业数字化改造专项资金管理实施细则

第二章支持对象和条件
第四条申报企业应当具备以下条件：
（一）在萧山区注册登记、具有独立法人资格的工业中小企业；
（二）从业人员不超过300人。
第五条有下列情形之一的，不予支持：
（一）近三年内存在严重失信行为的；
（二）同一项目已享受区级其他财政补助的。
"""
HUISHAN = """惠山区工业企业智改数转奖补申报指南

一、补助标准
工业软件购置：补助比例软件投资额的20%，最高限额50万元。
"""


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    return advisor_with_documents(tmp_path_factory.mktemp("notices"), {"suzhou.txt": SUZHOU, "beilun.txt": BEILUN, "huishan.txt": HUISHAN,
                                                                          "xiaoshan.txt": XIAOSHAN})


def _quotes(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.startswith("- ")]


def test_a_list_of_materials_is_quoted_whole_and_in_the_notice_s_order(advisor: Advisor):
    quotes = _quotes(advisor.respond("苏州的专项资金要准备哪些材料").answer)
    items = [q for q in quotes if any(m in q for m in ("申报书", "营业执照", "投资发票", "信用承诺书"))]
    assert len(items) == 4
    assert items == sorted(items, key=lambda q: "一二三四".index(q[3]))


def test_conditions_are_quoted_without_other_passages(advisor: Advisor):
    quotes = _quotes(advisor.respond("苏州的专项资金申报条件是什么").answer)
    assert len(quotes) == 3 and "500万元以上" in quotes[1]


def test_a_bare_follow_up_keeps_to_the_scheme_under_discussion(advisor: Advisor):
    first = advisor.respond("苏州的专项资金怎么申请")
    assert any("在线填报" in q for q in _quotes(first.answer))
    amount = advisor.respond("最多补多少", session_id=first.session_id)
    quotes = "\n".join(_quotes(amount.answer))
    assert "最高不超过100万元" in quotes
    assert "60万元" not in quotes and "50万元" not in quotes  # 北仑's and 惠山's caps


@pytest.mark.parametrize("asked", ["啥时候截止", "几时截止", "啥时候开始报名", "那截止时间呢"])
def test_a_colloquial_when_follow_up_gets_the_scheme_s_dates(advisor: Advisor, asked: str):
    first = advisor.respond("苏州的专项资金怎么申请")
    when = advisor.respond(asked, session_id=first.session_id)
    # "啥时候截止" was searched on its own and refused as "资料中没有…日期期限"
    assert not when.refused
    assert any("2026年4月30日" in q for q in _quotes(when.answer))


def test_a_district_s_figures_are_not_given_for_another_district(advisor: Advisor):
    quotes = "\n".join(_quotes(advisor.respond("惠山买工业软件能补多少").answer))
    assert "最高限额50万元" in quotes and "60万元" not in quotes


def test_a_heading_worded_differently_still_holds_the_amount(advisor: Advisor):
    result = advisor.respond("北仑的专项资金最高补多少")  # "支持内容和标准", and not redirected as out of scope
    assert not result.refused and "最高不超过60万元" in "\n".join(_quotes(result.answer))


def test_a_firm_asking_whether_it_qualifies_gets_the_notice_s_conditions_to_check_against(advisor: Advisor):
    answer = advisor.respond("我们在苏州，60人，营收3000万，能不能申请苏州的专项资金").answer
    assert "### 通知原文中的规定" in answer and "### 适合贵企业的场景" not in answer
    conditions = [q for q in _quotes(answer) if q.startswith("- （")]
    assert [q[3] for q in conditions] == ["一", "二", "三"]  # all of them, in the notice's order


def test_a_label_on_its_own_line_is_quoted_on_its_item_s_bullet(advisor: Advisor):
    # "第五条有下列情形之一的，不予支持：" and its "（一）…" are one quote; a line break inside it broke the bullet list
    answer = advisor.respond("萧山的数字化改造资金申报条件是什么").answer
    assert "不予支持：（一）近三年内存在严重失信行为的" in answer
    assert all(line.startswith(("- ", "以下", "说明", "来源", "[", "#")) for line in answer.splitlines() if line.strip())


def _checked(answer: str) -> list[str]:
    return [line for line in answer.splitlines() if line.startswith("说明：贵企业")]


def test_a_firm_s_figures_are_held_against_the_notice_s_numeric_conditions(advisor: Advisor):
    answer = advisor.respond("我们60人营收3000万，能不能申请苏州的专项资金").answer
    # under the quoted conditions, the one with a number is checked against the revenue given
    assert _checked(answer) == ["说明：贵企业营收3000万元：在“营业收入在500万元以上，且不超过4亿元”范围内。"]
    assert answer.index("（二）企业上年度营业收入") < answer.index("说明：贵企业")
    over = advisor.respond("萧山的数字化改造资金，我们350人能申请吗").answer
    assert _checked(over) == ["说明：贵企业从业人员350人：不满足“从业人员不超过300人”。"]


def test_an_approximate_headcount_near_the_cap_is_not_said_to_fit(advisor: Advisor):
    answer = advisor.respond("我们做注塑的，两百九十来号人，用了ERP，萧山的数字化改造资金能申请吗").answer
    assert "### 通知原文中的规定" in answer
    assert [line for line in _checked(answer) if "从业人员" in line] == [
        "说明：贵企业从业人员“两百九十来号人”：与“从业人员不超过300人”的界限接近，无法判断，请按准确数字核对。"]


def test_figures_given_earlier_are_held_against_conditions_asked_for_later(advisor: Advisor):
    first = advisor.respond("我们是做模具的，45人，年营收2800万，用了ERP")
    answer = advisor.respond("苏州的专项资金申报条件是什么", session_id=first.session_id).answer
    assert _checked(answer) == ["说明：贵企业营收2800万元：在“营业收入在500万元以上，且不超过4亿元”范围内。"]
    over = advisor.respond("做注塑的，300人，营收6亿，用了ERP，苏州专项资金能申请吗").answer
    assert _checked(over) == ["说明：贵企业营收6亿元：不满足“营业收入在500万元以上，且不超过4亿元”。"]


def test_a_firm_describing_itself_at_length_still_gets_the_notice_it_asks_about(advisor: Advisor):
    # the firm's own words (阀门, ERP, 80人, 八千万) were taken for the subject: 萧山's notice held too few of them, and
    # 北仑's and 苏州's amounts were quoted under 萧山's name
    answer = advisor.respond("做阀门的，用了ERP，80人，营收八千万，萧山的改造资金能不能申请").answer
    quotes = "\n".join(_quotes(answer))
    assert "（二）从业人员不超过300人" in quotes and "60万元" not in quotes and "100万元" not in quotes
    assert _checked(answer) == ["说明：贵企业从业人员80人：在“从业人员不超过300人”范围内。"]
