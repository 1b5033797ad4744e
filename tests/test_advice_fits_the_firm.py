"""Advice fits the firm that asked: AI questions get the reports' AI uses, stage remarks are its own stage's."""

from __future__ import annotations

from assistant.advisor import Advisor


def scenarios(answer: str) -> list[str]:
    block = answer.split("### 适合贵企业的场景")[1].split("###")[0]
    return [line for line in block.splitlines() if line.startswith("- ")]


def test_a_pcb_maker_asking_about_ai_gets_the_reports_ai_uses_not_its_trades_definitions(advisor: Advisor) -> None:
    result = advisor.respond("我们是做PCB的，150人，在深圳，用了ERP和MES。AI对我们有什么用？")
    assert not result.refused
    lines = scenarios(result.answer)
    assert lines and all("AI" in line or "人工智能" in line or "大模型" in line for line in lines), lines
    assert "开料计算" not in result.answer  # the PCB section's scenarios say nothing of AI
    # and the answer says so, rather than passing general AI remarks off as the trade's own
    assert "“印刷电路板”章节没有谈到人工智能" in result.answer


def test_a_trade_whose_section_speaks_of_ai_is_not_told_it_does_not(advisor: Advisor) -> None:
    first = advisor.respond("汽配厂，常州的，120人，ERP和MES都上了")
    result = advisor.respond("AI大模型对我们有用吗", session_id=first.session_id)
    assert not result.refused and "章节没有谈到" not in result.answer
    assert all("AI" in line or "人工智能" in line or "大模型" in line for line in scenarios(result.answer))


def test_a_follow_up_never_quotes_another_stages_remark_in_place_of_the_firms_own(advisor: Advisor) -> None:
    first = advisor.respond("苏州做纺织印染的，300来人，营收3个亿，ERP和MES都有")
    answers = [advisor.respond(m, session_id=first.session_id).answer for m in ("下一步做什么", "第二条展开说说", "还有吗")]
    for answer in answers:  # the firm runs ERP and MES: 应用数字化
        assert "在基础信息化阶段" not in answer and "在全面系统化阶段" not in answer and "在智慧生态化阶段" not in answer


def test_a_food_plant_asking_for_peer_cases_is_told_there_are_none_of_its_trade(advisor: Advisor) -> None:
    first = advisor.respond("我们是食品厂，50人，在河南，想搞数字化从哪开始")
    advisor.respond("有补贴吗", session_id=first.session_id)
    result = advisor.respond("有同行案例吗", session_id=first.session_id)
    assert "报告里没有“食品制造”企业的案例" in result.answer
    # neither the subsidy programmes asked about before nor an American start-up pass for peers
    assert "SBIR" not in result.answer and "美国" not in result.answer and "是指" not in result.answer
