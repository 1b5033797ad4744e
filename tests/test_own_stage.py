"""A firm asking which stage it is at hears the stage read from what it said, the report's words on that stage and
the next, and what the next level looks like in the report's transformation paths."""

from __future__ import annotations

from assistant.advisor import Advisor
from assistant.own_stage import asks_own_stage


def test_the_stage_read_from_the_systems_named_is_said_with_the_reports_words_on_it_and_the_next(advisor: Advisor):
    answer = advisor.respond("我们算是数字化哪个阶段？用了金蝶财务和钉钉打卡").answer
    assert "### 贵企业大致所处的阶段" in answer
    assert "粗略归为“应用数字化”阶段" in answer and "不是正式评估" in answer
    assert "在应用数字化阶段，诉求是上云、深入" in answer and "在全面系统化阶段，诉求是打通、集成" in answer
    steps = [line for line in answer.splitlines() if "·三级（集成级）：" in line]
    assert len(steps) >= 2, answer  # what the next level looks like, from the report's path tables
    assert "28.1%的企业使用了金蝶软件" not in answer  # 金蝶 is what the firm uses, not what it asked about


def test_only_the_stage_is_asked_when_a_firm_asks_its_stage_without_saying_what_it_uses(advisor: Advisor):
    first = advisor.respond("我们厂在数字化转型哪一步了？")
    assert first.mode == "clarify" and first.clarify is not None and first.clarify.slots == ["stage"]
    answer = advisor.respond("主要用Excel和纸质单据", session_id=first.session_id).answer
    assert "粗略归为“基础信息化”阶段" in answer and "·二级（规范级）：" in answer
    assert "未提供行业" in answer  # the path shown is another trade's, and says so


def test_a_trade_with_its_own_path_table_gets_its_own(advisor: Advisor):
    answer = advisor.respond("我们是做汽配的，用了ERP和MES，各系统还没打通，我们处在什么阶段？").answer
    assert "报告“汽车制造业”转型路径中“三级（集成级）”的做法" in answer
    assert "没有专门的路径表" not in answer


def test_the_stage_is_answered_in_english_too(advisor: Advisor):
    answer = advisor.respond("We only use Excel and paper. What stage are we at?").answer
    assert "### Where your company roughly stands" in answer and "“basic informatisation”" in answer
    assert "What level 二级（规范级） looks like" in answer


def test_asking_when_a_system_fits_is_no_stage_check():
    assert asks_own_stage("我们现在处在什么阶段")
    assert asks_own_stage("what stage are we at?")
    assert not asks_own_stage("企业在什么阶段应该上MES")
    assert not asks_own_stage("数字化转型分哪几个阶段")
