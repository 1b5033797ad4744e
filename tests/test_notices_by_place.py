"""Several uploaded notices side by side, as a helpdesk keeps them: each answers for its own place and scheme, by the
section that states what is asked, even when another notice shares the question's words."""

from __future__ import annotations

import pytest

from assistant.advisor import Advisor
from tests.small_corpus import advisor_with_documents, quoted_lines

XIAOSHAN_RULES = """杭州市萧山区中小企业数字化改造专项资金管理实施细则

第一章 总则
第一条 为加快推进我区中小企业数字化改造，规范专项资金管理，制定本细则。
第二章 支持对象和条件
第四条 申报企业应当具备以下条件：
（一）在萧山区注册登记、年营业收入1000万元以上的工业中小企业；
（二）从业人员不超过300人。
第三章 支持标准
第六条 对企业实施的数字化改造项目，按照软件和信息化设备实际投资额的20%给予补助，单个企业最高补助80万元。
第四章 申报程序
第九条 企业向所在镇街提交申请材料，镇街初审后报区经济和信息化局。
第十条 申请材料包括：项目申请表、营业执照、项目投资发票及付款凭证、项目验收报告。
"""
SUZHOU_NOTICE = """苏州市工业和信息化局关于组织申报2026年度苏州市中小企业数字化转型专项资金项目的通知

各县级市（区）工业和信息化主管部门：
为加快推动我市中小企业数字化转型，现就组织申报有关事项通知如下。

一、申报条件
（一）申报企业须为在苏州市行政区域内依法注册、具有独立法人资格的工业中小企业。
（二）企业上年度营业收入在500万元以上，且不超过4亿元。

二、支持标准
（一）对数字化改造项目，按照项目设备和软件投资额的15%给予补助，单个项目最高不超过100万元。

三、申报材料
（一）苏州市中小企业数字化转型专项资金项目申报书。
（二）企业营业执照复印件、上年度财务审计报告。

四、申报时间和方式
申报时间为2026年4月1日至2026年4月30日。企业通过专项资金管理系统在线填报。
"""


@pytest.fixture(scope="module")
def advisor(tmp_path_factory: pytest.TempPathFactory) -> Advisor:
    return advisor_with_documents(tmp_path_factory.mktemp("notices"), {"xiaoshan.txt": XIAOSHAN_RULES, "suzhou.txt": SUZHOU_NOTICE})


def test_another_place_s_notice_is_not_quoted_for_the_place_asked(advisor: Advisor):
    # 萧山's rules share "数字化改造项目" with the question; their 20% was quoted first, as if it were 苏州's rate
    amount = quoted_lines(advisor.respond("苏州的数字化改造项目最多补多少").answer)
    assert "15%" in amount and "20%" not in amount
    rules = quoted_lines(advisor.respond("萧山区数字化改造专项资金的申报条件").answer)
    assert "萧山区注册登记" in rules and "苏州市行政区域" not in rules


def test_an_english_question_naming_the_place_is_answered_from_its_notice(advisor: Advisor):
    result = advisor.respond("What is the deadline for the Suzhou digital transformation fund?")
    assert not result.refused
    assert "2026年4月1日至2026年4月30日" in quoted_lines(result.answer)
